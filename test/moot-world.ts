// A world session for the conformance runner, standing in for the server
// until the scheduler and listeners exist: Test.db loaded in memory, typed
// lines dispatched as LambdaMOO would, notify() output queued per player.
// Forked tasks run after the command; suspended tasks resume at once.

import { readFileSync } from "node:fs";
import { VM } from "../verbs/vm.ts";
import { DEFAULT_LIMITS, builtinMap } from "../verbs/builtin-spec.ts";
import { languageBuiltins } from "../verbs/builtins/index.ts";
import { compileSource, evalCompiler } from "../verbs/compile-source.ts";
import type { Task } from "../verbs/task.ts";
import { forkFrame } from "../verbs/host.ts";
import { type Value, E, mkErr, isTrue } from "../verbs/value.ts";
import { World } from "../objects/world.ts";
import { WorldHost, type WorldServices } from "../objects/world-host.ts";
import { worldBuiltins } from "../objects/builtins/index.ts";
import { readTextdump } from "../db/textdump-read.ts";
import { planCommand, doCommandFrame, NOT_UNDERSTOOD } from "../world/commands.ts";

const TICKS = 5_000_000;

export class MootWorld {
  readonly world = new World();
  readonly host: WorldHost;
  readonly vm: VM;
  private readonly output = new Map<number, string[]>();
  private readonly pending: Task[] = [];
  private nextTask = 1;

  constructor(dumpPath: string) {
    const dump = readTextdump(readFileSync(dumpPath, "latin1"));
    this.world.load(dump.objects, dump.maxObject);
    const services: WorldServices = {
      fork: (task, frame, bodyPc, _delay, idSlot) => {
        const id = this.nextTask++;
        this.pending.push({ id, frames: [forkFrame(frame, bodyPc, idSlot, id)], ticksUsed: 0, maxDepth: task.maxDepth });
        return id;
      },
      notify: (player, text) => { this.queue(player).push(text); return true; },
      now: () => Date.now(),
      random: () => Math.random(),
    };
    const compile = (src: string) => { const r = compileSource(src); return r.ok ? r.program : null; };
    this.host = new WorldHost(this.world, DEFAULT_LIMITS, services, compile);
    const builtins = builtinMap(languageBuiltins, worldBuiltins);
    this.vm = new VM({ builtins, host: this.host, compileEval: evalCompiler });
    this.host.loadServerOptions(builtins.keys());
  }

  private queue(player: number): string[] {
    let q = this.output.get(player);
    if (!q) { q = []; this.output.set(player, q); }
    return q;
  }

  /** The next line sent to player, or undefined. */
  take(player: number): string | undefined { return this.queue(player).shift(); }
  drain(player: number): void { this.queue(player).length = 0; }

  /** Send `line` as `player` and return the first line it prints, without disturbing the queue. */
  evaluate(player: number, line: string): string {
    const saved = this.queue(player).splice(0);
    this.send(player, line);
    const first = this.take(player) ?? "<no output>";
    const q = this.queue(player);
    q.length = 0;
    q.push(...saved);
    return first;
  }

  /** Type `line` as `player` and run what it starts (and its forks) to the end. */
  send(player: number, line: string): void {
    const offer = doCommandFrame(this.host, player, line);
    if (offer) {
      const handled = this.drive({ id: this.nextTask++, frames: [offer], ticksUsed: 0, maxDepth: 50 }, player);
      if (handled !== undefined && isTrue(handled)) { this.finish(player); return; }
    }
    const plan = planCommand(this.host, player, line);
    if (plan.kind === "empty") return;
    if (plan.kind === "unknown") { this.queue(player).push(NOT_UNDERSTOOD); return; }
    this.drive({ id: this.nextTask++, frames: [plan.frame], ticksUsed: 0, maxDepth: 50 }, player);
    this.finish(player);
  }

  /** Run the forks a command queued, and commit. */
  private finish(player: number): void {
    while (this.pending.length > 0) this.drive(this.pending.shift()!, player);
    this.world.commit();
  }

  /** Run a task to its end; its value, or undefined when it failed. */
  private drive(task: Task, player: number): Value | undefined {
    for (;;) {
      const o = this.vm.run(task, Math.max(0, TICKS - task.ticksUsed));
      switch (o.kind) {
        case "done": return o.value;
        case "ticks": if (task.ticksUsed >= TICKS) { this.traceback(player, ["Task ran out of ticks"]); return undefined; } break;
        case "error": this.traceback(player, o.traceback); return undefined;
        case "bug": throw new Error(`server bug: ${o.message}\n${o.stack}`);
        case "suspend": this.vm.resume(task, 0); break;
        case "read": {
          const again = this.vm.resumeWithError(task, { code: mkErr(E.E_INVARG), message: "No input here", value: 0 });
          if (again) { if (again.kind === "error") this.traceback(player, again.traceback); return undefined; }
          break;
        }
      }
    }
  }

  private traceback(player: number, lines: readonly string[]): void {
    for (const l of lines) this.queue(player).push(l);
  }
}
