// A task as the scheduler keeps it: the VM's Task (frames, ticks) plus
// where it waits, whom it is charged to, and its limits. One object per
// task with a fixed shape, so 100,000 sleepers cost little (see bench/).

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
 * Called when the task ends: with its value when it returned, undefined
 * when it failed, was killed or aborted, or suspended (then the chain treats
 * it as handled, as LambdaMOO does for $do_command). Server-side chains only
 * ($do_command then the parsed command, error hooks); never persisted.
 */
export type Then = (value: Value | undefined, suspended: boolean) => void;

export class SchedTask implements Task, Sleeper {
  ticksUsed = 0;
  state: TaskState = "ready";
  wakeAt = 0;
  heapIndex = -1;
  /** Milliseconds the VM has run this task since it last started or resumed. */
  cpuMs = 0;
  /** Opted in to be paused at its limits instead of aborted (set_task_preemptible). */
  preemptible = false;
  /** Bytes its frames held when last measured (counted in its player's share while queued). */
  bytes = 0;
  /** It called suspend() or read(): its top frame waits for a value (a fork waiting to start does not). */
  resumable = false;
  /** What suspend() or read() returns on resumption; an error value is raised instead (LambdaMOO). */
  resumeValue: Value = 0;
  /** The connection a reading task waits on. */
  readFrom = -1;
  /** When it was queued to start or wake, in seconds (queued_tasks()); -1 while reading. */
  startTime = 0;
  then: Then | null = null;
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
    /** Seconds of running allowed before the next suspension point. */
    public secondsLimit: number,
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
