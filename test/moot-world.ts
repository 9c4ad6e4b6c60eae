// A world session for the conformance runner, standing in for the server
// until the runner can talk to it over telnet: Test.db loaded in memory and
// run by the real Scheduler, with #3, #4 and #5 connected and each player's
// notify() output queued as its client would receive it. Typed lines go
// through Scheduler.input(), so commands, forks, suspend(), read() and
// resume() behave as they do in the server.

import { readFileSync } from "node:fs";
import { World } from "../objects/world.ts";
import { readTextdump } from "../db/textdump-read.ts";
import { Scheduler } from "../world/scheduler.ts";
import { type Config, DEFAULT_CONFIG } from "../world/config.ts";

/**
 * How long a client waits for a line before deciding none is coming: the
 * read timeout of mooR's telnet transcript runner, where the format comes from.
 */
export const READ_TIMEOUT_MS = 1000;

/** The players Test.db's transcripts type as (wizard, programmer, nonprogrammer), all connected. */
const PLAYERS: readonly number[] = [3, 4, 5];

export class MootWorld {
  readonly world = new World();
  readonly scheduler: Scheduler;
  private readonly output = new Map<number, string[]>();
  private readonly connected = new Set(PLAYERS);
  /** Woken when any line is sent to anyone (a reader waiting for output). */
  private arrived: (() => void) | null = null;

  constructor(dumpPath: string, config: Config = DEFAULT_CONFIG) {
    const dump = readTextdump(readFileSync(dumpPath, "latin1"));
    this.world.load(dump.objects, dump.maxObject);
    this.scheduler = new Scheduler(this.world, config, {
      notify: (player, text) => {
        if (!this.connected.has(player)) return false;
        this.queue(player).push(text);
        const wake = this.arrived;
        this.arrived = null;
        wake?.();
        return true;
      },
      isConnected: (conn) => this.connected.has(conn),
    });
  }

  private queue(player: number): string[] {
    let q = this.output.get(player);
    if (!q) { q = []; this.output.set(player, q); }
    return q;
  }

  /** Type `line` as `player`, and wait until the scheduler has run what is ready (sleepers may remain). */
  async send(player: number, line: string): Promise<void> {
    this.scheduler.input(player, line);
    await this.scheduler.idle();
  }

  /**
   * The next line sent to player, as a client reads it: at once if one has
   * arrived; else waiting up to `ms` for a sleeping task to print one.
   * Undefined when none comes: the timeout passed, or nothing can print any
   * more before it (nothing running or ready, and no sleeper due in time).
   */
  async take(player: number, ms = READ_TIMEOUT_MS): Promise<string | undefined> {
    const q = this.queue(player);
    const deadline = Date.now() + ms;
    for (;;) {
      await this.scheduler.idle();
      if (q.length > 0) return q.shift();
      const now = Date.now();
      const wake = this.nextWake();
      if (wake > deadline || now >= deadline) return undefined;
      // A sleeper wakes in time: wait for a line, or until it is due (at least 1 ms, so this loop never spins).
      await this.outputOr(Math.max(1, Math.min(deadline, wake) - now));
    }
  }

  /** Forget what has been sent to player so far. */
  drain(player: number): void { this.queue(player).length = 0; }

  /** Send `line` as `player` and return the first line it prints, without disturbing the queue. */
  async evaluate(player: number, line: string): Promise<string> {
    const saved = this.queue(player).splice(0);
    await this.send(player, line);
    const first = (await this.take(player)) ?? "<no output>";
    const q = this.queue(player);
    q.length = 0;
    q.push(...saved);
    return first;
  }

  /** Stop the scheduler's timers; tasks still sleeping or reading are dropped with the world. */
  close(): void { this.scheduler.stop(); }

  /** When the earliest sleeping task wakes (Date.now() ms), or Infinity. */
  private nextWake(): number {
    let at = Infinity;
    for (const t of this.scheduler.queue.queued()) if (t.state === "sleeping" && t.wakeAt < at) at = t.wakeAt;
    return at;
  }

  /** Resolves when a line is sent to anyone, or after ms. */
  private outputOr(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.arrived = null; resolve(); }, ms);
      this.arrived = () => { clearTimeout(timer); resolve(); };
    });
  }
}
