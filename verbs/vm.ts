// The VM: runs a task's frames for a tick budget and says what happened
// (done, suspended, reading, out of ticks, error). MOO calls push frames in
// the same loop; the JS stack never grows with MOO recursion (STYLE.md 4).
// The dispatch loop keeps pc/sp in locals; cold work lives in vm-ops.ts.

import {
  type Value, type Box, T, E, SHARED, OWNED, UNBOXED, mkList, mkObj, listOf, isTrue, equals,
} from "./value.ts";
import { Op, OP_TICKS } from "./opcodes.ts";
import type { Program, Table } from "./program.ts";
import { MooError } from "./errors.ts";
import * as A from "./arith.ts";
import * as O from "./vm-ops.ts";
import { type FusedResult, fusedRange, newNums, boxNums, FUSED_AT_BODY, FUSED_AT_TEST, FUSED_DONE } from "./vm-fused.ts";
import { type BuiltinSpec, type BuiltinCtx, Request } from "./builtin-spec.ts";
import type { VmHost } from "./host.ts";
import { newFrame, evalContext, newCacheSite, type CacheSite } from "./host.ts";
import {
  type Frame, type Task, type Outcome, type Raised, type Handler,
  HANDLER_CATCH, HANDLER_EXCEPT, HANDLER_FINALLY, NO_HANDLERS, FIN_FALLTHRU, FIN_RAISE, FIN_RETURN, FIN_EXIT,
} from "./task.ts";

/** Compiles eval() source for the VM; supplied by whoever wires the VM (grammar is above verbs' concerns). */
export type EvalCompiler = (source: string) => { ok: true; program: Program } | { ok: false; errors: string[] };

export interface VmOptions {
  readonly builtins: ReadonlyMap<string, BuiltinSpec>;
  readonly host: VmHost;
  readonly compileEval?: EvalCompiler;
}

// Integers in the 31-bit Smi range (0x3fffffff) are stored in env as they are;
// larger safe integers go to frame.nums (vm-fused.ts). The loop spells both bounds as literals.

/** A frame's own handler list, made on its first try (frames share an empty one until then). */
const handlersOf = (f: Frame): Handler[] => {
  if (f.handlers === NO_HANDLERS) f.handlers = [];
  return f.handlers as Handler[];
};

const MIN_BUDGET = Math.max(...OP_TICKS);

/** Thrown inside the loop when a ticked op finds the budget spent; never escapes run(). */
const OUT_OF_TICKS = { outOfTicks: true };


export class VM {
  readonly builtins: ReadonlyMap<string, BuiltinSpec>;
  readonly host: VmHost;
  private readonly compileEval: EvalCompiler | undefined;

  /** Ticks left in the current run; builtins charge it through ctx. */
  private ticks = 0;
  /** The current run's budget (ticks spent so far = budget - ticks). */
  private budget = 0;
  private current: Task | null = null;
  /** What fusedRange() reports: reused, so entering a fused loop allocates nothing. */
  private readonly fused: FusedResult = { ticks: 0, state: FUSED_AT_BODY };
  private readonly ctx: BuiltinCtx;

  constructor(opts: VmOptions) {
    this.builtins = opts.builtins;
    this.host = opts.host;
    this.compileEval = opts.compileEval;
    const vm = this;
    this.ctx = {
      get limits() { return vm.host.limits; },
      charge(t: number) { vm.ticks -= t; },
      ticksLeft() { return Math.max(0, vm.ticksLeft()); },
      get progr() { return vm.topFrame().progr; },
      get wizard() { return vm.host.isWizard(vm.topFrame().progr); },
      get programmer() { const p = vm.topFrame().progr; return vm.host.isWizard(p) || vm.host.isProgrammer(p); },
      now: () => vm.host.now(),
      random: () => vm.host.random(),
      get world() { return vm.host.world; },
      get task() { return vm.current; },
      get builtins() { return vm.builtins; },
    };
  }

  /** Ticks the running task may still spend: its own limit when it has one, else this run's budget. */
  private ticksLeft(): number {
    const t = this.current!;
    return t.tickLimit === undefined ? this.ticks : t.tickLimit - t.ticksUsed - (this.budget - this.ticks);
  }

  private topFrame(): Frame {
    const fs = this.current!.frames;
    return fs[fs.length - 1]!;
  }

  /** A fresh task running prog as an eval-style verb body. */
  newTask(id: number, prog: Program, progr: number, opts: { maxDepth?: number; player?: Value } = {}): Task {
    const frame = newFrame(prog, evalContext(opts.player ?? mkObj(progr)), progr);
    return { id, frames: [frame], ticksUsed: 0, maxDepth: opts.maxDepth ?? 50 };
  }

  /** Deliver the value a suspended or reading task resumes with (the builtin's result). */
  resume(task: Task, value: Value): void {
    const f = task.frames[task.frames.length - 1]!;
    f.stack[f.sp++] = value;
  }

  /**
   * Resume a suspended task by raising an error at its suspension point.
   * Null when a handler took it (call run() to go on), else how the task ended.
   */
  resumeWithError(task: Task, err: Raised): Outcome | null {
    const f = task.frames[task.frames.length - 1]!;
    // A verb without the `d` flag gets the error as suspend()'s value (LambdaMOO PUSH_ERROR).
    if (!f.debug) { f.stack[f.sp++] = err.code; return null; }
    f.pc = Math.max(0, f.pc - 1); // stand on the suspending call, for the traceback line
    return this.unwind(task, err);
  }

  /**
   * Raise `err` in a task stopped between instructions (the scheduler's
   * E_QUOTA when a task holds too much memory). Null when a handler took it.
   */
  raiseIn(task: Task, err: Raised): Outcome | null {
    return this.unwind(task, err);
  }

  /**
   * What LambdaMOO reports when it aborts a task (out of ticks or seconds):
   * the traceback lines with `message` on the top frame, and the stack as
   * callers(1) would list it, top first. Handlers and finally blocks do not run.
   */
  abortReport(task: Task, message: string): { lines: string[]; stack: Value } {
    const err: Raised = { code: 0, message, value: 0 };
    const lines: string[] = [], stack: Value[] = [];
    for (let i = task.frames.length - 1; i >= 0; i--) {
      const f = task.frames[i]!;
      lines.push(O.tracebackLine(f, i === task.frames.length - 1, err));
      stack.push(O.frameInfo(f, i === task.frames.length - 1));
    }
    lines.push("(End of traceback)");
    return { lines, stack: mkList(stack) };
  }

  /** The program's property cache sites, by operand index (runtime only). */
  private sitesOf(prog: Program): (CacheSite | undefined)[] {
    const rt = this.runtimeOf(prog);
    return (rt.sites ??= new Array<CacheSite | undefined>(prog.operands.length)) as (CacheSite | undefined)[];
  }

  private bindFuncs(prog: Program): (BuiltinSpec | undefined)[] {
    const rt = this.runtimeOf(prog);
    return (rt.bound ??= prog.funcs.map((n) => this.builtins.get(n))) as (BuiltinSpec | undefined)[];
  }

  /** The program's runtime slot, cleared first if another VM (another builtin table) filled it. */
  private runtimeOf(prog: Program): Program["runtime"] {
    const rt = prog.runtime;
    if (rt.vm !== this) { rt.vm = this; rt.bound = null; rt.sites = null; }
    return rt;
  }

  /**
   * Run the task for at most `budget` ticks. A budget below the dearest
   * instruction (2 ticks) is raised to it, or such an instruction could
   * never run and the task would stall.
   */
  run(task: Task, budget: number): Outcome {
    if (budget < MIN_BUDGET) budget = MIN_BUDGET;
    // A forked task's stack is allocated when it first runs (see forkFrame).
    const first = task.frames[0];
    if (first && first.stack.length < first.prog.maxStack) while (first.stack.length < first.prog.maxStack) first.stack.push(0);
    this.current = task;
    this.ticks = budget;
    this.budget = budget;
    try {
      return this.loop(task);
    } finally {
      task.ticksUsed += budget - this.ticks;
      this.current = null;
      for (const f of task.frames) if (f.nums !== null) boxNums(f);
    }
  }

  private loop(task: Task): Outcome {
    let frame = task.frames[task.frames.length - 1]!;
    let prog = frame.prog;
    let code = prog.code;
    let consts = prog.consts;
    let tables = prog.tables;
    let ops = prog.operands;
    let bound = this.bindFuncs(prog);
    let sites = this.sitesOf(prog);
    let stack = frame.stack;
    let env = frame.env;
    let pc = frame.pc;
    let sp = frame.sp;
    let opPc = pc;
    let opSp = sp;
    let ticks = this.ticks;
    // Module-level constants cost a context load and a TDZ check per use in
    // this V8; the hot loop reads them from locals (measured: 32 -> 45 M/s adds).
    const unboxed = UNBOXED, outOfTicks = OUT_OF_TICKS;
    for (;;) {
      try {
        for (;;) {
          opPc = pc; opSp = sp;
          const w = code[pc++]!;
          const op = w & 0xff;
          switch (op) {
            case 1 /* PUSH_CONST */: stack[sp++] = consts[w >> 8]!; continue;
            case 2 /* PUSH_INT */: stack[sp++] = w >> 8; continue;
            case 3 /* PUSH_VAR */: {
              let v = env[w >> 8];
              if (v === undefined) throw new MooError(E.E_VARNF);
              if (v === unboxed) v = frame.nums![w >> 8]!;
              if (typeof v === "object" && v.tag === T.LIST) v.n = SHARED;
              stack[sp++] = v;
              continue;
            }
            case 4 /* PUT_VAR */: if ((ticks -= 1) < 0) throw outOfTicks; env[w >> 8] = stack[sp - 1]!; continue;
            case 6 /* PUT_VAR_POP */: if ((ticks -= 1) < 0) throw outOfTicks; env[w >> 8] = stack[--sp]!; continue;
            case 7 /* OWN_PUT_POP */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const v = stack[--sp]!;
              if (typeof v === "object" && v.tag === T.LIST) v.n = OWNED;
              env[w >> 8] = v;
              continue;
            }
            case 5 /* POP */: sp--; continue;
            case 68 /* DUP */: stack[sp] = stack[sp - 1]!; sp++; continue;
            case 70 /* SWAP */: { const t = stack[sp - 1]!; stack[sp - 1] = stack[sp - 2]!; stack[sp - 2] = t; continue; }
            case 8 /* ADD */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const b = stack[--sp]!, a = stack[sp - 1]!;
              if (typeof a === "number" && typeof b === "number") {
                const r = a + b;
                if (r <= 9007199254740991 && r >= -9007199254740991) { stack[sp - 1] = r; continue; }
              }
              stack[sp - 1] = A.add(a, b, this.host.limits.maxStringLength);
              continue;
            }
            case 9 /* SUB */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const b = stack[--sp]!, a = stack[sp - 1]!;
              if (typeof a === "number" && typeof b === "number") {
                const r = a - b;
                if (r <= 9007199254740991 && r >= -9007199254740991) { stack[sp - 1] = r; continue; }
              }
              stack[sp - 1] = A.sub(a, b);
              continue;
            }
            case 10 /* MUL */: if ((ticks -= 1) < 0) throw outOfTicks; { const b = stack[--sp]!; stack[sp - 1] = A.mul(stack[sp - 1]!, b); continue; }
            case 11 /* DIV */: if ((ticks -= 1) < 0) throw outOfTicks; { const b = stack[--sp]!; stack[sp - 1] = A.div(stack[sp - 1]!, b); continue; }
            case 12 /* MOD */: if ((ticks -= 1) < 0) throw outOfTicks; { const b = stack[--sp]!; stack[sp - 1] = A.mod(stack[sp - 1]!, b); continue; }
            case 13 /* POW */: if ((ticks -= 1) < 0) throw outOfTicks; { const b = stack[--sp]!; stack[sp - 1] = A.pow(stack[sp - 1]!, b); continue; }
            case 14 /* NEG */: if ((ticks -= 1) < 0) throw outOfTicks; stack[sp - 1] = A.neg(stack[sp - 1]!); continue;
            case 15 /* NOT */: if ((ticks -= 1) < 0) throw outOfTicks; stack[sp - 1] = isTrue(stack[sp - 1]!) ? 0 : 1; continue;
            case 16 /* EQ */: if ((ticks -= 1) < 0) throw outOfTicks; { const b = stack[--sp]!, a = stack[sp - 1]!; stack[sp - 1] = a === b || equals(a, b) ? 1 : 0; continue; }
            case 17 /* NE */: if ((ticks -= 1) < 0) throw outOfTicks; { const b = stack[--sp]!, a = stack[sp - 1]!; stack[sp - 1] = a === b || equals(a, b) ? 0 : 1; continue; }
            case 18 /* LT */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const b = stack[--sp]!, a = stack[sp - 1]!;
              stack[sp - 1] = (typeof a === "number" && typeof b === "number" ? a < b : A.order(a, b) < 0) ? 1 : 0;
              continue;
            }
            case 19 /* LE */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const b = stack[--sp]!, a = stack[sp - 1]!;
              stack[sp - 1] = (typeof a === "number" && typeof b === "number" ? a <= b : A.order(a, b) <= 0) ? 1 : 0;
              continue;
            }
            case 20 /* GT */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const b = stack[--sp]!, a = stack[sp - 1]!;
              stack[sp - 1] = (typeof a === "number" && typeof b === "number" ? a > b : A.order(a, b) > 0) ? 1 : 0;
              continue;
            }
            case 21 /* GE */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const b = stack[--sp]!, a = stack[sp - 1]!;
              stack[sp - 1] = (typeof a === "number" && typeof b === "number" ? a >= b : A.order(a, b) >= 0) ? 1 : 0;
              continue;
            }
            case 22 /* IN */: if ((ticks -= 1) < 0) throw outOfTicks; { const b = stack[--sp]!; stack[sp - 1] = A.inList(stack[sp - 1]!, b); continue; }
            case 23 /* AND */: if ((ticks -= 1) < 0) throw outOfTicks; if (isTrue(stack[sp - 1]!)) sp--; else pc = w >> 8; continue;
            case 24 /* OR */: if ((ticks -= 1) < 0) throw outOfTicks; if (isTrue(stack[sp - 1]!)) pc = w >> 8; else sp--; continue;
            case 25 /* BITAND */: if ((ticks -= 1) < 0) throw outOfTicks; { const b = stack[--sp]!; stack[sp - 1] = A.bitAnd(stack[sp - 1]!, b); continue; }
            case 26 /* BITOR */: if ((ticks -= 1) < 0) throw outOfTicks; { const b = stack[--sp]!; stack[sp - 1] = A.bitOr(stack[sp - 1]!, b); continue; }
            case 27 /* BITXOR */: if ((ticks -= 1) < 0) throw outOfTicks; { const b = stack[--sp]!; stack[sp - 1] = A.bitXor(stack[sp - 1]!, b); continue; }
            case 28 /* SHL */: if ((ticks -= 1) < 0) throw outOfTicks; { const b = stack[--sp]!; stack[sp - 1] = A.shiftLeft(stack[sp - 1]!, b); continue; }
            case 29 /* SHR */: if ((ticks -= 1) < 0) throw outOfTicks; { const b = stack[--sp]!; stack[sp - 1] = A.shiftRight(stack[sp - 1]!, b); continue; }
            case 81 /* USHR */: if ((ticks -= 1) < 0) throw outOfTicks; { const b = stack[--sp]!; stack[sp - 1] = A.shiftRightLogical(stack[sp - 1]!, b); continue; }
            case 30 /* COMPL */: if ((ticks -= 1) < 0) throw outOfTicks; stack[sp - 1] = A.complement(stack[sp - 1]!); continue;
            case 31 /* JUMP */: pc = w >> 8; continue;
            case 79 /* IF_TRUE */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const v = stack[--sp]!;
              if (typeof v === "number" ? v !== 0 : isTrue(v)) pc = w >> 8;
              continue;
            }
            case 32 /* IF_FALSE */:
            case 33 /* COND_FALSE */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const v = stack[--sp]!;
              if (typeof v === "number" ? v === 0 : !isTrue(v)) pc = w >> 8;
              continue;
            }
            case 35 /* FOR_RANGE */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const k = w >> 8;
              const cur = stack[sp - 2]!, to = stack[sp - 1]!;
              if (typeof cur === "number" && typeof to === "number") {
                if (cur > to) { sp -= 2; continue; }
                const body = ops[k + 1]!;
                const bop = code[body]! & 0xff;
                if (body + 1 === opPc && (bop === 71 /* ADD_VARS_PUT */ || bop === 72 /* INCR_VAR */)) {
                  // A one-instruction body of local arithmetic: iterate here without dispatching.
                  const fr = this.fused;
                  fr.ticks = ticks;
                  const c = fusedRange(fr, frame, code[body]!, ops, ops[k]!, cur, to);
                  ticks = fr.ticks;
                  if (fr.state === FUSED_DONE) { sp -= 2; continue; }
                  if (fr.state === FUSED_AT_TEST) { stack[sp - 2] = c; pc = opPc; continue; }
                  env[ops[k]!] = c; stack[sp - 2] = c + 1; pc = body;
                  continue;
                }
                env[ops[k]!] = cur;
                stack[sp - 2] = cur + 1;
                pc = ops[k + 1]!;
                continue;
              }
              if (O.forRangeSlow(stack, sp, env, ops[k]!)) pc = ops[k + 1]!;
              else sp -= 2;
              continue;
            }
            case 34 /* FOR_LIST */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const k = w >> 8;
              if (O.forListStep(stack, sp, env, ops[k]!, ops[k + 1]!)) pc = ops[k + 2]!;
              else sp -= 2;
              continue;
            }
            case 36 /* LIST_NEW */: {
              const n = w >> 8;
              const items = gatherArgs(stack, sp, n);
              sp -= n;
              stack[sp++] = mkList(items);
              continue;
            }
            case 37 /* LIST_PUSH */: {
              const v = stack[--sp]!;
              const l = listOf(stack[sp - 1] as Box);
              if (l.length >= this.host.limits.maxListLength) throw new MooError(E.E_QUOTA);
              l.push(v); // the list is still under construction: nobody else sees it
              continue;
            }
            case 38 /* LIST_SPLICE */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const v = stack[--sp]!;
              O.spliceInto(listOf(stack[sp - 1] as Box), v, this.host.limits.maxListLength);
              continue;
            }
            case 39 /* MAP_NEW */: {
              const n = w >> 8;
              sp -= 2 * n;
              stack[sp] = O.makeMap(stack, sp, n, this.host.limits.maxMapSize);
              sp++;
              continue;
            }
            case 40 /* INDEX */: if ((ticks -= 1) < 0) throw outOfTicks; { const i = stack[--sp]!; stack[sp - 1] = O.index(stack[sp - 1]!, i); continue; }
            case 75 /* INDEX_VAR */: if ((ticks -= 1) < 0) throw outOfTicks; {
              let base = env[w >> 8];
              if (base === undefined) throw new MooError(E.E_VARNF);
              if (base === unboxed) base = frame.nums![w >> 8]!;
              const i = stack[sp - 1]!;
              if (typeof base === "object" && base.tag === T.LIST && typeof i === "number") {
                const items = base.ref as Value[];
                if (i >= 1 && i <= items.length) { stack[sp - 1] = items[i - 1]!; continue; }
              }
              stack[sp - 1] = O.index(base, i);
              continue;
            }
            case 41 /* RANGE */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const to = stack[--sp]!, from = stack[--sp]!;
              stack[sp - 1] = O.range(stack[sp - 1]!, from, to);
              continue;
            }
            case 42 /* LENGTH */: stack[sp] = O.lengthOf(stack[sp - 1 - (w >> 8)]!); sp++; continue;
            case 43 /* FIRST */: stack[sp] = O.firstOf(stack[sp - 1 - (w >> 8)]!); sp++; continue;
            case 44 /* GET_PROP */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const name = stack[--sp]!;
              frame.pc = pc; frame.sp = sp;
              stack[sp - 1] = this.host.getProp(frame, stack[sp - 1]!, name);
              continue;
            }
            case 76 /* GET_PROP_VAR */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const k = w >> 8;
              let obj = env[ops[k]!];
              if (obj === undefined) throw new MooError(E.E_VARNF);
              if (obj === unboxed) obj = frame.nums![ops[k]!]!;
              frame.pc = pc; frame.sp = sp;
              stack[sp++] = this.host.getPropAt(frame, obj, consts[ops[k + 1]!] as string, sites[k] ??= newCacheSite());
              continue;
            }
            case 86 /* GET_PROP_VAR_PUT */: if ((ticks -= 2) < 0) throw outOfTicks; {
              const k = w >> 8;
              let obj = env[ops[k]!];
              if (obj === undefined) throw new MooError(E.E_VARNF);
              if (obj === unboxed) obj = frame.nums![ops[k]!]!;
              frame.pc = pc; frame.sp = sp;
              env[ops[k + 2]!] = this.host.getPropAt(frame, obj, consts[ops[k + 1]!] as string, sites[k] ??= newCacheSite());
              continue;
            }
            case 87 /* PUT_PROP_VAR_VAR */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const k = w >> 8;
              let obj = env[ops[k]!], v = env[ops[k + 2]!];
              if (obj === undefined || v === undefined) throw new MooError(E.E_VARNF);
              if (obj === unboxed) obj = frame.nums![ops[k]!]!;
              if (v === unboxed) v = frame.nums![ops[k + 2]!]!;
              // The value now has a second holder: the variable no longer owns it (as PUSH_VAR would mark it).
              else if (typeof v === "object" && v.tag === T.LIST) v.n = SHARED;
              frame.pc = pc; frame.sp = sp;
              this.host.setPropAt(frame, obj, consts[ops[k + 1]!] as string, v, sites[k] ??= newCacheSite());
              continue;
            }
            case 82 /* PUT_PROP_VAR */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const k = w >> 8;
              let obj = env[ops[k]!];
              if (obj === undefined) throw new MooError(E.E_VARNF);
              if (obj === unboxed) obj = frame.nums![ops[k]!]!;
              frame.pc = pc; frame.sp = sp;
              this.host.setPropAt(frame, obj, consts[ops[k + 1]!] as string, stack[sp - 1]!, sites[k] ??= newCacheSite());
              sp--;
              continue;
            }
            case 45 /* PUSH_GET_PROP */: if ((ticks -= 1) < 0) throw outOfTicks; {
              frame.pc = pc; frame.sp = sp;
              stack[sp] = this.host.getProp(frame, stack[sp - 2]!, stack[sp - 1]!);
              sp++;
              continue;
            }
            case 46 /* PUT_PROP */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const v = stack[--sp]!, name = stack[--sp]!;
              frame.pc = pc; frame.sp = sp;
              this.host.setProp(frame, stack[sp - 1]!, name, v);
              stack[sp - 1] = v;
              continue;
            }
            case 77 /* PUT_PROP_POP */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const v = stack[sp - 1]!, name = stack[sp - 2]!, obj = stack[sp - 3]!;
              frame.pc = pc; frame.sp = sp;
              this.host.setProp(frame, obj, name, v);
              sp -= 3;
              continue;
            }
            case 47 /* INDEX_SET */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const v = stack[--sp]!, i = stack[--sp]!;
              stack[sp - 1] = O.indexSet(stack[sp - 1]!, i, v, this.host.limits);
              continue;
            }
            case 74 /* INDEX_SET_VAR */: if ((ticks -= 2) < 0) throw outOfTicks; {
              const slot = w >> 8;
              const v = stack[--sp]!, i = stack[--sp]!;
              let base = env[slot];
              if (base === undefined) throw new MooError(E.E_VARNF);
              if (base === unboxed) base = frame.nums![slot]!;
              if (typeof base === "object" && base.tag === T.LIST && base.n === OWNED && typeof i === "number") {
                const items = base.ref as Value[];
                if (i >= 1 && i <= items.length) { items[i - 1] = v; continue; }
              }
              env[slot] = O.indexSet(base, i, v, this.host.limits);
              continue;
            }
            case 48 /* RANGE_SET */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const v = stack[--sp]!, to = stack[--sp]!, from = stack[--sp]!;
              stack[sp - 1] = O.rangeSet(stack[sp - 1]!, from, to, v, this.host.limits);
              continue;
            }
            case 49 /* PUSH_REF */: if ((ticks -= 1) < 0) throw outOfTicks; stack[sp] = O.index(stack[sp - 2]!, stack[sp - 1]!); sp++; continue;
            case 50 /* PUSH_RANGE_REF */: if ((ticks -= 1) < 0) throw outOfTicks; stack[sp] = O.range(stack[sp - 3]!, stack[sp - 2]!, stack[sp - 1]!); sp++; continue;
            case 51 /* PUT_TEMP */: frame.temp = stack[sp - 1]!; continue;
            case 52 /* PUSH_TEMP */: stack[sp++] = frame.temp; continue;
            case 73 /* APPEND_VAR */:
            case 78 /* APPEND_VAR_MANY */: if ((ticks -= 2) < 0) throw outOfTicks; {
              const slot = w >> 8;
              const v = stack[--sp]!;
              let base = env[slot];
              if (base === undefined) throw new MooError(E.E_VARNF);
              if (base === unboxed) base = frame.nums![slot]!;
              env[slot] = O.appendVar(base, v, op === Op.APPEND_VAR_MANY, this.host.limits.maxListLength);
              continue;
            }
            case 88 /* ADD_TO_VAR */: if ((ticks -= 2) < 0) throw outOfTicks; {
              const slot = w >> 8;
              const ea = env[slot], b = stack[--sp]!;
              // As ADD_VARS_PUT: tagged and unboxed values never meet in one variable.
              let r = NaN;
              if (typeof b === "number") {
                if (typeof ea === "number") {
                  r = ea + b;
                  if (r <= 0x3fffffff && r >= -0x40000000) { env[slot] = r; continue; }
                } else if (ea === unboxed) r = frame.nums![slot]! + b;
              }
              if (r <= 9007199254740991 && r >= -9007199254740991) {
                (frame.nums ??= newNums(env.length))[slot] = r;
                env[slot] = unboxed;
                continue;
              }
              if (ea === undefined) throw new MooError(E.E_VARNF);
              env[slot] = A.add(ea === unboxed ? frame.nums![slot]! : ea, b, this.host.limits.maxStringLength);
              continue;
            }
            case 71 /* ADD_VARS_PUT */: if ((ticks -= 2) < 0) throw outOfTicks; {
              const k = w >> 8;
              const ia = ops[k]!, ib = ops[k + 1]!, ic = ops[k + 2]!;
              const ea = env[ia], eb = env[ib];
              // Three fast shapes, kept apart so V8 never merges a tagged value with an
              // unboxed double (which would box it again): both tagged, or one side unboxed.
              let r = NaN;
              if (typeof ea === "number") {
                if (typeof eb === "number") {
                  r = ea + eb;
                  if (r <= 0x3fffffff && r >= -0x40000000) { env[ic] = r; continue; }
                } else if (eb === unboxed) r = ea + frame.nums![ib]!;
              } else if (ea === unboxed) {
                if (typeof eb === "number") r = frame.nums![ia]! + eb;
                else if (eb === unboxed) r = frame.nums![ia]! + frame.nums![ib]!;
              }
              if (r <= 9007199254740991 && r >= -9007199254740991) {
                (frame.nums ??= newNums(env.length))[ic] = r;
                env[ic] = unboxed;
                continue;
              }
              if (ea === undefined || eb === undefined) throw new MooError(E.E_VARNF);
              env[ic] = A.add(ea === unboxed ? frame.nums![ia]! : ea, eb === unboxed ? frame.nums![ib]! : eb, this.host.limits.maxStringLength);
              continue;
            }
            case 72 /* INCR_VAR */: if ((ticks -= 2) < 0) throw outOfTicks; {
              const k = w >> 8;
              const slot = ops[k]!, inc = ops[k + 1]!;
              const ea = env[slot];
              let r = NaN;
              if (typeof ea === "number") {
                r = ea + inc;
                if (r <= 0x3fffffff && r >= -0x40000000) { env[slot] = r; continue; }
              } else if (ea === unboxed) r = frame.nums![slot]! + inc;
              if (r <= 9007199254740991 && r >= -9007199254740991) {
                (frame.nums ??= newNums(env.length))[slot] = r;
                env[slot] = unboxed;
                continue;
              }
              if (ea === undefined) throw new MooError(E.E_VARNF);
              env[slot] = A.add(ea === unboxed ? frame.nums![slot]! : ea, inc, this.host.limits.maxStringLength);
              continue;
            }
            case 54 /* CALL_BUILTIN */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const spec = bound[w >> 8];
              const argList = stack[sp - 1] as Box;
              frame.pc = pc; frame.sp = sp;
              this.ticks = ticks;
              const r = this.callBuiltin(spec, prog.funcs[w >> 8]!, listOf(argList), frame);
              ticks = this.ticks;
              if (r instanceof Request) {
                sp--;
                frame.sp = sp;
                const out = this.request(task, frame, r, spec!.name);
                if (out !== null) { this.ticks = ticks; return out; }
                break; // frame changed
              }
              stack[sp - 1] = r;
              continue;
            }
            case 83 /* CALL_VERB_VAR */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const k = w >> 8;
              let obj = env[ops[k]!];
              if (obj === undefined) throw new MooError(E.E_VARNF);
              if (obj === unboxed) obj = frame.nums![ops[k]!]!;
              const args = stack[--sp] as Box;
              frame.pc = pc; frame.sp = sp;
              if (task.frames.length >= task.maxDepth) throw new MooError(E.E_MAXREC);
              task.frames.push(this.host.callVerbAt(task, frame, obj, consts[ops[k + 1]!] as string, args, sites[k] ??= newCacheSite()));
              this.ticks = ticks;
              break; // frame changed
            }
            case 90 /* CALL_VERB_VAR_N */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const k = w >> 8;
              let obj = env[ops[k]!];
              if (obj === undefined) throw new MooError(E.E_VARNF);
              if (obj === unboxed) obj = frame.nums![ops[k]!]!;
              const n = ops[k + 2]!;
              const items = gatherArgs(stack, sp, n);
              sp -= n;
              frame.pc = pc; frame.sp = sp;
              if (task.frames.length >= task.maxDepth) throw new MooError(E.E_MAXREC);
              task.frames.push(this.host.callVerbAt(task, frame, obj, consts[ops[k + 1]!] as string, mkList(items) as Box, sites[k] ??= newCacheSite()));
              this.ticks = ticks;
              break; // frame changed
            }
            case 84 /* IF_NOT_VI */: if ((ticks -= 2) < 0) throw outOfTicks; {
              const k = w >> 8;
              let v = env[ops[k]!];
              if (v === undefined) throw new MooError(E.E_VARNF);
              if (v === unboxed) v = frame.nums![ops[k]!]!;
              const n = ops[k + 1]!;
              let yes: boolean;
              if (typeof v === "number") {
                switch (ops[k + 2]!) {
                  case 4: yes = v === n; break;
                  case 5: yes = v !== n; break;
                  case 6: yes = v < n; break;
                  case 7: yes = v <= n; break;
                  case 8: yes = v > n; break;
                  default: yes = v >= n; break;
                }
              } else yes = isTrue(O.binVI(v, n, ops[k + 2]!, 0));
              if (!yes) pc = ops[k + 3]!;
              continue;
            }
            case 85 /* INDEX_VAR_INT */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const k = w >> 8;
              let base = env[ops[k]!];
              if (base === undefined) throw new MooError(E.E_VARNF);
              if (base === unboxed) base = frame.nums![ops[k]!]!;
              const i = ops[k + 1]!;
              if (typeof base === "object" && base.tag === T.LIST) {
                const items = base.ref as Value[];
                if (i <= items.length) { stack[sp++] = items[i - 1]!; continue; }
              }
              stack[sp++] = O.index(base, i);
              continue;
            }
            case 53 /* CALL_VERB */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const args = stack[--sp] as Box, name = stack[--sp]!, obj = stack[--sp]!;
              frame.pc = pc; frame.sp = sp;
              if (task.frames.length >= task.maxDepth) throw new MooError(E.E_MAXREC);
              task.frames.push(this.host.callVerb(task, frame, obj, name, args));
              this.ticks = ticks;
              break; // frame changed
            }
            case 91 /* RETURN_VAR */:
            case 55 /* RETURN */:
            case 56 /* RETURN0 */:
            case 57 /* DONE */: {
              let v: Value;
              if (op === 91) {
                // As PUSH_VAR then RETURN: an unbound variable raises, or without `d` is returned as E_VARNF.
                const x = env[w >> 8];
                if (x === undefined) {
                  if (frame.debug) throw new MooError(E.E_VARNF);
                  v = new MooError(E.E_VARNF).codeValue;
                } else {
                  v = x === unboxed ? frame.nums![w >> 8]! : x;
                  if (typeof v === "object" && v.tag === T.LIST) v.n = SHARED;
                }
              } else v = op === Op.RETURN ? stack[--sp]! : 0;
              frame.pc = pc; frame.sp = sp;
              if (frame.handlers.length > 0 && this.hasFinally(frame)) {
                this.ticks = ticks;
                const out = this.unwindFinally(task, frame, FIN_RETURN, v);
                if (out !== null) return out;
                break; // frame changed
              }
              this.ticks = ticks;
              const frames = task.frames;
              if (frames.length > 1 && frame.bfResume === null && !frame.evalWrap) {
                // returnFrom's common case, inline: a verb returning to the verb that called it.
                frames.pop();
                const caller = frames[frames.length - 1]!;
                caller.stack[caller.sp++] = v;
                break; // frame changed
              }
              const out = this.returnFrom(task, v);
              if (out !== null) return out;
              break; // frame changed
            }
            case 58 /* TRY_CATCH */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const codes = stack[--sp]!;
              handlersOf(frame).push({ kind: HANDLER_CATCH, sp, pc: w >> 8, codes });
              continue;
            }
            case 59 /* END_CATCH */:
            case 61 /* END_EXCEPT */:
              (frame.handlers as Handler[]).pop();
              pc = w >> 8;
              continue;
            case 60 /* TRY_EXCEPT */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const t = tables[w >> 8] as Table & { t: "except" };
              const n = t.arms.length;
              const codes = stack.slice(sp - n, sp);
              sp -= n;
              handlersOf(frame).push({ kind: HANDLER_EXCEPT, sp, pc: w >> 8, codes });
              continue;
            }
            case 62 /* TRY_FINALLY */: if ((ticks -= 1) < 0) throw outOfTicks;
              handlersOf(frame).push({ kind: HANDLER_FINALLY, sp, pc: w >> 8, codes: 0 });
              continue;
            case 63 /* END_FINALLY_BODY */:
              (frame.handlers as Handler[]).pop();
              stack[sp++] = FIN_FALLTHRU;
              stack[sp++] = 0;
              continue;
            case 64 /* END_FINALLY */: {
              const v = stack[--sp]!, why = stack[--sp] as number;
              if (why === FIN_FALLTHRU) continue;
              frame.pc = pc; frame.sp = sp;
              this.ticks = ticks;
              const out = this.continueFinally(task, frame, why, v);
              if (out !== null) return out;
              break; // frame changed
            }
            case 65 /* EXIT */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const k = w >> 8;
              if (frame.handlers.length > ops[k + 2]!) {
                frame.pc = pc; frame.sp = sp;
                this.ticks = ticks;
                const out = this.exitThrough(task, frame, w >> 8);
                if (out !== null) return out;
                break; // frame changed
              }
              sp = frame.base + ops[k + 1]!; pc = ops[k]!;
              continue;
            }
            case 66 /* FORK */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const t = tables[w >> 8] as Table & { t: "fork" };
              const delay = O.forkDelay(stack[--sp]!);
              frame.pc = pc; frame.sp = sp;
              boxNums(frame);
              O.shareEnv(env);
              this.host.fork(task, frame, t.body, delay, t.variable);
              pc = t.after;
              continue;
            }
            case 67 /* SCATTER */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const t = tables[w >> 8] as Table & { t: "scatter" };
              pc = O.scatter(stack[sp - 1]!, env, t);
              continue;
            }
            case 89 /* SCATTER_VAR */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const k = w >> 8;
              let v = env[ops[k]!];
              if (v === undefined) throw new MooError(E.E_VARNF);
              if (v === unboxed) v = frame.nums![ops[k]!]!;
              const t = tables[ops[k + 1]!] as Table & { t: "scatter" };
              if (typeof v === "object" && v.tag === T.LIST) {
                // `{a, b} = args`, inline: every target required and as many values as targets.
                const items = v.ref as Value[], targets = t.items;
                if (items.length === targets.length) {
                  let i = 0;
                  for (; i < targets.length; i++) {
                    const it = targets[i]!;
                    if (it.kind !== 0) break;
                    env[it.variable] = items[i]!;
                  }
                  if (i === targets.length) { pc = t.done; continue; }
                }
              }
              pc = O.scatter(v, env, t);
              continue;
            }
            case 80 /* BIN_VI */: if ((ticks -= 1) < 0) throw outOfTicks; {
              const k = w >> 8;
              const slot = ops[k]!, n = ops[k + 1]!;
              let v = env[slot];
              if (v === undefined) throw new MooError(E.E_VARNF);
              if (v === unboxed) v = frame.nums![slot]!;
              if (typeof v === "number") {
                switch (ops[k + 2]!) {
                  case 0: { const r = v + n; if (r <= 9007199254740991 && r >= -9007199254740991) { stack[sp++] = r; continue; } break; }
                  case 1: { const r = v - n; if (r <= 9007199254740991 && r >= -9007199254740991) { stack[sp++] = r; continue; } break; }
                  case 2: { const r = v * n; if (r <= 9007199254740991 && r >= -9007199254740991) { stack[sp++] = r + 0; continue; } break; }
                  case 4: stack[sp++] = v === n ? 1 : 0; continue;
                  case 5: stack[sp++] = v !== n ? 1 : 0; continue;
                  case 6: stack[sp++] = v < n ? 1 : 0; continue;
                  case 7: stack[sp++] = v <= n ? 1 : 0; continue;
                  case 8: stack[sp++] = v > n ? 1 : 0; continue;
                  case 9: stack[sp++] = v >= n ? 1 : 0; continue;
                  default: break;
                }
              }
              stack[sp++] = O.binVI(v, n, ops[k + 2]!, this.host.limits.maxStringLength);
              continue;
            }
            case 69 /* CATCH_VALUE */: continue;
            default:
              throw new Error(`bad opcode ${op} at ${pc - 1}`);
          }
          // Control reaches here after ops that may have changed the frame stack: reload
          // state, including ticks (a builtin's resume() may have charged some).
          ticks = this.ticks;
          frame = task.frames[task.frames.length - 1]!;
          if (frame.prog !== prog) {
            prog = frame.prog; code = prog.code; consts = prog.consts; tables = prog.tables; ops = prog.operands; bound = this.bindFuncs(prog); sites = this.sitesOf(prog);
          }
          stack = frame.stack; env = frame.env; pc = frame.pc; sp = frame.sp;
        }
      } catch (e) {
        if (e === outOfTicks) {
          // The op charged before doing anything: give the ticks back and stop in front of it.
          ticks += OP_TICKS[code[opPc]! & 0xff]!;
          frame.pc = opPc; frame.sp = opSp; this.ticks = ticks;
          return { kind: "ticks" };
        }
        if (!(e instanceof MooError)) {
          this.ticks = ticks;
          const err = e instanceof Error ? e : new Error(String(e));
          return { kind: "bug", message: err.message, stack: err.stack ?? "" };
        }
        this.ticks = ticks;
        const raised: Raised = { code: e.codeValue, message: e.message, value: e.value };
        const top = task.frames[task.frames.length - 1]!;
        if (top === frame) {
          // Raised by the instruction at opPc of the frame we were running.
          frame.pc = pc; frame.sp = sp;
          if (!frame.debug) O.errorAsValue(frame, opPc, opSp, raised.code);
          else {
            frame.pc = opPc;
            const out = this.unwind(task, raised);
            if (out !== null) return out;
          }
        } else {
          // Raised after the frame stack changed (a builtin's resume() once its verb
          // returned): `top` stands after its builtin call with its state stored.
          if (!top.debug) top.stack[top.sp++] = raised.code;
          else {
            top.pc = Math.max(0, top.pc - 1);
            const out = this.unwind(task, raised);
            if (out !== null) return out;
          }
        }
        ticks = this.ticks;
        frame = task.frames[task.frames.length - 1]!;
        prog = frame.prog; code = prog.code; consts = prog.consts; tables = prog.tables; ops = prog.operands; bound = this.bindFuncs(prog); sites = this.sitesOf(prog);
        stack = frame.stack; env = frame.env; pc = frame.pc; sp = frame.sp;
      }
    }
  }

  // ---- calls and returns ----

  private callBuiltin(spec: BuiltinSpec | undefined, name: string, args: Value[], frame: Frame): Value | Request {
    if (!spec) throw new MooError(E.E_VERBNF, `Unknown built-in function: ${name}`);
    if (args.length < spec.min || (spec.max >= 0 && args.length > spec.max)) throw new MooError(E.E_ARGS);
    O.checkArgTypes(spec, args);
    if (spec.perm !== "anyone") {
      const p = frame.progr;
      // LambdaMOO's is_programmer() reads the flag alone: a wizard without it may not eval().
      if (spec.perm === "wizard" ? !this.host.isWizard(p) : !this.host.isProgrammer(p)) throw new MooError(E.E_PERM);
    }
    const guard = this.host.builtinGuard(frame, spec.name);
    if (guard !== "ok") {
      if (guard === "deny") throw new MooError(E.E_PERM);
      return new Request({ kind: "callVerb", obj: mkObj(0), name: "bf_" + spec.name, args });
    }
    this.ticks -= (spec.cost ?? 0);
    return spec.fn(args, this.ctx);
  }

  /** Act on a builtin's request. Returns an outcome to stop the run, or null to continue. */
  private request(task: Task, frame: Frame, r: Request, from: string): Outcome | null {
    const q = r.req;
    switch (q.kind) {
      case "suspend": return { kind: "suspend", seconds: q.seconds };
      case "read": return { kind: "read" };
      case "kill": return { kind: "killed" };
      case "callVerb": {
        if (task.frames.length >= task.maxDepth) throw new MooError(E.E_MAXREC);
        let callee: Frame;
        try {
          callee = this.host.callVerb(task, frame, q.obj, q.name, mkList(q.args));
        } catch (e) {
          if (!(e instanceof MooError) || e.code !== E.E_VERBNF || q.missing === undefined) throw e;
          return this.resumeBuiltin(task, frame, from, q.missing, q.then ?? 0);
        }
        if (q.then !== undefined) callee.bfResume = { name: from, state: q.then };
        task.frames.push(callee);
        return null;
      }
      case "pass": {
        if (task.frames.length >= task.maxDepth) throw new MooError(E.E_MAXREC);
        task.frames.push(this.host.passVerb(task, frame, mkList(q.args)));
        return null;
      }
      case "callBuiltin": {
        const r2 = this.callBuiltin(this.builtins.get(q.name), q.name, q.args, frame);
        if (r2 instanceof Request) return this.request(task, frame, r2, q.name);
        frame.stack[frame.sp++] = r2;
        return null;
      }
      case "eval": {
        if (!this.compileEval) throw new MooError(E.E_PERM);
        const c = this.compileEval(q.source);
        if (!c.ok) {
          frame.stack[frame.sp++] = mkList([0, mkList(c.errors)]);
          return null;
        }
        if (task.frames.length >= task.maxDepth) throw new MooError(E.E_MAXREC);
        const f = newFrame(c.program, evalContext(frame.player), frame.progr);
        f.evalWrap = true;
        if (q.env) {
          const names = c.program.names;
          for (const [k, v] of q.env.entries()) {
            if (typeof k !== "string") continue;
            const slot = names.findIndex((n) => n.toLowerCase() === k.toLowerCase());
            if (slot >= 0) f.env[slot] = v;
          }
        }
        task.frames.push(f);
        return null;
      }
    }
  }

  /** Pop the top frame, handing v to the caller. Outcome when the task ends. */
  private returnFrom(task: Task, v: Value): Outcome | null {
    const done = task.frames.pop()!;
    if (task.frames.length === 0) return { kind: "done", value: v };
    const caller = task.frames[task.frames.length - 1]!;
    if (done.bfResume) return this.resumeBuiltin(task, caller, done.bfResume.name, v, done.bfResume.state);
    caller.stack[caller.sp++] = done.evalWrap ? mkList([1, v]) : v;
    return null;
  }

  /** A builtin's verb call returned v: run the builtin's continuation in the calling frame. */
  private resumeBuiltin(task: Task, frame: Frame, name: string, v: Value, state: Value): Outcome | null {
    const spec = this.builtins.get(name);
    if (!spec?.resume) throw new Error(`builtin ${name} asked to resume but has no resume()`);
    const r = spec.resume(v, state, this.ctx);
    if (r instanceof Request) return this.request(task, frame, r, name);
    frame.stack[frame.sp++] = r;
    return null;
  }

  private hasFinally(frame: Frame): boolean {
    for (const h of frame.handlers) if (h.kind === HANDLER_FINALLY) return true;
    return false;
  }

  /**
   * Leave handlers of `frame` on the way out (return or exit): the first
   * finally met runs with a marker saying how to continue afterwards.
   */
  private unwindFinally(task: Task, frame: Frame, why: number, v: Value, downTo = 0): Outcome | null {
    while (frame.handlers.length > downTo) {
      const h = (frame.handlers as Handler[]).pop()!;
      if (h.kind !== HANDLER_FINALLY) continue;
      frame.sp = h.sp;
      frame.stack[frame.sp++] = why;
      frame.stack[frame.sp++] = v;
      frame.pc = h.pc;
      return null;
    }
    if (why === FIN_RETURN) return this.returnFrom(task, v);
    // FIN_EXIT: every handler inside the loop is gone; jump to the target.
    const k = v as number;
    frame.sp = frame.base + frame.prog.operands[k + 1]!;
    frame.pc = frame.prog.operands[k]!;
    return null;
  }

  private exitThrough(task: Task, frame: Frame, k: number): Outcome | null {
    return this.unwindFinally(task, frame, FIN_EXIT, k, frame.prog.operands[k + 2]!);
  }

  /** END_FINALLY of a finally entered by a return, exit or raise: keep going. */
  private continueFinally(task: Task, frame: Frame, why: number, v: Value): Outcome | null {
    if (why === FIN_RETURN) return this.unwindFinally(task, frame, FIN_RETURN, v);
    if (why === FIN_EXIT) {
      return this.unwindFinally(task, frame, FIN_EXIT, v, frame.prog.operands[(v as number) + 2]!);
    }
    return this.unwind(task, O.raisedFromValue(v));
  }

  /**
   * Raise `err` from the top frame: find a handler (catch, except, finally)
   * or pop frames, building the traceback. Null when a handler took over.
   */
  unwind(task: Task, err: Raised): Outcome | null {
    const traceback: Value[] = [];
    const lines: string[] = [];
    let first = true;
    while (task.frames.length > 0) {
      const frame = task.frames[task.frames.length - 1]!;
      traceback.push(O.frameInfo(frame, first));
      lines.push(O.tracebackLine(frame, first, err));
      first = false;
      while (frame.handlers.length > 0) {
        const h = (frame.handlers as Handler[]).pop()!;
        if (h.kind === HANDLER_FINALLY) {
          frame.sp = h.sp;
          frame.stack[frame.sp++] = FIN_RAISE;
          frame.stack[frame.sp++] = O.raisedToValue(err);
          frame.pc = h.pc;
          return null;
        }
        if (h.kind === HANDLER_CATCH) {
          if (!O.codesMatch(h.codes as Value, err.code)) continue;
          frame.sp = h.sp;
          frame.stack[frame.sp++] = err.code;
          frame.pc = h.pc;
          return null;
        }
        const t = frame.prog.tables[h.pc] as Table & { t: "except" };
        const codes = h.codes as readonly Value[];
        for (let i = 0; i < t.arms.length; i++) {
          if (!O.codesMatch(codes[i]!, err.code)) continue;
          const arm = t.arms[i]!;
          frame.sp = h.sp;
          if (arm.variable >= 0) frame.env[arm.variable] = mkList([err.code, err.message, err.value, mkList(traceback.slice())]);
          frame.pc = arm.pc;
          return null;
        }
      }
      task.frames.pop();
    }
    lines.push("(End of traceback)");
    return { kind: "error", raised: err, traceback: lines, stack: mkList(traceback) };
  }
}

/**
 * The top n stack values as a fresh list array (arguments, list literals). Small counts are built as
 * literals, which V8 makes packed arrays: a preallocated `new Array(n)` is
 * holey, and a mix of holey and packed lists makes every list read polymorphic.
 */
const gatherArgs = (stack: Value[], sp: number, n: number): Value[] => {
  switch (n) {
    case 0: return [];
    case 1: return [stack[sp - 1]!];
    case 2: return [stack[sp - 2]!, stack[sp - 1]!];
    case 3: return [stack[sp - 3]!, stack[sp - 2]!, stack[sp - 1]!];
    default: return stack.slice(sp - n, sp);
  }
};
