// Type and conversion builtins: typeof, tostr, toliteral, toint/tonum, tofloat,
// toobj, length, equal, value_bytes. Pure functions of their arguments; number
// parsing copies the C servers' strtoimax/strtod rules, not JS Number().

import {
  type Value, type Box, T, E, typeOf, mkFloat, mkObj, mkBigInt, bigOf, listOf, mapOf,
  toStr, toLiteral, equals, valueBytes, strLength, hasSurrogates, MAXINT, MININT,
} from "../value.ts";
import { type BuiltinSpec, type BuiltinCtx, ANY, chargeWork } from "../builtin-spec.ts";
import { MooError } from "../errors.ts";

// ---- C-style number parsing (LambdaMOO numbers.c parse_number/parse_float) ----

/** C isspace in the "C" locale. */
const isCSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const skipSpace = (s: string, i: number): number => {
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  return i;
};

/** strtoimax(s + i, &end, 10): value clamped to 64 bits, end === i when nothing parsed. */
export const strtoimax = (s: string, i0: number): [bigint, number] => {
  let i = skipSpace(s, i0);
  const neg = s[i] === "-";
  if (s[i] === "-" || s[i] === "+") i++;
  const digits = i;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === digits) return [0n, i0];
  let n = BigInt(s.slice(digits, i));
  if (neg) n = -n;
  return [n > MAXINT ? MAXINT : n < MININT ? MININT : n, i];
};

/** strtod(s + i, &end): decimal, hex, inf and nan forms; end === i when nothing parsed. */
export const strtod = (s: string, i0: number): [number, number] => {
  let i = skipSpace(s, i0);
  const sign = s[i] === "-" ? -1 : 1;
  if (s[i] === "-" || s[i] === "+") i++;
  const word = s.slice(i, i + 8).toLowerCase();
  if (word === "infinity") return [sign * Infinity, i + 8];
  if (word.startsWith("inf")) return [sign * Infinity, i + 3];
  if (word.startsWith("nan")) {
    i += 3;
    const m = /\([0-9A-Za-z_]*\)/y;
    m.lastIndex = i;
    return [NaN, m.test(s) ? m.lastIndex : i];
  }
  if (s[i] === "0" && (s[i + 1] === "x" || s[i + 1] === "X")) {
    const hexFloat = /(?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?/y;
    hexFloat.lastIndex = i + 2;
    const m = hexFloat.exec(s);
    if (m === null) return [sign * 0, i + 1]; // just the "0"
    const [mant, exp = "0"] = m[0].split(/[pP]/) as [string, string?];
    const [whole, frac = ""] = mant.split(".") as [string, string?];
    const bits = BigInt("0x0" + whole + frac);
    return [sign * Number(bits) * 2 ** (Number(exp) - 4 * frac.length), hexFloat.lastIndex];
  }
  const decFloat = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
  decFloat.lastIndex = i;
  const m = decFloat.exec(s);
  if (m === null) return [0, i0];
  return [sign * Number(m[0]), decFloat.lastIndex];
};

/** Only spaces (not other white space) may follow a number, as in the C servers. */
const onlySpacesFrom = (s: string, i: number): boolean => {
  for (; i < s.length; i++) if (s[i] !== " ") return false;
  return true;
};

/** A float truncated to an INT, clamped to 64 bits (C casts are undefined there). */
const clampFloatToInt = (d: number): Value => {
  if (Number.isNaN(d)) return 0;
  if (d >= 2 ** 63) return mkBigInt(MAXINT);
  if (d < -(2 ** 63)) return mkBigInt(MININT);
  const t = Math.trunc(d);
  return Number.isSafeInteger(t) ? t + 0 : mkBigInt(BigInt(t));
};

/**
 * LambdaMOO parse_number: an integer, or with tryFloat a float truncated
 * ("3.7" is 3, "1e3" is 1000); null for garbage, which callers read as 0.
 */
export const parseNumber = (s: string, tryFloat: boolean): Value | null => {
  const [n, end] = strtoimax(s, 0);
  let p = end;
  let result: Value = mkBigInt(n);
  if (tryFloat && (p === 0 || s[p] === "." || s[p] === "e" || s[p] === "E")) {
    const [d, fend] = strtod(s, 0);
    p = fend;
    result = clampFloatToInt(d);
  }
  if (p === 0 || !onlySpacesFrom(s, p)) return null;
  return result;
};

/** LambdaMOO parse_float: leading spaces and '-' are taken before strtod. */
const parseCFloat = (s: string): number | null => {
  let i = 0;
  while (s[i] === " ") i++;
  const neg = s[i] === "-";
  if (neg) i++;
  const [d, end] = strtod(s, i);
  if (end === i || !onlySpacesFrom(s, end)) return null;
  return neg ? -d : d;
};

// ---- conversions ----

/** A float to INT for toint(): truncates; outside 64 bits is E_FLOAT (LambdaMOO). */
const floatToInt = (x: number): Value => {
  if (!(x >= -(2 ** 63) && x < 2 ** 63)) throw new MooError(E.E_FLOAT);
  return clampFloatToInt(x);
};

const bf_toint = (args: Value[]): Value => {
  const v = args[0]!;
  if (typeof v === "number") return v;
  if (typeof v === "string") return parseNumber(v, true) ?? 0;
  switch (v.tag) {
    case T.INT: return v;
    case T.FLOAT: return floatToInt(v.n);
    case T.OBJ: case T.ERR: case T.BOOL: return v.n;
    default: throw new MooError(E.E_TYPE);
  }
};

/** Object numbers are JS numbers, so ids beyond 2^53 cannot be made: E_RANGE. */
const objFromInt = (n: Value): Box => {
  if (typeof n !== "number") throw new MooError(E.E_RANGE);
  return mkObj(n);
};

const bf_toobj = (args: Value[]): Value => {
  const v = args[0]!;
  if (typeof v === "number") return mkObj(v);
  if (typeof v === "string") {
    let i = 0;
    while (v[i] === " ") i++;
    if (v[i] === "#") i++;
    return objFromInt(parseNumber(v.slice(i), false) ?? 0);
  }
  switch (v.tag) {
    case T.INT: return objFromInt(v);
    case T.FLOAT: return objFromInt(floatToInt(v.n));
    case T.OBJ: return v;
    case T.ERR: case T.BOOL: return mkObj(v.n);
    default: throw new MooError(E.E_TYPE);
  }
};

const bf_tofloat = (args: Value[]): Value => {
  const v = args[0]!;
  if (typeof v === "number") return mkFloat(v);
  if (typeof v === "string") {
    const d = parseCFloat(v);
    if (d === null || !Number.isFinite(d)) throw new MooError(E.E_INVARG);
    return mkFloat(d);
  }
  switch (v.tag) {
    case T.INT: return mkFloat(Number(bigOf(v)));
    case T.FLOAT: return v;
    case T.OBJ: case T.ERR: return mkFloat(v.n);
    default: throw new MooError(E.E_TYPE); // lists, maps and (as ToastStunt) booleans
  }
};

// ---- printing ----

/**
 * tostr(...): joined with `+`, so appending to a long string is a rope node,
 * not a copy (a loop of `s = tostr(s, "x")` stays linear). Work charged is
 * what converting non-strings takes.
 */
const bf_tostr = (args: Value[], ctx: BuiltinCtx): Value => {
  const max = ctx.limits.maxStringLength;
  let out = "", converted = 0;
  for (const a of args) {
    const s = typeof a === "string" ? a : toStr(a);
    if (typeof a !== "string") converted += s.length;
    out += s;
  }
  // UTF-16 units bound the characters from above: count them only when that bound is past the limit.
  if (out.length > max && strLength(out) > max) throw new MooError(E.E_QUOTA);
  chargeWork(ctx, converted + args.length);
  return out;
};

const bf_toliteral = (args: Value[], ctx: BuiltinCtx): Value => {
  const s = toLiteral(args[0]!);
  chargeWork(ctx, s.length);
  const max = ctx.limits.maxStringLength;
  if (s.length > max && strLength(s) > max) throw new MooError(E.E_QUOTA);
  return s;
};

// ---- sizes and equality ----

const bf_length = (args: Value[], ctx: BuiltinCtx): Value => {
  const v = args[0]!;
  if (typeof v === "string") {
    if (hasSurrogates(v)) chargeWork(ctx, v.length);
    return strLength(v);
  }
  if (typeof v === "object" && v.tag === T.LIST) return listOf(v).length;
  if (typeof v === "object" && v.tag === T.MAP) return mapOf(v).size;
  throw new MooError(E.E_TYPE);
};

/** Work units of one value step: one per node, plus string characters. */
const unitsOf = (x: Value, stack: Value[]): number => {
  if (typeof x === "string") return 1 + x.length;
  if (typeof x === "object") {
    if (x.tag === T.LIST) for (const e of listOf(x)) stack.push(e);
    else if (x.tag === T.MAP) for (const [k, e] of mapOf(x).entries()) stack.push(k, e);
  }
  return 1;
};

/**
 * Work to compare a and b: walks both in step and stops when either is
 * exhausted, since equality never looks further than the smaller value.
 */
export const comparisonUnits = (a: Value, b: Value): number => {
  const sa: Value[] = [a], sb: Value[] = [b];
  let ua = 0, ub = 0;
  while (sa.length > 0 && sb.length > 0) {
    ua += unitsOf(sa.pop()!, sa);
    ub += unitsOf(sb.pop()!, sb);
  }
  return Math.min(ua, ub);
};

const bf_equal = (args: Value[], ctx: BuiltinCtx): Value => {
  const a = args[0]!, b = args[1]!;
  chargeWork(ctx, comparisonUnits(a, b));
  return equals(a, b, true) ? 1 : 0;
};

const bf_value_bytes = (args: Value[], ctx: BuiltinCtx): Value => {
  const n = valueBytes(args[0]!);
  chargeWork(ctx, n >> 4);
  return n;
};

const bf_typeof = (args: Value[]): Value => typeOf(args[0]!);

export const typeBuiltins: BuiltinSpec[] = [
  { name: "typeof", min: 1, max: 1, types: [ANY], perm: "anyone", fn: bf_typeof },
  { name: "tostr", min: 0, max: -1, types: [], perm: "anyone", fn: bf_tostr },
  { name: "toliteral", min: 1, max: 1, types: [ANY], perm: "anyone", fn: bf_toliteral },
  { name: "toint", min: 1, max: 1, types: [ANY], perm: "anyone", fn: bf_toint },
  { name: "tonum", min: 1, max: 1, types: [ANY], perm: "anyone", fn: bf_toint },
  { name: "tofloat", min: 1, max: 1, types: [ANY], perm: "anyone", fn: bf_tofloat },
  { name: "toobj", min: 1, max: 1, types: [ANY], perm: "anyone", fn: bf_toobj },
  { name: "length", min: 1, max: 1, types: [ANY], perm: "anyone", fn: bf_length },
  { name: "equal", min: 2, max: 2, types: [ANY, ANY], perm: "anyone", fn: bf_equal },
  { name: "value_bytes", min: 1, max: 1, types: [ANY], perm: "anyone", fn: bf_value_bytes },
];
