// The `moo` command as a person runs it: a child process fed on stdin.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const moo = (args: string[], input: string) =>
  spawnSync(process.execPath, [join(root, "bin/moo.js"), ...args], { input, encoding: "utf8", cwd: root });

test("moo eval: one line of output per program, errors with their traceback, exit 0", () => {
  const r = moo(["eval"], 'return 1 + 2;\n\nreturn 1 / 0;\nreturn "a" +;\nx = {}; for i in [1..3] x = {@x, i * i}; endfor return x;\n');
  assert.equal(r.status, 0);
  assert.deepEqual(r.stdout.trim().split("\n"), [
    "3",
    "! E_DIV: #-1:eval, line 1:  Division by zero",
    '! compile error: Line 1:  syntax error: expected expression, found ";"',
    "{1, 4, 9}",
  ]);
});

test("moo eval: bad options and a bad config are refused with one message", () => {
  assert.equal(moo(["eval", "--ticks", "-3"], "").status, 2);
  const r = moo(["eval", "--config", join(root, "no-such-config.yaml")], "return 1;\n");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no-such-config\.yaml: cannot read/);
});

test("npm start's command runs (the eval prompt until the server exists)", () => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const [node, script, ...args] = pkg.scripts["start"]!.split(" ");
  assert.equal(node, "node");
  const r = spawnSync(process.execPath, [join(root, script!), ...args], { input: 'return "up";\n', encoding: "utf8", cwd: root });
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), '"up"');
});

test("moo with no command prints usage and exits 2; unknown commands too", () => {
  assert.equal(moo([], "").status, 2);
  const r = moo(["frobnicate"], "");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command frobnicate/);
});
