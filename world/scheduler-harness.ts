// A scheduler over the small test world (objects/test-world.ts) with
// players #3 (wizard), #4 (programmer) and #5 (player) connected to fake
// connections: what tests and benchmarks type, and what they read back.

import { World } from "../objects/world.ts";
import { furnish, WIZARD } from "../objects/test-world.ts";
import { newVerbDef, VF, PREP_ANY } from "../objects/model.ts";
import { Scheduler, type SchedulerOptions } from "./scheduler.ts";
import { type Config, DEFAULT_CONFIG } from "./config.ts";

/**
 * `; code` evaluates code with the typing player's rights and prints
 * "=> value", as LambdaCore's eval does; errors inside print tracebacks.
 */
export const EVAL_VERB = `set_task_perms(player);
r = eval(argstr);
notify(player, r[1] ? "=> " + toliteral(r[2]) | "compile error: " + toliteral(r[2]));`;

export interface Harness {
  readonly s: Scheduler;
  readonly world: World;
  /** Every line sent to each player, in order. */
  readonly out: Map<number, string[]>;
  readonly connected: Set<number>;
  /** Called with each line as it is sent (benchmarks time replies with it instead of polling). */
  onLine: ((player: number, text: string) => void) | null;
  type(player: number, line: string): void;
  /** Lines sent to player so far (and forget them). */
  take(player: number): string[];
  /** Wait until player has been sent a line matching re (or fail after ms). */
  waitFor(player: number, re: RegExp, ms?: number): Promise<string>;
  /** Type `; code` as player and wait for its value's literal; a raised error answers its code (E_PERM). */
  ask(player: number, code: string, ms?: number): Promise<string>;
}

export const configWith = (patch: { [K in keyof Config]?: Partial<Config[K]> }): Config => ({
  network: { ...DEFAULT_CONFIG.network, ...patch.network },
  database: { ...DEFAULT_CONFIG.database, ...patch.database },
  limits: { ...DEFAULT_CONFIG.limits, ...patch.limits },
  quotas: { ...DEFAULT_CONFIG.quotas, ...patch.quotas },
  tasks: { ...DEFAULT_CONFIG.tasks, ...patch.tasks },
  scheduler: { ...DEFAULT_CONFIG.scheduler, ...patch.scheduler },
});

export const harness = (config: Config = DEFAULT_CONFIG, opts: SchedulerOptions = {}): Harness => {
  const world = furnish(new World());
  world.get(1).verbs.push(newVerbDef("eval", WIZARD, VF.READ | VF.EXEC | VF.DEBUG, "any", PREP_ANY, "any", EVAL_VERB));
  world.takeChanges();
  const out = new Map<number, string[]>();
  const connected = new Set([3, 4, 5]);
  const lines = (p: number) => { let l = out.get(p); if (!l) { l = []; out.set(p, l); } return l; };
  const s = new Scheduler(world, config, {
    notify: (p, text) => {
      if (!connected.has(p)) return false;
      lines(p).push(text);
      h.onLine?.(p, text);
      return true;
    },
    isConnected: (c) => connected.has(c),
  }, { log: () => {}, ...opts });
  const seen = new Map<number, number>();
  const h: Harness = {
    s, world, out, connected, onLine: null,
    type: (p, line) => s.input(p, line),
    take: (p) => lines(p).splice(0),
    async ask(p, code, ms) {
      this.type(p, `; try ${code} except err (ANY) return err[1]; endtry`);
      return (await this.waitFor(p, /^=> |^compile error/, ms)).replace(/^=> /, "");
    },
    waitFor(p, re, ms = 2000) {
      const start = Date.now();
      return new Promise((resolve, reject) => {
        const look = () => {
          const l = lines(p);
          for (let i = seen.get(p) ?? 0; i < l.length; i++) {
            if (re.test(l[i]!)) { seen.set(p, i + 1); return resolve(l[i]!); }
          }
          if (Date.now() - start > ms) return reject(new Error(`no line matching ${re} for #${p}; got ${JSON.stringify(l.slice(-5))}`));
          setTimeout(look, 2);
        };
        look();
      });
    },
  };
  return h;
};
