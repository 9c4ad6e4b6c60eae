// Compiler from the MOO AST to bytecode (Program). Tracks the static stack
// depth, so loops, handlers and `break` know what to unwind, and numbers
// lines as the canonical listing (verb_code) does, for tracebacks.

import type { Arg, Expr, Program as Ast, Stmt, Diagnostic, ScatterItem } from "../grammar/ast.ts";
import { type Value, mkFloat, mkObj, mkErr, mkBigInt, errorByName } from "./value.ts";
import { Op, BINOP, word, MAX_ARG } from "./opcodes.ts";
import { type Program, type Table, PROGRAM_VERSION, BUILTIN_VARS, frameInitOf, newRuntime } from "./program.ts";

export class CompileError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `Line ${d.line}: ${d.message}`).join("\n"));
  }
}

interface Loop {
  readonly name: string | null;
  /** Stack depth outside the loop (break restores it). */
  readonly baseSp: number;
  /** Stack depth inside the loop body (continue keeps loop state). */
  readonly bodySp: number;
  readonly handlers: number;
  /** EXIT operands to patch with the exit pc and the test pc. */
  readonly breaks: number[];
  readonly continues: number[];
}

const SMALL_INT_MIN = -(1 << 23);
const SMALL_INT_MAX = MAX_ARG;

export const compile = (ast: Ast): Program => new Compiler().program(ast);

class Compiler {
  private code: number[] = [];
  private consts: Value[] = [];
  private constKeys = new Map<string, number>();
  private names: string[] = [];
  private slots = new Map<string, number>();
  private funcs: string[] = [];
  private funcIndex = new Map<string, number>();
  private tables: Table[] = [];
  private operands: number[] = [];
  private lines: number[] = [];
  private line = 1;
  private sp = 0;
  private maxSp = 0;
  private handlers = 0;
  private loops: Loop[] = [];
  /** Stack depths of the values being indexed, innermost last (for `$` and `^`). */
  private indexBases: number[] = [];
  private errors: Diagnostic[] = [];

  program(ast: Ast): Program {
    this.block(ast.body);
    this.emit(Op.DONE);
    if (this.errors.length > 0) throw new CompileError(this.errors);
    return {
      version: PROGRAM_VERSION,
      code: Int32Array.from(this.code),
      consts: this.consts,
      names: this.names,
      init: frameInitOf(this.names),
      runtime: newRuntime(),
      funcs: this.funcs,
      tables: this.tables,
      operands: Int32Array.from(this.operands),
      lines: Int32Array.from(this.lines),
      maxStack: this.maxSp + 4,
    };
  }

  // ---- emission helpers ----

  private emit(op: number, arg = 0, stack = 0): number {
    this.code.push(word(op, arg));
    this.adjust(stack);
    return this.code.length - 1;
  }
  private adjust(n: number): void {
    this.sp += n;
    if (this.sp > this.maxSp) this.maxSp = this.sp;
  }
  private get pc(): number { return this.code.length; }
  private patch(at: number, target: number): void {
    const op = this.code[at]! & 0xff;
    this.code[at] = word(op, target);
  }
  private operand(...vals: number[]): number {
    const i = this.operands.length;
    this.operands.push(...vals);
    return i;
  }
  private table(t: Table): number {
    this.tables.push(t);
    return this.tables.length - 1;
  }
  private slot(name: string): number {
    const key = name.toLowerCase();
    let s = this.slots.get(key);
    if (s === undefined) {
      s = this.names.length;
      this.names.push(name);
      this.slots.set(key, s);
    }
    return s;
  }
  private constant(v: Value, key: string): number {
    let i = this.constKeys.get(key);
    if (i === undefined) {
      i = this.consts.length;
      this.consts.push(v);
      this.constKeys.set(key, i);
    }
    return i;
  }
  private pushConst(v: Value, key: string): void {
    this.emit(Op.PUSH_CONST, this.constant(v, key), 1);
  }
  private mark(): void {
    this.lines.push(this.pc, this.line);
  }
  private error(pos: { line: number; col: number }, message: string): void {
    this.errors.push({ line: pos.line, col: pos.col, message });
  }

  // ---- statements ----

  /**
   * Variables certainly bound at this point: builtin ones, and those assigned
   * by an earlier straight-line statement of this block or an enclosing one.
   * Fusions that evaluate the right side before reading the variable (which
   * would turn an E_VARNF into another error) are used only on these.
   */
  private surelyBound = new Set<string>(BUILTIN_VARS.map((n) => n.toLowerCase()));

  private block(body: readonly Stmt[]): void {
    const saved = this.surelyBound;
    this.surelyBound = new Set(saved);
    for (const s of body) {
      this.stmt(s);
      if (s.kind === "expr" && s.expr.kind === "assign" && s.expr.target.kind === "id") this.surelyBound.add(s.expr.target.name.toLowerCase());
    }
    this.surelyBound = saved;
  }

  private stmt(s: Stmt): void {
    this.mark();
    switch (s.kind) {
      case "expr":
        this.line++;
        this.exprStmt(s.expr);
        return;
      case "return":
        this.line++;
        if (s.value) this.returnValue(s.value); else this.emit(Op.RETURN0);
        return;
      case "if": {
        const ends: number[] = [];
        s.arms.forEach((arm, i) => {
          if (i > 0) this.mark();
          this.line++;
          const skip = this.jumpUnless(arm.cond);
          this.block(arm.body);
          ends.push(this.emit(Op.JUMP));
          skip();
        });
        if (s.else) {
          this.line++;
          this.block(s.else);
        }
        this.line++; // endif
        for (const e of ends) this.patch(e, this.pc);
        return;
      }
      // Loops test at the bottom (Lua's FORLOOP): one loop instruction per
      // iteration instead of a test plus a jump back. `continue` goes to the test.
      case "while": {
        const line = this.line++;
        const enter = this.emit(Op.JUMP);
        const body = this.pc;
        this.loopBody(s.label, this.sp, this.sp, s.body);
        this.line++;
        this.patch(enter, this.testHere(line));
        this.expr(s.cond);
        if (s.label !== null) this.emit(Op.PUT_VAR, this.slot(s.label));
        this.emit(Op.IF_TRUE, body, -1);
        this.endLoop();
        return;
      }
      case "forList": {
        const line = this.line++;
        const baseSp = this.sp;
        this.expr(s.expr);
        this.emit(Op.PUSH_INT, 1, 1);
        const enter = this.emit(Op.JUMP);
        const body = this.pc;
        this.loopBody(s.value, baseSp, this.sp, s.body);
        this.line++;
        this.patch(enter, this.testHere(line));
        this.emit(Op.FOR_LIST, this.operand(this.slot(s.value), s.key === null ? -1 : this.slot(s.key), body));
        this.sp = baseSp;
        this.endLoop();
        return;
      }
      case "forRange": {
        const line = this.line++;
        const baseSp = this.sp;
        this.expr(s.from);
        this.expr(s.to);
        const enter = this.emit(Op.JUMP);
        const body = this.pc;
        this.loopBody(s.variable, baseSp, this.sp, s.body);
        this.line++;
        this.patch(enter, this.testHere(line));
        this.emit(Op.FOR_RANGE, this.operand(this.slot(s.variable), body));
        this.sp = baseSp;
        this.endLoop();
        return;
      }
      case "fork": {
        this.line++;
        this.expr(s.time);
        const t = this.table({ t: "fork", body: 0, after: 0, variable: s.label === null ? -1 : this.slot(s.label) });
        this.emit(Op.FORK, t, -1);
        const body = this.pc;
        // A fork body runs later as its own task: empty stack, no enclosing loops or handlers.
        const saved = { sp: this.sp, handlers: this.handlers, loops: this.loops };
        this.sp = 0; this.handlers = 0; this.loops = [];
        this.block(s.body);
        this.emit(Op.DONE);
        this.sp = saved.sp; this.handlers = saved.handlers; this.loops = saved.loops;
        this.line++;
        const prev = this.tables[t] as Table & { t: "fork" };
        this.tables[t] = { ...prev, body, after: this.pc };
        return;
      }
      case "tryExcept": {
        this.line++;
        const base = this.sp;
        for (const arm of s.arms) this.codes(arm.codes);
        const t = this.table({ t: "except", arms: [] });
        this.emit(Op.TRY_EXCEPT, t, -s.arms.length);
        this.handlers++;
        this.block(s.body);
        this.handlers--;
        const ends = [this.emit(Op.END_EXCEPT)];
        const arms: { pc: number; variable: number }[] = [];
        for (const arm of s.arms) {
          this.mark();
          this.line++;
          this.sp = base;
          arms.push({ pc: this.pc, variable: arm.variable === null ? -1 : this.slot(arm.variable) });
          this.block(arm.body);
          ends.push(this.emit(Op.JUMP));
        }
        this.line++; // endtry
        this.tables[t] = { t: "except", arms };
        for (const e of ends) this.patch(e, this.pc);
        return;
      }
      case "tryFinally": {
        this.line++;
        const at = this.emit(Op.TRY_FINALLY);
        this.handlers++;
        this.block(s.body);
        this.handlers--;
        this.emit(Op.END_FINALLY_BODY, 0, 2);
        this.mark();
        this.line++; // finally
        this.patch(at, this.pc);
        this.block(s.finally);
        this.emit(Op.END_FINALLY, 0, -2);
        this.line++; // endtry
        return;
      }
      case "break":
      case "continue": {
        this.line++;
        const loop = this.findLoop(s.label, s.kind, s.pos);
        if (!loop) return;
        const isBreak = s.kind === "break";
        const t = this.operand(0, isBreak ? loop.baseSp : loop.bodySp, loop.handlers);
        (isBreak ? loop.breaks : loop.continues).push(t);
        this.emit(Op.EXIT, t);
        return;
      }
      default: {
        const never: never = s;
        throw new Error(`unknown statement ${(never as Stmt).kind}`);
      }
    }
  }

  private loopBody(name: string | null, baseSp: number, bodySp: number, body: readonly Stmt[]): void {
    this.loops.push({ name, baseSp, bodySp, handlers: this.handlers, breaks: [], continues: [] });
    this.block(body);
  }
  /** Start of a loop's test, which sits after the body but belongs to the loop's own line. */
  private testHere(line: number): number {
    this.lines.push(this.pc, line);
    for (const t of this.loops[this.loops.length - 1]!.continues) this.operands[t] = this.pc;
    return this.pc;
  }
  private endLoop(): void {
    const loop = this.loops.pop()!;
    for (const t of loop.breaks) this.operands[t] = this.pc;
  }
  private findLoop(label: string | null, kind: string, pos: { line: number; col: number }): Loop | undefined {
    for (let i = this.loops.length - 1; i >= 0; i--) {
      const l = this.loops[i]!;
      if (label === null || (l.name !== null && l.name.toLowerCase() === label.toLowerCase())) return l;
    }
    if (label === null) this.error(pos, `No enclosing loop for \`${kind}' statement`);
    else this.error(pos, `Invalid loop name in \`${kind}' statement: ${label}`);
    return undefined;
  }

  /** `return e`; `return c ? a | b` returns from each branch, with no jump to a shared RETURN. */
  private returnValue(e: Expr): void {
    if (e.kind === "id") { this.emit(Op.RETURN_VAR, this.slot(e.name)); return; }
    if (e.kind !== "cond") { this.expr(e); this.emit(Op.RETURN, 0, -1); return; }
    const els = this.jumpUnless(e.cond);
    this.returnValue(e.then);
    els();
    this.returnValue(e.else);
  }

  /**
   * Evaluate cond and jump when it is false; returns the function that sets
   * the jump's target to the current pc. `var <op> small int` comparisons are
   * one instruction with the same tick cost as the pair it replaces.
   */
  private jumpUnless(cond: Expr): () => void {
    if (cond.kind === "binary" && cond.left.kind === "id" && cond.right.kind === "int"
      && cond.right.value >= BigInt(SMALL_INT_MIN) && cond.right.value <= BigInt(SMALL_INT_MAX)) {
      const binop = COMPARE_OF[cond.op];
      if (binop !== undefined) {
        const k = this.operand(this.slot(cond.left.name), Number(cond.right.value), binop, 0);
        this.emit(Op.IF_NOT_VI, k);
        return () => { this.operands[k + 3] = this.pc; };
      }
    }
    this.expr(cond);
    const at = this.emit(Op.IF_FALSE, 0, -1);
    return () => this.patch(at, this.pc);
  }

  /** Error codes of an except arm or catch expression: a list, or 0 for ANY. */
  private codes(codes: readonly Arg[] | null): void {
    if (codes === null) this.emit(Op.PUSH_INT, 0, 1);
    else this.list(codes);
  }

  /** An expression statement: value discarded, with fused forms for hot shapes. */
  private exprStmt(e: Expr): void {
    if (e.kind === "assign") {
      const tg = e.target;
      // `{a, b} = args`: scattered straight from the variable, nothing pushed or popped.
      if (tg.kind === "scatter" && e.value.kind === "id") {
        this.scatter(tg.items, e.value, this.slot(e.value.name));
        return;
      }
      if (tg.kind === "id") {
        const slot = this.slot(tg.name);
        if (this.fusedAssign(slot, tg.name, e.value)) return;
        const v = e.value;
        if (v.kind === "prop" && v.obj.kind === "id" && v.name.kind === "str") {
          const name = v.name.value.toLowerCase();
          this.emit(Op.GET_PROP_VAR_PUT, this.operand(this.slot(v.obj.name), this.constant(name, "s" + name), slot));
          return;
        }
        this.expr(e.value);
        const fresh = e.value.kind === "list";
        this.emit(fresh ? Op.OWN_PUT_POP : Op.PUT_VAR_POP, slot, -1);
        return;
      }
      if (tg.kind === "index" && tg.base.kind === "id" && !mentionsAssign(tg.index, tg.base.name) && !mentionsAssign(e.value, tg.base.name)) {
        const slot = this.slot(tg.base.name);
        this.indexBases.push(-1 - slot); // `$` refers to a variable, not a stack slot
        this.expr(tg.index);
        this.indexBases.pop();
        this.expr(e.value);
        this.emit(Op.INDEX_SET_VAR, slot, -2);
        return;
      }
      if (tg.kind === "prop" && tg.obj.kind === "id" && tg.name.kind === "str" && !mentionsAssign(e.value, tg.obj.name)) {
        // Property names are case-insensitive: the literal is stored lower-cased for the host's cache.
        const name = tg.name.value.toLowerCase();
        if (e.value.kind === "id") {
          this.emit(Op.PUT_PROP_VAR_VAR, this.operand(this.slot(tg.obj.name), this.constant(name, "s" + name), this.slot(e.value.name)));
          return;
        }
        this.expr(e.value);
        this.emit(Op.PUT_PROP_VAR, this.operand(this.slot(tg.obj.name), this.constant(name, "s" + name)), -1);
        return;
      }
      if (tg.kind === "prop") {
        this.expr(tg.obj);
        this.expr(tg.name);
        this.expr(e.value);
        this.emit(Op.PUT_PROP_POP, 0, -3);
        return;
      }
    }
    this.expr(e);
    this.emit(Op.POP, 0, -1);
  }

  /** `x = {@x, ...}`, `x = a + b`, `x = x + k` as single instructions. */
  private fusedAssign(slot: number, name: string, v: Expr): boolean {
    if (v.kind === "list" && v.items.length >= 2) {
      const [first, ...rest] = v.items;
      if (first!.splice && first!.expr.kind === "id" && first!.expr.name.toLowerCase() === name.toLowerCase()
        && !rest.some((a) => mentionsAssign(a.expr, name))) {
        if (rest.length === 1 && !rest[0]!.splice) {
          this.expr(rest[0]!.expr);
          this.emit(Op.APPEND_VAR, slot, -1);
        } else {
          this.list(rest);
          this.emit(Op.APPEND_VAR_MANY, slot, -1);
        }
        return true;
      }
    }
    if (v.kind === "binary" && v.op === "+" && v.left.kind === "id") {
      const a = this.slot(v.left.name);
      if (v.right.kind === "id") {
        this.emit(Op.ADD_VARS_PUT, this.operand(a, this.slot(v.right.name), slot));
        return true;
      }
      if (v.right.kind === "int" && a === slot && v.right.value >= -1000n && v.right.value <= 1000n) {
        this.emit(Op.INCR_VAR, this.operand(slot, Number(v.right.value)));
        return true;
      }
      // x = x + <expression>: the running total stays in its variable (unboxed when large).
      if (a === slot && this.surelyBound.has(name.toLowerCase()) && !mentionsAssign(v.right, name)) {
        this.expr(v.right);
        this.emit(Op.ADD_TO_VAR, slot, -1);
        return true;
      }
    }
    return false;
  }

  // ---- expressions ----

  private expr(e: Expr): void {
    switch (e.kind) {
      case "int": {
        const v = e.value;
        if (v >= BigInt(SMALL_INT_MIN) && v <= BigInt(SMALL_INT_MAX)) this.emit(Op.PUSH_INT, Number(v), 1);
        else this.pushConst(mkBigInt(v), "i" + v);
        return;
      }
      case "float": this.pushConst(mkFloat(e.value), "f" + (Object.is(e.value, -0) ? "-0" : e.value)); return;
      case "str": this.pushConst(e.value, "s" + e.value); return;
      case "obj": this.pushConst(mkObj(e.value), "o" + e.value); return;
      case "err": {
        const code = errorByName(e.code);
        if (code === undefined) { this.error(e.pos, `Unknown error code ${e.code}`); this.emit(Op.PUSH_INT, 0, 1); return; }
        this.pushConst(mkErr(code), "e" + code);
        return;
      }
      case "id": this.emit(Op.PUSH_VAR, this.slot(e.name), 1); return;
      case "prop":
        if (e.obj.kind === "id" && e.name.kind === "str") {
          const name = e.name.value.toLowerCase();
          this.emit(Op.GET_PROP_VAR, this.operand(this.slot(e.obj.name), this.constant(name, "s" + name)), 1);
          return;
        }
        this.expr(e.obj);
        this.expr(e.name);
        this.emit(Op.GET_PROP, 0, -1);
        return;
      case "verb":
        if (e.obj.kind === "id" && e.name.kind === "str" && !e.args.some((a) => mentionsAssign(a.expr, (e.obj as { name: string }).name))) {
          const slot = this.slot(e.obj.name);
          const name = this.constant(e.name.value, "s" + e.name.value);
          // Plain arguments (no `@`) are gathered by the call itself: no LIST_NEW before it.
          if (!e.args.some((a) => a.splice)) {
            for (const a of e.args) this.expr(a.expr);
            this.emit(Op.CALL_VERB_VAR_N, this.operand(slot, name, e.args.length), 1 - e.args.length);
            return;
          }
          this.list(e.args);
          this.emit(Op.CALL_VERB_VAR, this.operand(slot, name));
          return;
        }
        this.expr(e.obj);
        this.expr(e.name);
        this.list(e.args);
        this.emit(Op.CALL_VERB, 0, -2);
        return;
      case "call": {
        this.list(e.args);
        const key = e.func.toLowerCase();
        let f = this.funcIndex.get(key);
        if (f === undefined) {
          f = this.funcs.length;
          this.funcs.push(key);
          this.funcIndex.set(key, f);
        }
        this.emit(Op.CALL_BUILTIN, f);
        return;
      }
      case "index":
        if (e.base.kind === "id" && e.index.kind === "int" && e.index.value >= 1n && e.index.value <= BigInt(SMALL_INT_MAX)) {
          this.emit(Op.INDEX_VAR_INT, this.operand(this.slot(e.base.name), Number(e.index.value)), 1);
          return;
        }
        if (e.base.kind === "id" && (e.index.kind === "id" || e.index.kind === "int")) {
          this.expr(e.index);
          this.emit(Op.INDEX_VAR, this.slot(e.base.name));
          return;
        }
        this.expr(e.base);
        this.indexBases.push(this.sp - 1);
        this.expr(e.index);
        this.indexBases.pop();
        this.emit(Op.INDEX, 0, -1);
        return;
      case "range":
        this.expr(e.base);
        this.indexBases.push(this.sp - 1);
        this.expr(e.from);
        this.expr(e.to);
        this.indexBases.pop();
        this.emit(Op.RANGE, 0, -2);
        return;
      case "length":
      case "first": {
        const base = this.indexBases[this.indexBases.length - 1];
        if (base === undefined) { this.error(e.pos, "Illegal context for `$' expression."); this.emit(Op.PUSH_INT, 0, 1); return; }
        if (base < 0) {
          // The indexed value lives in a variable (fused INDEX_SET_VAR): read it without copying.
          this.emit(Op.PUSH_VAR, -1 - base, 1);
          this.emit(e.kind === "length" ? Op.LENGTH : Op.FIRST, 0, 1);
          this.emit(Op.SWAP);
          this.emit(Op.POP, 0, -1);
          return;
        }
        this.emit(e.kind === "length" ? Op.LENGTH : Op.FIRST, this.sp - 1 - base, 1);
        return;
      }
      case "assign": this.assign(e.target, e.value); return;
      case "scatter": this.error(e.pos, "Scattering assignment used as a value"); return;
      case "binary": {
        if (e.op === "&&" || e.op === "||") {
          this.expr(e.left);
          const j = this.emit(e.op === "&&" ? Op.AND : Op.OR);
          this.adjust(-1);
          this.expr(e.right);
          this.patch(j, this.pc);
          return;
        }
        const fused = BINOP_OF[e.op];
        if (fused !== undefined && e.left.kind === "id" && e.right.kind === "int"
          && e.right.value >= BigInt(SMALL_INT_MIN) && e.right.value <= BigInt(SMALL_INT_MAX)) {
          this.emit(Op.BIN_VI, this.operand(this.slot(e.left.name), Number(e.right.value), fused), 1);
          return;
        }
        this.expr(e.left);
        this.expr(e.right);
        this.emit(BINARY_OPS[e.op], 0, -1);
        return;
      }
      case "unary":
        this.expr(e.operand);
        this.emit(e.op === "-" ? Op.NEG : e.op === "!" ? Op.NOT : Op.COMPL);
        return;
      case "list": this.list(e.items); return;
      case "map":
        for (const [k, v] of e.entries) { this.expr(k); this.expr(v); }
        this.emit(Op.MAP_NEW, e.entries.length, 1 - 2 * e.entries.length);
        return;
      case "cond": {
        // The test as an `if` compiles it (`n < 2 ? ...` is one instruction); the branches leave the value.
        const els = this.jumpUnless(e.cond);
        this.expr(e.then);
        const end = this.emit(Op.JUMP);
        this.adjust(-1);
        els();
        this.expr(e.else);
        this.patch(end, this.pc);
        return;
      }
      case "catch": {
        this.codes(e.codes);
        const at = this.emit(Op.TRY_CATCH, 0, -1);
        this.handlers++;
        this.expr(e.expr);
        this.handlers--;
        const end = this.emit(Op.END_CATCH);
        this.patch(at, this.pc);
        // The handler path arrives here with the error code pushed.
        if (e.default) {
          this.emit(Op.POP, 0, -1);
          this.expr(e.default);
        }
        this.patch(end, this.pc);
        return;
      }
      default: {
        const never: never = e;
        throw new Error(`unknown expression ${(never as Expr).kind}`);
      }
    }
  }

  /** A list constructor (also argument lists): LIST_NEW for the plain prefix, then pushes and splices. */
  private list(items: readonly Arg[]): void {
    let i = 0;
    while (i < items.length && !items[i]!.splice) this.expr(items[i++]!.expr);
    this.emit(Op.LIST_NEW, i, 1 - i);
    for (; i < items.length; i++) {
      const a = items[i]!;
      this.expr(a.expr);
      this.emit(a.splice ? Op.LIST_SPLICE : Op.LIST_PUSH, 0, -1);
    }
  }

  private assign(target: Expr, value: Expr): void {
    switch (target.kind) {
      case "id":
        this.expr(value);
        this.emit(Op.PUT_VAR, this.slot(target.name));
        return;
      case "scatter": this.scatter(target.items, value); return;
      case "prop":
        this.expr(target.obj);
        this.expr(target.name);
        this.expr(value);
        this.emit(Op.PUT_PROP, 0, -2);
        return;
      case "index":
      case "range": {
        // LambdaMOO's scheme: fetch each level keeping the path on the stack,
        // store the new value innermost-first, then write the root back.
        this.pushPath(target, true);
        this.expr(value);
        this.emit(Op.PUT_TEMP);
        this.storePath(target);
        this.emit(Op.POP, 0, -1);
        this.emit(Op.PUSH_TEMP, 0, 1);
        return;
      }
      default:
        this.error(target.pos, "Illegal expression on left side of assignment.");
    }
  }

  /** Push what an assignment to `target` needs: for the outermost level, only the indexes. */
  private pushPath(target: Expr, outermost: boolean): void {
    if (target.kind === "index" || target.kind === "range") {
      this.pushPath(target.base, false);
      this.indexBases.push(this.sp - 1);
      if (target.kind === "index") {
        this.expr(target.index);
        this.indexBases.pop();
        if (!outermost) this.emit(Op.PUSH_REF, 0, 1);
      } else {
        this.expr(target.from);
        this.expr(target.to);
        this.indexBases.pop();
        if (!outermost) this.emit(Op.PUSH_RANGE_REF, 0, 1);
      }
      return;
    }
    if (target.kind === "id") { this.emit(Op.PUSH_VAR, this.slot(target.name), 1); return; }
    if (target.kind === "prop") {
      this.expr(target.obj);
      this.expr(target.name);
      this.emit(Op.PUSH_GET_PROP, 0, 1);
      return;
    }
    this.error(target.pos, "Illegal expression on left side of assignment.");
    this.emit(Op.PUSH_INT, 0, 1);
  }

  /** Stack: path..., value -> the root's new value stored; leaves the stored value. */
  private storePath(target: Expr): void {
    if (target.kind === "index") { this.emit(Op.INDEX_SET, 0, -2); this.storePath(target.base); return; }
    if (target.kind === "range") { this.emit(Op.RANGE_SET, 0, -3); this.storePath(target.base); return; }
    if (target.kind === "id") { this.emit(Op.PUT_VAR, this.slot(target.name)); return; }
    if (target.kind === "prop") { this.emit(Op.PUT_PROP, 0, -2); return; }
  }

  /** A scatter assignment; from variable `fromSlot` as a statement (SCATTER_VAR), else of value's result. */
  private scatter(items: readonly ScatterItem[], value: Expr, fromSlot = -1): void {
    const t = this.table({ t: "scatter", items: [], done: 0 });
    if (fromSlot >= 0) this.emit(Op.SCATTER_VAR, this.operand(fromSlot, t));
    else {
      this.expr(value);
      this.emit(Op.SCATTER, t);
    }
    const out: { kind: 0 | 1 | 2; variable: number; defaultPc: number }[] = [];
    for (const it of items) {
      const variable = this.slot(it.name);
      const kind = it.kind === "required" ? 0 : it.kind === "optional" ? 1 : 2;
      let defaultPc = -1;
      if (it.default) {
        defaultPc = this.pc;
        this.expr(it.default);
        this.emit(Op.PUT_VAR_POP, variable, -1);
      }
      out.push({ kind, variable, defaultPc });
    }
    this.tables[t] = { t: "scatter", items: out, done: this.pc };
  }
}

const BINARY_OPS: Record<Exclude<Expr & { kind: "binary" } extends { op: infer O } ? O : never, "&&" | "||">, number> = {
  "+": Op.ADD, "-": Op.SUB, "*": Op.MUL, "/": Op.DIV, "%": Op.MOD, "^": Op.POW,
  "==": Op.EQ, "!=": Op.NE, "<": Op.LT, "<=": Op.LE, ">": Op.GT, ">=": Op.GE, "in": Op.IN,
  "&.": Op.BITAND, "|.": Op.BITOR, "^.": Op.BITXOR, "<<": Op.SHL, ">>": Op.SHR, ">>>": Op.USHR,
};

/** Operators fused with a variable and a small int literal (`n - 1`, `i < 10`). */
const BINOP_OF: Partial<Record<string, number>> = {
  "+": BINOP.ADD, "-": BINOP.SUB, "*": BINOP.MUL, "%": BINOP.MOD,
  "==": BINOP.EQ, "!=": BINOP.NE, "<": BINOP.LT, "<=": BINOP.LE, ">": BINOP.GT, ">=": BINOP.GE,
};

const COMPARE_OF: Partial<Record<string, number>> = {
  "==": BINOP.EQ, "!=": BINOP.NE, "<": BINOP.LT, "<=": BINOP.LE, ">": BINOP.GT, ">=": BINOP.GE,
};

/** Whether evaluating e might assign the variable `name` (so a fused form would reorder effects). */
const mentionsAssign = (e: Expr, name: string): boolean => {
  const n = name.toLowerCase();
  const work: unknown[] = [e];
  while (work.length > 0) {
    const x = work.pop();
    if (x === null || typeof x !== "object") continue;
    if (Array.isArray(x)) { for (const y of x) work.push(y); continue; }
    const node = x as { kind?: string; name?: string; items?: ScatterItem[] };
    if (node.kind === "assign") {
      const tg = (x as { target: Expr }).target;
      if (tg.kind === "id" && tg.name.toLowerCase() === n) return true;
      if (tg.kind === "scatter" && tg.items.some((i) => i.name.toLowerCase() === n)) return true;
    }
    for (const v of Object.values(x)) if (v !== null && typeof v === "object") work.push(v);
  }
  return false;
};

