// Tests for the map builtins (maps.ts), calling each body directly; cases
// follow the conformance transcript map.moot.

import { test } from "node:test";
import assert from "node:assert/strict";
import { type Value, type Box, E, mkList, mkFloat, mkObj, mkErr, mkMap, mkBigInt, MooMap, toLiteral, MAXINT } from "../value.ts";
import { MooError } from "../errors.ts";
import { mapBuiltins } from "./maps.ts";
import { testCtx, builtinCaller, raises } from "./test-ctx.ts";

const { fn, call, lit } = builtinCaller(mapBuiltins);
const L = (...xs: Value[]): Box => mkList(xs);
const map = (...kv: Value[]): Box => {
  const m = new MooMap();
  for (let i = 0; i < kv.length; i += 2) m.setMut(kv[i]!, kv[i + 1]!);
  return mkMap(m);
};
const sample = (): Box => map(3, 3, 1, 1, 4, 4, 5, 5, 9, 9, 2, 2, 6, 6, "a", "a");

test("mapkeys and mapvalues in key order", () => {
  assert.equal(lit("mapkeys", sample()), '{1, 2, 3, 4, 5, 6, 9, "a"}');
  assert.equal(lit("mapvalues", sample()), '{1, 2, 3, 4, 5, 6, 9, "a"}');
  assert.equal(lit("mapkeys", map()), "{}");
  assert.equal(lit("mapvalues", map()), "{}");
});

test("mapvalues with keys picks those values, case-sensitively", () => {
  const m = map("a", 1, "B", 2, mkObj(3), 3);
  assert.equal(lit("mapvalues", m, "B", "a"), "{2, 1}");
  assert.equal(lit("mapvalues", m, mkObj(3)), "{3}");
  raises(E.E_RANGE, () => call("mapvalues", m, "b"));
  raises(E.E_RANGE, () => call("mapvalues", m, "zz"));
  raises(E.E_TYPE, () => call("mapvalues", m, L()));
});

test("mapdelete removes one key and leaves the argument alone", () => {
  const m = map(mkErr(E.E_NONE), "No error", mkErr(E.E_TYPE), "Type mismatch", mkErr(E.E_DIV), "Division by zero");
  assert.equal(lit("mapdelete", m, mkErr(E.E_TYPE)), '[E_NONE -> "No error", E_DIV -> "Division by zero"]');
  assert.equal(toLiteral(m), '[E_NONE -> "No error", E_TYPE -> "Type mismatch", E_DIV -> "Division by zero"]');
  assert.equal(lit("mapdelete", map("x", 1), "X"), "[]");
  assert.equal(lit("mapdelete", map(mkBigInt(MAXINT), 1, 2, 2), mkBigInt(MAXINT)), "[2 -> 2]");
});

test("mapdelete errors", () => {
  raises(E.E_RANGE, () => call("mapdelete", map(1, 2), 3));
  raises(E.E_RANGE, () => call("mapdelete", map(1, 2), mkFloat(1)));
  raises(E.E_RANGE, () => call("mapdelete", map(), "a"));
  for (const k of [map(), L(), map(1, 2), L(1, 2)]) raises(E.E_TYPE, () => call("mapdelete", map(1, 2, 3, 4), k));
});

test("maphaskey, optionally case-sensitive", () => {
  const m = map("Foo", 1, 2, 2, mkFloat(1.5), 3);
  assert.equal(call("maphaskey", m, "foo"), 1);
  assert.equal(call("maphaskey", m, "foo", 0), 1);
  assert.equal(call("maphaskey", m, "foo", 1), 0);
  assert.equal(call("maphaskey", m, "Foo", 1), 1);
  assert.equal(call("maphaskey", m, 2), 1);
  assert.equal(call("maphaskey", m, 2, 1), 1);
  assert.equal(call("maphaskey", m, mkFloat(1.5), 1), 1);
  assert.equal(call("maphaskey", m, mkFloat(2)), 0);
  assert.equal(call("maphaskey", m, 3), 0);
  assert.equal(call("maphaskey", m, "zz", 1), 0);
  raises(E.E_TYPE, () => call("maphaskey", m, L()));
  raises(E.E_TYPE, () => call("maphaskey", m, map()));
});

test("case-sensitive lookups in a large map", () => {
  const m = new MooMap();
  for (let i = 0; i < 1000; i++) m.setMut(`Key${i}`, i);
  const big = mkMap(m);
  assert.equal(call("maphaskey", big, "Key500", 1), 1);
  assert.equal(call("maphaskey", big, "key500", 1), 0);
  assert.equal(lit("mapvalues", big, "Key999", "Key0"), "{999, 0}");
});

test("ticks grow with map sizes", () => {
  const cost = (name: string, ...args: Value[]): number => {
    const ctx = testCtx();
    fn(name)(args, ctx);
    return ctx.charged;
  };
  const m = new MooMap();
  for (let i = 0; i < 100_000; i++) m.setMut(i, i);
  const big = mkMap(m);
  assert.ok(cost("mapkeys", big) > 1000);
  assert.ok(cost("mapvalues", big) > 1000);
  assert.ok(cost("mapdelete", big, 5) > 1000);
  assert.ok(cost("mapkeys", map(1, 2)) < 2);
});
