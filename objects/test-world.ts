// A small world for tests of objects/, shaped like the conformance Test.db:
// #0 system object, #1 root, #2 a room, #3 a wizard, #4 a programmer, #5 a
// non-programmer (players #3-#5 in #2). Runs MOO code as any of them.

import { type Value, toLiteral, mkObj, EMPTY_LIST } from "../verbs/value.ts";
import { VM } from "../verbs/vm.ts";
import { type BuiltinSpec, DEFAULT_LIMITS, builtinMap } from "../verbs/builtin-spec.ts";
import { languageBuiltins } from "../verbs/builtins/index.ts";
import { compileSource, evalCompiler } from "../verbs/compile-source.ts";
import { newFrame, forkFrame, NO_COMMAND } from "../verbs/host.ts";
import type { Frame, Task } from "../verbs/task.ts";
import { World } from "./world.ts";
import { WorldHost, type WorldServices } from "./world-host.ts";
import { FLAG, VF, PF, newVerbDef } from "./model.ts";

export interface TestWorld {
  readonly world: World;
  readonly host: WorldHost;
  readonly vm: VM;
  /** Lines notify() sent, by player. */
  readonly output: Map<number, string[]>;
  /** Forked tasks queued (not run). */
  readonly forks: { task: Task; frame: Frame; delay: number; id: number }[];
  /** Run `code` as a verb body with `player`'s rights; the value's toliteral, or "! E_X" for an error. */
  run(code: string, player?: number): string;
  /** Like run, but returns the value itself (throws on errors). */
  value(code: string, player?: number): Value;
}

export const WIZARD = 3, PROGRAMMER = 4, NONPROGRAMMER = 5;

/** The objects of the test world: #0-#2 and the three players, in the room. */
export const furnish = (world: World): World => {
  const sys = world.create(-1, WIZARD, 0); sys.name = "System Object";
  const root = world.create(-1, WIZARD, 1); root.name = "Root Class"; root.flags |= FLAG.FERTILE;
  const room = world.create(1, WIZARD, 2); room.name = "The First Room";
  for (const [id, name, flags] of [
    [WIZARD, "Wizard", FLAG.PLAYER | FLAG.PROGRAMMER | FLAG.WIZARD],
    [PROGRAMMER, "Programmer", FLAG.PLAYER | FLAG.PROGRAMMER],
    [NONPROGRAMMER, "Player", FLAG.PLAYER],
  ] as const) {
    const p = world.create(1, id, id);
    p.name = name; p.flags = flags;
    world.setLocation(p, 2);
  }
  world.addProperty(sys, "nothing", mkObj(-1), WIZARD, PF.READ);
  world.addProperty(sys, "ambiguous_match", mkObj(-2), WIZARD, PF.READ);
  world.addProperty(sys, "failed_match", mkObj(-3), WIZARD, PF.READ);
  sys.verbs.push(newVerbDef("do_login_command", WIZARD, VF.READ | VF.EXEC, "this", -1, "this"));
  world.takeChanges();
  return world;
};

export const testWorld = (...tables: (readonly BuiltinSpec[])[]): TestWorld => {
  const world = new World();
  const output = new Map<number, string[]>();
  const forks: TestWorld["forks"] = [];
  let nextTask = 100;
  const services: WorldServices = {
    fork(task, frame, bodyPc, delay, idSlot) {
      const id = nextTask++;
      forks.push({ task, frame: forkFrame(frame, bodyPc, idSlot, id), delay, id });
      return id;
    },
    notify(player, text) {
      const lines = output.get(player) ?? [];
      lines.push(text);
      output.set(player, lines);
      return true;
    },
    now: () => Date.now(),
    random: () => Math.random(),
  };
  const compile = (src: string) => { const r = compileSource(src); return r.ok ? r.program : null; };
  const host = new WorldHost(world, DEFAULT_LIMITS, services, compile);
  const vm = new VM({ builtins: builtinMap(languageBuiltins, ...tables), host, compileEval: evalCompiler });

  furnish(world);

  const exec = (code: string, player: number): { ok: true; value: Value } | { ok: false; error: string } => {
    const r = compileSource(code);
    if (!r.ok) return { ok: false, error: `compile: ${r.errors.map((e) => e.message).join("; ")}` };
    const frame = newFrame(r.program, { player: mkObj(player), self: mkObj(-1), caller: mkObj(player), verb: "", args: EMPTY_LIST, cmd: NO_COMMAND }, player);
    const task: Task = { id: nextTask++, frames: [frame], ticksUsed: 0, maxDepth: 50 };
    for (;;) {
      const o = vm.run(task, 1_000_000);
      if (o.kind === "ticks") continue;
      if (o.kind === "done") return { ok: true, value: o.value };
      if (o.kind === "error") return { ok: false, error: toLiteral(o.raised.code) };
      if (o.kind === "bug") throw new Error(`server bug: ${o.message}\n${o.stack}`);
      return { ok: false, error: `outcome ${o.kind}` };
    }
  };

  return {
    world, host, vm, output, forks,
    run(code, player = WIZARD) {
      const r = exec(code, player);
      return r.ok ? toLiteral(r.value) : `! ${r.error}`;
    },
    value(code, player = WIZARD) {
      const r = exec(code, player);
      if (!r.ok) throw new Error(`${code}: ${r.error}`);
      return r.value;
    },
  };
};
