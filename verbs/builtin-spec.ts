// The builtin contract: one declaration per builtin (STYLE.md 5). The VM
// checks argument count, types and permission from the spec before calling,
// so bodies never re-check. objects/ extends the table with world builtins.

import type { Value, MooMap } from "./value.ts";

/** Argument type codes: a MOO type tag, or one of these wildcards. */
export const ANY = -1;
export const NUM = -2; // INT or FLOAT
export const OBJ_OR_ANY = ANY;
export type ArgType = number;

export type Perm = "anyone" | "programmer" | "wizard";

/** Sizes no value may exceed (config `limits`); exceeding raises E_QUOTA. */
export interface Limits {
  /** Characters in one string. */
  readonly maxStringLength: number;
  /** Elements in one list. */
  readonly maxListLength: number;
  /** Entries in one map. */
  readonly maxMapSize: number;
}

export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxStringLength: 16 * 1024 * 1024,
  maxListLength: 4 * 1024 * 1024,
  maxMapSize: 1024 * 1024,
});

/**
 * What a running builtin may ask of its task. Pure builtins use limits,
 * ticks, time and randomness; world builtins (objects/) reach the world
 * through `world`, typed there.
 */
export interface BuiltinCtx {
  readonly limits: Limits;
  /** Charge ticks for work in proportion to its size. */
  charge(ticks: number): void;
  /** Ticks this task may still spend: the bound for open-ended work (regex). */
  ticksLeft(): number;
  /** Object number whose rights the task has (task perms). */
  readonly progr: number;
  /** True when the task's perms are a wizard's. */
  readonly wizard: boolean;
  /** True when the task's perms are a programmer's (or wizard's). */
  readonly programmer: boolean;
  /** Wall-clock milliseconds since the epoch. */
  now(): number;
  /** Uniform random float in [0, 1): a seedable source for tests. */
  random(): number;
  /** The world, for builtins objects/ adds; unknown to verbs/. */
  readonly world: unknown;
  /** The running task, for builtins that inspect it (task_id, callers). */
  readonly task: unknown;
  /** The builtin table itself (function_info). */
  readonly builtins: ReadonlyMap<string, BuiltinSpec>;
}

/** A request a builtin hands back to the VM instead of a value. */
export type BuiltinRequest =
  | { readonly kind: "suspend"; readonly seconds: number | null }
  | { readonly kind: "read" }
  /** End the running task at once, without a traceback (kill_task(task_id())). */
  | { readonly kind: "kill" }
  /**
   * Call a verb as a new frame. Without `then`, its value becomes the
   * builtin's result; with it, the VM calls the builtin's `resume` with the
   * verb's value and `then` (plain data: it is stored with suspended tasks).
   * `missing` is the value to resume with when the verb does not exist.
   */
  | { readonly kind: "callVerb"; readonly obj: Value; readonly name: string; readonly args: Value[]; readonly then?: Value; readonly missing?: Value }
  /** pass(@args): the same verb on the parent of the running verb's definer, same `this`. */
  | { readonly kind: "pass"; readonly args: Value[] }
  /** Compile and run MOO source as a new frame (eval()), its variables first bound from `env` (mooR). */
  | { readonly kind: "eval"; readonly source: string; readonly env?: MooMap }
  /** Call another builtin by name (call_function()). */
  | { readonly kind: "callBuiltin"; readonly name: string; readonly args: Value[] };

export class Request {
  constructor(readonly req: BuiltinRequest) {}
}

export type BuiltinFn = (args: Value[], ctx: BuiltinCtx) => Value | Request;

export interface BuiltinSpec {
  readonly name: string;
  readonly min: number;
  /** Maximum argument count; -1 for no limit. */
  readonly max: number;
  /** Expected type of each argument (missing entries mean ANY). */
  readonly types: readonly ArgType[];
  readonly perm: Perm;
  /** Base tick cost of a call, charged before the body runs (default 1). */
  readonly cost?: number;
  readonly fn: BuiltinFn;
  /** Continues a builtin after a verb it called returns (see the callVerb request's `then`). */
  readonly resume?: (value: Value, state: Value, ctx: BuiltinCtx) => Value | Request;
}

/** Work units (characters, elements) that cost one tick. */
export const WORK_PER_TICK = 64;

/** Charge ticks for `units` of work (characters scanned, elements built). */
export const chargeWork = (ctx: BuiltinCtx, units: number): void => {
  if (units > WORK_PER_TICK) ctx.charge(Math.floor(units / WORK_PER_TICK));
};

/** Join tables into the lookup the VM uses; a name declared twice is a bug in the tables. */
export const builtinMap = (...tables: (readonly BuiltinSpec[])[]): Map<string, BuiltinSpec> => {
  const m = new Map<string, BuiltinSpec>();
  for (const t of tables) {
    for (const spec of t) {
      if (m.has(spec.name)) throw new Error(`builtin ${spec.name} declared twice`);
      m.set(spec.name, spec);
    }
  }
  return m;
};
