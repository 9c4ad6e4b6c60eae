// The scrollback: lines are queued and drawn once per animation frame, so
// a flood of output costs one layout, and the oldest lines go once there
// are more than `max` (10,000), so it stays fast however long a session
// runs. New output is also put in a polite live region for screen readers.

import { renderLine } from "./ansi.ts";

/** Lines announced at once: a long listing is summarised rather than read out whole. */
const ANNOUNCE_LINES = 30;
/** Announcements kept in the live region (old ones are removed; readers only speak additions). */
const ANNOUNCE_KEEP = 10;

export class Terminal {
  private queue: { text: string; cls: string }[] = [];
  private drawing = false;

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

  /** Lines in the scrollback now (tests and the trim check). */
  get lineCount(): number { return this.el.childElementCount; }

  private draw(): void {
    this.drawing = false;
    const batch = this.queue;
    this.queue = [];
    const el = this.el;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
    const frag = document.createDocumentFragment();
    const spoken: string[] = [];
    for (const { text, cls } of batch) {
      const div = document.createElement("div");
      if (cls) div.className = cls;
      const plain = renderLine(text, div);
      // An empty line still takes its height.
      if (plain === "") div.appendChild(document.createTextNode("\u00a0"));
      frag.appendChild(div);
      if (cls !== "echo") spoken.push(plain);
    }
    el.appendChild(frag);
    const extra = el.childElementCount - this.max;
    if (extra > 0) {
      const r = document.createRange();
      r.setStartBefore(el.firstChild!);
      r.setEndAfter(el.children[extra - 1]!);
      r.deleteContents();
    }
    if (atBottom) el.scrollTop = el.scrollHeight;
    this.announce(spoken);
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
