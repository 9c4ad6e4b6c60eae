// The `moo` command as a person runs it: a child process fed on stdin.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync, spawn } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { readFileSync, mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";

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

test("npm start's command serves the world over telnet, and SIGTERM shuts it down cleanly", async () => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const [node, script, ...args] = pkg.scripts["start"]!.split(" ");
  assert.equal(node, "node");
  const dir = mkdtempSync(join(tmpdir(), "moo-serve-"));
  const db = join(dir, "world.sqlite");
  const child = spawn(process.execPath, [join(root, script!), ...args, "--db", db, "--telnet", "0", "--http", "0"], { cwd: root });
  let out = "", err = "";
  child.stdout.on("data", (d: Buffer) => { out += d.toString(); });
  child.stderr.on("data", (d: Buffer) => { err += d.toString(); });
  for (let i = 0; i < 100 && !out.includes("MOO server running"); i++) await new Promise((r) => setTimeout(r, 50));
  assert.match(out, /MOO server running on .*world\.sqlite/);
  child.kill("SIGTERM");
  const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
  assert.equal(code, 0, err);
  assert.match(err, /SHUTDOWN: signal SIGTERM/);
  assert.ok(existsSync(db));
});

test("moo serve: a bad port, option or database gets one message", () => {
  assert.match(moo(["serve", "--telnet", "99999"], "").stderr, /--telnet: must be a port number/);
  assert.match(moo(["serve", "--frob"], "").stderr, /unknown option --frob/);
  const dir = mkdtempSync(join(tmpdir(), "moo-serve-bad-"));
  const junk = join(dir, "junk.sqlite");
  writeFileSync(junk, "not a database at all, just text ".repeat(40));
  const r = moo(["serve", "--db", junk, "--telnet", "0", "--http", "0"], "");
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cannot be opened as a MOO world/);
});

test("moo with no command prints usage and exits 2; unknown commands too", () => {
  assert.equal(moo([], "").status, 2);
  const r = moo(["frobnicate"], "");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command frobnicate/);
});

test("moo emergency: a wizard's MOO prompt on a stopped world; changes are kept", () => {
  const dir = mkdtempSync(join(tmpdir(), "moo-emergency-"));
  const db = join(dir, "w.sqlite");
  const serve = spawnSync(process.execPath, [join(root, "bin/moo.js"), "import", join(root, "../shared/data/Minimal.db"), "--db", db], { encoding: "utf8" });
  if (serve.status !== 0) return; // ../shared absent: the import test reports it
  const r = moo(["emergency", "--db", db], `return 1 + 2;\nadd_property(#0, "fixed", 1, {#3, "r"}); return #0.fixed;\nreturn (;\nraise(E_PERM);\nquit\n`);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  assert.match(lines[0]!, /^Emergency mode on .* run as #3/);
  assert.deepEqual(lines.slice(1), ["=> 3", "=> 1", 'Line 1:  syntax error: expected expression, found ";"', "#-1:eval, line 1:  Permission denied", "(End of traceback)"]);
  assert.equal(moo(["emergency", "--db", db], "return #0.fixed;\n").stdout.trim().split("\n")[1], "=> 1");
  assert.match(moo(["emergency", "--db", join(dir, "none.sqlite")], "").stderr, /no such database/);
});
