// Forked tasks from a LambdaMOO textdump, made into stored tasks: the fork
// body compiled by our compiler, its variables set by name, waiting until
// its start time like any fork. (Suspended tasks hold LambdaMOO bytecode
// positions and cannot be converted; the reader lists them as skipped.)

import { mkObj, mkList, type Box } from "../verbs/value.ts";
import { newFrame, NO_COMMAND } from "../verbs/host.ts";
import { compileSource } from "../verbs/compile-source.ts";
import type { StoredTask } from "../objects/model.ts";
import type { ImportedFork } from "../db/textdump-read.ts";
import { SchedTask } from "./sched-task.ts";
import { storeTask } from "./task-store.ts";

/** LambdaMOO's default max_stack_depth: a fork starts with one frame, so any limit at all will do until it runs. */
const DEPTH = 50;

export const forkToStored = (f: ImportedFork, seq: number): StoredTask | string => {
  const c = compileSource(f.source);
  if (!c.ok) return `its body does not compile: line ${c.errors[0]!.line}: ${c.errors[0]!.message}`;
  const prog = c.program;
  const frame = newFrame(prog, {
    player: mkObj(f.player), self: mkObj(f.this), caller: mkObj(f.player), verb: f.verb, args: mkList([]) as Box, cmd: NO_COMMAND,
  }, f.programmer, f.debug, mkObj(f.verbLocation));
  prog.names.forEach((name, slot) => {
    const v = f.variables.get(name.toLowerCase());
    if (v !== undefined) frame.env[slot] = v;
  });
  const t = new SchedTask(f.id, [frame], DEPTH, f.player, false, seq, 0);
  t.state = "sleeping";
  t.wakeAt = f.startTime * 1000;
  return storeTask(t, -1);
};
