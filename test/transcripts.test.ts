// The project's own transcripts (test/transcripts/*.moot), run as a player
// meets the server: over telnet, against a fresh server on a copy of the
// conformance Test.db. Any failed assertion fails the file's test.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { runMoot } from "./moot-runner.ts";

const here = dirname(fileURLToPath(import.meta.url));
// The .moot files stay in the source tree: dist/ holds only what tsc emits.
const dir = join(here, "../../test/transcripts");
const dumpPath = join(here, "../../../shared/conformance/Test.db");
const skip = !existsSync(dumpPath) && `${dumpPath} not found`;

for (const name of readdirSync(dir).filter((f) => f.endsWith(".moot")).sort()) {
  test(`transcript ${name} over telnet`, { skip }, async () => {
    const r = await runMoot(join(dir, name), readFileSync(dumpPath, "latin1"));
    assert.ok(r.total > 0, "the transcript asserts nothing");
    assert.deepEqual(r.failures, [], `${r.passed}/${r.total} passed`);
    assert.equal(r.passed, r.total);
  });
}
