// Random well-formed MOO programs for fuzz tests (compiler round trips, VM
// robustness). Deterministic for a given seed; test support only.

export class ProgramGenerator {
  constructor(private seed: number) {}

  private rand(n: number): number {
    this.seed = (this.seed * 1103515245 + 12345) & 0x7fffffff;
    return this.seed % n;
  }

  /** A random expression of about depth d. */
  expr(d: number): string {
    const r = (n: number) => this.rand(n);
    if (d <= 0) return ["x", "y", "1", "-2", "2.5", '"a\\\\"', "#3", "E_PERM", "args", "{}", "[]", "{1, 2}"][r(12)]!;
    const a = () => this.expr(d - 1);
    switch (r(15)) {
      case 0: return `${a()} ${["+", "-", "*", "/", "%", "^", "==", "<", ">=", "in", "&&", "||", "&.", "<<", ">>>"][r(15)]} ${a()}`;
      case 1: return `${["-", "!", "~"][r(3)]}${a()}`;
      case 2: return `{${a()}, @${a()}}`;
      case 3: return `[${a()} -> ${a()}]`;
      case 4: return `(${a()})[${a()}]`;
      case 5: return `x[${a()}..$]`;
      case 6: return `(${a()} ? ${a()} | ${a()})`;
      case 7: return `\`${a()} ! ANY => ${a()}'`;
      case 8: return `length(${a()})`;
      case 9: return `x.(${a()})`;
      case 10: return `#0:foo(${a()})`;
      case 11: return `$bar.baz`;
      case 12: return `(x = ${a()})`;
      case 13: return `tostr(${a()}, ${a()})`;
      default: return `({y, ?z = ${a()}, @w} = ${a()})`;
    }
  }

  /** A random statement nested about d deep. */
  stmt(d: number): string {
    const e = () => this.expr(2);
    if (d <= 0) return [`x = ${e()};`, `x = {@x, ${e()}};`, `x[1] = ${e()};`, `y = y + ${e()};`][this.rand(4)]!;
    switch (this.rand(8)) {
      case 0: return `if (${e()}) ${this.stmt(d - 1)} elseif (${e()}) ${this.stmt(d - 1)} else ${this.stmt(d - 1)} endif`;
      case 1: return `for v, k in (${e()}) ${this.stmt(d - 1)} endfor`;
      case 2: return `while loop (${e()}) ${this.stmt(d - 1)} break loop; endwhile`;
      case 3: return `try ${this.stmt(d - 1)} except err (E_PERM, E_TYPE) ${this.stmt(d - 1)} except (ANY) return 1; endtry`;
      case 4: return `try ${this.stmt(d - 1)} finally x = ${e()}; endtry`;
      case 5: return `fork (0) ${this.stmt(d - 1)} endfork`;
      case 6: return `for i in [1..3] ${this.stmt(d - 1)} if (i == 2) continue; endif ${this.stmt(d - 1)} endfor`;
      default: return `x = ${e()};`;
    }
  }

  /** A whole program: a few statements and a return. */
  program(): string {
    return `x = {}; y = 0; ${this.stmt(2)} ${this.stmt(2)} return ${this.expr(3)};`;
  }
}
