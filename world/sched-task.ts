// A task as the scheduler keeps it: the VM's Task (frames, ticks) plus
// where it waits and whom it is charged to. One object per task with a
// fixed shape and nothing a sleeper does not need, so 100,000 of them cost
// little (bench/tasks-scale.bench.ts); what only the running task needs
// (seconds used, its chain continuation) lives in the scheduler.

import type { Frame, Task } from "../verbs/task.ts";
import { type Value, T, valueBytes } from "../verbs/value.ts";
import type { Sleeper } from "./timer-heap.ts";

export type TaskState =
  /** In its player's ready queue. */
  | "ready"
  /** The one task the VM is running (or will continue before any other). */
  | "running"
  /** Waiting in the timer heap: suspend(n) or a fork with a delay. */
  | "sleeping"
  /** suspend() with no time: waits for resume() or kill_task(). */
  | "suspended"
  /** In read(), waiting for a line from its connection. */
  | "reading"
  | "done";

/**
 * Called when a task of a server chain ends: with its value when it
 * returned, undefined when it failed, was killed or aborted; `suspended`
 * when it suspended or read (LambdaMOO then treats $do_command and the
 * error hooks as having handled the line). Never persisted.
 */
export type Then = (value: Value | undefined, suspended: boolean) => void;

export class SchedTask implements Task, Sleeper {
  ticksUsed = 0;
  state: TaskState = "ready";
  /** Sleeping: when to wake (ms). Ready: when it became ready. */
  wakeAt = 0;
  heapIndex = -1;
  /** Opted in to be paused at its limits instead of aborted (set_task_preemptible). */
  preemptible = false;
  /** Bytes its frames held when last measured (counted in its player's share while queued). */
  bytes = 0;
  /**
   * It called suspend() or read(): its top frame waits for a value, which is
   * pushed on its stack when it wakes (a fork waiting to start waits for none).
   */
  resumable = false;
  /** Its continuation has a row in the store (a commit wrote it, or it was loaded from one). */
  stored = false;
  /** The player its tracebacks go to: the first frame's `player`, kept when errors pop the frames. */
  readonly player: number;

  constructor(
    readonly id: number,
    public frames: Frame[],
    public maxDepth: number,
    /** The player whose share pays for it: whose input or connection started the chain. */
    readonly charged: number,
    /** Started by input or the server and never suspended: gets the fg limits. */
    public foreground: boolean,
    readonly seq: number,
    public tickLimit: number,
  ) {
    const p = frames[0]?.player;
    this.player = typeof p === "object" && p.tag === T.OBJ ? p.n : -1;
  }

  /** The programmer whose rights its current verb runs with (LambdaMOO progr_of_cur_verb). */
  get owner(): number {
    const f = this.frames[this.frames.length - 1];
    return f ? f.progr : -1;
  }
}

/** Fixed costs per task and per frame, beside what their values hold (LambdaMOO counts its structs the same way). */
const TASK_BYTES = 96;
const FRAME_BYTES = 160;

/**
 * Bytes a task holds in its stacks and variables, measured with value_bytes'
 * measure. Stops counting once past `cap`: the answer is then only "too much".
 */
export const taskBytes = (t: Task, cap = Infinity): number => {
  let n = TASK_BYTES;
  for (const f of t.frames) {
    n += FRAME_BYTES + 8 * f.env.length;
    for (const v of f.env) if (v !== undefined && typeof v !== "number") n += valueBytes(v);
    for (let i = f.base; i < f.sp; i++) n += valueBytes(f.stack[i]!);
    if (n > cap) return n;
  }
  return n;
};
