// The semantic checks LambdaMOO's parser makes while it builds the tree
// (parser.y): `$`/`^` only inside brackets, break/continue loop names,
// assignment targets, scatter shapes, except arms. Also bounds tree depth so
// every later recursive pass (compiler, unparser) is safe from stack overflow.

import type { Arg, Diagnostic, Expr, ExceptArm, Pos, Program, Stmt } from "./ast.ts";

/** A loop-name stack entry: a loop's name (null if unnamed) or a fork's barrier. */
type LoopEntry = { readonly name: string | null } | "barrier";

const TOO_DEEP = "program too deeply nested";

class Checker {
  readonly diagnostics: Diagnostic[] = [];
  private readonly loops: LoopEntry[] = [];
  private brackets = 0;
  private depth = 0;
  private tooDeep = false;

  constructor(private readonly maxDepth: number) {}

  private report(pos: Pos, message: string): void {
    this.diagnostics.push({ line: pos.line, col: pos.col, message });
  }

  /** Counts one level of tree depth; false (after one report) when past the limit. */
  private enter(pos: Pos): boolean {
    if (++this.depth <= this.maxDepth) return true;
    if (!this.tooDeep) {
      this.tooDeep = true;
      this.report(pos, TOO_DEEP);
    }
    return false;
  }

  statements(list: readonly Stmt[]): void {
    for (const s of list) {
      if (this.enter(s.pos)) this.statement(s);
      this.depth--;
    }
  }

  private loop(names: readonly (string | null)[], body: readonly Stmt[]): void {
    for (const name of names) this.loops.push({ name });
    this.statements(body);
    this.loops.length -= names.length;
  }

  private statement(s: Stmt): void {
    switch (s.kind) {
      case "if":
        for (const arm of s.arms) {
          this.expr(arm.cond);
          this.statements(arm.body);
        }
        if (s.else !== null) this.statements(s.else);
        return;
      case "forList":
        this.expr(s.expr);
        // ToastStunt makes both variables of `for v, k in` usable as labels.
        this.loop(s.key === null ? [s.value] : [s.value, s.key], s.body);
        return;
      case "forRange":
        this.expr(s.from);
        this.expr(s.to);
        this.loop([s.variable], s.body);
        return;
      case "while":
        this.expr(s.cond);
        this.loop([s.label], s.body);
        return;
      case "fork":
        this.expr(s.time);
        // A fork body runs as its own task: loops outside it cannot be left from inside.
        this.loops.push("barrier");
        this.statements(s.body);
        this.loops.pop();
        return;
      case "expr":
        this.expr(s.expr);
        return;
      case "return":
        if (s.value !== null) this.expr(s.value);
        return;
      case "tryExcept":
        this.statements(s.body);
        this.exceptArms(s.arms);
        return;
      case "tryFinally":
        this.statements(s.body);
        this.statements(s.finally);
        return;
      case "break":
      case "continue":
        this.loopExit(s.kind, s.label, s.pos);
        return;
      default: {
        const never: never = s;
        throw new Error(`unknown statement ${JSON.stringify(never)}`);
      }
    }
  }

  private exceptArms(arms: readonly ExceptArm[]): void {
    for (let i = 0; i < arms.length; i++) {
      const arm = arms[i]!;
      if (i > 0 && arms[i - 1]!.codes === null) this.report(arm.pos, "Unreachable EXCEPT clause");
      else if (i > 255) this.report(arm.pos, "Too many EXCEPT clauses (max. 255)");
      if (arm.codes !== null) this.args(arm.codes);
      this.statements(arm.body);
    }
  }

  private loopExit(kind: "break" | "continue", label: string | null, pos: Pos): void {
    const top = this.loops.length > 0 ? this.loops[this.loops.length - 1]! : "barrier";
    if (label === null) {
      if (top === "barrier") this.report(pos, `No enclosing loop for \`${kind}' statement`);
      return;
    }
    const wanted = label.toLowerCase();
    for (let i = this.loops.length - 1; i >= 0; i--) {
      const entry = this.loops[i]!;
      if (entry === "barrier") break;
      if (entry.name !== null && entry.name.toLowerCase() === wanted) return;
    }
    this.report(pos, `Invalid loop name in \`${kind}' statement: ${label}`);
  }

  private args(list: readonly Arg[]): void {
    for (const a of list) this.expr(a.expr);
  }

  /** Sub-expressions inside `[...]` of an index or range, where `$` and `^` are legal. */
  private bracketed(e: Expr): void {
    this.brackets++;
    this.expr(e);
    this.brackets--;
  }

  expr(e: Expr): void {
    if (this.enter(e.pos)) this.exprInner(e);
    this.depth--;
  }

  private exprInner(e: Expr): void {
    switch (e.kind) {
      case "int": case "float": case "str": case "obj": case "err": case "id":
        return;
      case "length":
      case "first":
        if (this.brackets === 0) {
          this.report(e.pos, `Illegal context for \`${e.kind === "length" ? "$" : "^"}' expression.`);
        }
        return;
      case "prop":
        this.expr(e.obj);
        this.expr(e.name);
        return;
      case "verb":
        this.expr(e.obj);
        this.expr(e.name);
        this.args(e.args);
        return;
      case "call":
        this.args(e.args);
        return;
      case "index":
        this.expr(e.base);
        this.bracketed(e.index);
        return;
      case "range":
        this.expr(e.base);
        this.bracketed(e.from);
        this.bracketed(e.to);
        return;
      case "assign":
        this.assignTarget(e.target);
        this.expr(e.value);
        return;
      case "scatter":
        for (const item of e.items) if (item.default !== null) this.expr(item.default);
        return;
      case "binary":
        this.expr(e.left);
        this.expr(e.right);
        return;
      case "unary":
        this.expr(e.operand);
        return;
      case "list":
        this.args(e.items);
        return;
      case "map":
        for (const [k, v] of e.entries) {
          this.expr(k);
          this.expr(v);
        }
        return;
      case "cond":
        this.expr(e.cond);
        this.expr(e.then);
        this.expr(e.else);
        return;
      case "catch":
        this.expr(e.expr);
        if (e.codes !== null) this.args(e.codes);
        if (e.default !== null) this.expr(e.default);
        return;
      default: {
        const never: never = e;
        throw new Error(`unknown expression ${JSON.stringify(never)}`);
      }
    }
  }

  private assignTarget(target: Expr): void {
    if (target.kind === "list") {
      // Only a list the grammar could not turn into a scatter gets here.
      this.report(target.pos, target.items.length === 0
        ? "Empty list in scattering assignment."
        : "Scattering assignment targets must be simple variables.");
    } else if (target.kind === "scatter") {
      let rests = 0;
      for (const item of target.items) if (item.kind === "rest") rests++;
      if (rests > 1) this.report(target.pos, "More than one `@' target in scattering assignment.");
      if (target.items.length > 255) this.report(target.pos, "Too many targets in scattering assignment.");
    } else {
      // As LambdaMOO: strip one range, then any indexes; what is left must be a variable or property.
      let base: Expr = target;
      if (base.kind === "range") base = base.base;
      while (base.kind === "index") base = base.base;
      if (base.kind !== "id" && base.kind !== "prop") {
        this.report(target.pos, "Illegal expression on left side of assignment.");
      }
    }
    this.expr(target);
  }
}

/** LambdaMOO's parse-time checks on a whole verb body, in source order. */
export function checkProgram(program: Program, maxDepth: number): Diagnostic[] {
  const c = new Checker(maxDepth);
  c.statements(program.body);
  return c.diagnostics;
}

/** The same checks on a lone expression (no enclosing loop). */
export function checkExpression(expr: Expr, maxDepth: number): Diagnostic[] {
  const c = new Checker(maxDepth);
  c.expr(expr);
  return c.diagnostics;
}
