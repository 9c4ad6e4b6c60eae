// Scale (issue 4): 100,000 tasks waiting in suspend() and 100,000 in
// fork (3600), in one process. Reports the heap each costs, the time to
// create them, and the CPU an idle server holding them uses. LambdaMOO and
// ToastStunt need 1,136/704 and 1,232/752 bytes per task here and about 55 s
// to queue 100,000; the targets are under 1,000/600 bytes and 2 s.

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { harness, configWith } from "../world/scheduler-harness.ts";
import { WIZARD } from "../objects/test-world.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const N = Number(process.env["BENCH_TASKS"] ?? 100_000);

const heap = (): number => { gc(); gc(); return process.memoryUsage().heapUsed; };
const fmtMs = (ms: number): string => `${ms.toFixed(0)} ms`;

// A wizard's tasks are exempt from the per-player queue and memory quotas; the
// loop that creates them needs more than LambdaMOO's 30,000 ticks.
const h = harness(configWith({ tasks: { fgTicks: 100_000_000, fgSeconds: 600 } }));

const make = async (label: string, body: string, target: number, cBytes: number): Promise<void> => {
  const before = heap();
  const t0 = performance.now();
  h.type(WIZARD, `; for i in [1..${N}] ${body} endfor return "made";`);
  await h.waitFor(WIZARD, /^=> "made"$/, 120_000);
  await h.s.idle();
  const ms = performance.now() - t0;
  const queued = h.s.queue.queued().length;
  const per = (heap() - before) / N;
  const verdict = per < target ? "ok" : "OVER TARGET";
  console.log(`${label.padEnd(26)} ${String(queued).padStart(7)} queued   create ${fmtMs(ms).padStart(8)} (${(N / (ms / 1000) / 1000).toFixed(0)} k/s)` +
    `   ${per.toFixed(0).padStart(4)} B/task (target < ${target}, LambdaMOO ${cBytes})  ${verdict}`);
};

// Plain JS doing the bookkeeping alone: a Map entry and a small object per task.
const jsBaseline = (): void => {
  const before = heap();
  const t0 = performance.now();
  const m = new Map<number, { id: number; wake: number; frames: unknown[] }>();
  for (let i = 0; i < N; i++) m.set(i, { id: i, wake: 3600, frames: [] });
  const ms = performance.now() - t0;
  const per = (heap() - before) / N;
  console.log(`${"plain JS (Map + object)".padEnd(26)} ${String(m.size).padStart(7)} held     create ${fmtMs(ms).padStart(8)}                ${per.toFixed(0).padStart(4)} B/task`);
};

jsBaseline();
await make("suspend() x N", "fork (0) suspend(); endfork", 1000, 1136);
const afterFirst = h.s.queue.queued().length;
await make("fork (3600) x N", "fork (3600) endfork", 600, 704);
if (h.s.queue.queued().length !== afterFirst + N) throw new Error(`expected ${afterFirst + N} queued, found ${h.s.queue.queued().length}`);

// Idle: nothing ready, 200,000 waiting. CPU over two seconds of wall time.
const cpu0 = process.cpuUsage(), wall0 = performance.now();
await new Promise((r) => setTimeout(r, 2000));
const cpu = process.cpuUsage(cpu0), wall = performance.now() - wall0;
const pct = ((cpu.user + cpu.system) / 1000 / wall) * 100;
console.log(`idle with ${h.s.queue.queued().length} tasks queued: ${pct.toFixed(2)}% CPU over ${fmtMs(wall)} (target < 1%) ${pct < 1 ? "ok" : "OVER TARGET"}`);
h.s.stop();
process.exit(0);
