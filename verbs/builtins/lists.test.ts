// Tests for the list builtins (lists.ts), calling each body directly with a
// test context; cases follow the conformance transcript basic/list.moot.

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  type Value, type Box, E, mkList, mkFloat, mkObj, mkErr, mkMap, mkBigInt, mkBool, MooMap, listOf, toLiteral, MAXINT,
} from "../value.ts";
import { MooError } from "../errors.ts";
import { listBuiltins, naturalCompare } from "./lists.ts";
import { testCtx, builtinCaller, raises } from "./test-ctx.ts";

const { fn, call, lit } = builtinCaller(listBuiltins);
const L = (...xs: Value[]): Box => mkList(xs);
const F = mkFloat;
const map = (...kv: Value[]): Value => {
  const m = new MooMap();
  for (let i = 0; i < kv.length; i += 2) m.setMut(kv[i]!, kv[i + 1]!);
  return mkMap(m);
};
const range = (n: number): Box => mkList(Array.from({ length: n }, (_, i) => i + 1));

test("is_member returns the index, case-sensitively", () => {
  assert.equal(call("is_member", 3, L(1, 2, 3)), 3);
  assert.equal(call("is_member", 4, L(1, 2, 3)), 0);
  assert.equal(call("is_member", "a", L("A", "a")), 2);
  assert.equal(call("is_member", "b", L("B")), 0);
  assert.equal(call("is_member", "b", L("B"), 0), 1);
  assert.equal(call("is_member", 1, L(F(1), 1)), 2);
  assert.equal(call("is_member", L(1, 2), L(L(1), L(1, 2))), 2);
  assert.equal(call("is_member", mkBigInt(MAXINT), L(1, mkBigInt(MAXINT))), 2);
  raises(E.E_TYPE, () => call("is_member", 1, "abc"));
  raises(E.E_TYPE, () => call("is_member", 1, 1));
});

test("is_member searches a map's values in key order", () => {
  const m = map("3", "3", "1", "1", "4", "4", "5", "5", "9", "9", "2", "2");
  assert.equal(call("is_member", "5", m), 5);
  assert.equal(call("is_member", 5, m), 0);
  const m2 = map("FOO", "BAR");
  assert.equal(call("is_member", "bar", m2), 0);
  assert.equal(call("is_member", "BAR", m2), 1);
  assert.equal(call("is_member", "FOO", m2), 0);
});

test("listappend and listinsert clamp the position", () => {
  assert.equal(lit("listappend", L(1, 2), 3), "{1, 2, 3}");
  assert.equal(lit("listappend", L(1, 2), 3, 1), "{1, 3, 2}");
  assert.equal(lit("listappend", L(1, 2), 3, 0), "{3, 1, 2}");
  assert.equal(lit("listappend", L(1, 2), 3, -5), "{3, 1, 2}");
  assert.equal(lit("listappend", L(1, 2), 3, 99), "{1, 2, 3}");
  assert.equal(lit("listappend", L(), 3), "{3}");
  assert.equal(lit("listinsert", L(1, 2), 3, 2), "{1, 3, 2}");
  assert.equal(lit("listinsert", L(1, 2), 3, 1), "{3, 1, 2}");
  assert.equal(lit("listinsert", L(1, 2), 3), "{3, 1, 2}");
  assert.equal(lit("listinsert", L(1, 2), 3, 0), "{3, 1, 2}");
  assert.equal(lit("listinsert", L(1, 2), 3, 3), "{1, 2, 3}");
  assert.equal(lit("listinsert", L(1, 2), 3, 99), "{1, 2, 3}");
  assert.equal(lit("listinsert", L(1, 2), 3, mkBigInt(MAXINT)), "{1, 2, 3}");
  assert.equal(lit("listappend", L(1, 2), 3, mkBigInt(-MAXINT)), "{3, 1, 2}");
});

test("list builtins never mutate their arguments", () => {
  const l = L(1, 2, 3);
  call("listappend", l, 4);
  call("listinsert", l, 0);
  call("listset", l, 9, 1);
  call("listdelete", l, 1);
  call("setadd", l, 4);
  call("setremove", l, 1);
  call("sort", l, L(), 0, 1);
  call("reverse", l);
  assert.equal(toLiteral(l), "{1, 2, 3}");
});

test("listdelete and listset raise E_RANGE outside 1..length", () => {
  assert.equal(lit("listdelete", L(1, 2, 3), 2), "{1, 3}");
  assert.equal(lit("listdelete", L(1), 1), "{}");
  raises(E.E_RANGE, () => call("listdelete", L(1, 2, 3), 0));
  raises(E.E_RANGE, () => call("listdelete", L(1, 2, 3), 4));
  raises(E.E_RANGE, () => call("listdelete", L(), 1));
  raises(E.E_RANGE, () => call("listdelete", L(1), mkBigInt(MAXINT)));
  assert.equal(lit("listset", L(1, 2, 3), 4, 2), "{1, 4, 3}");
  raises(E.E_RANGE, () => call("listset", L(1, 2, 3), 4, 0));
  raises(E.E_RANGE, () => call("listset", L(1, 2, 3), 4, 4));
  raises(E.E_RANGE, () => call("listset", L(1), 4, mkBigInt(-MAXINT)));
});

test("setadd and setremove compare case-insensitively", () => {
  assert.equal(lit("setadd", L(1, 2), 3), "{1, 2, 3}");
  assert.equal(lit("setadd", L(1, 2), 2), "{1, 2}");
  assert.equal(lit("setadd", L("a"), "A"), '{"a"}');
  assert.equal(lit("setadd", L(1), F(1)), "{1, 1.0}");
  assert.equal(lit("setremove", L(1, 2, 1), 1), "{2, 1}");
  assert.equal(lit("setremove", L("a", "b"), "B"), '{"a"}');
  assert.equal(lit("setremove", L(1, 2), 3), "{1, 2}");
});

test("growing a list beyond maxListLength is E_QUOTA", () => {
  const ctx = testCtx({ limits: { maxListLength: 3 } });
  assert.equal(toLiteral(fn("listappend")([L(1, 2), 3], ctx) as Value), "{1, 2, 3}");
  raises(E.E_QUOTA, () => fn("listappend")([L(1, 2, 3), 4], ctx));
  raises(E.E_QUOTA, () => fn("listinsert")([L(1, 2, 3), 4, 1], ctx));
  raises(E.E_QUOTA, () => fn("setadd")([L(1, 2, 3), 4], ctx));
  // setadd of a member does not grow the list
  assert.equal(toLiteral(fn("setadd")([L(1, 2, 3), 3], ctx) as Value), "{1, 2, 3}");
});

test("sort orders ints, floats, objects, errors and strings", () => {
  assert.equal(lit("sort", L(5, 2, 8, 1, 3)), "{1, 2, 3, 5, 8}");
  assert.equal(lit("sort", L("zebra", "Apple", "banana", "Cherry")), '{"Apple", "banana", "Cherry", "zebra"}');
  assert.equal(lit("sort", L()), "{}");
  assert.equal(lit("sort", L(F(5.5), F(2.2), F(8.8), F(1.1))), "{1.1, 2.2, 5.5, 8.8}");
  assert.equal(lit("sort", L(mkObj(5), mkObj(2), mkObj(8), mkObj(1))), "{#1, #2, #5, #8}");
  assert.equal(lit("sort", L(mkErr(E.E_RANGE), mkErr(E.E_TYPE), mkErr(E.E_NONE))), "{E_NONE, E_TYPE, E_RANGE}");
  assert.equal(lit("sort", L(mkBigInt(MAXINT), 1, mkBigInt(-MAXINT))), "{-9223372036854775807, 1, 9223372036854775807}");
});

test("sort by keys, naturally, in reverse", () => {
  assert.equal(lit("sort", L("Alice", "Bob", "Charlie"), L(30, 25, 35)), '{"Bob", "Alice", "Charlie"}');
  assert.equal(
    lit("sort", L("file10.txt", "file2.txt", "file1.txt", "file20.txt"), L(), 1),
    '{"file1.txt", "file2.txt", "file10.txt", "file20.txt"}',
  );
  assert.equal(
    lit("sort", L("file10.txt", "file2.txt", "file1.txt"), L()),
    '{"file1.txt", "file10.txt", "file2.txt"}',
  );
  assert.equal(lit("sort", L(5, 2, 8, 1, 3), L(), 0, 1), "{8, 5, 3, 2, 1}");
  assert.equal(lit("sort", L("a", "b", "c"), L(2, 1, 2), 0, 1), '{"a", "c", "b"}');
});

test("sort is stable", () => {
  assert.equal(lit("sort", L("b", "A", "a", "B")), '{"A", "a", "b", "B"}');
  assert.equal(lit("sort", L(1, 2, 3, 4), L(1, 0, 1, 0)), "{2, 4, 1, 3}");
});

test("sort errors", () => {
  raises(E.E_TYPE, () => call("sort", L(1, "hello", 3)));
  raises(E.E_TYPE, () => call("sort", L(L(1), L(2))));
  raises(E.E_TYPE, () => call("sort", L(map(), map())));
  raises(E.E_TYPE, () => call("sort", L(1, F(1))));
  raises(E.E_TYPE, () => call("sort", L(mkBool(true))));
  raises(E.E_TYPE, () => call("sort", L(1, 2), L("a", 1)));
  raises(E.E_INVARG, () => call("sort", L("a", "b"), L(1, 2, 3)));
  raises(E.E_INVARG, () => call("sort", L(), L(1)));
});

test("natural comparison", () => {
  assert.ok(naturalCompare("a2", "a10") < 0);
  assert.ok(naturalCompare("A10", "a2") > 0);
  assert.equal(naturalCompare("abc", "ABC"), 0);
  assert.ok(naturalCompare("x 1", "x2") < 0); // white space is skipped
  assert.ok(naturalCompare("1.05", "1.5") < 0); // leading zero: compared as a fraction
  assert.ok(naturalCompare("a", "ab") < 0);
  assert.equal(naturalCompare("", ""), 0);
});

test("reverse lists and strings", () => {
  assert.equal(lit("reverse", L(1, 2, 3, 4, 5)), "{5, 4, 3, 2, 1}");
  assert.equal(call("reverse", "hello"), "olleh");
  assert.equal(lit("reverse", L()), "{}");
  assert.equal(call("reverse", ""), "");
  assert.equal(lit("reverse", L(42)), "{42}");
  assert.equal(call("reverse", "a"), "a");
  assert.equal(call("reverse", "a😀b"), "b😀a");
  raises(E.E_INVARG, () => call("reverse", 42));
  raises(E.E_INVARG, () => call("reverse", map()));
});

test("slice by index, index list and map key", () => {
  assert.equal(lit("slice", L(L(1, 2, 3), L(1, 2, 3), L(1, 2, 3)), 2), "{2, 2, 2}");
  assert.equal(lit("slice", L(L("z", 1), L("y", 2), L("x", 5)), 2), "{1, 2, 5}");
  assert.equal(lit("slice", L(L("z", 1, 3), L("y", 2, 4)), L(2, 1)), '{{1, "z"}, {2, "y"}}');
  assert.equal(lit("slice", L(L(7, 8), L(9))), "{7, 9}");
  assert.equal(lit("slice", L("abc", "d😀"), 2), '{"b", "😀"}');
  assert.equal(lit("slice", L()), "{}");
  const maps = L(map("a", 1, "b", 2), map("a", 5, "b", 6), map("b", 8));
  assert.equal(lit("slice", maps, "a", 0), "{1, 5, 0}");
  assert.equal(lit("slice", maps, "a"), "{1, 5}");
  assert.equal(lit("slice", maps, "A"), "{1, 5}");
});

test("slice errors", () => {
  raises(E.E_RANGE, () => call("slice", L(L(1, 2)), 3));
  raises(E.E_RANGE, () => call("slice", L(L(1, 2)), 0));
  raises(E.E_RANGE, () => call("slice", L(L(1, 2)), L()));
  raises(E.E_RANGE, () => call("slice", L(L(1, 2)), L(1, 0)));
  raises(E.E_RANGE, () => call("slice", L(L(1, 2)), L(1, 3)));
  raises(E.E_RANGE, () => call("slice", L("ab"), 3));
  raises(E.E_RANGE, () => call("slice", L(L(1, 2)), mkBigInt(MAXINT)));
  raises(E.E_INVARG, () => call("slice", L(L(1, 2)), L("x")));
  raises(E.E_INVARG, () => call("slice", L(L(1, 2)), F(1)));
  raises(E.E_INVARG, () => call("slice", L(1, 2), 1));
  raises(E.E_INVARG, () => call("slice", L(map("a", 1)), 1));
  raises(E.E_INVARG, () => call("slice", L(L(1)), "a"));
});

test("values nested 100,000 deep", () => {
  let a: Value = mkList([]), b: Value = mkList([]);
  for (let i = 0; i < 100_000; i++) {
    a = mkList([a]);
    b = mkList([b]);
  }
  assert.equal(call("is_member", b, L(1, a)), 2);
  assert.equal(listOf(call("setadd", L(a), b) as Box).length, 1);
  assert.equal(listOf(call("listappend", L(a), b) as Box).length, 2);
  assert.equal(listOf(call("reverse", L(a, 1)) as Box)[0], 1);
});

test("ticks grow with list sizes", () => {
  const cost = (name: string, ...args: Value[]): number => {
    const ctx = testCtx();
    fn(name)(args, ctx);
    return ctx.charged;
  };
  const big = range(100_000);
  const small = range(10);
  for (const [name, args] of [
    ["listappend", [1]], ["listinsert", [1]], ["listdelete", [1]], ["listset", [0, 1]],
    ["setadd", [0]], ["setremove", [1]], ["is_member", [], true], ["sort", []], ["reverse", []], ["slice", []],
  ] as const) {
    const withList = (l: Box): Value[] =>
      name === "is_member" ? [0, l] : name === "slice" ? [mkList(listOf(l).map((x) => L(x)))] : [l, ...args];
    const cb = cost(name, ...withList(big)), cs = cost(name, ...withList(small));
    assert.ok(cb > 1000, `${name} big ${cb}`);
    assert.ok(cs < 10, `${name} small ${cs}`);
  }
  // Sorting strings is charged by their length too.
  const strs = mkList(Array.from({ length: 1000 }, (_, i) => "x".repeat(1000) + i));
  assert.ok(cost("sort", strs) > 10_000);
});
