// What the VM needs from the world, declared here and implemented by
// objects/ (STYLE.md 1, mooR's VmHost). verbs/ knows nothing of objects;
// EmptyHost is the world of `moo eval` and of the language tests.

import { type Value, type Box, E, T, mkObj, NOTHING, mkList, EMPTY_LIST } from "./value.ts";
import { MooError } from "./errors.ts";
import { type Frame, type Task, NO_HANDLERS } from "./task.ts";
import type { Program } from "./program.ts";
import { VAR, BUILTIN_VARS } from "./program.ts";
import type { Limits } from "./builtin-spec.ts";

export interface VmHost {
  readonly limits: Limits;
  /** obj.name, built-in properties included. Throws MooError (E_INVIND, E_PROPNF, E_PERM). */
  getProp(frame: Frame, obj: Value, name: Value): Value;
  /** obj.name = value. Throws MooError. */
  setProp(frame: Frame, obj: Value, name: Value, value: Value): void;
  /** A frame ready to run obj:name(@args). Throws MooError (E_INVIND, E_VERBNF, E_TYPE). */
  callVerb(task: Task, frame: Frame, obj: Value, name: Value, args: Box): Frame;
  /** Queue a forked task running frame's program from bodyPc after delay seconds; its task id. */
  fork(task: Task, frame: Frame, bodyPc: number, delay: number): number;
  isWizard(obj: number): boolean;
  isProgrammer(obj: number): boolean;
  now(): number;
  random(): number;
  /** Handed to builtins as ctx.world. */
  readonly world: unknown;
}

/** Initial variables of a frame: type constants and the verb context. */
export interface FrameContext {
  player: Value;
  self: Value;
  caller: Value;
  verb: string;
  args: Box;
  argstr: string;
  dobj: Value;
  dobjstr: string;
  prepstr: string;
  iobj: Value;
  iobjstr: string;
}

/** The builtin variables' initial values; the verb-context slots are filled per frame. */
const ENV_TEMPLATE: (Value | undefined)[] = (() => {
  const env: (Value | undefined)[] = new Array<Value | undefined>(BUILTIN_VARS.length).fill(undefined);
  const types: [number, Value][] = [
    [VAR.NUM, T.INT], [VAR.OBJ, T.OBJ], [VAR.STR, T.STR], [VAR.LIST, T.LIST], [VAR.ERR, T.ERR],
    [VAR.INT, T.INT], [VAR.FLOAT, T.FLOAT], [VAR.MAP, T.MAP], [VAR.BOOL, T.BOOL],
    [VAR.TYPE_INT, T.INT], [VAR.TYPE_OBJ, T.OBJ], [VAR.TYPE_STR, T.STR], [VAR.TYPE_LIST, T.LIST],
    [VAR.TYPE_ERR, T.ERR], [VAR.TYPE_FLOAT, T.FLOAT], [VAR.TYPE_MAP, T.MAP], [VAR.TYPE_BOOL, T.BOOL],
    [VAR.TYPE_NUM, T.INT],
  ];
  for (const [slot, v] of types) env[slot] = v;
  return env;
})();

export const newEnv = (prog: Program, c: FrameContext): (Value | undefined)[] => {
  const env = ENV_TEMPLATE.slice();
  for (let i = env.length; i < prog.names.length; i++) env.push(undefined);
  env[VAR.player] = c.player; env[VAR.this] = c.self; env[VAR.caller] = c.caller;
  env[VAR.verb] = c.verb; env[VAR.args] = c.args; env[VAR.argstr] = c.argstr;
  env[VAR.dobj] = c.dobj; env[VAR.dobjstr] = c.dobjstr; env[VAR.prepstr] = c.prepstr;
  env[VAR.iobj] = c.iobj; env[VAR.iobjstr] = c.iobjstr;
  return env;
};

/**
 * A frame about to run prog from its start. Positional arguments and a shared
 * empty handler list keep a verb call to the few allocations it needs.
 */
export const newFrame = (prog: Program, c: FrameContext, progr: number, debug = true, definer: Value = NOTHING): Frame => ({
  prog, pc: 0, sp: 0, stack: new Array(prog.maxStack), env: newEnv(prog, c), nums: null, handlers: NO_HANDLERS, temp: 0,
  debug, self: c.self, verb: c.verb, definer, progr,
  player: c.player, evalWrap: false, bfResume: null,
});

export const evalContext = (player: Value = NOTHING): FrameContext => ({
  player, self: NOTHING, caller: player, verb: "", args: EMPTY_LIST, argstr: "",
  dobj: NOTHING, dobjstr: "", prepstr: "", iobj: NOTHING, iobjstr: "",
});

/** No objects exist: every property or verb reference is E_INVIND. */
export class EmptyHost implements VmHost {
  private nextTask = 1;
  readonly forks: { task: Task; frame: Frame; bodyPc: number; delay: number; id: number }[] = [];
  constructor(readonly limits: Limits, private readonly clock: () => number = Date.now) {}
  getProp(_frame: Frame, _obj: Value, _name: Value): Value { throw new MooError(E.E_INVIND); }
  setProp(_frame: Frame, _obj: Value, _name: Value, _value: Value): void { throw new MooError(E.E_INVIND); }
  callVerb(_task: Task, _frame: Frame, _obj: Value, _name: Value, _args: Box): Frame { throw new MooError(E.E_INVIND); }
  /** Forks are kept as a frame ready to run the body, with the variables as they were at the fork. */
  fork(task: Task, frame: Frame, bodyPc: number, delay: number): number {
    const id = 1000 + this.nextTask++;
    const start: Frame = {
      ...frame, pc: bodyPc, sp: 0, stack: new Array(frame.prog.maxStack), env: frame.env.slice(), nums: null, handlers: NO_HANDLERS,
    };
    this.forks.push({ task, frame: start, bodyPc, delay, id });
    return id;
  }
  isWizard(_obj: number): boolean { return false; }
  isProgrammer(_obj: number): boolean { return true; }
  now(): number { return this.clock(); }
  random(): number { return Math.random(); }
  readonly world = null;
}

export { mkObj, mkList };
