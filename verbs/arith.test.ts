// Operator edge cases that the language transcripts reach only through the
// VM: the 64-bit overflow corners of `/` and `%`.

import { test } from "node:test";
import assert from "node:assert/strict";
import { div, mod } from "./arith.ts";
import { E, mkBigInt, toLiteral, type Value } from "./value.ts";
import { MooError } from "./errors.ts";

const MININT = mkBigInt(-(2n ** 63n));
const raises = (f: () => Value, code: number): void =>
  assert.throws(f, (e: unknown) => e instanceof MooError && e.code === code);

test("MININT / -1 and MININT % -1 are E_INVARG: the quotient does not fit in 64 bits", () => {
  raises(() => div(MININT, -1), E.E_INVARG);
  raises(() => mod(MININT, -1), E.E_INVARG);
});

test("the neighbours of the overflow corner still divide", () => {
  const almost = mkBigInt(-(2n ** 63n) + 1n);
  assert.equal(toLiteral(div(almost, -1)), "9223372036854775807");
  assert.equal(toLiteral(mod(almost, -1)), "0");
  assert.equal(toLiteral(div(MININT, 1)), "-9223372036854775808");
  assert.equal(toLiteral(div(MININT, 2)), "-4611686018427387904");
  assert.equal(toLiteral(mod(MININT, 10)), "-8");
  assert.equal(div(-2147483648, -1), 2147483648);
});

test("division by zero stays E_DIV, before the overflow check", () => {
  raises(() => div(MININT, 0), E.E_DIV);
  raises(() => mod(MININT, 0), E.E_DIV);
});
