// Numeric builtins: min, max, abs, random, floatstr, round and the C math
// library functions. Float results that are infinite or NaN raise E_FLOAT and
// domain errors E_INVARG (LambdaMOO's errno mapping); INT results never are -0.

import { type Value, type Box, T, E, typeOf, mkFloat, mkBigInt, bigOf, isTrue, MAXINT } from "../value.ts";
import { type BuiltinSpec, type BuiltinCtx, type BuiltinFn, NUM, chargeWork } from "../builtin-spec.ts";
import { MooError } from "../errors.ts";

const floatResult = (x: number): Box => {
  if (!Number.isFinite(x)) throw new MooError(E.E_FLOAT);
  return mkFloat(x);
};
const floatArg = (v: Value): number => (v as Box).n;
/** An INT or FLOAT argument as a JS number (INTs beyond 2^53 round). */
const numArg = (v: Value): number =>
  typeof v === "number" ? v : (v as Box).tag === T.INT ? Number(bigOf(v as Box)) : (v as Box).n;
/** An INT argument as a JS number; ints beyond 2^53 become +-Infinity (beyond every bound used here). */
const intArg = (v: Value): number =>
  typeof v === "number" ? v : bigOf(v as Box) > 0n ? Infinity : -Infinity;

// ---- min, max, abs ----

/** Sign of a - b for two INTs or two FLOATs. */
const compareNum = (a: Value, b: Value): number => {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeOf(a) === T.FLOAT) return (a as Box).n < (b as Box).n ? -1 : (a as Box).n > (b as Box).n ? 1 : 0;
  const x = bigOf(a as number | Box), y = bigOf(b as number | Box);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** min/max: all INT or all FLOAT (the first argument decides), else E_TYPE. */
const extreme = (args: Value[], ctx: BuiltinCtx, want: number): Value => {
  const tag = typeOf(args[0]!);
  let best = args[0]!;
  chargeWork(ctx, args.length);
  for (let i = 1; i < args.length; i++) {
    const v = args[i]!;
    if (typeOf(v) !== tag) throw new MooError(E.E_TYPE);
    if (compareNum(v, best) * want > 0) best = v;
  }
  return best;
};
const bf_min = (args: Value[], ctx: BuiltinCtx): Value => extreme(args, ctx, -1);
const bf_max = (args: Value[], ctx: BuiltinCtx): Value => extreme(args, ctx, 1);

/** abs(MININT) wraps to MININT, as the C servers' int64 negation does. */
const bf_abs = (args: Value[]): Value => {
  const v = args[0] as number | Box; // NUM, checked by the VM
  if (typeof v === "number") return Math.abs(v);
  if (v.tag === T.FLOAT) return mkFloat(Math.abs(v.n));
  const b = bigOf(v);
  return b < 0n ? mkBigInt(-b) : v;
};

// ---- the C math library ----

/** A one-argument float function; `domain` says when the argument is outside it (EDOM: E_INVARG). */
const mathFn = (f: (x: number) => number, domain?: (x: number) => boolean): BuiltinFn => (args) => {
  const x = floatArg(args[0]!);
  if (domain !== undefined && domain(x)) throw new MooError(E.E_INVARG);
  return floatResult(f(x));
};

/** atan(y [, x]): atan2 when x is given. */
const bf_atan = (args: Value[]): Value =>
  floatResult(args.length >= 2 ? Math.atan2(floatArg(args[0]!), floatArg(args[1]!)) : Math.atan(floatArg(args[0]!)));

/** C round(): halfway cases go away from zero (JS Math.round goes up). */
const roundHalfAway = (x: number): number => {
  const t = Math.trunc(x);
  return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
};

/** round(x [, places]) (mooR): x may be an INT; negative places round to tens, hundreds... */
const bf_round = (args: Value[]): Value => {
  const x = numArg(args[0]!);
  const places = args.length >= 2 ? intArg(args[1]!) : 0;
  if (places === 0) return floatResult(roundHalfAway(x));
  if (places > 0) {
    const scaled = x * 10 ** places;
    // Beyond double precision there is nothing left to round.
    if (!Number.isFinite(scaled)) return floatResult(x);
    return floatResult(roundHalfAway(scaled) / 10 ** places);
  }
  const unit = 10 ** -places;
  if (!Number.isFinite(unit)) return floatResult(x * 0);
  return floatResult(roundHalfAway(x / unit) * unit);
};

// ---- floatstr: exact decimal expansion, as C's printf ----

/** |x| = m * 2^e exactly, for finite x. */
const decompose = (x: number): [bigint, number] => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0), lo = view.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  const m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return bexp === 0 ? [m, -1074] : [m | (1n << 52n), bexp - 1075];
};

/** round(m * 2^e * 10^p), halfway cases to even, as glibc's printf rounds. */
const scaledRound = (m: bigint, e: number, p: number): bigint => {
  let num = m, den = 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  if (p >= 0) num *= 10n ** BigInt(p);
  else den *= 10n ** BigInt(-p);
  const q = num / den, twice = 2n * (num % den);
  return twice > den || (twice === den && (q & 1n) === 1n) ? q + 1n : q;
};

const nonFinite = (x: number): string => (Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf");
const isNegative = (x: number): boolean => x < 0 || Object.is(x, -0);

/** printf("%.*f", p, x). */
export const formatFixed = (x: number, p: number): string => {
  if (!Number.isFinite(x)) return nonFinite(x);
  const [m, e] = decompose(x);
  let digits = scaledRound(m, e, p).toString();
  if (p > 0) {
    digits = digits.padStart(p + 1, "0");
    digits = `${digits.slice(0, -p)}.${digits.slice(-p)}`;
  }
  return (isNegative(x) ? "-" : "") + digits;
};

/** Sign of m * 2^e - 10^k, exactly. */
const comparePow10 = (m: bigint, e: number, k: number): number => {
  let num = m, den = 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  if (k >= 0) den *= 10n ** BigInt(k);
  else num *= 10n ** BigInt(-k);
  return num < den ? -1 : num > den ? 1 : 0;
};

/** printf("%.*e", p, x). */
export const formatScientific = (x: number, p: number): string => {
  if (!Number.isFinite(x)) return nonFinite(x);
  let exp = 0;
  let digits = "0".repeat(p + 1);
  if (x !== 0) {
    const [m, e] = decompose(x);
    // log10 can be off by one near powers of ten: settle 10^exp <= |x| < 10^(exp+1) exactly.
    exp = Math.floor(Math.log10(Math.abs(x)));
    while (comparePow10(m, e, exp) < 0) exp--;
    while (comparePow10(m, e, exp + 1) >= 0) exp++;
    digits = scaledRound(m, e, p - exp).toString();
    if (digits.length > p + 1) { // rounding carried into a new digit: 9.99 -> 10.0
      exp++;
      digits = digits.slice(0, p + 1);
    }
  }
  const mant = p > 0 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const ex = `${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return `${isNegative(x) ? "-" : ""}${mant}e${ex}`;
};

/** LambdaMOO caps the precision at DBL_DIG + 4. */
const MAX_FLOATSTR_PRECISION = 19;

const bf_floatstr = (args: Value[]): Value => {
  const x = floatArg(args[0]!);
  let p = intArg(args[1]!);
  if (p < 0) throw new MooError(E.E_INVARG);
  if (p > MAX_FLOATSTR_PRECISION) p = MAX_FLOATSTR_PRECISION;
  return args.length >= 3 && isTrue(args[2]!) ? formatScientific(x, p) : formatFixed(x, p);
};

// ---- random ----

const TWO_32 = 2 ** 32;

/** Uniform integer in [0, range) for 0 < range <= 2^32, by rejection of 32-bit draws. */
const below32 = (range: number, ctx: BuiltinCtx): number => {
  const limit = TWO_32 - (TWO_32 % range);
  for (;;) {
    const u = Math.floor(ctx.random() * TWO_32);
    if (u < limit) return u % range;
  }
};

/** Uniform bigint in [0, range) for any positive range, from 32-bit draws. */
const belowBig = (range: bigint, ctx: BuiltinCtx): bigint => {
  const bits = (range - 1n).toString(2).length;
  const mask = (1n << BigInt(bits)) - 1n;
  for (;;) {
    let u = 0n;
    for (let got = 0; got < bits; got += 32) u = (u << 32n) | BigInt(Math.floor(ctx.random() * TWO_32));
    u &= mask;
    if (u < range) return u;
  }
};

/**
 * random([max]) is 1..max (default MAXINT); random(min, max) is min..max
 * (ToastStunt). An empty range is E_INVARG, so random(0) is too.
 */
const bf_random = (args: Value[], ctx: BuiltinCtx): Value => {
  const lo: Value = args.length === 2 ? args[0]! : 1;
  const hi: Value = args.length === 0 ? mkBigInt(MAXINT) : args[args.length - 1]!;
  if (typeof lo === "number" && typeof hi === "number") {
    if (hi < lo) throw new MooError(E.E_INVARG);
    const range = hi - lo + 1; // exact: both are safe integers, so this is below 2^54
    if (range <= TWO_32) return lo + below32(range, ctx);
  }
  const l = bigOf(lo as number | Box), h = bigOf(hi as number | Box);
  if (h < l) throw new MooError(E.E_INVARG);
  return mkBigInt(l + belowBig(h - l + 1n, ctx));
};

// ---- the table ----

const F = T.FLOAT;
const float1 = (name: string, fn: BuiltinFn): BuiltinSpec => ({ name, min: 1, max: 1, types: [F], perm: "anyone", fn });

export const mathBuiltins: BuiltinSpec[] = [
  { name: "min", min: 1, max: -1, types: [NUM], perm: "anyone", fn: bf_min },
  { name: "max", min: 1, max: -1, types: [NUM], perm: "anyone", fn: bf_max },
  { name: "abs", min: 1, max: 1, types: [NUM], perm: "anyone", fn: bf_abs },
  { name: "random", min: 0, max: 2, types: [T.INT, T.INT], perm: "anyone", fn: bf_random },
  { name: "floatstr", min: 2, max: 3, types: [F, T.INT], perm: "anyone", fn: bf_floatstr },
  { name: "round", min: 1, max: 2, types: [NUM, T.INT], perm: "anyone", fn: bf_round },
  { name: "atan", min: 1, max: 2, types: [F, F], perm: "anyone", fn: bf_atan },
  float1("sqrt", mathFn(Math.sqrt, (x) => x < 0)),
  float1("sin", mathFn(Math.sin)),
  float1("cos", mathFn(Math.cos)),
  float1("tan", mathFn(Math.tan)),
  float1("asin", mathFn(Math.asin, (x) => x < -1 || x > 1)),
  float1("acos", mathFn(Math.acos, (x) => x < -1 || x > 1)),
  float1("sinh", mathFn(Math.sinh)),
  float1("cosh", mathFn(Math.cosh)),
  float1("tanh", mathFn(Math.tanh)),
  float1("exp", mathFn(Math.exp)),
  // log(0) is a pole (ERANGE: E_FLOAT via the infinite result); below 0 is EDOM.
  float1("log", mathFn(Math.log, (x) => x < 0)),
  float1("log10", mathFn(Math.log10, (x) => x < 0)),
  float1("ceil", mathFn(Math.ceil)),
  float1("floor", mathFn(Math.floor)),
  float1("trunc", mathFn(Math.trunc)),
];
