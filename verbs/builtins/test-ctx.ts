// A BuiltinCtx for unit tests of builtins: no world, fixed clock, seeded randomness.

import { type BuiltinCtx, type Limits, DEFAULT_LIMITS } from "../builtin-spec.ts";

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
