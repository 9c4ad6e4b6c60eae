// Online backups of the world database: SQLite's backup API copies pages
// while the server keeps running and committing. On a schedule from config
// and on demand (dump_database()); the oldest beyond `kept` are deleted.

import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { SqliteStore } from "../db/sqlite-store.ts";

const NAME = /^world-\d{8}-\d{6}(-\d+)?\.sqlite$/;

export class Backups {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<string> | null = null;
  /** When the last backup finished (ms) and where it went; for the operator console. */
  last: { at: number; path: string } | null = null;

  constructor(
    private readonly store: SqliteStore,
    private readonly dir: string,
    private readonly kept: number,
    private readonly log: (line: string) => void,
  ) {}

  /** Make a backup now (one at a time: a request during a backup joins it). Resolves to its path. */
  now(): Promise<string> {
    this.running ??= this.take().finally(() => { this.running = null; });
    return this.running;
  }

  /** A backup every `minutes` (0: none). */
  schedule(minutes: number): void {
    this.stop();
    if (minutes > 0) {
      this.timer = setInterval(() => { this.now().catch(() => {}); }, minutes * 60_000);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async take(): Promise<string> {
    mkdirSync(this.dir, { recursive: true });
    const d = new Date();
    const stamp = d.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
    let path = join(this.dir, `world-${stamp}.sqlite`);
    for (let i = 1; readdirSync(this.dir).includes(path.slice(this.dir.length + 1)); i++) path = join(this.dir, `world-${stamp}-${i}.sqlite`);
    try {
      await this.store.backup(path);
    } catch (e) {
      this.log(`backup to ${path} failed: ${(e as Error).message}`);
      rmSync(path, { force: true });
      throw e;
    }
    this.last = { at: Date.now(), path };
    this.prune();
    return path;
  }

  private prune(): void {
    const all = readdirSync(this.dir).filter((f) => NAME.test(f)).sort();
    for (const f of all.slice(0, Math.max(0, all.length - this.kept))) rmSync(join(this.dir, f), { force: true });
  }
}
