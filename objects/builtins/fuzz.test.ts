// Bad arguments to any builtin give a MOO error for that caller, never a host
// exception (a server bug): every builtin, called with a spread of odd values,
// as a wizard and as a programmer. Deterministic: the same calls every run.

import { test } from "node:test";
import assert from "node:assert/strict";
import { testWorld, WIZARD, PROGRAMMER } from "../test-world.ts";
import { languageBuiltins } from "../../verbs/builtins/index.ts";
import { worldBuiltins } from "./index.ts";

/** Builtins that would stop the test itself or wait for input rather than answer. */
const SKIP = new Set(["suspend", "read", "shutdown", "eval"]);

const VALUES = [
  "0", "-1", "7", "9223372036854775807", "-9223372036854775807 - 1", "2.5", "-0.0", "1e300",
  `""`, `"abc"`, `"%(a*%)*b"`, `"~ZZ"`, `"#0"`, `"$"`, "#-1", "#0", "#1", "#3", "#999", "E_PERM",
  "{}", `{1, "a", #2}`, "{{{}}}", "[]", `["k" -> {1}]`, `{"x", "y", 3}`,
];

let seed = 42;
const pick = <X>(xs: readonly X[]): X => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return xs[seed % xs.length]!;
};

test("every builtin answers odd arguments with a value or a MOO error, never a server bug", () => {
  const t = testWorld(worldBuiltins);
  const names = [...languageBuiltins, ...worldBuiltins].map((b) => b.name).filter((n) => !SKIP.has(n)).sort();
  let calls = 0;
  for (const name of names) {
    for (let n = 0; n <= 4; n++) {
      for (let k = 0; k < 12; k++) {
        const args = Array.from({ length: n }, () => pick(VALUES)).join(", ");
        const code = `return \`${name}(${args}) ! ANY => "raised"';`;
        for (const who of [WIZARD, PROGRAMMER]) {
          // t.run throws only on a server bug; MOO errors come back as "! E_X".
          assert.doesNotThrow(() => t.run(code, who), `${name}(${args}) as #${who}`);
          calls++;
        }
      }
    }
  }
  assert.ok(calls > 2000);
});
