// moo import, export and check as an operator runs them: the shared
// LambdaMOO dumps import with zero compile failures, export, import again,
// and come back the same world object by object (through SQLite both
// times); bad input gets one clear message.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import { SqliteStore } from "../db/sqlite-store.ts";
import { World } from "../objects/world.ts";
import { compareWorlds } from "../db/compare-worlds.ts";

const here = dirname(fileURLToPath(import.meta.url));
const moo = join(here, "../../bin/moo.js");
const data = join(here, "../../../shared/data");
const dir = mkdtempSync(join(tmpdir(), "moo-cli-db-"));
const run = (...args: string[]) => spawnSync(process.execPath, [moo, ...args], { encoding: "utf8" });

const loadDb = (path: string): World => {
  const store = SqliteStore.open(path);
  try {
    const w = new World();
    const loaded = store.loadWorld();
    w.load(loaded.objects, loaded.maxObject);
    return w;
  } finally {
    store.close();
  }
};

for (const name of ["Minimal.db", "Test.db", "LambdaCore-latest.db"]) {
  const dump = join(data, name);
  test(`${name}: import, export, import again: the same world, zero compile failures, moo check clean`, { skip: !existsSync(dump) }, () => {
    const first = join(dir, `${name}.1.sqlite`), second = join(dir, `${name}.2.sqlite`), out = join(dir, `${name}.out.db`);
    const imp = run("import", dump, "--db", first);
    assert.equal(imp.status, 0, imp.stderr);
    assert.match(imp.stdout, / 0 failed to compile/);
    assert.doesNotMatch(imp.stdout, /compile error/);
    const exp = run("export", "--db", first, out);
    assert.equal(exp.status, 0, exp.stderr);
    assert.equal(run("import", out, "--db", second).status, 0);
    compareWorlds(loadDb(first), loadDb(second));
    const check = run("check", "--db", second);
    assert.equal(check.status, 0, check.stdout);
    assert.match(check.stdout, /0 errors, 0 warnings/);
  });
}

test("LambdaCore's queued fork comes in as a stored task; the export reports it is not written", { skip: !existsSync(join(data, "LambdaCore-latest.db")) }, () => {
  const db = join(dir, "lc-tasks.sqlite");
  const imp = run("import", join(data, "LambdaCore-latest.db"), "--db", db);
  assert.match(imp.stdout, /1 forked tasks \(0 tasks skipped\)/);
  const store = SqliteStore.open(db);
  assert.deepEqual(store.loadTasks().map((t) => [t.id, t.state]), [[1643574649, "sleeping"]]);
  store.close();
  assert.match(run("export", "--db", db, join(dir, "lc-tasks.out.db")).stdout, /1 queued tasks not written/);
});

test("bad input: one clear message each, nothing overwritten", () => {
  const junk = join(dir, "junk.db");
  writeFileSync(junk, "** LambdaMOO Database, Format Version 4 **\n3\nnot a number\n");
  const r = run("import", junk, "--db", join(dir, "junk.sqlite"));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^moo import: line 3: .*number/m);
  assert.equal(run("import").status, 2);
  assert.match(run("export", "--db", join(dir, "absent.sqlite"), join(dir, "x.db")).stderr, /no such database/);
  assert.match(run("check", "--db", junk).stderr, /cannot be opened as a MOO world/);
  const existing = join(dir, "existing.sqlite");
  writeFileSync(existing, "precious");
  assert.match(run("import", junk, "--db", existing).stderr, /already exists; pass --replace/);
});
