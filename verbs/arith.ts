// Arithmetic, comparison and bitwise operators on MOO values, as the VM's
// cold path: the VM inlines the int-int fast cases and calls these for the
// rest. 64-bit ints as ToastStunt and mooR, `%` truncated as LambdaMOO's C
// `%`, E_FLOAT on non-finite float results. Errors are thrown as MooError.

import {
  type Value, type Box, T, E, typeOf, mkFloat, mkBigInt, bigOf, isInt, listOf, mapOf,
  strCompareCI, equals,
} from "./value.ts";
import { MooError } from "./errors.ts";

const typeErr = (): never => { throw new MooError(E.E_TYPE); };
const floatResult = (x: number): Box => {
  if (!Number.isFinite(x)) throw new MooError(E.E_FLOAT);
  return mkFloat(x);
};
/** Normalise a JS integer result: -0 is 0, beyond 2^53 goes exact. */
const intResult = (r: number, exact: () => bigint): Value =>
  Number.isSafeInteger(r) ? r + 0 : mkBigInt(exact());

export const add = (a: Value, b: Value, maxString: number): Value => {
  if (typeof a === "number" && typeof b === "number") return intResult(a + b, () => BigInt(a) + BigInt(b));
  if (typeof a === "string" && typeof b === "string") {
    if (a.length + b.length > maxString) throw new MooError(E.E_QUOTA);
    return a + b;
  }
  const ta = typeOf(a), tb = typeOf(b);
  if (ta !== tb) return typeErr();
  if (ta === T.FLOAT) return floatResult((a as Box).n + (b as Box).n);
  if (ta === T.INT) return mkBigInt(bigOf(a as Box) + bigOf(b as Box));
  return typeErr();
};

export const sub = (a: Value, b: Value): Value => {
  if (typeof a === "number" && typeof b === "number") return intResult(a - b, () => BigInt(a) - BigInt(b));
  const ta = typeOf(a), tb = typeOf(b);
  if (ta !== tb) return typeErr();
  if (ta === T.FLOAT) return floatResult((a as Box).n - (b as Box).n);
  if (ta === T.INT) return mkBigInt(bigOf(a as Box) - bigOf(b as Box));
  return typeErr();
};

export const mul = (a: Value, b: Value): Value => {
  if (typeof a === "number" && typeof b === "number") return intResult(a * b, () => BigInt(a) * BigInt(b));
  const ta = typeOf(a), tb = typeOf(b);
  if (ta !== tb) return typeErr();
  if (ta === T.FLOAT) return floatResult((a as Box).n * (b as Box).n);
  if (ta === T.INT) return mkBigInt(bigOf(a as Box) * bigOf(b as Box));
  return typeErr();
};

const MININT_BIG = -(2n ** 63n);

export const div = (a: Value, b: Value): Value => {
  const ta = typeOf(a), tb = typeOf(b);
  if (ta !== tb) return typeErr();
  if (ta === T.INT) {
    if (typeof a === "number" && typeof b === "number") {
      if (b === 0) throw new MooError(E.E_DIV);
      return Math.trunc(a / b) + 0; // both safe: quotient is exact after truncation
    }
    const x = bigOf(a as Box), y = bigOf(b as Box);
    if (y === 0n) throw new MooError(E.E_DIV);
    // The one quotient that does not fit in 64 bits: LambdaMOO traps (a crash),
    // ToastStunt answers MININT; mooR's E_INVARG is the answer that is not wrong.
    if (x === MININT_BIG && y === -1n) throw new MooError(E.E_INVARG);
    return mkBigInt(x / y);
  }
  if (ta === T.FLOAT) {
    if ((b as Box).n === 0) throw new MooError(E.E_DIV);
    return floatResult((a as Box).n / (b as Box).n);
  }
  return typeErr();
};

/** Remainder with the dividend's sign, as LambdaMOO's C `%` and fmod(). */
export const mod = (a: Value, b: Value): Value => {
  const ta = typeOf(a), tb = typeOf(b);
  if (ta !== tb) return typeErr();
  if (ta === T.INT) {
    if (typeof a === "number" && typeof b === "number") {
      if (b === 0) throw new MooError(E.E_DIV);
      return (a % b) + 0;
    }
    const x = bigOf(a as Box), y = bigOf(b as Box);
    if (y === 0n) throw new MooError(E.E_DIV);
    if (x === MININT_BIG && y === -1n) throw new MooError(E.E_INVARG); // as `/`: C traps here too
    return mkBigInt(x % y);
  }
  if (ta === T.FLOAT) {
    const n = (a as Box).n, d = (b as Box).n;
    if (d === 0) throw new MooError(E.E_DIV);
    return floatResult(n % d);
  }
  return typeErr();
};

export const pow = (a: Value, b: Value): Value => {
  const ta = typeOf(a), tb = typeOf(b);
  if (ta === T.INT) {
    if (tb !== T.INT) return typeErr();
    return intPow(bigOf(a as number | Box), bigOf(b as number | Box));
  }
  if (ta === T.FLOAT) {
    let e: number;
    if (tb === T.INT) e = Number(bigOf(b as number | Box));
    else if (tb === T.FLOAT) e = (b as Box).n;
    else return typeErr();
    const r = Math.pow((a as Box).n, e);
    return floatResult(r);
  }
  return typeErr();
};

/** Integer power wrapped to 64 bits; at most 64 squarings, so huge exponents stay cheap. */
const intPow = (base: bigint, exp: bigint): Value => {
  if (exp < 0n) {
    if (base === 0n) throw new MooError(E.E_DIV);
    if (base === 1n) return 1;
    if (base === -1n) return (exp & 1n) === 0n ? 1 : -1;
    return 0;
  }
  let r = 1n, x = base, e = exp;
  while (e > 0n) {
    if (e & 1n) r = BigInt.asIntN(64, r * x);
    e >>= 1n;
    if (e > 0n) x = BigInt.asIntN(64, x * x);
  }
  return mkBigInt(r);
};

export const neg = (a: Value): Value => {
  if (typeof a === "number") return a === 0 ? 0 : -a;
  if (typeof a === "object" && a.tag === T.FLOAT) return mkFloat(-a.n);
  if (typeof a === "object" && a.tag === T.INT) return mkBigInt(-bigOf(a));
  return typeErr();
};

/** Three-way ordering for < <= > >=; E_TYPE for mixed or unordered types. */
export const order = (a: Value, b: Value): number => {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return strCompareCI(a, b);
  const ta = typeOf(a), tb = typeOf(b);
  if (ta !== tb) return typeErr();
  switch (ta) {
    case T.INT: { const x = bigOf(a as Box), y = bigOf(b as Box); return x < y ? -1 : x > y ? 1 : 0; }
    case T.FLOAT: case T.OBJ: case T.ERR: {
      const x = (a as Box).n, y = (b as Box).n;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    default: return typeErr();
  }
};

/** `x in y`: 1-based position of x in list y (case-insensitive), 0 if absent. */
export const inList = (x: Value, y: Value): number => {
  if (typeof y !== "object") return typeErr();
  if (y.tag === T.LIST) {
    const xs = listOf(y);
    for (let i = 0; i < xs.length; i++) if (equals(x, xs[i]!)) return i + 1;
    return 0;
  }
  if (y.tag === T.MAP) {
    const es = mapOf(y).entries();
    for (let i = 0; i < es.length; i++) if (equals(x, es[i]![1])) return i + 1;
    return 0;
  }
  return typeErr();
};

const asBig = (a: Value): bigint => (isInt(a) ? bigOf(a) : typeErr());

export const bitAnd = (a: Value, b: Value): Value =>
  typeof a === "number" && typeof b === "number" && (a | 0) === a && (b | 0) === b ? a & b : mkBigInt(asBig(a) & asBig(b));
export const bitOr = (a: Value, b: Value): Value =>
  typeof a === "number" && typeof b === "number" && (a | 0) === a && (b | 0) === b ? a | b : mkBigInt(asBig(a) | asBig(b));
export const bitXor = (a: Value, b: Value): Value =>
  typeof a === "number" && typeof b === "number" && (a | 0) === a && (b | 0) === b ? a ^ b : mkBigInt(asBig(a) ^ asBig(b));
export const complement = (a: Value): Value => (typeof a === "number" ? -a - 1 : mkBigInt(~asBig(a)));

/** Shifts on 64-bit ints; counts outside 0..63 are E_INVARG. `>>` is arithmetic. */
export const shiftLeft = (a: Value, b: Value): Value => {
  const n = shiftCount(b);
  return mkBigInt(asBig(a) << BigInt(n));
};
export const shiftRight = (a: Value, b: Value): Value => {
  const n = shiftCount(b);
  return mkBigInt(asBig(a) >> BigInt(n));
};
/** `>>>`: the bits shift as an unsigned 64-bit pattern (mooR). */
export const shiftRightLogical = (a: Value, b: Value): Value => {
  const n = shiftCount(b);
  return mkBigInt(BigInt.asUintN(64, asBig(a)) >> BigInt(n));
};
const shiftCount = (b: Value): number => {
  const n = asBig(b);
  if (n < 0n || n > 63n) throw new MooError(E.E_INVARG);
  return Number(n);
};
