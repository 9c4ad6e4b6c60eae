// Builtins that act on the running task itself rather than on values:
// raise, suspend, eval, call_function, ticks_left, task_id. They answer
// with requests the VM carries out (STYLE.md 5), never by recursing.

import { type Value, type Box, T, E, isErr, isMap, mapOf, mkErr, mkList, toStr } from "../value.ts";
import { type BuiltinSpec, type BuiltinCtx, ANY, NUM, Request } from "../builtin-spec.ts";
import { MooError } from "../errors.ts";
import type { Task } from "../task.ts";
import { forkDelay } from "../vm-ops.ts";

const bf_raise = (args: Value[]): Value => {
  const [code, msg, value] = args;
  // LambdaMOO: the default message is tostr() of the code.
  const message = msg !== undefined ? (msg as string) : toStr(code!);
  const n = isErr(code!) ? (code as Box).n : E.E_NONE;
  throw new MooError(n, message, value ?? 0, isErr(code!) ? mkErr(n) : code!);
};

const bf_suspend = (args: Value[]): Value | Request => {
  if (args.length === 0) return new Request({ kind: "suspend", seconds: null });
  // The same rule as a fork's delay: any non-negative number of seconds, however large.
  return new Request({ kind: "suspend", seconds: forkDelay(args[0]!) });
};

/**
 * eval(string, ...) runs the strings joined by newlines; a map as the last
 * argument (mooR) gives variables their starting values.
 */
const bf_eval = (args: Value[]): Request => {
  const last = args[args.length - 1]!;
  const env = args.length > 1 && isMap(last) ? mapOf(last) : undefined;
  const lines = env ? args.slice(0, -1) : args;
  if (lines.some((l) => typeof l !== "string")) throw new MooError(E.E_TYPE);
  if (env && env.entries().some(([k]) => typeof k !== "string")) throw new MooError(E.E_TYPE);
  return new Request({ kind: "eval", source: (lines as string[]).join("\n"), env });
};

/** pass(@args): the running verb's parent verb, same `this` (the host finds it). */
const bf_pass = (args: Value[]): Request => new Request({ kind: "pass", args });

const bf_call_function = (args: Value[]): Request =>
  new Request({ kind: "callBuiltin", name: (args[0] as string).toLowerCase(), args: args.slice(1) });

const bf_ticks_left = (_: Value[], ctx: BuiltinCtx): Value => ctx.ticksLeft();

/** {name, min args, max args (-1 for any), argument types (-1 any, -2 numeric)}, as LambdaMOO. */
const describe = (s: BuiltinSpec): Value => {
  const n = s.max >= 0 ? s.max : s.min;
  const types: Value[] = [];
  for (let i = 0; i < n; i++) types.push(s.types[i] ?? ANY);
  return mkList([s.name, s.min, s.max, mkList(types)]);
};

const bf_function_info = (args: Value[], ctx: BuiltinCtx): Value => {
  if (args.length === 0) return mkList([...ctx.builtins.values()].map(describe));
  const spec = ctx.builtins.get((args[0] as string).toLowerCase());
  if (!spec) throw new MooError(E.E_INVARG);
  return describe(spec);
};

const bf_task_id = (_: Value[], ctx: BuiltinCtx): Value => (ctx.task as Task | null)?.id ?? 0;

export const coreBuiltins: BuiltinSpec[] = [
  { name: "raise", min: 1, max: 3, types: [ANY, T.STR, ANY], perm: "anyone", fn: bf_raise },
  { name: "suspend", min: 0, max: 1, types: [NUM], perm: "anyone", fn: bf_suspend },
  { name: "eval", min: 1, max: -1, types: [T.STR], perm: "programmer", fn: bf_eval },
  { name: "pass", min: 0, max: -1, types: [], perm: "anyone", fn: bf_pass },
  { name: "call_function", min: 1, max: -1, types: [T.STR], perm: "anyone", fn: bf_call_function },
  { name: "ticks_left", min: 0, max: 0, types: [], perm: "anyone", fn: bf_ticks_left },
  { name: "task_id", min: 0, max: 0, types: [], perm: "anyone", fn: bf_task_id },
  { name: "function_info", min: 0, max: 1, types: [T.STR], perm: "anyone", fn: bf_function_info },
];
