// The scrollback: lines are queued and drawn once per animation frame, so
// a flood of output costs one layout, and the oldest lines go once there
// are more than `max` (10,000), so it stays fast however long a session
// runs. Lines sit in blocks of CHUNK, each laid out on its own and skipped
// by the browser while off screen: a new line then costs the last block's
// layout, not the whole scrollback's (one block per line measured 0.4 s
// per command at 10,000 lines; blocks of 200, a few ms). New output is also
// put in a polite live region for screen readers.

import { renderLine } from "./ansi.ts";

/** Lines announced at once: a long listing is summarised rather than read out whole. */
const ANNOUNCE_LINES = 30;
/** Announcements kept in the live region (old ones are removed; readers only speak additions). */
const ANNOUNCE_KEEP = 10;
const CHUNK = 200;

export class Terminal {
  private queue: { text: string; cls: string }[] = [];
  private drawing = false;
  private lines = 0;

  constructor(
    private readonly el: HTMLElement,
    private readonly announcer: HTMLElement,
    private readonly max = 10_000,
  ) {}

  /** Queue a line; `cls` styles it (echo of what was typed, notices from the client). */
  write(text: string, cls = ""): void {
    this.queue.push({ text, cls });
    // A hidden tab draws nothing: keep only what could be shown.
    if (this.queue.length > this.max) this.queue.splice(0, this.queue.length - this.max);
    if (!this.drawing) {
      this.drawing = true;
      requestAnimationFrame(() => this.draw());
    }
  }

  /** Lines in the scrollback now. */
  get lineCount(): number { return this.lines; }

  private draw(): void {
    this.drawing = false;
    const batch = this.queue;
    this.queue = [];
    const el = this.el;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
    const spoken: string[] = [];
    let chunk = el.lastElementChild as HTMLElement | null;
    let frag = document.createDocumentFragment(), room = chunk ? CHUNK - chunk.childElementCount : 0;
    const flush = () => { if (chunk && frag.childNodes.length) chunk.appendChild(frag); };
    for (const { text, cls } of batch) {
      if (room <= 0) {
        flush();
        chunk = el.appendChild(document.createElement("div"));
        chunk.className = "chunk";
        frag = document.createDocumentFragment();
        room = CHUNK;
      }
      const div = document.createElement("div");
      if (cls) div.className = cls;
      const plain = renderLine(text, div);
      // An empty line still takes its height.
      if (plain === "") div.appendChild(document.createTextNode("\u00a0"));
      frag.appendChild(div);
      room--;
      if (cls !== "echo") spoken.push(plain);
    }
    flush();
    this.lines += batch.length;
    this.trim();
    if (atBottom) el.scrollTop = el.scrollHeight;
    this.announce(spoken);
  }

  /** Drop the oldest lines beyond max: whole blocks while they fit, then lines from the first block. */
  private trim(): void {
    let extra = this.lines - this.max;
    while (extra > 0) {
      const first = this.el.firstElementChild!;
      const n = first.childElementCount;
      if (n <= extra) { first.remove(); extra -= n; this.lines -= n; continue; }
      const r = document.createRange();
      r.setStartBefore(first.firstChild!);
      r.setEndAfter(first.children[extra - 1]!);
      r.deleteContents();
      this.lines -= extra;
      extra = 0;
    }
  }

  private announce(lines: string[]): void {
    const said = lines.filter((l) => l.trim() !== "");
    if (said.length === 0) return;
    const p = document.createElement("p");
    p.textContent = said.length > ANNOUNCE_LINES
      ? `${said.slice(0, ANNOUNCE_LINES).join("\n")}\n(and ${said.length - ANNOUNCE_LINES} more lines)`
      : said.join("\n");
    this.announcer.appendChild(p);
    while (this.announcer.childElementCount > ANNOUNCE_KEEP) this.announcer.firstElementChild!.remove();
  }
}
