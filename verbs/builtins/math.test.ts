// Tests for the numeric builtins (math.ts), calling each body directly; cases
// follow the conformance transcripts math.moot and basic/arithmetic.moot.

import { test } from "node:test";
import assert from "node:assert/strict";
import { type Value, type Box, E, T, mkFloat, mkBigInt, toLiteral, typeOf, bigOf, MAXINT, MININT } from "../value.ts";
import { MooError } from "../errors.ts";
import { mathBuiltins, formatFixed, formatScientific } from "./math.ts";
import { testCtx, builtinCaller, raises } from "./test-ctx.ts";

const { fn, call, lit } = builtinCaller(mathBuiltins);
const F = mkFloat;
const near = (v: Value, x: number): void => {
  assert.equal(typeOf(v), T.FLOAT);
  assert.ok(Math.abs((v as Box).n - x) < 1e-12, `${toLiteral(v)} is not ${x}`);
};

test("min and max of ints and of floats", () => {
  assert.equal(call("min", 3, 1, 2), 1);
  assert.equal(call("max", 3, 1, 2), 3);
  assert.equal(call("min", 5), 5);
  assert.equal(lit("min", F(1.5), F(-2)), "-2.0");
  assert.equal(lit("max", F(1.5), F(-2)), "1.5");
  assert.equal(lit("max", 1, mkBigInt(MAXINT), -1), "9223372036854775807");
  assert.equal(lit("min", 1, mkBigInt(MININT), mkBigInt(MAXINT)), "-9223372036854775808");
  raises(E.E_TYPE, () => call("min", 1, F(2)));
  raises(E.E_TYPE, () => call("max", F(1), 2));
  raises(E.E_TYPE, () => call("max", 1, "2"));
});

test("abs", () => {
  assert.equal(call("abs", -5), 5);
  assert.equal(call("abs", 5), 5);
  assert.equal(call("abs", 0), 0);
  assert.equal(lit("abs", F(-2.5)), "2.5");
  assert.equal(lit("abs", F(-0)), "0.0");
  assert.equal(lit("abs", mkBigInt(-MAXINT)), "9223372036854775807");
  // int64 negation wraps, as in the C servers
  assert.equal(lit("abs", mkBigInt(MININT)), "-9223372036854775808");
});

test("sqrt and the C math functions", () => {
  assert.equal(lit("sqrt", F(4)), "2.0");
  assert.equal(lit("sqrt", F(0)), "0.0");
  raises(E.E_INVARG, () => call("sqrt", F(-1)));
  near(call("sin", F(Math.PI / 2)), 1);
  near(call("cos", F(0)), 1);
  near(call("tan", F(Math.PI / 4)), 1);
  near(call("asin", F(1)), Math.PI / 2);
  near(call("acos", F(1)), 0);
  raises(E.E_INVARG, () => call("asin", F(1.5)));
  raises(E.E_INVARG, () => call("acos", F(-1.5)));
  near(call("atan", F(1)), Math.PI / 4);
  near(call("atan", F(1), F(-1)), (3 * Math.PI) / 4);
  near(call("atan", F(0), F(0)), 0);
  near(call("sinh", F(0)), 0);
  near(call("cosh", F(0)), 1);
  near(call("tanh", F(1000)), 1);
  near(call("exp", F(1)), Math.E);
  near(call("exp", F(-1000)), 0);
  near(call("log", F(Math.E)), 1);
  near(call("log10", F(1000)), 3);
  raises(E.E_INVARG, () => call("log", F(-1)));
  raises(E.E_INVARG, () => call("log10", F(-1)));
  raises(E.E_FLOAT, () => call("log", F(0)));
  raises(E.E_FLOAT, () => call("log10", F(0)));
  raises(E.E_FLOAT, () => call("exp", F(1000)));
  raises(E.E_FLOAT, () => call("sinh", F(1000)));
  raises(E.E_FLOAT, () => call("cosh", F(-1000)));
});

test("ceil, floor, trunc", () => {
  assert.equal(lit("ceil", F(1.2)), "2.0");
  assert.equal(lit("ceil", F(-1.2)), "-1.0");
  assert.equal(lit("floor", F(1.8)), "1.0");
  assert.equal(lit("floor", F(-1.2)), "-2.0");
  assert.equal(lit("trunc", F(1.8)), "1.0");
  assert.equal(lit("trunc", F(-1.8)), "-1.0");
  assert.equal(lit("trunc", F(-0.5)), "-0.0"); // as C's ceil(-0.5)
});

test("round, with and without places", () => {
  assert.equal(lit("round", F(3.5)), "4.0");
  assert.equal(lit("round", F(3.4)), "3.0");
  assert.equal(lit("round", F(-3.5)), "-4.0");
  assert.equal(lit("round", F(-3.4)), "-3.0");
  assert.equal(lit("round", F(2.5)), "3.0");
  assert.equal(lit("round", F(0.49999999999999994)), "0.0");
  assert.equal(lit("round", F(3.14159), 2), "3.14");
  assert.equal(lit("round", F(3.14159), 4), "3.1416");
  assert.equal(lit("round", F(2.5555), 3), "2.556");
  assert.equal(lit("round", F(-2.5555), 2), "-2.56");
  assert.equal(lit("round", 5), "5.0");
  assert.equal(lit("round", 5, 2), "5.0");
  assert.equal(lit("round", F(3.7), 0), "4.0");
  assert.equal(lit("round", F(12345.6), -2), "12300.0");
  assert.equal(lit("round", F(1.5), 400), "1.5");
  assert.equal(lit("round", F(1.5), mkBigInt(MAXINT)), "1.5");
  assert.equal(lit("round", F(12345.6), -400), "0.0");
  assert.equal(lit("round", F(1e308), -308), "1e+308");
  assert.equal(lit("round", mkBigInt(MAXINT)), "9.22337203685478e+18");
});

test("floatstr: fixed and scientific, exactly as printf", () => {
  assert.equal(call("floatstr", F(3.14159), 2), "3.14");
  assert.equal(call("floatstr", F(2.5), 0), "2");
  assert.equal(call("floatstr", F(3.5), 0), "4");
  assert.equal(call("floatstr", F(0.125), 2), "0.12");
  assert.equal(call("floatstr", F(-0.001), 2), "-0.00");
  assert.equal(call("floatstr", F(1e22), 2), "10000000000000000000000.00");
  assert.equal(call("floatstr", F(123456), 3, 1), "1.235e+05");
  assert.equal(call("floatstr", F(9.9999), 2, 1), "1.00e+01");
  assert.equal(call("floatstr", F(0), 2, 1), "0.00e+00");
  assert.equal(call("floatstr", F(1e-300), 1, 1), "1.0e-300");
  assert.equal(call("floatstr", F(1.5), 2, 0), "1.50");
  // precision is capped at DBL_DIG + 4 = 19
  assert.equal(call("floatstr", F(0.1), 25), "0.1000000000000000056");
  assert.equal(call("floatstr", F(0.1), mkBigInt(MAXINT)), "0.1000000000000000056");
  raises(E.E_INVARG, () => call("floatstr", F(1), -1));
  assert.equal(formatFixed(5e-324, 3), "0.000");
  assert.equal(formatScientific(5e-324, 3), "4.941e-324");
  assert.equal(formatScientific(1.7976931348623157e308, 5), "1.79769e+308");
  assert.equal(formatFixed(Infinity, 2), "inf");
  assert.equal(formatScientific(-Infinity, 2), "-inf");
});

test("random is 1..max, min..max, or 1..MAXINT", () => {
  assert.equal(call("random", 1), 1);
  for (let i = 0; i < 200; i++) {
    const r = call("random", 6) as number;
    assert.ok(Number.isInteger(r) && r >= 1 && r <= 6);
    const s = call("random", -3, 3) as number;
    assert.ok(Number.isInteger(s) && s >= -3 && s <= 3);
    const t = bigOf(call("random") as number | Box);
    assert.ok(t >= 1n && t <= MAXINT);
    const u = bigOf(call("random", mkBigInt(MAXINT - 5n), mkBigInt(MAXINT)) as number | Box);
    assert.ok(u >= MAXINT - 5n && u <= MAXINT);
    const w = bigOf(call("random", mkBigInt(MININT), mkBigInt(MAXINT)) as number | Box);
    assert.ok(w >= MININT && w <= MAXINT);
  }
  assert.equal(call("random", 7, 7), 7);
  const seen = new Set<Value>();
  const ctx = testCtx();
  for (let i = 0; i < 500; i++) seen.add(fn("random")([3], ctx) as Value);
  assert.deepEqual([...seen].sort(), [1, 2, 3]);
});

test("random errors", () => {
  raises(E.E_INVARG, () => call("random", 0));
  raises(E.E_INVARG, () => call("random", -3));
  raises(E.E_INVARG, () => call("random", mkBigInt(MININT)));
  raises(E.E_INVARG, () => call("random", 5, 4));
});

test("min and max charge per argument", () => {
  const args = Array.from({ length: 10_000 }, (_, i) => i);
  const ctx = testCtx();
  fn("max")(args, ctx);
  assert.ok(ctx.charged > 100);
});
