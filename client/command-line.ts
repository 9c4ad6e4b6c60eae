// The input line: Enter sends, Up and Down walk through what was sent
// (keeping a half-typed line), and what is sent is echoed into the
// scrollback. Lines that carry a password (connect, create, @password)
// are echoed masked and never kept in the history.

const HISTORY = 500;
const SECRET = /^\s*(co(?:nnect?)?|cr(?:eate?)?|@pass(?:word)?)(\s+\S+)(\s+.*)?$/i;

/** The line as it may be shown and remembered: passwords replaced by stars. */
export const masked = (line: string): { shown: string; secret: boolean } => {
  const m = SECRET.exec(line);
  if (!m || !m[3]) return { shown: line, secret: false };
  return { shown: `${m[1]}${m[1]!.toLowerCase().startsWith("@pass") ? " ****" : m[2]} ****`, secret: true };
};

export class CommandLine {
  private readonly history: string[] = [];
  /** Where Up/Down stand: history.length is the line being typed. */
  private at = 0;
  private draft = "";

  constructor(
    form: HTMLFormElement,
    private readonly input: HTMLInputElement,
    private readonly send: (line: string, shown: string) => void,
  ) {
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.submit();
    });
    input.addEventListener("keydown", (e) => this.key(e));
  }

  focus(): void { this.input.focus(); }

  private submit(): void {
    const line = this.input.value;
    const { shown, secret } = masked(line);
    this.send(line, shown);
    if (!secret && line.trim() !== "" && this.history[this.history.length - 1] !== line) {
      this.history.push(line);
      if (this.history.length > HISTORY) this.history.shift();
    }
    this.at = this.history.length;
    this.draft = "";
    this.input.value = "";
  }

  private key(e: KeyboardEvent): void {
    if (e.key !== "ArrowUp" && e.key !== "ArrowDown") return;
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    if (this.at === this.history.length) this.draft = this.input.value;
    this.at = Math.max(0, Math.min(this.history.length, this.at + (e.key === "ArrowUp" ? -1 : 1)));
    this.input.value = this.at === this.history.length ? this.draft : this.history[this.at]!;
    const end = this.input.value.length;
    this.input.setSelectionRange(end, end);
  }
}
