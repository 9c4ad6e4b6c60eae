// Queued tasks to and from their stored rows: the VM's continuation (codec)
// behind a small header of what the scheduler needs to put a task back
// where it waited after a restart.

import { encodeTask, decodeTask, Writer } from "../verbs/codec.ts";
import { PROGRAM_VERSION } from "../verbs/program.ts";
import type { StoredTask } from "../objects/model.ts";
import { SchedTask, type TaskState } from "./sched-task.ts";

const HEADER = 9;
const RESUMABLE = 1, PREEMPTIBLE = 2, FOREGROUND = 4;
const WAITING: ReadonlySet<string> = new Set(["ready", "sleeping", "suspended", "reading"]);

/**
 * The stored form of a queued task; `readConn` is the connection a reading
 * task waits on. `scratch` is a writer to reuse: a commit may store 100,000
 * tasks, and one exact-size buffer each (not a growing one, copied and
 * joined) keeps that from leaving the process's memory fragmented.
 */
export const storeTask = (t: SchedTask, readConn: number, scratch = new Writer()): StoredTask => {
  scratch.reset();
  scratch.u8((t.resumable ? RESUMABLE : 0) | (t.preemptible ? PREEMPTIBLE : 0) | (t.foreground ? FOREGROUND : 0));
  scratch.f64(readConn);
  encodeTask(t, scratch);
  return { id: t.id, state: t.state, wakeAt: t.state === "sleeping" ? t.wakeAt : 0, charged: t.charged, data: scratch.copy() };
};

export interface RestoredTask {
  readonly task: SchedTask;
  readonly state: TaskState;
  readonly readConn: number;
}

/**
 * A stored task back as a SchedTask, or a reason it cannot come back: a
 * damaged row, or code compiled by an older bytecode format (a continuation
 * cannot be recompiled: its positions would not match).
 */
export const restoreTask = (row: StoredTask, seq: number): RestoredTask | string => {
  if (!WAITING.has(row.state)) return `unknown state ${JSON.stringify(row.state)}`;
  if (row.data.length < HEADER) return "damaged row";
  const flags = row.data.readUInt8(0), readConn = row.data.readDoubleLE(1);
  let vmTask;
  try {
    vmTask = decodeTask(row.data.subarray(HEADER));
  } catch (e) {
    return `cannot decode: ${(e as Error).message}`;
  }
  if (vmTask.frames.some((f) => f.prog.version !== PROGRAM_VERSION)) return `its code is in an older bytecode format`;
  const t = new SchedTask(row.id, vmTask.frames, vmTask.maxDepth, row.charged, (flags & FOREGROUND) !== 0, seq, 0);
  t.resumable = (flags & RESUMABLE) !== 0;
  t.preemptible = (flags & PREEMPTIBLE) !== 0;
  t.wakeAt = row.wakeAt;
  return { task: t, state: row.state as TaskState, readConn };
};
