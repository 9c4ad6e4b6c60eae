// Cold paths of the VM: indexing and ranges, indexed assignment, loops over
// lists and maps, scatter, error handling helpers and traceback text. Kept
// out of vm.ts so the dispatch function stays small enough to optimize.

import {
  type Value, type Box, T, E, OWNED, SHARED, typeOf, mkList, mkMap, mkObj, listOf, mapOf, MooMap, validMapKey,
  strLength, strSlice, hasSurrogates, mkBigInt, bigOf, equals, isList, isErr, errInfo, toLiteral, errorMessage,
} from "./value.ts";
import { MooError } from "./errors.ts";
import { Op, BINOP } from "./opcodes.ts";
import * as A from "./arith.ts";
import { lineOf, type Table } from "./program.ts";
import { type BuiltinSpec, ANY, NUM } from "./builtin-spec.ts";
import type { Frame, Raised } from "./task.ts";
import type { Limits } from "./builtin-spec.ts";

const fail = (code: number): never => { throw new MooError(code); };

/** Index value of `i` for lists and strings: an INT, else E_TYPE. */
const intIndex = (i: Value): number => (typeof i === "number" ? i : fail(E.E_TYPE));

export const index = (base: Value, i: Value): Value => {
  if (typeof base === "string") {
    const n = intIndex(i);
    if (!hasSurrogates(base)) {
      if (n < 1 || n > base.length) fail(E.E_RANGE);
      return base[n - 1]!;
    }
    if (n < 1 || n > strLength(base)) fail(E.E_RANGE);
    return strSlice(base, n, n);
  }
  if (typeof base === "object") {
    if (base.tag === T.LIST) {
      const items = listOf(base);
      const n = intIndex(i);
      if (n < 1 || n > items.length) fail(E.E_RANGE);
      return items[n - 1]!;
    }
    if (base.tag === T.MAP) {
      if (!validMapKey(i)) fail(E.E_TYPE);
      const v = mapOf(base).get(i);
      return v === undefined ? fail(E.E_RANGE) : v;
    }
  }
  return fail(E.E_TYPE);
};

export const range = (base: Value, from: Value, to: Value): Value => {
  const len = typeof base === "string" ? strLength(base) : isList(base) ? listOf(base).length : fail(E.E_TYPE);
  const a = intIndex(from), b = intIndex(to);
  if (a > b) return typeof base === "string" ? "" : mkList([]);
  if (a < 1 || b > len) fail(E.E_RANGE);
  return typeof base === "string" ? strSlice(base, a, b) : mkList(listOf(base as Box).slice(a - 1, b));
};

export const lengthOf = (v: Value): Value => {
  if (typeof v === "string") return strLength(v);
  if (typeof v === "object" && v.tag === T.LIST) return listOf(v).length;
  if (typeof v === "object" && v.tag === T.MAP) {
    const es = mapOf(v).entries();
    return es.length > 0 ? es[es.length - 1]![0] : fail(E.E_RANGE);
  }
  return fail(E.E_TYPE);
};

export const firstOf = (v: Value): Value => {
  if (typeof v === "string" || (typeof v === "object" && v.tag === T.LIST)) return 1;
  if (typeof v === "object" && v.tag === T.MAP) {
    const es = mapOf(v).entries();
    return es.length > 0 ? es[0]![0] : fail(E.E_RANGE);
  }
  return fail(E.E_TYPE);
};

/** base with element i replaced by v (a new value; the caller decides about in-place). */
export const indexSet = (base: Value, i: Value, v: Value, limits: Limits): Value => {
  if (typeof base === "object" && base.tag === T.LIST) {
    const items = listOf(base);
    const n = intIndex(i);
    if (n < 1 || n > items.length) fail(E.E_RANGE);
    const copy = items.slice();
    copy[n - 1] = v;
    return mkList(copy);
  }
  if (typeof base === "string") {
    const n = intIndex(i);
    const len = strLength(base);
    if (n < 1 || n > len) fail(E.E_RANGE);
    if (typeof v !== "string") fail(E.E_TYPE);
    if (strLength(v as string) !== 1) fail(E.E_INVARG);
    return strSlice(base, 1, n - 1) + (v as string) + strSlice(base, n + 1, len);
  }
  if (typeof base === "object" && base.tag === T.MAP) {
    if (!validMapKey(i)) fail(E.E_TYPE);
    const m = mapOf(base);
    if (!m.has(i) && m.size >= limits.maxMapSize) fail(E.E_QUOTA);
    return mkMap(m.with(i, v));
  }
  return fail(E.E_TYPE);
};

export const rangeSet = (base: Value, from: Value, to: Value, v: Value, limits: Limits): Value => {
  const a = intIndex(from), b = intIndex(to);
  if (typeof base === "string") {
    if (typeof v !== "string") fail(E.E_TYPE);
    const len = strLength(base);
    if (a < 1 || a > len + 1 || b < 0 || b > len) fail(E.E_RANGE);
    const r = strSlice(base, 1, a - 1) + (v as string) + strSlice(base, b + 1, len);
    if (r.length > limits.maxStringLength) fail(E.E_QUOTA);
    return r;
  }
  if (typeof base === "object" && base.tag === T.LIST) {
    if (!isList(v)) fail(E.E_TYPE);
    const items = listOf(base);
    const len = items.length;
    if (a < 1 || a > len + 1 || b < 0 || b > len) fail(E.E_RANGE);
    const r = items.slice(0, a - 1).concat(listOf(v as Box), items.slice(Math.max(b, a - 1)));
    if (r.length > limits.maxListLength) fail(E.E_QUOTA);
    return mkList(r);
  }
  return fail(E.E_TYPE);
};

/** `@v` inside a list under construction: append v's elements to the fresh array. */
export const spliceInto = (into: Value[], v: Value, maxLen: number): void => {
  if (!isList(v)) fail(E.E_TYPE);
  const xs = listOf(v as Box);
  if (into.length + xs.length > maxLen) fail(E.E_QUOTA);
  for (let i = 0; i < xs.length; i++) into.push(xs[i]!);
};

/**
 * `x = {@x, v}` (or `{@x, @vs}` when many): in place when x's list is OWNED
 * by this variable alone, else a copy that the variable then owns.
 */
export const appendVar = (base: Value, v: Value, many: boolean, maxLen: number): Value => {
  if (!isList(base)) fail(E.E_TYPE);
  const b = base as Box;
  const add = many ? listOf(v as Box) : null;
  const extra = add ? add.length : 1;
  const items = listOf(b);
  if (items.length + extra > maxLen) fail(E.E_QUOTA);
  let target: Box;
  if (b.n === OWNED) target = b;
  else {
    target = mkList(items.slice());
    target.n = OWNED;
  }
  const arr = listOf(target);
  if (add) for (let i = 0; i < add.length; i++) arr.push(add[i]!);
  else arr.push(v);
  return target;
};

export const makeMap = (stack: Value[], at: number, n: number, maxSize: number): Value => {
  const m = new MooMap();
  for (let i = 0; i < n; i++) {
    const k = stack[at + 2 * i]!, v = stack[at + 2 * i + 1]!;
    if (!validMapKey(k)) fail(E.E_TYPE);
    m.setMut(k, v);
  }
  if (m.size > maxSize) fail(E.E_QUOTA);
  return mkMap(m);
};

/** One step of `for v[, k] in (list or map)`; stack holds [collection, position]. False when done. */
export const forListStep = (stack: Value[], sp: number, env: (Value | undefined)[], vSlot: number, kSlot: number): boolean => {
  const coll = stack[sp - 2]!;
  const i = stack[sp - 1] as number;
  if (typeof coll === "object" && coll.tag === T.LIST) {
    const items = listOf(coll);
    if (i > items.length) return false;
    env[vSlot] = items[i - 1]!;
    if (kSlot >= 0) env[kSlot] = i;
  } else if (typeof coll === "object" && coll.tag === T.MAP) {
    const es = mapOf(coll).entries();
    if (i > es.length) return false;
    env[vSlot] = es[i - 1]![1];
    if (kSlot >= 0) env[kSlot] = es[i - 1]![0];
  } else return fail(E.E_TYPE);
  stack[sp - 1] = i + 1;
  return true;
};

/** `for x in [a..b]` when the bounds are not both small ints: objects, or type errors. */
export const forRangeSlow = (stack: Value[], sp: number, env: (Value | undefined)[], slot: number): boolean => {
  const cur = stack[sp - 2]!, to = stack[sp - 1]!;
  if (typeof cur === "object" && cur.tag === T.OBJ && typeof to === "object" && to.tag === T.OBJ) {
    if (cur.n > to.n) return false;
    env[slot] = cur;
    stack[sp - 2] = mkObj(cur.n + 1);
    return true;
  }
  if (typeOf(cur) === T.INT && typeOf(to) === T.INT) {
    const c = bigOf(cur as number | Box), t = bigOf(to as number | Box);
    if (c > t) return false;
    env[slot] = cur;
    stack[sp - 2] = mkBigInt(c + 1n);
    return true;
  }
  return fail(E.E_TYPE);
};

export const forkDelay = (v: Value): number => {
  if (typeof v === "number") return v < 0 ? fail(E.E_INVARG) : v;
  if (typeof v === "object" && v.tag === T.FLOAT) return v.n < 0 || Number.isNaN(v.n) ? fail(E.E_INVARG) : v.n;
  if (typeof v === "object" && v.tag === T.INT) return (v.ref as bigint) < 0n ? fail(E.E_INVARG) : Number(v.ref);
  return fail(E.E_TYPE);
};

/** Assign a scatter; returns the pc to continue at (first default to evaluate, or done). */
export const scatter = (v: Value, env: (Value | undefined)[], t: Table & { t: "scatter" }): number => {
  if (!isList(v)) fail(E.E_TYPE);
  const items = listOf(v as Box);
  // The common case (`{a, b} = args`): every target required, as many values as targets.
  const targets = t.items;
  if (items.length === targets.length) {
    let i = 0;
    for (; i < targets.length; i++) {
      const it = targets[i]!;
      if (it.kind !== 0) break;
      env[it.variable] = items[i]!;
    }
    if (i === targets.length) return t.done;
  }
  let required = 0, optional = 0, rest = false;
  for (const it of t.items) {
    if (it.kind === 0) required++;
    else if (it.kind === 1) optional++;
    else rest = true;
  }
  const n = items.length;
  if (n < required || (!rest && n > required + optional)) fail(E.E_ARGS);
  let optFilled = Math.min(optional, n - required);
  const restLen = n - required - optFilled;
  let pos = 0;
  let next = t.done;
  for (const it of t.items) {
    if (it.kind === 0) env[it.variable] = items[pos++]!;
    else if (it.kind === 1) {
      if (optFilled > 0) { env[it.variable] = items[pos++]!; optFilled--; }
      else if (it.defaultPc >= 0 && next === t.done) next = it.defaultPc;
    } else {
      env[it.variable] = mkList(items.slice(pos, pos + restLen));
      pos += restLen;
    }
  }
  return next;
};

/** BIN_VI's general path: any value against the int, with the ordinary operator's rules. */
export const binVI = (v: Value, k: number, binop: number, maxString: number): Value => {
  switch (binop) {
    case BINOP.ADD: return A.add(v, k, maxString);
    case BINOP.SUB: return A.sub(v, k);
    case BINOP.MUL: return A.mul(v, k);
    case BINOP.MOD: return A.mod(v, k);
    case BINOP.EQ: return equals(v, k) ? 1 : 0;
    case BINOP.NE: return equals(v, k) ? 0 : 1;
    case BINOP.LT: return A.order(v, k) < 0 ? 1 : 0;
    case BINOP.LE: return A.order(v, k) <= 0 ? 1 : 0;
    case BINOP.GT: return A.order(v, k) > 0 ? 1 : 0;
    default: return A.order(v, k) >= 0 ? 1 : 0;
  }
};

export const checkArgTypes = (spec: BuiltinSpec, args: Value[]): void => {
  const types = spec.types;
  for (let i = 0; i < args.length && i < types.length; i++) {
    const want = types[i]!;
    if (want === ANY) continue;
    const got = typeOf(args[i]!);
    if (want === NUM ? got !== T.INT && got !== T.FLOAT : got !== want) fail(E.E_TYPE);
  }
};

/** Lists in an environment being copied (fork) stop being owned by one variable. */
export const shareEnv = (env: (Value | undefined)[]): void => {
  for (const v of env) if (typeof v === "object" && v.tag === T.LIST) v.n = SHARED;
};

// ---- errors ----

/** Operands each failing op consumes before the error value takes their place (frames without `d`). */
const POPS: Record<number, number> = {
  [Op.ADD]: 2, [Op.SUB]: 2, [Op.MUL]: 2, [Op.DIV]: 2, [Op.MOD]: 2, [Op.POW]: 2,
  [Op.EQ]: 2, [Op.NE]: 2, [Op.LT]: 2, [Op.LE]: 2, [Op.GT]: 2, [Op.GE]: 2, [Op.IN]: 2,
  [Op.BITAND]: 2, [Op.BITOR]: 2, [Op.BITXOR]: 2, [Op.SHL]: 2, [Op.SHR]: 2, [Op.USHR]: 2,
  [Op.NEG]: 1, [Op.NOT]: 1, [Op.COMPL]: 1, [Op.INDEX]: 2, [Op.RANGE]: 3, [Op.GET_PROP]: 2,
  [Op.LIST_PUSH]: 2, [Op.LIST_SPLICE]: 2, [Op.PUT_PROP]: 3, [Op.INDEX_SET]: 3, [Op.RANGE_SET]: 4,
  [Op.CALL_VERB]: 3, [Op.CALL_BUILTIN]: 1, [Op.INDEX_VAR]: 1, [Op.PUT_PROP_POP]: 3, [Op.BIN_VI]: 0, [Op.PUT_PROP_VAR]: 1, [Op.CALL_VERB_VAR]: 1, [Op.INDEX_VAR_INT]: 0,
};

/**
 * A frame without the `d` flag: the failing op's result is the error value
 * instead of a raise (LambdaMOO). Fused assignments store it in their variable.
 */
export const errorAsValue = (frame: Frame, opPc: number, opSp: number, code: Value): void => {
  const w = frame.prog.code[opPc]!;
  const op = w & 0xff;
  const t = frame.prog.tables;
  const ops = frame.prog.operands;
  const k = w >> 8;
  frame.sp = opSp;
  switch (op) {
    case Op.ADD_VARS_PUT: frame.env[ops[k + 2]!] = code; return;
    case Op.INCR_VAR: frame.env[ops[k]!] = code; return;
    case Op.ADD_TO_VAR: frame.sp = opSp - 1; frame.env[k] = code; return;
    case Op.APPEND_VAR: case Op.APPEND_VAR_MANY: frame.sp = opSp - 1; frame.env[w >> 8] = code; return;
    case Op.INDEX_SET_VAR: frame.sp = opSp - 2; frame.env[w >> 8] = code; return;
    case Op.PUT_PROP_POP: frame.sp = opSp - 3; return;
    case Op.PUT_PROP_VAR: frame.sp = opSp - 1; return;
    case Op.PUT_PROP_VAR_VAR: return;
    case Op.GET_PROP_VAR_PUT: frame.env[ops[k + 2]!] = code; return;
    // A failed test in a frame without `d`: the error value is false, so the branch is taken.
    case Op.IF_NOT_VI: frame.pc = frame.prog.operands[k + 3]!; return;
    case Op.FOR_LIST: case Op.FOR_RANGE: frame.sp = opSp - 2; return; // ends the loop
    case Op.FORK: frame.sp = opSp - 1; frame.pc = (t[w >> 8] as Table & { t: "fork" }).after; return;
    case Op.SCATTER: frame.pc = (t[w >> 8] as Table & { t: "scatter" }).done; return;
    case Op.CALL_VERB_VAR_N: frame.sp = opSp - ops[k + 2]!; frame.stack[frame.sp++] = code; return;
    case Op.SCATTER_VAR: frame.pc = (t[ops[k + 1]!] as Table & { t: "scatter" }).done; return;
    default:
      frame.sp = opSp - (POPS[op] ?? 0);
      frame.stack[frame.sp++] = code;
  }
};

export const codesMatch = (codes: Value, code: Value): boolean => {
  if (codes === 0) return true;
  if (!isList(codes)) return false;
  for (const c of listOf(codes as Box)) if (equals(c, code)) return true;
  return false;
};

export const raisedToValue = (r: Raised): Value => mkList([r.code, r.message, r.value]);
export const raisedFromValue = (v: Value): Raised => {
  const xs = listOf(v as Box);
  return { code: xs[0]!, message: xs[1] as string, value: xs[2]! };
};

/** The Raised a MooError or raise() produces. */
export const raisedFrom = (code: Value, message?: string, value?: Value): Raised => ({
  code,
  message: message ?? (isErr(code) ? (errInfo(code as Box)?.msg ?? errorMessage((code as Box).n)) : toLiteral(code)),
  value: value ?? 0,
});

/**
 * The line a frame is at. The frame that raised stands on the failing
 * instruction; a caller's pc is already past its call, so look one back.
 */
const frameLine = (f: Frame, top: boolean): number => lineOf(f.prog, top ? f.pc : Math.max(0, f.pc - 1));

/** One callers()-style entry: {this, verb, programmer, verb location, player, line}. */
export const frameInfo = (f: Frame, top: boolean): Value =>
  mkList([f.self, f.verb, mkObj(f.progr), f.definer, f.player, frameLine(f, top)]);

/** LambdaMOO's traceback text for one frame. */
export const tracebackLine = (f: Frame, first: boolean, err: Raised): string => {
  const self = toLiteral(f.self), loc = toLiteral(f.definer);
  const where = `${loc}:${f.verb}${self !== loc ? ` (this == ${self})` : ""}, line ${frameLine(f, first)}`;
  return first ? `${where}:  ${err.message}` : `... called from ${where}`;
};

