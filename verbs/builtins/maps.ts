// Map builtins (ToastStunt): mapkeys, mapvalues, mapdelete, maphaskey. Maps are
// immutable values: results are new maps or lists. Lists and maps are never
// keys, so passing one as a key is E_TYPE.

import {
  type Value, type Box, T, E, mkList, mkMap, mapOf, validMapKey, equals, compareValues, isTrue,
  type MooMap,
} from "../value.ts";
import { type BuiltinSpec, type BuiltinCtx, ANY, chargeWork } from "../builtin-spec.ts";
import { MooError } from "../errors.ts";

const checkKey = (k: Value): void => {
  if (!validMapKey(k)) throw new MooError(E.E_TYPE);
};

/**
 * The entry stored under key k, if any. Keys match case-insensitively (the
 * map's own rule); with caseMatters the stored key must also be equal()
 * to k. Entries are in key order, so this is a binary search.
 */
const findEntry = (m: MooMap, k: Value, caseMatters: boolean): [Value, Value] | undefined => {
  if (!caseMatters) {
    const v = m.get(k);
    return v === undefined ? undefined : [k, v];
  }
  if (!m.has(k)) return undefined;
  const es = m.entries();
  let lo = 0, hi = es.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = compareValues(es[mid]![0], k);
    if (c === 0) return equals(es[mid]![0], k, true) ? es[mid] : undefined;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
};

const bf_mapkeys = (args: Value[], ctx: BuiltinCtx): Value => {
  const es = mapOf(args[0] as Box).entries();
  chargeWork(ctx, es.length);
  return mkList(es.map((e) => e[0]));
};

/** mapvalues(map [, key, ...]): all values in key order, or those of the keys given (E_RANGE if absent). */
const bf_mapvalues = (args: Value[], ctx: BuiltinCtx): Value => {
  const m = mapOf(args[0] as Box);
  if (args.length === 1) {
    const es = m.entries();
    chargeWork(ctx, es.length);
    return mkList(es.map((e) => e[1]));
  }
  chargeWork(ctx, args.length);
  const out: Value[] = [];
  for (let i = 1; i < args.length; i++) {
    const k = args[i]!;
    checkKey(k);
    // ToastStunt looks these keys up case-sensitively.
    const e = findEntry(m, k, true);
    if (e === undefined) throw new MooError(E.E_RANGE);
    out.push(e[1]);
  }
  return mkList(out);
};

/** mapdelete(map, key): a copy without key; E_RANGE when key is absent. */
const bf_mapdelete = (args: Value[], ctx: BuiltinCtx): Value => {
  const m = mapOf(args[0] as Box);
  const k = args[1]!;
  checkKey(k);
  if (!m.has(k)) throw new MooError(E.E_RANGE);
  chargeWork(ctx, m.size);
  return mkMap(m.without(k));
};

/** maphaskey(map, key [, case-matters]): 1 or 0. */
const bf_maphaskey = (args: Value[]): Value => {
  const k = args[1]!;
  checkKey(k);
  const caseMatters = args.length >= 3 && isTrue(args[2]!);
  return findEntry(mapOf(args[0] as Box), k, caseMatters) === undefined ? 0 : 1;
};

export const mapBuiltins: BuiltinSpec[] = [
  { name: "mapkeys", min: 1, max: 1, types: [T.MAP], perm: "anyone", fn: bf_mapkeys },
  { name: "mapvalues", min: 1, max: -1, types: [T.MAP], perm: "anyone", fn: bf_mapvalues },
  { name: "mapdelete", min: 2, max: 2, types: [T.MAP, ANY], perm: "anyone", fn: bf_mapdelete },
  { name: "maphaskey", min: 2, max: 3, types: [T.MAP, ANY, ANY], perm: "anyone", fn: bf_maphaskey },
];
