// What the VM needs from the world, declared here and implemented by
// objects/ (STYLE.md 1, mooR's VmHost). verbs/ knows nothing of objects;
// EmptyHost is the world of `moo eval` and of the language tests.

import { type Value, type Box, E, T, NOTHING, mkList, EMPTY_LIST, listOf } from "./value.ts";
import { MooError } from "./errors.ts";
import { type Frame, type Task, NO_HANDLERS } from "./task.ts";
import type { Program } from "./program.ts";
import type { Limits } from "./builtin-spec.ts";

/**
 * A per-instruction cache the VM hands to the host for property access: the
 * host may remember what it found (an object, a stamp saying the world's
 * shape is unchanged, and its own reference) and skip the lookup next time.
 * Runtime only: never stored.
 */
export interface CacheSite { key: number; stamp: number; ref: unknown }
export const newCacheSite = (): CacheSite => ({ key: -1, stamp: -1, ref: null });

export interface VmHost {
  readonly limits: Limits;
  /** obj.name, built-in properties included. Throws MooError (E_INVIND, E_PROPNF, E_PERM). */
  getProp(frame: Frame, obj: Value, name: Value): Value;
  /** obj.name = value. Throws MooError. */
  setProp(frame: Frame, obj: Value, name: Value, value: Value): void;
  /** getProp and setProp for an instruction with a cache site (the name is a literal). */
  getPropAt(frame: Frame, obj: Value, name: string, site: CacheSite): Value;
  setPropAt(frame: Frame, obj: Value, name: string, value: Value, site: CacheSite): void;
  /** A frame ready to run obj:name(@args). Throws MooError (E_INVIND, E_VERBNF, E_TYPE). */
  callVerb(task: Task, frame: Frame, obj: Value, name: Value, args: Box): Frame;
  /** callVerb for an instruction with a cache site (the verb name is a literal). */
  callVerbAt(task: Task, frame: Frame, obj: Value, name: string, args: Box, site: CacheSite): Frame;
  /** A frame running the verb pass() reaches from `frame` (E_VERBNF when there is none). */
  passVerb(task: Task, frame: Frame, args: Box): Frame;
  /**
   * Queue a forked task running frame's program from bodyPc after delay
   * seconds; returns its task id. For a named fork, idSlot is the variable
   * that receives the id, set before the variables are copied so the forked
   * task sees it too (LambdaMOO); -1 otherwise.
   */
  fork(task: Task, frame: Frame, bodyPc: number, delay: number, idSlot: number): number;
  isWizard(obj: number): boolean;
  isProgrammer(obj: number): boolean;
  /**
   * $server_options.protect_<name> (LambdaMOO): "ok" to run the builtin,
   * "wrapper" to call #0:bf_<name>(@args) instead, "deny" for E_PERM.
   */
  builtinGuard(frame: Frame, name: string): "ok" | "wrapper" | "deny";
  now(): number;
  random(): number;
  /** Handed to builtins as ctx.world. */
  readonly world: unknown;
}

/**
 * The command variables a verb starts with, as one list: {argstr, dobj,
 * dobjstr, prepstr, iobj, iobjstr}. A verb called from another verb gets its
 * caller's (LambdaMOO), so frames pass this list along by reference.
 */
export const commandVars = (argstr: string, dobj: Value, dobjstr: string, prepstr: string, iobj: Value, iobjstr: string): Box =>
  mkList([argstr, dobj, dobjstr, prepstr, iobj, iobjstr]);
export const NO_COMMAND: Box = commandVars("", NOTHING, "", "", NOTHING, "");

/** Initial variables of a frame: the verb context. */
export interface FrameContext {
  player: Value;
  self: Value;
  caller: Value;
  verb: string;
  args: Box;
  /** commandVars(...) */
  cmd: Box;
}

/**
 * A frame about to run prog from its start, its variables set from the verb
 * context. Positional arguments and a shared empty handler list keep a verb
 * call to the few allocations it needs (frame, variables, value stack).
 */
export const frameOf = (
  prog: Program, player: Value, self: Value, caller: Value, verb: string, args: Box, cmd: Box,
  progr: number, debug: boolean, definer: Value, below?: Frame,
): Frame => {
  const init = prog.init;
  const env = init.template.slice();
  if (init.args >= 0) env[init.args] = args;
  if (init.self >= 0) env[init.self] = self;
  if (init.player >= 0) env[init.player] = player;
  if (init.caller >= 0) env[init.caller] = caller;
  if (init.verb >= 0) env[init.verb] = verb;
  const cv = init.cmd;
  for (let i = 0; i < cv.length; i += 2) env[cv[i]!] = listOf(cmd)[cv[i + 1]!]!;
  // A called verb stacks its values above its caller's; a first frame gets its own array.
  let stack: Value[], base = 0;
  if (below) {
    stack = below.stack;
    base = below.sp;
    for (let need = base + prog.maxStack; stack.length < need;) stack.push(0);
  } else stack = new Array<Value>(prog.maxStack);
  return {
    prog, pc: 0, sp: base, stack, base, env, nums: null, handlers: NO_HANDLERS, temp: 0,
    debug, self, verb, definer, progr, cmd, player, evalWrap: false, bfResume: null,
  };
};

export const newFrame = (prog: Program, c: FrameContext, progr: number, debug = true, definer: Value = NOTHING, below?: Frame): Frame =>
  frameOf(prog, c.player, c.self, c.caller, c.verb, c.args, c.cmd, progr, debug, definer, below);

/**
 * The first frame of a task forked from `frame` at bodyPc, with the task id
 * given to the named fork's variable first (LambdaMOO: both tasks see it).
 * The fork gets copies of the variables, its own value stack and no handlers.
 */
export const forkFrame = (f: Frame, bodyPc: number, idSlot: number, id: number): Frame => {
  if (idSlot >= 0) f.env[idSlot] = id;
  // The same fields in the same order as frameOf's, so the VM sees one frame shape. The
  // value stack starts empty: a fork may wait for hours, and VM.run sizes it when it starts.
  return {
    prog: f.prog, pc: bodyPc, sp: 0, stack: new Array<Value>(0), base: 0, env: f.env.slice(), nums: null, handlers: NO_HANDLERS, temp: 0,
    debug: f.debug, self: f.self, verb: f.verb, definer: f.definer, progr: f.progr, cmd: f.cmd, player: f.player,
    evalWrap: false, bfResume: null,
  };
};

export const evalContext = (player: Value = NOTHING): FrameContext => ({
  player, self: NOTHING, caller: player, verb: "", args: EMPTY_LIST, cmd: NO_COMMAND,
});

/** No objects exist: every property or verb reference is E_INVIND. */
export class EmptyHost implements VmHost {
  private nextTask = 1;
  readonly forks: { task: Task; frame: Frame; bodyPc: number; delay: number; id: number }[] = [];
  constructor(readonly limits: Limits, private readonly clock: () => number = Date.now) {}
  getProp(_frame: Frame, _obj: Value, _name: Value): Value { throw new MooError(E.E_INVIND); }
  setProp(_frame: Frame, _obj: Value, _name: Value, _value: Value): void { throw new MooError(E.E_INVIND); }
  getPropAt(frame: Frame, obj: Value, name: string): Value { return this.getProp(frame, obj, name); }
  setPropAt(frame: Frame, obj: Value, name: string, value: Value): void { this.setProp(frame, obj, name, value); }
  callVerb(_task: Task, _frame: Frame, _obj: Value, _name: Value, _args: Box): Frame { throw new MooError(E.E_INVIND); }
  passVerb(_task: Task, _frame: Frame, _args: Box): Frame { throw new MooError(E.E_VERBNF); }
  callVerbAt(task: Task, frame: Frame, obj: Value, name: string, args: Box): Frame { return this.callVerb(task, frame, obj, name, args); }
  /** Forks are kept as a frame ready to run the body, with the variables as they were at the fork. */
  fork(task: Task, frame: Frame, bodyPc: number, delay: number, idSlot: number): number {
    const id = 1000 + this.nextTask++;
    this.forks.push({ task, frame: forkFrame(frame, bodyPc, idSlot, id), bodyPc, delay, id });
    return id;
  }
  builtinGuard(): "ok" { return "ok"; }
  isWizard(_obj: number): boolean { return false; }
  isProgrammer(_obj: number): boolean { return true; }
  now(): number { return this.clock(); }
  random(): number { return Math.random(); }
  readonly world = null;
}

