// A task is data: a stack of frames, each with its program, pc, value stack,
// variables and handlers (STYLE.md 4). Nothing here holds a closure or a
// promise, so a plain serializer captures all of it (see task-codec.ts).

import type { Value, Box } from "./value.ts";
import type { Program } from "./program.ts";

export const HANDLER_CATCH = 0;
export const HANDLER_EXCEPT = 1;
export const HANDLER_FINALLY = 2;

export interface Handler {
  readonly kind: 0 | 1 | 2;
  /** Stack depth to restore when the handler takes over. */
  readonly sp: number;
  /** CATCH and FINALLY: where the handler code starts. EXCEPT: the except table index. */
  readonly pc: number;
  /** CATCH: the codes value (0 for ANY, else a list). EXCEPT: one codes value per arm. */
  readonly codes: Value | readonly Value[];
}

/** Why a finally block is running; END_FINALLY continues accordingly. */
export const FIN_FALLTHRU = 0;
export const FIN_RAISE = 1;
export const FIN_RETURN = 2;
export const FIN_EXIT = 3;

/** The handler list of a frame that has pushed none; the VM replaces it before the first push. */
export const NO_HANDLERS: readonly Handler[] = Object.freeze([]);

export interface Frame {
  prog: Program;
  pc: number;
  /** Top of this frame's values in `stack` (absolute). */
  sp: number;
  /**
   * The task's value stack. A verb called from another verb shares its
   * caller's, starting at `base` (the caller's top at the call), so a call
   * allocates no stack array; a task's first frame starts at 0.
   */
  stack: Value[];
  base: number;
  /** Variables by slot; undefined means unbound (E_VARNF). */
  env: (Value | undefined)[];
  /**
   * Unboxed integers for slots whose env entry is UNBOXED, written only while
   * the VM runs: env holds objects too, so V8 would allocate a HeapNumber for
   * every large integer stored there. run() folds them back before returning.
   */
  nums: number[] | null;
  handlers: Handler[] | typeof NO_HANDLERS;
  /** Scratch slot for indexed assignment (PUT_TEMP/PUSH_TEMP). */
  temp: Value;
  /** The verb's `d` flag: errors raise (true) or become values (false). */
  debug: boolean;
  // Verb context, filled by whoever creates the frame (objects/ for verbs).
  self: Value;
  verb: string;
  /** Object the verb is defined on. */
  definer: Value;
  /** Object whose rights the frame runs with (the verb owner, or set_task_perms). */
  progr: number;
  player: Value;
  /** The command variables (host.ts commandVars), passed on to verbs this frame calls. */
  cmd: Box;
  /** When this frame was pushed by eval(): the caller gets {1, value}. */
  evalWrap: boolean;
  /** A builtin waiting for this frame's caller-side result (world builtins, e.g. move()). */
  bfResume: BuiltinResume | null;
}

/** What a builtin that called a verb needs to continue (plain data). */
export interface BuiltinResume {
  readonly name: string;
  readonly state: Value;
}

/** A raised MOO error in flight: code (usually an ERR), message, value. */
export interface Raised {
  readonly code: Value;
  readonly message: string;
  readonly value: Value;
}

export interface Task {
  readonly id: number;
  frames: Frame[];
  /** Ticks spent by this task since it last started or resumed. */
  ticksUsed: number;
  /** Deepest frame stack allowed (max_stack_depth). */
  maxDepth: number;
  /**
   * Ticks this task may spend before its next suspension point (fg_ticks or
   * bg_ticks), for ticks_left(); the scheduler enforces it. Absent: no limit
   * beyond each run's budget.
   */
  tickLimit?: number;
}

export type Outcome =
  | { readonly kind: "done"; readonly value: Value }
  /** Paused in suspend(): seconds null means until resume(). */
  | { readonly kind: "suspend"; readonly seconds: number | null }
  | { readonly kind: "read" }
  /** The tick budget of this run ran out; call run() again to continue. */
  | { readonly kind: "ticks" }
  /** kill_task(task_id()): the task ended itself; nothing is reported. */
  | { readonly kind: "killed" }
  /** An uncaught MOO error ended the task; `stack` lists its frames as callers(1) would, top first. */
  | { readonly kind: "error"; readonly raised: Raised; readonly traceback: string[]; readonly stack: Value }
  /** A host exception: a server bug. The task is dead; log and alert. */
  | { readonly kind: "bug"; readonly message: string; readonly stack: string };
