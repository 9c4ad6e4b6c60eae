// Fused for-range loops: a loop whose whole body is one local-arithmetic
// instruction runs its iterations here, charging exactly the ticks the
// ordinary instructions would and handing back to them on anything unusual.
// Also the unboxed-integer store (frame.nums) the fused instructions share.

import { UNBOXED } from "./value.ts";
import { Op, OP_TICKS } from "./opcodes.ts";
import type { Frame } from "./task.ts";

/** Where a fused loop handed back: at the body for the returned counter, at the test in front of it, or done. */
export const FUSED_AT_BODY = 0;
export const FUSED_AT_TEST = 1;
export const FUSED_DONE = 2;

/** In: the ticks left. Out: the ticks left and where the loop handed back. */
export interface FusedResult { ticks: number; state: number }

/** A frame's unboxed integers: double elements from the start. */
export const newNums = (n: number): number[] => new Array<number>(n).fill(0.5);

/** Fold a frame's unboxed integers back into its env, so everything outside the VM sees plain values. */
export const boxNums = (f: Frame): void => {
  const env = f.env, nums = f.nums;
  if (nums === null) return;
  for (let i = 0; i < env.length; i++) if (env[i] === UNBOXED) env[i] = nums[i]!;
};

/**
 * Iterations of `for v in [cur..to] <one ADD_VARS_PUT or INCR_VAR> endfor`,
 * run without dispatching while every value takes the fast path. The loop
 * test for `cur` is already paid; each iteration costs what the unfused
 * code costs (body, then test), so tick counts are the same. Anything
 * unusual (types, overflow, a budget about to run out) hands back to the
 * ordinary instructions, which then behave exactly as if nothing was fused:
 * out.state says where (the body for the returned counter, the test in
 * front of it, or the loop is done).
 */
export const fusedRange = (out: FusedResult, frame: Frame, bodyWord: number, ops: Int32Array, loopVar: number, cur: number, to: number): number => {
  const env = frame.env, unboxed = UNBOXED;
  const isAdd = (bodyWord & 0xff) === Op.ADD_VARS_PUT;
  const bk = bodyWord >> 8;
  const ia = ops[bk]!, ib = isAdd ? ops[bk + 1]! : -1, ic = isAdd ? ops[bk + 2]! : ia;
  const inc = isAdd ? 0 : ops[bk + 1]!;
  const cost = OP_TICKS[bodyWord & 0xff]!;
  // The accumulator shape (x = x + i, x = i + x, x = x + y, x = x + k): keep x in a local double.
  const acc = isAdd ? (ic === ia && ib !== ic ? ia : ic === ib && ia !== ic ? ib : -1) : ia;
  if (acc >= 0 && acc !== loopVar) {
    const other = isAdd ? (acc === ia ? ib : ia) : -1;
    return fusedAccumulate(out, frame, acc, other, inc, cost, loopVar, cur, to);
  }
  let t = out.ticks, c = cur;
  for (;;) {
    if (t < cost) break;
    env[loopVar] = c;
    const ea = env[ia];
    let r = NaN;
    if (isAdd) {
      const eb = env[ib];
      if (typeof ea === "number") {
        if (typeof eb === "number") r = ea + eb;
        else if (eb === unboxed) r = ea + frame.nums![ib]!;
      } else if (ea === unboxed) {
        if (typeof eb === "number") r = frame.nums![ia]! + eb;
        else if (eb === unboxed) r = frame.nums![ia]! + frame.nums![ib]!;
      }
    } else if (typeof ea === "number") r = ea + inc;
    else if (ea === unboxed) r = frame.nums![ia]! + inc;
    if (!(r <= 9007199254740991 && r >= -9007199254740991)) break;
    if (r <= 0x3fffffff && r >= -0x40000000) env[ic] = r;
    else {
      (frame.nums ??= newNums(env.length))[ic] = r;
      env[ic] = unboxed;
    }
    t -= cost;
    c++;
    if (t < 1) { out.ticks = t; out.state = FUSED_AT_TEST; return c; }
    t -= 1;
    if (c > to) { out.ticks = t; out.state = FUSED_DONE; return c; }
  }
  out.ticks = t;
  out.state = FUSED_AT_BODY;
  return c;
};

/**
 * fusedRange's accumulator case: acc = acc + (other, or the loop variable
 * when other is it, or inc when other is -1), with acc held unboxed in a
 * local and written back when the loop hands back.
 */
const fusedAccumulate = (out: FusedResult, frame: Frame, acc: number, other: number, inc: number, cost: number, loopVar: number, cur: number, to: number): number => {
  const env = frame.env, unboxed = UNBOXED;
  const e0 = env[acc];
  let x: number;
  if (typeof e0 === "number") x = e0;
  else if (e0 === unboxed) x = frame.nums![acc]!;
  else { out.state = FUSED_AT_BODY; return cur; }
  const addsLoopVar = other === loopVar;
  let y = inc;
  if (other >= 0 && !addsLoopVar) {
    const eo = env[other];
    if (typeof eo === "number") y = eo;
    else if (eo === unboxed) y = frame.nums![other]!;
    else { out.state = FUSED_AT_BODY; return cur; }
  }
  let t = out.ticks, c = cur, state = FUSED_AT_BODY;
  for (;;) {
    if (t < cost) break;
    const r = x + (addsLoopVar ? c : y);
    if (!(r <= 9007199254740991 && r >= -9007199254740991)) break;
    x = r;
    t -= cost;
    c++;
    if (t < 1) { state = FUSED_AT_TEST; break; }
    t -= 1;
    if (c > to) { state = FUSED_DONE; break; }
  }
  if (c > cur) {
    // At least one iteration ran: store what the ordinary instructions would have left.
    env[loopVar] = c - 1;
    if (x <= 0x3fffffff && x >= -0x40000000) env[acc] = x;
    else {
      (frame.nums ??= newNums(env.length))[acc] = x;
      env[acc] = unboxed;
    }
  }
  out.ticks = t;
  out.state = state;
  return c;
};
