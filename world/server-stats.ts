// The operator console's figures over time: every second, the rates of
// ticks, tasks and commits (from counters the scheduler and the store keep
// anyway, so the hot paths pay one addition) and the process's memory,
// kept for the last few minutes for the console's chart.

import { statSync } from "node:fs";
import type { Sample } from "./protocol.ts";

/** Running totals since start-up. */
export interface Totals { readonly ticks: number; readonly tasks: number; readonly commits: number }

export class ServerStats {
  readonly startedAt = Date.now();
  private readonly samples: Sample[] = [];
  private last: Totals & { readonly t: number };
  private timer: NodeJS.Timeout | null = null;
  private size = 0;

  constructor(
    private readonly totals: () => Totals,
    private readonly dbPath: string,
    private readonly intervalMs = 1000,
    /** Samples kept: five minutes at one a second. */
    private readonly keep = 300,
  ) {
    this.last = { ...totals(), t: Date.now() };
  }

  start(): void {
    this.timer ??= setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Samples newer than `t` (ms), oldest first. */
  since(t: number): Sample[] { return this.samples.filter((s) => s.t > t); }

  /** The database file and its write-ahead log, in bytes, as of the last sample. */
  get dbBytes(): number { return this.size; }

  sample(now = Date.now()): void {
    const cur = this.totals();
    const dt = Math.max(1, now - this.last.t) / 1000;
    const rate = (a: number, b: number) => Math.max(0, Math.round((a - b) / dt));
    this.samples.push({
      t: now, ticks: rate(cur.ticks, this.last.ticks), tasks: rate(cur.tasks, this.last.tasks),
      commits: rate(cur.commits, this.last.commits), rss: process.memoryUsage.rss(),
    });
    if (this.samples.length > this.keep) this.samples.shift();
    this.last = { ...cur, t: now };
    this.size = fileSize(this.dbPath) + fileSize(`${this.dbPath}-wal`);
  }
}

const fileSize = (p: string): number => {
  try { return statSync(p).size; } catch { return 0; }
};
