// The `.moot` transcript format (../shared/conformance/README.md): lines
// typed as a player and the output lines expected back. Parsing only; the
// runner (moot-runner.ts) types them at a server.

export interface Expect {
  /** `expr`: a MOO expression the server evaluates; `exact`: the text itself. */
  readonly kind: "expr" | "exact";
  readonly text: string;
  readonly line: number;
}

export interface Step {
  readonly line: number;
  /** `;` evaluate, `&` evaluate and ignore, `%` a typed command, `@` switch player (text is the role). */
  readonly kind: ";" | "&" | "%" | "@";
  /** What is typed: one line for `;` and `&`; for `%`, the command and its `>` lines, separated by "\n". */
  readonly text: string;
  /** Expected outputs, in order. */
  readonly expect: readonly Expect[];
}

/** Parse a .moot transcript into steps. */
export const parseMoot = (text: string): Step[] => {
  const steps: { line: number; kind: Step["kind"]; text: string; expect: Expect[] }[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, "");
    const last = steps[steps.length - 1];
    if (raw.startsWith("//") || raw.trim() === "") continue;
    const who = /^@(wizard|programmer|nonprogrammer)\s*$/.exec(raw);
    if (who) { steps.push({ line: i + 1, kind: "@", text: who[1]!, expect: [] }); continue; }
    const m = /^([;&%])\s?(.*)$/.exec(raw);
    if (m) { steps.push({ line: i + 1, kind: m[1] as ";" | "&" | "%", text: m[2]!, expect: [] }); continue; }
    // `>` continues a program (joined with a space: typed as one line), or follows a command as a line of its own.
    if (raw.startsWith(">") && last && last.kind !== "@" && last.expect.length === 0) {
      last.text += last.kind === "%" ? "\n" + raw.slice(1).replace(/^ /, "") : " " + raw.slice(1).trim();
      continue;
    }
    if (!last) continue;
    if (raw.startsWith("=")) last.expect.push({ kind: "exact", text: raw.slice(1), line: i + 1 });
    else last.expect.push({ kind: "expr", text: raw.replace(/^<\s?/, ""), line: i + 1 });
  }
  return steps;
};

/** How many assertions a step makes: one per expected line; a bare `;` expects its value to be 0. */
export const assertionsOf = (s: Step): number =>
  s.kind === "@" || s.kind === "&" ? 0 : s.expect.length > 0 ? s.expect.length : s.kind === ";" ? 1 : 0;
