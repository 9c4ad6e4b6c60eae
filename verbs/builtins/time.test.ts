// Tests for the clock and uuid builtins (time.ts), calling each body directly
// with a test context whose clock is fixed; cases follow time.moot and uuid.moot.

import { test } from "node:test";
import assert from "node:assert/strict";
import { type Value, type Box, E, T, mkBigInt, typeOf, MAXINT, MININT } from "../value.ts";
import { MooError } from "../errors.ts";
import { timeBuiltins, formatCtime } from "./time.ts";
import { testCtx } from "./test-ctx.ts";

const fn = (name: string) => {
  const spec = timeBuiltins.find((b) => b.name === name);
  if (!spec) throw new Error(`no builtin ${name}`);
  return spec.fn;
};
const NOW = 1_700_000_000_123; // Tue Nov 14 22:13:20.123 2023 UTC
const call = (name: string, ...args: Value[]): Value => fn(name)(args, testCtx({ now: NOW })) as Value;
const raises = (code: number, f: () => unknown): void => {
  assert.throws(f, (e: unknown) => e instanceof MooError && e.code === code);
};
/** Epoch seconds that print locally as `seconds` would in UTC, so the ctime tests run in any zone. */
const utc = (seconds: number): number => seconds + new Date(seconds * 1000).getTimezoneOffset() * 60;

test("time is whole seconds from the task clock", () => {
  assert.equal(call("time"), 1_700_000_000);
});

test("ftime is float seconds; toint(ftime()) == time()", () => {
  const f = call("ftime") as Box;
  assert.equal(typeOf(f), T.FLOAT);
  assert.equal(f.n, 1_700_000_000.123);
  assert.equal(Math.trunc(f.n), call("time"));
  assert.equal((call("ftime", 0) as Box).n, 1_700_000_000.123);
});

test("ftime(1) is a monotonic clock", () => {
  const a = (call("ftime", 1) as Box).n;
  const b = (call("ftime", 1) as Box).n;
  assert.ok(a >= 0 && b >= a);
  assert.ok(a < 1e9); // seconds since process start, not since the epoch
});

test("ctime prints C's layout with the zone name", () => {
  const s = call("ctime", utc(1_700_000_000)) as string;
  assert.match(s, /^Tue Nov 14 22:13:20 2023 \S+$/);
  assert.match(call("ctime", utc(0)) as string, /^Thu Jan {2}1 00:00:00 1970 \S+$/);
  assert.match(call("ctime", utc(-86400 * 365)) as string, /^Wed Jan {2}1 00:00:00 1969 /);
  assert.match(call("ctime") as string, /^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} \S+$/);
  assert.equal(call("ctime"), formatCtime(1_700_000_000));
});

test("ctime in UTC", { skip: new Date(0).getTimezoneOffset() !== 0 }, () => {
  assert.equal(formatCtime(1_700_000_000), "Tue Nov 14 22:13:20 2023 UTC");
  assert.equal(formatCtime(0), "Thu Jan  1 00:00:00 1970 UTC");
});

test("ctime outside the calendar's range is E_INVARG", () => {
  raises(E.E_INVARG, () => call("ctime", mkBigInt(MAXINT)));
  raises(E.E_INVARG, () => call("ctime", mkBigInt(MININT)));
  raises(E.E_INVARG, () => call("ctime", 8.64e12 + 1));
  assert.equal(typeof call("ctime", 8.64e12 - 86400), "string");
});

test("uuid() makes distinct version 7 UUIDs", () => {
  const a = call("uuid") as string, b = call("uuid") as string;
  assert.equal(a.length, 36);
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a, b);
  // the first 48 bits are the task clock's milliseconds
  assert.equal(parseInt(a.slice(0, 8) + a.slice(9, 13), 16), NOW);
});

test("uuid(high, low) prints the two 64-bit halves", () => {
  const high = mkBigInt(6128981282234515924n), low = mkBigInt(-6406858213580079104n);
  assert.equal(call("uuid", high, low), "550e8400-e29b-41d4-a716-446655440000");
  assert.equal(call("uuid", 0, 0), "00000000-0000-0000-0000-000000000000");
  assert.equal(call("uuid", -1, -1), "ffffffff-ffff-ffff-ffff-ffffffffffff");
  assert.equal(call("uuid", 1, 2), "00000000-0000-0001-0000-000000000002");
  raises(E.E_ARGS, () => call("uuid", 42));
});
