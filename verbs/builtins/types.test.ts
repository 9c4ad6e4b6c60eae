// Tests for the type and conversion builtins (types.ts), calling each body
// directly; argument count and declared types are the VM's job, not tested here.

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  type Value, T, E, mkList, mkFloat, mkObj, mkErr, mkMap, mkBigInt, mkBool, MooMap, toLiteral, MAXINT, MININT,
} from "../value.ts";
import { MooError } from "../errors.ts";
import { typeBuiltins, parseNumber } from "./types.ts";
import { testCtx } from "./test-ctx.ts";

const call = (name: string, ...args: Value[]): Value => {
  const spec = typeBuiltins.find((b) => b.name === name);
  if (!spec) throw new Error(`no builtin ${name}`);
  return spec.fn(args, testCtx()) as Value;
};
const lit = (name: string, ...args: Value[]): string => toLiteral(call(name, ...args));
const raises = (code: number, f: () => unknown): void => {
  assert.throws(f, (e: unknown) => e instanceof MooError && e.code === code);
};
const L = (...xs: Value[]): Value => mkList(xs);
const F = mkFloat;
const deep = (n: number): Value => {
  let v: Value = mkList([]);
  for (let i = 0; i < n; i++) v = mkList([v]);
  return v;
};
const map = (...kv: Value[]): Value => {
  const m = new MooMap();
  for (let i = 0; i < kv.length; i += 2) m.setMut(kv[i]!, kv[i + 1]!);
  return mkMap(m);
};

test("typeof gives the type codes", () => {
  assert.equal(call("typeof", 3), T.INT);
  assert.equal(call("typeof", mkBigInt(MAXINT)), T.INT);
  assert.equal(call("typeof", "abc"), T.STR);
  assert.equal(call("typeof", F(1)), T.FLOAT);
  assert.equal(call("typeof", L()), T.LIST);
  assert.equal(call("typeof", mkObj(0)), T.OBJ);
  assert.equal(call("typeof", mkErr(E.E_PERM)), T.ERR);
  assert.equal(call("typeof", map()), T.MAP);
  assert.equal(call("typeof", mkBool(true)), T.BOOL);
});

test("tostr concatenates the tostr of each argument", () => {
  assert.equal(call("tostr", 17), "17");
  assert.equal(call("tostr", F(3)), "3.0");
  assert.equal(call("tostr", mkObj(0)), "#0");
  assert.equal(call("tostr", L(1, 2)), "{list}");
  assert.equal(call("tostr", map(1, 2)), "[map]");
  assert.equal(call("tostr", mkErr(E.E_PERM)), "Permission denied");
  assert.equal(call("tostr"), "");
  assert.equal(call("tostr", "a", 1, "b", F(1.5), mkObj(-1)), "a1b1.5#-1");
  assert.equal(call("tostr", mkBigInt(MININT)), "-9223372036854775808");
});

test("tostr and toliteral raise E_QUOTA beyond maxStringLength", () => {
  const ctx = testCtx({ limits: { maxStringLength: 5 } });
  const tostr = typeBuiltins.find((b) => b.name === "tostr")!.fn;
  const toliteral = typeBuiltins.find((b) => b.name === "toliteral")!.fn;
  assert.equal(tostr(["abc", "de"], ctx), "abcde");
  raises(E.E_QUOTA, () => tostr(["abc", "def"], ctx));
  assert.equal(toliteral(["abc"], ctx), '"abc"');
  raises(E.E_QUOTA, () => toliteral(["abcd"], ctx));
  // Limits count characters, not UTF-16 units.
  assert.equal(tostr(["😀😀😀😀😀"], ctx), "😀😀😀😀😀");
});

test("toliteral prints MOO literals", () => {
  assert.equal(call("toliteral", 17), "17");
  assert.equal(call("toliteral", F(3)), "3.0");
  assert.equal(call("toliteral", mkObj(0)), "#0");
  assert.equal(call("toliteral", L(1, 2)), "{1, 2}");
  assert.equal(call("toliteral", 'a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(call("toliteral", mkErr(E.E_ARGS)), "E_ARGS");
  assert.equal(call("toliteral", map(mkObj(1), mkObj(2), 3, 4)), "[#1 -> #2, 3 -> 4]");
});

test("toint/tonum from every type", () => {
  assert.equal(call("toint", 10), 10);
  assert.equal(call("toint", F(3)), 3);
  assert.equal(call("toint", F(-3.9)), -3);
  assert.equal(call("toint", mkObj(2)), 2);
  assert.equal(call("toint", mkErr(E.E_INVARG)), 13);
  assert.equal(call("toint", mkBool(true)), 1);
  assert.equal(call("tonum", "-34"), -34);
  raises(E.E_TYPE, () => call("toint", L()));
  raises(E.E_TYPE, () => call("toint", map()));
});

test("toint never returns -0", () => {
  assert.ok(Object.is(call("toint", F(-0.5)), 0));
  assert.ok(Object.is(call("toint", F(-0)), 0));
  assert.ok(Object.is(call("toint", "-0"), 0));
  assert.ok(Object.is(call("toint", "-0.3"), 0));
});

test("toint on floats at the 64-bit edges", () => {
  assert.equal(toLiteral(call("toint", F(2 ** 62))), "4611686018427387904");
  assert.equal(toLiteral(call("toint", F(-(2 ** 63)))), "-9223372036854775808");
  raises(E.E_FLOAT, () => call("toint", F(2 ** 63)));
  raises(E.E_FLOAT, () => call("toint", F(1e300)));
  raises(E.E_FLOAT, () => call("toint", F(Infinity)));
  raises(E.E_FLOAT, () => call("toint", F(NaN)));
  assert.equal(lit("toint", mkBigInt(MAXINT)), "9223372036854775807");
});

test("toint parses strings as LambdaMOO's parse_number", () => {
  assert.equal(call("toint", "33 "), 33);
  assert.equal(call("toint", "  \t42"), 42);
  assert.equal(call("toint", "+7"), 7);
  assert.equal(call("toint", "3.7"), 3);
  assert.equal(call("toint", "-3.7"), -3);
  assert.equal(call("toint", "1e3"), 1000);
  assert.equal(call("toint", " 1.5e3  "), 1500);
  assert.equal(call("toint", ".5"), 0);
  assert.equal(call("toint", ""), 0);
  assert.equal(call("toint", "foo"), 0);
  assert.equal(call("toint", "12abc"), 0);
  assert.equal(call("toint", "12\t"), 0); // only spaces may trail
  assert.equal(call("toint", "0x10"), 0);
  assert.equal(call("toint", "1e"), 0);
  assert.equal(lit("toint", "9223372036854775807"), "9223372036854775807");
  assert.equal(lit("toint", "99999999999999999999"), "9223372036854775807");
  assert.equal(lit("toint", "-99999999999999999999"), "-9223372036854775808");
  assert.equal(lit("toint", "1e30"), "9223372036854775807");
  assert.equal(call("toint", "nan"), 0);
  assert.equal(parseNumber("12 ", false), 12);
  assert.equal(parseNumber("1.5", false), null);
});

test("tofloat from every type", () => {
  assert.equal(lit("tofloat", 34), "34.0");
  assert.equal(lit("tofloat", mkBigInt(MAXINT)), "9.22337203685478e+18");
  assert.equal(lit("tofloat", "34.7"), "34.7");
  assert.equal(lit("tofloat", "33.3 "), "33.3");
  assert.equal(lit("tofloat", "  -2.5e2"), "-250.0");
  assert.equal(lit("tofloat", "1e-3"), "0.001");
  assert.equal(lit("tofloat", "0x1p3"), "8.0");
  assert.equal(lit("tofloat", F(7.3)), "7.3");
  assert.equal(lit("tofloat", mkObj(5)), "5.0");
  assert.equal(lit("tofloat", mkErr(E.E_DIV)), "2.0");
  raises(E.E_INVARG, () => call("tofloat", "x"));
  raises(E.E_INVARG, () => call("tofloat", ""));
  raises(E.E_INVARG, () => call("tofloat", "1.5x"));
  raises(E.E_INVARG, () => call("tofloat", "inf"));
  raises(E.E_INVARG, () => call("tofloat", "nan"));
  raises(E.E_INVARG, () => call("tofloat", "1e999"));
  raises(E.E_TYPE, () => call("tofloat", L()));
  raises(E.E_TYPE, () => call("tofloat", map()));
  raises(E.E_TYPE, () => call("tofloat", mkBool(true)));
});

test("toobj from every type", () => {
  assert.equal(lit("toobj", "2"), "#2");
  assert.equal(lit("toobj", "2 "), "#2");
  assert.equal(lit("toobj", " #12"), "#12");
  assert.equal(lit("toobj", "#-1"), "#-1");
  assert.equal(lit("toobj", "foo"), "#0");
  assert.equal(lit("toobj", "1.5"), "#0");
  assert.equal(lit("toobj", 2), "#2");
  assert.equal(lit("toobj", F(3.9)), "#3");
  assert.equal(lit("toobj", mkObj(7)), "#7");
  assert.equal(lit("toobj", mkErr(E.E_PERM)), "#3");
  raises(E.E_TYPE, () => call("toobj", L()));
  raises(E.E_TYPE, () => call("toobj", map()));
  raises(E.E_FLOAT, () => call("toobj", F(Infinity)));
  raises(E.E_RANGE, () => call("toobj", mkBigInt(MAXINT)));
  raises(E.E_RANGE, () => call("toobj", "99999999999999999999"));
});

test("length of strings, lists and maps", () => {
  assert.equal(call("length", L(1, 2, 3)), 3);
  assert.equal(call("length", "foo"), 3);
  assert.equal(call("length", ""), 0);
  assert.equal(call("length", "😀é"), 2); // characters, not UTF-16 units
  assert.equal(call("length", map(1, 2, "a", 3)), 2);
  raises(E.E_TYPE, () => call("length", 5));
  raises(E.E_TYPE, () => call("length", mkObj(1)));
  raises(E.E_TYPE, () => call("length", F(1)));
});

test("equal is case-sensitive and type-strict", () => {
  assert.equal(call("equal", 2, 2), 1);
  assert.equal(call("equal", "Foo", "foo"), 0);
  assert.equal(call("equal", "foo", "foo"), 1);
  assert.equal(call("equal", L(1, 2), L(1, 2)), 1);
  assert.equal(call("equal", L(1, 2), L(1, 3)), 0);
  assert.equal(call("equal", L("A"), L("a")), 0);
  assert.equal(call("equal", 1, F(1)), 0);
  assert.equal(call("equal", map("foo", "bar"), map("FOO", "BAR")), 0);
  assert.equal(call("equal", map(1, 2, 3, 4), map(3, 4, 1, 2)), 1);
  assert.equal(call("equal", mkBigInt(MAXINT), mkBigInt(MAXINT)), 1);
});

test("value_bytes grows with the value", () => {
  const small = call("value_bytes", 1) as number;
  assert.ok(small > 0);
  assert.ok((call("value_bytes", L(1, 2, 3)) as number) > small);
  assert.ok((call("value_bytes", "a".repeat(100)) as number) > (call("value_bytes", "a") as number));
});

test("values nested 100,000 deep do not overflow the stack", () => {
  const a = deep(100_000), b = deep(100_000);
  const ctx = testCtx();
  const fn = (n: string) => typeBuiltins.find((s) => s.name === n)!.fn;
  const s = fn("toliteral")([a], ctx) as string;
  assert.equal(s.length, 200_002);
  assert.equal(fn("equal")([a, b], ctx), 1);
  assert.ok((fn("value_bytes")([a], ctx) as number) > 100_000);
  assert.equal(fn("tostr")([a], ctx), "{list}");
  assert.equal(fn("length")([a], ctx), 1);
  assert.equal(fn("typeof")([a], ctx), T.LIST);
});

test("work is charged in proportion to size", () => {
  const cost = (name: string, ...args: Value[]): number => {
    const ctx = testCtx();
    typeBuiltins.find((b) => b.name === name)!.fn(args, ctx);
    return ctx.charged;
  };
  const big = mkList(Array.from({ length: 100_000 }, (_, i) => i));
  const big2 = mkList(Array.from({ length: 100_000 }, (_, i) => i));
  assert.ok(cost("toliteral", big) > 1000);
  assert.ok(cost("toliteral", L(1)) < 2);
  assert.ok(cost("equal", big, big2) > 1000);
  // equality stops at the smaller value, and so does the charge
  assert.ok(cost("equal", big, L(1)) < 2);
  assert.ok(cost("value_bytes", big) > 1000);
  // tostr converts each argument: many of them cost in proportion; a long string is appended, not copied.
  assert.ok(cost("tostr", ...Array.from({ length: 100_000 }, (_, i) => i)) > 1000);
  assert.ok(cost("tostr", "x".repeat(100_000), "y") < 2);
});
