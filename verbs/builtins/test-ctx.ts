// A BuiltinCtx for unit tests of builtins: no world, fixed clock, seeded randomness.

import assert from "node:assert/strict";
import { type BuiltinCtx, type BuiltinSpec, type Limits, DEFAULT_LIMITS } from "../builtin-spec.ts";
import { type Value, toLiteral } from "../value.ts";
import { MooError } from "../errors.ts";

export interface TestCtx extends BuiltinCtx {
  /** Ticks charged so far. */
  charged: number;
}

export const testCtx = (opts: { limits?: Partial<Limits>; ticks?: number; wizard?: boolean; now?: number } = {}): TestCtx => {
  let seed = 12345;
  const budget = opts.ticks ?? 1_000_000;
  const ctx: TestCtx = {
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    charged: 0,
    charge(t: number) { ctx.charged += t; },
    ticksLeft() { return budget - ctx.charged; },
    progr: 3,
    wizard: opts.wizard ?? true,
    programmer: true,
    now: () => opts.now ?? 1_700_000_000_000,
    random() {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    },
    world: null,
    task: null,
    builtins: new Map(),
  };
  return ctx;
};

/** Call a table's builtins by name in unit tests: fn (the body), call (value), lit (its toliteral). */
export const builtinCaller = (table: readonly BuiltinSpec[], ctx: () => BuiltinCtx = () => testCtx()) => {
  const fn = (name: string) => {
    const spec = table.find((b) => b.name === name);
    if (!spec) throw new Error(`no builtin ${name}`);
    return spec.fn;
  };
  const call = (name: string, ...args: Value[]): Value => fn(name)(args, ctx()) as Value;
  const lit = (name: string, ...args: Value[]): string => toLiteral(call(name, ...args));
  return { fn, call, lit };
};

/** Assert that f raises the MOO error `code`. */
export const raises = (code: number, f: () => unknown): void => {
  assert.throws(f, (e: unknown) => e instanceof MooError && e.code === code);
};
