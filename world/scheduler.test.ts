// The scheduler as players meet it: commands typed, tasks aborted at their
// limits with tracebacks, suspend/fork/resume/kill/read with LambdaMOO's
// rules, fork bombs and memory growth ending in E_QUOTA, fair turns.

import { test } from "node:test";
import assert from "node:assert/strict";
import { harness, configWith, type Harness } from "./scheduler-harness.ts";
import { WIZARD, PROGRAMMER, NONPROGRAMMER } from "../objects/test-world.ts";
import { newVerbDef, VF, PF } from "../objects/model.ts";
import { mkObj } from "../verbs/value.ts";

const W = WIZARD, P = PROGRAMMER;

/** A $server_options object on #0 holding these options. */
const serverOptions = (h: Harness, values: Record<string, number>): void => {
  const opts = h.world.create(1, W);
  h.world.addProperty(h.world.get(0), "server_options", mkObj(opts.id), W, PF.READ);
  for (const [k, v] of Object.entries(values)) h.world.addProperty(opts, k, v, W, PF.READ);
};

test("a typed `;` line runs as a command task and prints its value", async () => {
  const h = harness();
  h.type(P, "; return 1 + 1;");
  assert.equal(await h.waitFor(P, /^=>/), "=> 2");
  h.type(P, "xyzzy");
  assert.equal(await h.waitFor(P, /understand/), "I couldn't understand that.");
  h.s.stop();
});

test("a non-wizard's endless loop is aborted at its tick limit with a traceback", async () => {
  const h = harness();
  h.type(P, "; while (1) endwhile");
  const first = await h.waitFor(P, /ran out of ticks/);
  assert.match(first, /^#-1:\S* \(this == #1\)|line 1:  Task ran out of ticks$/);
  await h.waitFor(P, /^\(End of traceback\)$/);
  // The aborted task is gone and the player can go on.
  h.type(P, "; return task_id() > 0;");
  assert.equal(await h.waitFor(P, /^=>/), "=> 1");
  h.s.stop();
});

test("$server_options.fg_ticks sets the limit; ticks_left() counts down from it", async () => {
  const h = harness();
  serverOptions(h, { fg_ticks: 5000 });
  const v = Number(await h.ask(P, "return ticks_left();"));
  assert.ok(v > 4900 && v <= 5000, String(v));
  h.type(P, "; for i in [1..10000] endfor");
  await h.waitFor(P, /ran out of ticks/);
  h.s.stop();
});

test("$handle_task_timeout sees the abort first; a true answer keeps the traceback quiet", async () => {
  const h = harness();
  h.world.get(0).verbs.push(newVerbDef("handle_task_timeout", W, VF.READ | VF.EXEC | VF.DEBUG, "this", -1, "this",
    `notify(player, "timeout: " + args[1] + " " + tostr(length(args[2])) + " " + args[3][1]); return 1;`));
  h.type(P, "; while (1) endwhile");
  assert.match(await h.waitFor(P, /^timeout:/), /^timeout: ticks 2 .*Task ran out of ticks$/);
  h.type(P, "; return 5;");
  await h.waitFor(P, /^=> 5/);
  assert.ok(!h.out.get(P)!.some((l) => l === "(End of traceback)"));
  h.s.stop();
});

test("an endless suspend(0) loop runs forever without blocking anyone", async () => {
  const h = harness();
  h.type(P, "; fork (0) while (1) suspend(0); endwhile endfork; return 0;");
  await h.waitFor(P, /^=> 0/);
  for (let i = 0; i < 5; i++) {
    h.type(NONPROGRAMMER, "xyzzy");
    await h.waitFor(NONPROGRAMMER, /understand/, 500);
  }
  assert.equal(await h.ask(P, "return length(queued_tasks());"), "1");
  assert.equal(await h.ask(P, "kill_task(queued_tasks()[1][1]); return queued_tasks();"), "{}");
  h.s.stop();
});

test("a fork bomb ends in E_QUOTA at the queued-task limit", async () => {
  const h = harness(configWith({ quotas: { queuedTasks: 50 } }));
  assert.equal(await h.ask(P, "n = 0; try while (1) fork (0) endfork n = n + 1; endwhile except (E_QUOTA) return n; endtry"), "50");
  h.type(P, "; while (1) fork (0) endfork endwhile");
  await h.waitFor(P, /Too many queued tasks/);
  h.s.stop();
});

test("wizards are exempt from the queued-task quota unless configured", async () => {
  const h = harness(configWith({ quotas: { queuedTasks: 5 } }));
  assert.equal(await h.ask(W, "for i in [1..20] fork (60) endfork endfor return length(queued_tasks());"), "20");
  const strict = harness(configWith({ quotas: { queuedTasks: 5, wizardsExempt: false } }));
  assert.equal(await strict.ask(W, "for i in [1..20] fork (60) endfork endfor"), "E_QUOTA");
  h.s.stop(); strict.s.stop();
});

test("s = s + s growth ends in E_QUOTA", async () => {
  const h = harness(configWith({ limits: { maxStringLength: 1 << 20 } }));
  assert.equal(await h.ask(P, `s = "x"; try while (1) s = s + s; endwhile except e (E_QUOTA) return length(s); endtry`), "1048576");
  h.s.stop();
});

test("a task holding more than the player's task memory quota gets E_QUOTA at suspend()", async () => {
  const h = harness(configWith({ quotas: { taskBytes: 100_000 }, tasks: { fgTicks: 1_000_000 } }));
  const fill = "l = {}; for i in [1..20000] l = {@l, i}; endfor";
  assert.equal(await h.ask(P, `${fill} suspend(0); return "slept";`), "E_QUOTA");
  assert.equal(await h.ask(P, `l = {1, 2, 3}; suspend(0); return "slept";`), `"slept"`);
  // A task that never suspends is measured as it runs.
  const big = harness(configWith({ quotas: { taskBytes: 100_000 }, scheduler: { sliceTicks: 100 }, tasks: { fgTicks: 10_000_000 } }));
  assert.equal(await big.ask(P, `${fill} return "kept";`, 5000), "E_QUOTA");
  h.s.stop(); big.s.stop();
});

test("suspend() waits for resume(), which passes a value or raises an error value", async () => {
  const h = harness();
  assert.equal(await h.ask(P, `fork (0) notify(player, "waiting"); notify(player, "got " + toliteral(suspend())); endfork return 0;`), "0");
  await h.waitFor(P, /^waiting$/);
  assert.equal(await h.ask(P, `return queued_tasks()[1][2];`), "0"); // start time 0: waiting for resume()
  assert.equal(await h.ask(P, `resume(queued_tasks()[1][1], {1, "two"}); return 1;`), "1");
  assert.equal(await h.waitFor(P, /^got/), `got {1, "two"}`);
  await h.ask(P, `fork (0) notify(player, "waiting"); try suspend(); except e (E_INTRPT) notify(player, "raised " + toliteral(e[1])); endtry endfork`);
  await h.waitFor(P, /^waiting$/);
  await h.ask(P, `resume(queued_tasks()[1][1], E_INTRPT);`);
  assert.equal(await h.waitFor(P, /^raised/), "raised E_INTRPT");
  h.s.stop();
});

test("kill_task and resume: E_INVARG for unknown ids and forks not started; the owner may kill", async () => {
  const h = harness();
  const id = await h.ask(P, `fork t (100) endfork return t;`);
  assert.equal(await h.ask(P, `return kill_task(999999);`), "E_INVARG");
  assert.equal(await h.ask(P, `return resume(${id});`), "E_INVARG"); // a fork waiting to start is not suspended
  assert.equal(await h.ask(P, `return task_stack(${id});`), "E_INVARG");
  assert.equal(await h.ask(P, `return queued_tasks()[1][1] == ${id};`), "1");
  assert.equal(await h.ask(P, `return kill_task(${id});`), "0");
  assert.equal(await h.ask(P, `return queued_tasks();`), "{}");
  assert.equal(await h.ask(P, `return kill_task(${id});`), "E_INVARG");
  h.s.stop();
});

test("a programmer cannot kill, resume or inspect another programmer's task; a wizard can", async () => {
  const h = harness();
  assert.equal(await h.ask(W, `fork (0) suspend(); endfork return 0;`), "0");
  const id = await h.ask(W, `return queued_tasks()[1][1];`);
  assert.equal(await h.ask(P, `return {queued_tasks(), queue_info(#3), queue_info()};`), "{{}, 1, {#3}}");
  for (const call of [`kill_task(${id})`, `resume(${id})`, `task_stack(${id})`]) {
    assert.equal(await h.ask(P, `return ${call};`), "E_PERM");
  }
  const stack = await h.ask(W, `return task_stack(${id}, 1);`);
  assert.match(stack, /^\{\{#-1, "", #3, #-1, #3, \d+\}\}$/);
  assert.equal(await h.ask(W, `return {kill_task(${id}), queued_tasks()};`), "{0, {}}");
  h.s.stop();
});

test("kill_task(task_id()) ends the running task at once, with no traceback", async () => {
  const h = harness();
  h.type(P, `; notify(player, "before"); kill_task(task_id()); notify(player, "after");`);
  await h.waitFor(P, /^before$/);
  assert.equal(await h.ask(P, `return 7;`), "7");
  assert.deepEqual(h.take(P).filter((l) => l === "after" || l.includes("traceback")), []);
  h.s.stop();
});

test("far delays sleep instead of firing, and bad delays get LambdaMOO's errors", async () => {
  const h = harness();
  await h.ask(P, `fork (2 ^ 40) notify(player, "fired"); endfork fork (0) suspend(2 ^ 62); notify(player, "woke"); endfork return 0;`);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(await h.ask(P, `return suspend(-1);`), "E_INVARG");
  assert.equal(await h.ask(P, `fork (-1) endfork`), "E_INVARG");
  assert.equal(await h.ask(P, `fork ("soon") endfork`), "E_TYPE");
  assert.equal(await h.ask(P, `suspend("x");`), "E_TYPE");
  assert.equal(await h.ask(P, `return length(queued_tasks());`), "2");
  assert.ok(!h.out.get(P)!.some((l) => l === "fired" || l === "woke"));
  h.s.stop();
});

test("suspend(n) sleeps about n seconds; forks run in delay order", async () => {
  const h = harness();
  const t0 = Date.now();
  h.type(P, `; fork (0.2) notify(player, "b"); endfork fork (0.1) notify(player, "a"); endfork suspend(0.3); notify(player, "c");`);
  await h.waitFor(P, /^c$/);
  assert.ok(Date.now() - t0 >= 290, `${Date.now() - t0} ms`);
  assert.deepEqual(h.take(P).filter((l) => /^[abc]$/.test(l)), ["a", "b", "c"]);
  h.s.stop();
});

test("read() takes the player's next line; a dropped connection raises E_INVARG in it", async () => {
  const h = harness();
  h.type(W, `; notify(player, "you said " + read());`);
  await new Promise((r) => setTimeout(r, 20));
  h.type(W, "hello there");
  assert.equal(await h.waitFor(W, /^you said/), "you said hello there");
  await h.ask(W, `fork (0) notify(player, "reading"); try read(#3); except e (E_INVARG) notify(#3, "read failed"); endtry endfork`);
  await h.waitFor(W, /^reading$/);
  assert.equal(h.s.queue.startTime(h.s.queue.queued()[0]!), -1); // what queued_tasks() shows for a reading task
  h.connected.delete(W);
  h.s.disconnected(W);
  h.connected.add(W);
  assert.equal(await h.waitFor(W, /read failed/), "read failed");
  h.s.stop();
});

test("read(): LambdaMOO's permission rules and the non-blocking form", async () => {
  const h = harness();
  assert.equal(await h.ask(P, `return read();`), "E_PERM");
  assert.equal(await h.ask(P, `return read(#3);`), "E_PERM");
  assert.equal(await h.ask(P, `return read(#4, 1);`), "0");
  h.connected.delete(NONPROGRAMMER);
  assert.equal(await h.ask(W, `return read(#5);`), "E_INVARG");
  h.s.stop();
});

test("a preemptible task runs past its tick limit, in slices, letting others in", async () => {
  const h = harness(configWith({ scheduler: { sliceTicks: 2000 } }));
  h.type(P, `; set_task_preemptible(1); n = 0; for i in [1..200000] n = n + i; endfor notify(player, "sum " + tostr(n));`);
  h.type(NONPROGRAMMER, "xyzzy");
  await h.waitFor(NONPROGRAMMER, /understand/);
  assert.equal(await h.waitFor(P, /^sum/, 5000), "sum 20000100000");
  h.type(P, `; for i in [1..200000] endfor`);
  await h.waitFor(P, /ran out of ticks/);
  h.s.stop();
});

test("strict_rate: an empty token bucket makes its player wait while others go on, even with the CPU idle", async () => {
  const h = harness(configWith({ quotas: { ticksPerSecond: 20_000, burstTicks: 20_000, strictRate: true }, scheduler: { sliceTicks: 1000 } }));
  assert.equal(await h.ask(W, `set_task_quota(#4, ["ticks_per_second" -> 20000, "burst_ticks" -> 20000]); return task_quota(#4)["burst_ticks"];`), "20000");
  await h.ask(P, `fork (0) set_task_preemptible(1); for i in [1..60000] endfor notify(player, "done"); endfork`);
  const t0 = Date.now();
  h.type(NONPROGRAMMER, "xyzzy");
  await h.waitFor(NONPROGRAMMER, /understand/);
  assert.ok(Date.now() - t0 < 500);
  await h.waitFor(P, /^done$/, 10_000);
  // About 60,000 loop ticks plus more at 20,000 a second after the first 20,000: at least two seconds.
  assert.ok(Date.now() - t0 >= 1500, `${Date.now() - t0} ms`);
  assert.equal(await h.ask(P, `return task_quota(#4)["ticks_spent"] > 60000;`, 5000), "1");
  assert.equal(await h.ask(P, `return set_task_quota(#4, []);`, 5000), "E_PERM");
  assert.equal(await h.ask(W, `return set_task_quota(#4, ["ticks" -> 1]);`, 5000), "E_INVARG");
  assert.equal(await h.ask(W, `return set_task_quota(#4, ["burst_ticks" -> 1.5]);`, 5000), "E_TYPE");
  assert.equal(await h.ask(W, `return set_task_quota(#4, ["burst_ticks" -> 0]);`, 5000), "E_INVARG");
  assert.equal(await h.ask(W, `return set_task_quota(#99, ["burst_ticks" -> 10]);`, 5000), "E_INVARG");
  assert.equal(await h.ask(W, `return task_quota(#-1);`, 5000), "E_INVARG");

  h.s.stop();
});

test("by default a player over its rate runs on spare CPU, after players within their rate", async () => {
  const h = harness(configWith({ quotas: { ticksPerSecond: 20_000, burstTicks: 20_000 }, scheduler: { sliceTicks: 1000 } }));
  const t0 = Date.now();
  await h.ask(P, `fork (0) set_task_preemptible(1); for i in [1..300000] endfor notify(player, "done"); endfork`);
  h.type(NONPROGRAMMER, "xyzzy");
  await h.waitFor(NONPROGRAMMER, /understand/);
  // 300,000 ticks at 20,000 a second would take 15 s under a hard cap; alone, it takes what the CPU needs.
  await h.waitFor(P, /^done$/, 5000);
  assert.ok(Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
  h.s.stop();
});

test("lines typed on a busy server wait for the scheduled turn: one turn per event-loop pass, however many lines", async () => {
  const h = harness(configWith({ scheduler: { turnMs: 1 } }));
  await h.ask(P, `fork (0) while (1) suspend(0); endwhile endfork`);
  for (let i = 0; i < 30; i++) await h.ask(W, `return ${i};`);
  // Had each line started its own chain of turns, each pass of the event loop would run dozens.
  const passes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const before = h.s.counters.turns;
    await new Promise((r) => setImmediate(r));
    passes.push(h.s.counters.turns - before);
  }
  assert.ok(Math.max(...passes) <= 2, passes.join(" "));
  h.s.stop();
});

test("max_stack_depth from $server_options; tracebacks on E_MAXREC", async () => {
  const h = harness();
  serverOptions(h, { max_stack_depth: 80 });
  h.world.get(1).verbs.push(newVerbDef("rec", P, VF.READ | VF.EXEC | VF.DEBUG, "this", -1, "this",
    `try return this:rec(); except (E_MAXREC) return length(callers()); endtry`));
  assert.equal(await h.ask(P, `return #1:rec();`), "79"); // eval's two frames (verb + eval), then the deepest caller list
  h.s.stop();
});

test("$server_started runs when the scheduler starts; hook errors reach nobody but the log", async () => {
  const h = harness();
  h.world.get(0).verbs.push(newVerbDef("server_started", W, VF.READ | VF.EXEC | VF.DEBUG, "this", -1, "this",
    `notify(#3, "started " + tostr(task_id() > 0));`));
  h.s.start();
  assert.equal(await h.waitFor(W, /^started/), "started 1");
  h.s.stop();
});

test("a task over fg_seconds is aborted with LambdaMOO's message; seconds_left() counts down", async () => {
  const h = harness(configWith({ tasks: { fgTicks: 1e12, fgSeconds: 1 } }));
  assert.equal(await h.ask(P, "return seconds_left();"), "1");
  const t0 = Date.now();
  h.type(P, "; while (1) endwhile");
  await h.waitFor(P, /Task ran out of seconds$/, 5000);
  assert.ok(Date.now() - t0 >= 950, `${Date.now() - t0} ms`);
  h.s.stop();
});
