// Start-up from the database: open (or create) the SQLite world, load it
// into memory, and give the scheduler back the tasks that were waiting.
// A file that is not a MOO world, or is damaged, stops here with a message
// naming it and is never written to.

import { World } from "../objects/world.ts";
import { SqliteStore } from "../db/sqlite-store.ts";
import { Scheduler, type Connections, type SchedulerOptions } from "./scheduler.ts";
import type { Config } from "./config.ts";
import { loadCore } from "./core-loader.ts";
import { Backups } from "./backups.ts";

export interface Booted {
  readonly store: SqliteStore;
  readonly world: World;
  readonly scheduler: Scheduler;
  /** Online backups of this database (dump_database() starts one; the caller may schedule them). */
  readonly backups: Backups;
  /** True when the database was created just now, from the default core (world/core/). */
  readonly created: boolean;
  readonly tasks: { restored: number; skipped: { id: number; reason: string }[] };
  /** Verbs whose stored bytecode was too old: they compile again from source when first called. */
  readonly staleVerbs: number;
}

export const boot = (dbPath: string, config: Config, conns: Connections, opts: SchedulerOptions = {}): Booted => {
  const store = SqliteStore.open(dbPath, { create: true, synchronous: config.database.synchronous });
  const log = opts.log ?? ((l: string) => process.stderr.write(l + "\n"));
  const backups = new Backups(store, config.database.backupDir, config.database.backupsKept, log);
  try {
    const world = new World(store);
    let staleVerbs = 0;
    if (store.fresh) {
      loadCore(world);
      world.takeChanges();
      store.writeAll(world.all(), world.maxObject);
    } else {
      const loaded = store.loadWorld();
      world.load(loaded.objects, loaded.maxObject);
      staleVerbs = loaded.stale;
    }
    const scheduler = new Scheduler(world, config, conns, { ...opts, backup: () => { backups.now().catch(() => {}); } });
    const tasks = scheduler.restoreTasks(store.loadTasks(), Number(store.meta("next_task_id") ?? 1));
    scheduler.queue.restoreQuotas(store.meta("quota_overrides"));
    // The timer is unref'd: it never keeps a process alive on its own; stop it at shutdown.
    backups.schedule(config.database.backupIntervalMinutes);
    return { store, world, scheduler, backups, created: store.fresh, tasks, staleVerbs };
  } catch (e) {
    store.close();
    throw e;
  }
};
