// List builtins: is_member, listappend, listinsert, listdelete, listset, setadd,
// setremove (LambdaMOO) and sort, reverse, slice (ToastStunt). Lists are values:
// every result is a fresh array; arguments are never mutated.

import {
  type Value, type Box, T, E, typeOf, mkList, listOf, mapOf, bigOf, equals, isTrue,
  strCompareCI, strLength, strSlice, hasSurrogates,
} from "../value.ts";
import { type BuiltinSpec, type BuiltinCtx, ANY, chargeWork } from "../builtin-spec.ts";
import { MooError } from "../errors.ts";
import { comparisonUnits } from "./types.ts";

/** An INT argument as a JS number; boxed ints beyond 2^53 become +-Infinity (out of any range). */
const indexOf = (v: Value): number =>
  typeof v === "number" ? v : bigOf(v as Box) > 0n ? Infinity : -Infinity;

const checkLength = (n: number, ctx: BuiltinCtx): void => {
  if (n > ctx.limits.maxListLength) throw new MooError(E.E_QUOTA);
};

/**
 * Position of value in items (1-based), 0 if absent. Comparing a list or map
 * needle walks it, so that work is charged per element compared.
 */
const memberIndex = (value: Value, items: readonly Value[], caseMatters: boolean, ctx: BuiltinCtx): number => {
  const deep = typeof value === "object" && (value.tag === T.LIST || value.tag === T.MAP);
  for (let i = 0; i < items.length; i++) {
    if (deep) chargeWork(ctx, comparisonUnits(value, items[i]!));
    if (equals(value, items[i]!, caseMatters)) {
      chargeWork(ctx, i + 1);
      return i + 1;
    }
  }
  chargeWork(ctx, items.length);
  return 0;
};

/** is_member(value, list or map [, case-matters]): the index, case-sensitive unless told otherwise. */
const bf_is_member = (args: Value[], ctx: BuiltinCtx): Value => {
  const coll = args[1]!;
  const caseMatters = args.length < 3 || isTrue(args[2]!);
  if (typeof coll === "object" && coll.tag === T.LIST) return memberIndex(args[0]!, listOf(coll), caseMatters, ctx);
  if (typeof coll === "object" && coll.tag === T.MAP) {
    const values = mapOf(coll).entries().map((e) => e[1]);
    return memberIndex(args[0]!, values, caseMatters, ctx);
  }
  throw new MooError(E.E_TYPE);
};

/** listappend/listinsert: the position is clamped into range, never E_RANGE (LambdaMOO). */
const insertAt = (args: Value[], ctx: BuiltinCtx, after: boolean): Value => {
  const items = listOf(args[0] as Box);
  const len = items.length;
  checkLength(len + 1, ctx);
  let pos = args.length < 3 ? (after ? len + 1 : 1) : indexOf(args[2]!) + (after ? 1 : 0);
  if (pos < 1) pos = 1;
  else if (pos > len + 1) pos = len + 1;
  chargeWork(ctx, len);
  // One exact-size copy (slice-then-push copies twice once the array must grow).
  const v = [args[1]!];
  return mkList(pos > len ? items.concat(v) : pos <= 1 ? v.concat(items) : items.slice(0, pos - 1).concat(v, items.slice(pos - 1)));
};

const bf_listappend = (args: Value[], ctx: BuiltinCtx): Value => insertAt(args, ctx, true);
const bf_listinsert = (args: Value[], ctx: BuiltinCtx): Value => insertAt(args, ctx, false);

const bf_listdelete = (args: Value[], ctx: BuiltinCtx): Value => {
  const items = listOf(args[0] as Box);
  const i = indexOf(args[1]!);
  if (i < 1 || i > items.length) throw new MooError(E.E_RANGE);
  chargeWork(ctx, items.length);
  return mkList(items.slice(0, i - 1).concat(items.slice(i)));
};

const bf_listset = (args: Value[], ctx: BuiltinCtx): Value => {
  const items = listOf(args[0] as Box);
  const i = indexOf(args[2]!);
  if (i < 1 || i > items.length) throw new MooError(E.E_RANGE);
  chargeWork(ctx, items.length);
  const out = items.slice();
  out[i - 1] = args[1]!;
  return mkList(out);
};

/** setadd/setremove compare case-insensitively, as `in` does (LambdaMOO ismember(..., 0)). */
const bf_setadd = (args: Value[], ctx: BuiltinCtx): Value => {
  const list = args[0] as Box;
  const items = listOf(list);
  if (memberIndex(args[1]!, items, false, ctx) > 0) return list;
  checkLength(items.length + 1, ctx);
  chargeWork(ctx, items.length);
  return mkList([...items, args[1]!]);
};

const bf_setremove = (args: Value[], ctx: BuiltinCtx): Value => {
  const list = args[0] as Box;
  const items = listOf(list);
  const i = memberIndex(args[1]!, items, false, ctx);
  if (i === 0) return list;
  chargeWork(ctx, items.length);
  return mkList(items.slice(0, i - 1).concat(items.slice(i)));
};

// ---- sort ----

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const foldCase = (c: number): number => (c >= 97 && c <= 122 ? c - 32 : c);

/**
 * Natural, case-insensitive order (strnatcasecmp, which ToastStunt's sort
 * uses): digit runs compare by value, runs with a leading zero compare as
 * fractions, white space is skipped.
 */
export const naturalCompare = (a: string, b: string): number => {
  let ai = 0, bi = 0;
  for (;;) {
    while (ai < a.length && isSpace(a.charCodeAt(ai))) ai++;
    while (bi < b.length && isSpace(b.charCodeAt(bi))) bi++;
    const ca = ai < a.length ? a.charCodeAt(ai) : 0;
    const cb = bi < b.length ? b.charCodeAt(bi) : 0;
    if (isDigit(ca) && isDigit(cb)) {
      const r = ca === 48 || cb === 48 ? compareFraction(a, ai, b, bi) : compareWhole(a, ai, b, bi);
      if (r !== 0) return r;
    }
    if (ca === 0 && cb === 0) return 0;
    const fa = foldCase(ca), fb = foldCase(cb);
    if (fa !== fb) return fa < fb ? -1 : 1;
    ai++;
    bi++;
  }
};
const digitAt = (s: string, i: number): number => (i < s.length && isDigit(s.charCodeAt(i)) ? s.charCodeAt(i) : -1);
/** Digit runs without leading zeros: the longer run is larger, else the first difference. */
const compareWhole = (a: string, ai: number, b: string, bi: number): number => {
  let bias = 0;
  for (;; ai++, bi++) {
    const x = digitAt(a, ai), y = digitAt(b, bi);
    if (x < 0 && y < 0) return bias;
    if (x < 0) return -1;
    if (y < 0) return 1;
    if (bias === 0 && x !== y) bias = x < y ? -1 : 1;
  }
};
/** Digit runs with a leading zero compare digit by digit, like decimal fractions. */
const compareFraction = (a: string, ai: number, b: string, bi: number): number => {
  for (;; ai++, bi++) {
    const x = digitAt(a, ai), y = digitAt(b, bi);
    if (x < 0 && y < 0) return 0;
    if (x < 0) return -1;
    if (y < 0) return 1;
    if (x !== y) return x < y ? -1 : 1;
  }
};

type Compare = (a: Value, b: Value) => number;
const sign = (x: number, y: number): number => (x < y ? -1 : x > y ? 1 : 0);

/** The comparison for one sortable type; lists, maps and booleans are E_TYPE. */
const comparerFor = (tag: number, natural: boolean): Compare => {
  switch (tag) {
    case T.INT:
      return (a, b) => {
        if (typeof a === "number" && typeof b === "number") return sign(a, b);
        const x = bigOf(a as Box), y = bigOf(b as Box);
        return x < y ? -1 : x > y ? 1 : 0;
      };
    case T.FLOAT: case T.OBJ: case T.ERR: return (a, b) => sign((a as Box).n, (b as Box).n);
    case T.STR: return natural ? (a, b) => naturalCompare(a as string, b as string) : (a, b) => strCompareCI(a as string, b as string);
    default: throw new MooError(E.E_TYPE);
  }
};

/**
 * sort(list [, keys [, natural [, reverse]]]): stable; sorts list by keys
 * when keys is non-empty. Every key must have the first key's type.
 */
const bf_sort = (args: Value[], ctx: BuiltinCtx): Value => {
  const items = listOf(args[0] as Box);
  const given = args.length >= 2 ? listOf(args[1] as Box) : [];
  const keys = given.length > 0 ? given : items;
  const natural = args.length >= 3 && isTrue(args[2]!);
  const reverse = args.length >= 4 && isTrue(args[3]!);
  if (keys !== items && keys.length !== items.length) throw new MooError(E.E_INVARG);
  if (items.length === 0) return mkList([]);
  const tag = typeOf(keys[0]!);
  const cmp = comparerFor(tag, natural);
  let chars = 0;
  for (const k of keys) {
    if (typeOf(k) !== tag) throw new MooError(E.E_TYPE);
    if (typeof k === "string") chars += k.length;
  }
  const n = keys.length;
  chargeWork(ctx, (n + chars) * Math.ceil(Math.log2(n + 1)));
  const order = Array.from({ length: n }, (_, i) => i);
  // Reversing the comparison (not the result) keeps equal keys in their original order.
  order.sort(reverse ? (i, j) => cmp(keys[j]!, keys[i]!) : (i, j) => cmp(keys[i]!, keys[j]!));
  return mkList(order.map((i) => items[i]!));
};

// ---- reverse, slice ----

const bf_reverse = (args: Value[], ctx: BuiltinCtx): Value => {
  const v = args[0]!;
  if (typeof v === "string") {
    chargeWork(ctx, v.length);
    return hasSurrogates(v) ? Array.from(v).reverse().join("") : v.split("").reverse().join("");
  }
  if (typeof v === "object" && v.tag === T.LIST) {
    chargeWork(ctx, listOf(v).length);
    return mkList(listOf(v).slice().reverse());
  }
  throw new MooError(E.E_INVARG);
};

/** Element i (1-based) of a list, or character i of a string, for slice(). */
const pick = (elem: Value, i: number): Value => {
  if (typeof elem === "string") {
    if (i > strLength(elem)) throw new MooError(E.E_RANGE);
    return hasSurrogates(elem) ? strSlice(elem, i, i) : elem[i - 1]!;
  }
  const xs = listOf(elem as Box);
  if (i > xs.length) throw new MooError(E.E_RANGE);
  return xs[i - 1]!;
};

/**
 * slice(list [, index [, default]]) as ToastStunt: index is an INT or a list
 * of INTs picked from every element (a list or string), or a key looked up
 * in every element (a map); missing keys give default, or are skipped.
 */
const bf_slice = (args: Value[], ctx: BuiltinCtx): Value => {
  const items = listOf(args[0] as Box);
  const index = args.length >= 2 ? args[1]! : 1;
  const itag = typeOf(index);
  let picks: number[] = [];
  if (itag === T.LIST) {
    const xs = listOf(index as Box);
    if (xs.length === 0) throw new MooError(E.E_RANGE);
    for (const x of xs) {
      if (typeOf(x) !== T.INT) throw new MooError(E.E_INVARG);
      if (indexOf(x) <= 0) throw new MooError(E.E_RANGE);
    }
    picks = xs.map(indexOf);
  } else if (itag === T.INT) {
    if (indexOf(index) <= 0) throw new MooError(E.E_RANGE);
  } else if (itag !== T.STR) throw new MooError(E.E_INVARG);
  chargeWork(ctx, items.length * Math.max(1, picks.length));
  const out: Value[] = [];
  for (const elem of items) {
    const etag = typeOf(elem);
    if (etag === T.MAP) {
      if (itag !== T.STR) throw new MooError(E.E_INVARG);
      const v = mapOf(elem as Box).get(index);
      if (v !== undefined) out.push(v);
      else if (args.length >= 3) out.push(args[2]!);
    } else if (etag !== T.LIST && etag !== T.STR) throw new MooError(E.E_INVARG);
    else if (itag === T.STR) throw new MooError(E.E_INVARG);
    else if (itag === T.INT) out.push(pick(elem, indexOf(index)));
    else out.push(mkList(picks.map((i) => pick(elem, i))));
  }
  return mkList(out);
};

export const listBuiltins: BuiltinSpec[] = [
  { name: "is_member", min: 2, max: 3, types: [ANY, ANY, ANY], perm: "anyone", fn: bf_is_member },
  { name: "listappend", min: 2, max: 3, types: [T.LIST, ANY, T.INT], perm: "anyone", fn: bf_listappend },
  { name: "listinsert", min: 2, max: 3, types: [T.LIST, ANY, T.INT], perm: "anyone", fn: bf_listinsert },
  { name: "listdelete", min: 2, max: 2, types: [T.LIST, T.INT], perm: "anyone", fn: bf_listdelete },
  { name: "listset", min: 3, max: 3, types: [T.LIST, ANY, T.INT], perm: "anyone", fn: bf_listset },
  { name: "setadd", min: 2, max: 2, types: [T.LIST, ANY], perm: "anyone", fn: bf_setadd },
  { name: "setremove", min: 2, max: 2, types: [T.LIST, ANY], perm: "anyone", fn: bf_setremove },
  { name: "sort", min: 1, max: 4, types: [T.LIST, T.LIST, ANY, ANY], perm: "anyone", fn: bf_sort },
  { name: "reverse", min: 1, max: 1, types: [ANY], perm: "anyone", fn: bf_reverse },
  { name: "slice", min: 1, max: 3, types: [T.LIST, ANY, ANY], perm: "anyone", fn: bf_slice },
];
