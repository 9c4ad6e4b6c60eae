// Crash test (issue 5): a child process runs three tasks that keep
// incrementing a counter; it is killed with SIGKILL at random moments, 20
// times, and restarted. Nothing reported as committed may be lost, nothing
// half-written may appear, the tasks must come back, and moo check must find
// no fault.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const child = join(here, "../world/crash-child.js");
const moo = join(here, "../../bin/moo.js");

interface Run { start: number; faults: number; restored: number; skipped: number; lastP: number; lastC: number; lines: number }

/** Run the child until `ms` after its first commit, then SIGKILL it. */
const runAndKill = (db: string, ms: number): Promise<Run> => new Promise((resolve, reject) => {
  const p = spawn(process.execPath, [child, db], { stdio: ["ignore", "pipe", "inherit"] });
  const run: Run = { start: NaN, faults: NaN, restored: NaN, skipped: NaN, lastP: -1, lastC: -1, lines: 0 };
  let buf = "", timer: NodeJS.Timeout | null = null;
  p.stdout.setEncoding("utf8");
  p.stdout.on("data", (d: string) => {
    buf += d;
    let nl;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const [k, a, b] = buf.slice(0, nl).split(" ");
      buf = buf.slice(nl + 1);
      run.lines++;
      if (k === "S") run.start = Number(a);
      else if (k === "F") run.faults = Number(a);
      else if (k === "T") { run.restored = Number(a); run.skipped = Number(b); }
      else if (k === "P") run.lastP = Number(a);
      else if (k === "C") {
        run.lastC = Number(a);
        timer ??= setTimeout(() => p.kill("SIGKILL"), ms);
      }
    }
  });
  p.on("error", reject);
  p.on("exit", (code, signal) => {
    if (timer) clearTimeout(timer);
    if (signal !== "SIGKILL") reject(new Error(`child exited by itself (code ${code}); last lines ${buf}`));
    else resolve(run);
  });
});

test("SIGKILL at random moments loses nothing committed and leaves the world whole", { timeout: 120_000 }, async () => {
  const db = join(mkdtempSync(join(tmpdir(), "moo-crash-")), "world.sqlite");
  let prev: Run | null = null;
  let progress = 0;
  for (let i = 0; i < 20; i++) {
    const run = await runAndKill(db, 20 + Math.floor(Math.random() * 200));
    assert.equal(run.faults, 0, `moo check found faults after kill ${i}`);
    if (prev) {
      // The stored counter is the last value reported committed, or the one whose
      // commit was under way when the kill came (it may or may not have finished).
      const allowed = [prev.lastC];
      if (prev.lastP > prev.lastC) allowed.push(prev.lastP);
      assert.ok(allowed.includes(run.start), `kill ${i}: stored ${run.start}, reported committed ${prev.lastC}, in flight ${prev.lastP}`);
      assert.equal(run.restored, 3, `kill ${i}: the three tasks come back`);
      assert.equal(run.skipped, 0, `kill ${i}: no stored task was unreadable`);
    }
    assert.ok(run.lastC >= (Number.isNaN(run.start) || run.start < 0 ? 0 : run.start), `run ${i} went on from where it was`);
    progress = run.lastC;
    prev = run;
  }
  assert.ok(progress > 100, `the counter reached ${progress}`);
  const check = spawnSync(process.execPath, [moo, "check", "--db", db], { encoding: "utf8" });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  assert.match(check.stdout, /0 errors/);
});
