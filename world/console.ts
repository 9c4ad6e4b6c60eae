// The operator console's requests (C.CONSOLE_STATUS, TASK_KILL, QUOTA_SET,
// BACKUP, SHUTDOWN), for wizards only: the rights are checked here on every
// request, so a player who loses the wizard bit is refused at the next one.
// The status is read from the running server; the actions are MOO programs
// run as the wizard (kill_task, set_task_quota, dump_database, shutdown),
// so they go through the same builtins and checks as a wizard's own code.

import { type Value, T, mkObj } from "../verbs/value.ts";
import { lineOf, type Program } from "../verbs/program.ts";
import type { World } from "../objects/world.ts";
import type { ConnectionInfo } from "../objects/world-host.ts";
import type { Scheduler } from "./scheduler.ts";
import type { SchedTask } from "./sched-task.ts";
import type { TaskQuota } from "./shares.ts";
import type { Backups } from "./backups.ts";
import type { LogTail } from "./log-tail.ts";
import type { ServerStats } from "./server-stats.ts";
import { C, type Request, type ConsoleStatus, type TaskRow, type PlayerRow, type ConnectionRow, type QuotaValues } from "./protocol.ts";
import { PlayerRequests, fromJson } from "./player-requests.ts";

export type ConsoleRequest = Extract<Request, { c: typeof C.CONSOLE_STATUS | typeof C.TASK_KILL | typeof C.QUOTA_SET | typeof C.BACKUP | typeof C.SHUTDOWN }>;
export type ConsoleAnswer = { ok: true; result: ConsoleStatus | null } | { ok: false; error: string; message: string };

/** What the console reads. */
export interface ConsoleSources {
  readonly world: World;
  readonly scheduler: Scheduler;
  readonly connections: ConnectionInfo;
  readonly stats: ServerStats;
  readonly backups: Backups;
  readonly log: LogTail;
}

/** Task rows sent at most: 100,000 sleeping tasks are counted, not listed. */
const MAX_TASK_ROWS = 200;
const LOG_LINES = 100;
/** Counting objects walks them all; a count this old will do. */
const OBJECT_COUNT_MS = 10_000;

const quotaValues = (q: TaskQuota): QuotaValues =>
  ({ ticks_per_second: q.ticksPerSecond, burst_ticks: q.burstTicks, queued_tasks: q.queuedTasks, task_bytes: q.taskBytes });

export class OperatorConsole {
  private readonly kill = PlayerRequests.program("return {1, kill_task(args[1])};");
  private readonly setQuota = PlayerRequests.program("return {1, set_task_quota(args[1], args[2])};");
  private readonly backup = PlayerRequests.program("return {1, dump_database()};");
  private readonly shutdown = PlayerRequests.program("return {1, shutdown(args[1])};");
  /** Each player's ticks spent at the previous status, for per-player rates. */
  private spent = new Map<number, number>();
  private spentAt = 0;
  private objects = { count: 0, at: -Infinity };

  constructor(private readonly src: ConsoleSources, private readonly requests: PlayerRequests) {}

  async handle(player: number, r: ConsoleRequest): Promise<ConsoleAnswer> {
    if (!this.src.world.isWizard(player)) return { ok: false, error: "E_PERM", message: "The operator console is for wizards." };
    switch (r.c) {
      case C.CONSOLE_STATUS: return { ok: true, result: this.status(r.since) };
      case C.TASK_KILL: return this.act(player, this.kill, [r.task], "console kill");
      case C.QUOTA_SET: return this.act(player, this.setQuota, [mkObj(r.player), fromJson(r.quota)], "console quota");
      case C.BACKUP: return this.act(player, this.backup, [], "console backup");
      case C.SHUTDOWN: return this.act(player, this.shutdown, [r.message], "console shutdown");
    }
  }

  private async act(player: number, program: Program, args: Value[], verb: string): Promise<ConsoleAnswer> {
    const a = await this.requests.run(player, program, args, verb);
    return a.ok ? { ok: true, result: null } : a;
  }

  status(since: number): ConsoleStatus {
    const { world, stats, backups, log } = this.src;
    const now = Date.now();
    if (now - this.objects.at > OBJECT_COUNT_MS) {
      let n = 0;
      for (const _ of world.all()) n++;
      this.objects = { count: n, at: now };
    }
    return {
      now,
      server: { startedAt: stats.startedAt, objects: this.objects.count, heapUsed: process.memoryUsage().heapUsed, dbBytes: stats.dbBytes, lastBackup: backups.last },
      samples: stats.since(since),
      connections: this.connectionRows(),
      tasks: this.taskRows(),
      players: this.playerRows(now),
      log: log.lines(LOG_LINES),
    };
  }

  private nameOf(n: number): string {
    const o = this.src.world.find(n);
    return o ? o.name : n < 0 ? "(not logged in)" : "(recycled)";
  }

  private connectionRows(): ConnectionRow[] {
    const c = this.src.connections;
    return c.connected(true).map((p) => ({
      player: p, name: this.nameOf(p), address: c.nameOf(p) ?? "", idleSeconds: c.idleSeconds(p) ?? 0, connectedSeconds: c.connectedSeconds(p) ?? 0,
    }));
  }

  private taskRows(): ConsoleStatus["tasks"] {
    const tasks = this.src.scheduler.queue.tasks;
    const rows: TaskRow[] = [];
    for (const t of tasks.values()) {
      if (rows.length >= MAX_TASK_ROWS) break;
      if (t.state !== "done") rows.push(this.taskRow(t));
    }
    rows.sort((a, b) => a.id - b.id);
    return { total: tasks.size, rows };
  }

  private taskRow(t: SchedTask): TaskRow {
    const f = t.frames[t.frames.length - 1];
    const definer = f && typeof f.definer === "object" && f.definer.tag === T.OBJ ? f.definer.n : -1;
    const verb = !f ? "?" : definer >= 0 ? `#${definer}:${f.verb}` : f.verb || "eval";
    return {
      id: t.id, state: t.state as TaskRow["state"], owner: t.owner, ownerName: this.nameOf(t.owner), verb,
      line: f ? lineOf(f.prog, t.resumable ? Math.max(0, f.pc - 1) : f.pc) : 0,
      ticks: t.ticksUsed, bytes: t.bytes, wakeAt: t.state === "sleeping" ? t.wakeAt : null,
    };
  }

  /** Connected players, players with queued work, and those whose quotas were changed. */
  private playerRows(now: number): PlayerRow[] {
    const q = this.src.scheduler.queue;
    const overridden = new Set(q.overridden());
    const who = new Set([...this.src.connections.connected(false), ...q.players(), ...overridden]);
    const dt = Math.max(1, now - this.spentAt) / 1000;
    const spent = new Map<number, number>();
    const rows: PlayerRow[] = [];
    for (const p of [...who].sort((a, b) => a - b)) {
      if (!this.src.world.valid(p)) continue;
      const share = q.share(p);
      share.refill(now);
      spent.set(p, share.ticksSpent);
      const before = this.spent.get(p) ?? share.ticksSpent;
      rows.push({
        player: p, name: this.nameOf(p), quota: quotaValues(share.quota), overridden: overridden.has(p),
        // A share forgotten while idle starts counting again from 0.
        tickRate: Math.round(Math.max(0, share.ticksSpent >= before ? share.ticksSpent - before : share.ticksSpent) / dt),
        tokens: Math.floor(share.tokens), queued: share.queued, bytes: share.heldBytes,
      });
    }
    this.spent = spent;
    this.spentAt = now;
    return rows;
  }
}
