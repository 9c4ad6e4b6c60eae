// Start-up from SQLite: a fresh file gets the built-in core; changes and
// waiting tasks survive a restart; files that are not MOO worlds are refused
// and left untouched.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { boot, type Booted } from "./boot.ts";
import { DEFAULT_CONFIG } from "./config.ts";
import { DbError } from "../db/sqlite-store.ts";
import { newVerbDef, VF } from "../objects/model.ts";
import { toLiteral } from "../verbs/value.ts";

const dir = mkdtempSync(join(tmpdir(), "moo-boot-"));
let n = 0;
const freshPath = (): string => join(dir, `w${n++}.sqlite`);

/** Boot with #3 connected; output collected. */
const start = (path: string): Booted & { out: string[] } => {
  const out: string[] = [];
  const b = boot(path, DEFAULT_CONFIG, { notify: (_p, t) => { out.push(t); }, isConnected: (p) => p === 3 }, { log: () => {} });
  return { ...b, out };
};

/** Run `code` as a wizard verb on #0 (a new verb each time) and wait until nothing is ready. */
const run = async (b: Booted, code: string): Promise<void> => {
  const name = `t${n++}`;
  b.world.get(0).verbs.push(newVerbDef(name, 3, VF.READ | VF.EXEC | VF.DEBUG, "this", -1, "this", code));
  b.world.reshape(0);
  assert.ok(b.scheduler.serverTask(0, name, [], 3));
  await b.scheduler.idle();
};

const stop = (b: Booted): void => { b.scheduler.stop(); b.backups.stop(); b.store.close(); };
const literal = (b: Booted, obj: number, prop: string): string => {
  const v = b.world.get(obj).props.get(prop)?.value;
  return typeof v === "symbol" || v === undefined ? String(v) : toLiteral(v);
};

test("a fresh database gets the default core (world/core/); changes survive a restart", async () => {
  const path = freshPath();
  const a = start(path);
  assert.equal(a.created, true);
  assert.deepEqual([...a.world.all()].slice(0, 4).map((o) => o.name), ["System Object", "Root Class", "Entrance Hall", "Wizard"]);
  const w = a.world.maxObject + 1;
  await run(a, `add_property(#0, "counter", 5, {#3, "rw"}); o = create(#1); o.name = "widget"; move(o, #2); #0.counter = #0.counter + 1;`);
  stop(a);
  const b = start(path);
  assert.equal(b.created, false);
  assert.equal(b.world.get(0).props.get("counter")?.value, 6);
  assert.equal(b.world.get(w).name, "widget");
  assert.deepEqual(b.world.get(2).contents, [3, w]);
  assert.equal(b.world.maxObject, w);
  await run(b, `recycle(#${w}); #0.counter = "done";`);
  stop(b);
  const c = start(path);
  assert.equal(c.world.find(w), null);
  assert.equal(c.world.get(0).props.get("counter")?.value, "done");
  assert.deepEqual(c.world.get(2).contents, [3]);
  stop(c);
});

test("suspended and forked tasks resume after a restart, keeping their ids", async () => {
  const path = freshPath();
  const a = start(path);
  await run(a, `add_property(#0, "log", {}, {#3, "rw"});
    fork (0) #0.log = {@#0.log, "before"}; suspend(); #0.log = {@#0.log, "resumed"}; endfork
    fork (3600) #0.log = {@#0.log, "late"}; endfork`);
  const ids = [...a.scheduler.queue.tasks.keys()].sort();
  assert.equal(ids.length, 2);
  stop(a);
  const b = start(path);
  assert.equal(b.tasks.restored, 2);
  assert.deepEqual([...b.scheduler.queue.tasks.keys()].sort(), ids);
  assert.deepEqual(b.scheduler.queue.queued().map((t) => t.state).sort(), ["sleeping", "suspended"]);
  const suspended = b.scheduler.queue.queued().find((t) => t.state === "suspended")!;
  await run(b, `resume(${suspended.id});`);
  await run(b, `return 0;`);
  assert.equal(literal(b, 0, "log"), `{"before", "resumed"}`);
  stop(b);
  const c = start(path);
  assert.equal(c.tasks.restored, 1); // the fork (3600) still waits; the resumed task is gone
  assert.ok(c.scheduler.queue.tasks.size === 1);
  stop(c);
});

test("a task reading when the server stopped gets E_INVARG after the restart", async () => {
  const path = freshPath();
  const a = start(path);
  await run(a, `add_property(#0, "got", 0, {#3, "rw"}); fork (0) try read(#3); except e (ANY) #0.got = e[1]; endtry endfork`);
  assert.deepEqual(a.scheduler.queue.queued().map((t) => t.state), ["reading"]);
  stop(a);
  const b = start(path);
  await b.scheduler.idle();
  await run(b, `return 0;`);
  assert.equal(literal(b, 0, "got"), "E_INVARG");
  stop(b);
});

test("output is sent only after the changes it reports are committed", async () => {
  const path = freshPath();
  const a = start(path);
  let committedWhenSent = -1;
  const store = a.store;
  a.world.get(0).verbs.push(newVerbDef("say", 3, VF.READ | VF.EXEC | VF.DEBUG, "this", -1, "this", `notify(#3, "hello"); suspend(0); notify(#3, "again");`));
  a.world.reshape(0);
  const commitsBefore = store.commits;
  const sent: number[] = [];
  (a.scheduler as unknown as { conns: { notify: (p: number, t: string) => void } }).conns.notify = () => { sent.push(store.commits); committedWhenSent = store.commits; };
  a.scheduler.serverTask(0, "say", [], 3);
  await a.scheduler.idle();
  assert.equal(sent.length, 2);
  assert.ok(sent.every((c) => c > commitsBefore), `sent after commits ${sent.join(",")}; before ${commitsBefore}`);
  assert.ok(committedWhenSent > commitsBefore);
  stop(a);
});

test("a file that is not a MOO world is refused and left untouched", () => {
  const garbage = freshPath();
  writeFileSync(garbage, "this is not a database, just some text\n".repeat(50));
  const before = readFileSync(garbage);
  assert.throws(() => start(garbage), (e: Error) => e instanceof DbError && /cannot be opened as a MOO world/.test(e.message));
  assert.deepEqual(readFileSync(garbage), before);

  const other = freshPath();
  const db = new Database(other);
  db.exec("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER); INSERT INTO accounts VALUES (1, 100);");
  db.close();
  const otherBefore = readFileSync(other);
  assert.throws(() => start(other), /is an SQLite database, but not a MOO world/);
  assert.deepEqual(readFileSync(other), otherBefore);
});

test("a damaged database stops start-up with a clear message", () => {
  const path = freshPath();
  stop(start(path));
  const bytes = readFileSync(path);
  // Overwrite the middle of the file (its pages), keeping the header valid.
  for (let i = 4096; i < Math.min(bytes.length, 12288); i++) bytes[i] = 0x5a;
  const broken = freshPath();
  writeFileSync(broken, bytes);
  assert.throws(() => start(broken), DbError);
});

test("verbs compiled by an older bytecode format are recompiled from source", async () => {
  const path = freshPath();
  const a = start(path);
  await run(a, `add_verb(#0, {#3, "rxd", "double"}, {"this", "none", "this"}); set_verb_code(#0, "double", {"return args[1] * 2;"});`);
  stop(a);
  const db = new Database(path);
  const changed = db.prepare("UPDATE verbs SET bytecode_version = 1 WHERE bytecode IS NOT NULL").run().changes;
  db.close();
  assert.ok(changed > 0);
  const b = start(path);
  assert.equal(b.staleVerbs, changed);
  await run(b, `add_property(#0, "result", #0:double(21), {#3, "r"});`);
  assert.equal(b.world.get(0).props.get("result")?.value, 42);
  stop(b);
});

test("dump_database() makes an online backup that opens as the same world; old backups are pruned", async () => {
  const path = freshPath();
  const backupDir = join(dir, `backups${n++}`);
  const config = { ...DEFAULT_CONFIG, database: { ...DEFAULT_CONFIG.database, backupDir, backupsKept: 2 } };
  const b = boot(path, config, { notify() {}, isConnected: () => false }, { log: () => {} });
  await run(b, `add_property(#0, "saved", "yes", {#3, "r"}); dump_database();`);
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(b.backups.last, "a backup was made");
  const copy = boot(b.backups.last!.path, DEFAULT_CONFIG, { notify() {}, isConnected: () => false }, { log: () => {} });
  assert.equal(copy.world.get(0).props.get("saved")?.value, "yes");
  stop(copy);
  for (let i = 0; i < 3; i++) await b.backups.now();
  assert.equal(readdirSync(backupDir).filter((f) => f.endsWith(".sqlite")).length, 2);
  stop(b);
});

test("a task that fails keeps the changes it made before the error, as in LambdaMOO", async () => {
  const path = freshPath();
  const a = start(path);
  await run(a, `add_property(#0, "before", 0, {#3, "rw"}); #0.before = 1; #0.before = 2; raise(E_PERM); #0.before = 3;`);
  stop(a);
  const b = start(path);
  assert.equal(b.world.get(0).props.get("before")?.value, 2);
  stop(b);
});

test("a wizard's quota overrides survive a restart", async () => {
  const path = freshPath();
  const a = start(path);
  await run(a, `set_task_quota(#3, ["queued_tasks" -> 7, "burst_ticks" -> 12345]);`);
  stop(a);
  const b = start(path);
  assert.equal(b.scheduler.queue.quotaOf(3).queuedTasks, 7);
  assert.equal(b.scheduler.queue.quotaOf(3).burstTicks, 12345);
  await run(b, `set_task_quota(#3, []);`);
  stop(b);
  const c = start(path);
  assert.equal(c.scheduler.queue.quotaOf(3).queuedTasks, DEFAULT_CONFIG.quotas.queuedTasks);
  stop(c);
});
