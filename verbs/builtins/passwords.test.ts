// Tests for password_hash() and password_verify() (passwords.ts).

import { test } from "node:test";
import assert from "node:assert/strict";
import { E } from "../value.ts";
import { passwordBuiltins } from "./passwords.ts";
import { testCtx, builtinCaller, raises } from "./test-ctx.ts";

const { fn, call } = builtinCaller(passwordBuiltins);

test("password_hash makes a salted scrypt hash that password_verify accepts, and nothing else", () => {
  const h = call("password_hash", "correct horse") as string;
  assert.match(h, /^\$scrypt\$ln=14,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
  assert.ok(!h.includes("correct horse"));
  assert.notEqual(call("password_hash", "correct horse"), h, "a fresh salt each time");
  assert.equal(call("password_verify", "correct horse", h), 1);
  assert.equal(call("password_verify", "Correct horse", h), 0);
  assert.equal(call("password_verify", "", h), 0);
  const empty = call("password_hash", "") as string;
  assert.equal(call("password_verify", "", empty), 1);
});

test("both are charged in ticks, and refused with E_QUOTA before the work when the task cannot pay", () => {
  const ctx = testCtx();
  const h = fn("password_hash")(["pw"], ctx) as string;
  assert.ok(ctx.charged >= 4096, `charged ${ctx.charged}`);
  const poor = testCtx({ ticks: 1000 });
  raises(E.E_QUOTA, () => fn("password_hash")(["pw"], poor));
  raises(E.E_QUOTA, () => fn("password_verify")(["pw", h], poor));
});

test("password_verify refuses malformed hashes and parameters that would stall the server", () => {
  const h = call("password_hash", "pw") as string;
  for (const bad of ["", "pw", "abJnggxhB/yWI", h.replace("ln=14", "ln=30"), h.replace("r=8", "r=64"),
    h.replace("p=1", "p=99"), h.replace("ln=14", "ln=0"), h.slice(0, -30), h + "$"]) {
    raises(E.E_INVARG, () => call("password_verify", "pw", bad));
  }
});
