// The builtins over the task queue, with LambdaMOO's permission checks and
// errors: queued_tasks, kill_task, resume, task_stack, queue_info, read,
// seconds_left; and ours: set_task_preemptible, task_quota, set_task_quota.
// They live beside the scheduler because they are its interface to MOO code.

import { type Value, type Box, T, E, mkObj, mkList, isTrue, MooMap, mkMap, mapOf } from "../verbs/value.ts";
import { type BuiltinSpec, type BuiltinCtx, ANY, Request } from "../verbs/builtin-spec.ts";
import { MooError } from "../verbs/errors.ts";
import { lineOf } from "../verbs/program.ts";
import { stackList } from "../objects/builtins/tasks.ts";
import type { Scheduler } from "./scheduler.ts";
import type { SchedTask } from "./sched-task.ts";
import type { TaskQuota } from "./shares.ts";

const fail = (code: number, message?: string): never => { throw new MooError(code, message); };
const objArg = (v: Value): number => (v as { n: number }).n;

/** LambdaMOO's obsolete queued_tasks() "clock ticks" entry: DEFAULT_BG_TICKS. */
const OBSOLETE_TICKS = 15000;

/** The task ids kill_task and resume may touch: a wizard's, or the task owner's. */
const mayControl = (ctx: BuiltinCtx, owner: number): boolean => ctx.wizard || ctx.progr === owner;


const QUOTA_KEYS: readonly [string, keyof TaskQuota][] = [
  ["ticks_per_second", "ticksPerSecond"], ["burst_ticks", "burstTicks"], ["queued_tasks", "queuedTasks"], ["task_bytes", "taskBytes"],
];

export const taskQueueBuiltins = (s: Scheduler): BuiltinSpec[] => {
  const self = (ctx: BuiltinCtx): SchedTask => ctx.task as SchedTask;
  const q = () => s.queue;

  /** The owner LambdaMOO checks: a reading task's player, else the programmer of its current verb. */
  const ownerOf = (t: SchedTask): number => (t.state === "reading" ? q().readingConn(t) : t.owner);

  /** {id, start time, 0, 15000, programmer, verb location, verb name, line, this, bytes} (LambdaMOO). */
  const describe = (t: SchedTask): Value => {
    const f = t.frames[t.frames.length - 1]!;
    // A task that has run stands after its suspending call; a fork waiting to start stands on its body's first line.
    const line = lineOf(f.prog, t.resumable ? Math.max(0, f.pc - 1) : f.pc);
    return mkList([t.id, q().startTime(t), 0, OBSOLETE_TICKS, mkObj(ownerOf(t)), f.definer, f.verb, line, f.self, t.bytes]);
  };

  /** queued_tasks(): the caller's queued tasks, or everyone's for a wizard. */
  const queued_tasks = (_: Value[], ctx: BuiltinCtx): Value =>
    mkList(q().queued().filter((t) => mayControl(ctx, ownerOf(t))).map(describe));

  /** kill_task(id): E_INVARG for no such task, E_PERM unless wizard or owner; the running task itself ends at once. */
  const kill_task = (args: Value[], ctx: BuiltinCtx): Value | Request => {
    const id = args[0] as number;
    if (id === self(ctx).id) return new Request({ kind: "kill" });
    const t = q().tasks.get(id);
    if (!t || t.state === "running" || t.state === "done") return fail(E.E_INVARG);
    if (!mayControl(ctx, ownerOf(t))) return fail(E.E_PERM);
    q().remove(t);
    return 0;
  };

  /** resume(id [, value]): a task in suspend() goes on, suspend() returning value (an error value is raised there). */
  const resume = (args: Value[], ctx: BuiltinCtx): Value => {
    const t = q().tasks.get(args[0] as number);
    if (!t || !t.resumable || (t.state !== "suspended" && t.state !== "sleeping" && t.state !== "ready")) return fail(E.E_INVARG);
    if (!mayControl(ctx, t.owner)) return fail(E.E_PERM);
    q().wake(t, args.length >= 2 ? args[1]! : 0);
    return 0;
  };

  /** task_stack(id [, lines]): a suspended or reading task's frames, top first. */
  const task_stack = (args: Value[], ctx: BuiltinCtx): Value => {
    const t = q().tasks.get(args[0] as number);
    if (!t || !t.resumable || t.state === "running") return fail(E.E_INVARG);
    if (!mayControl(ctx, t.owner)) return fail(E.E_PERM);
    return stackList(t.frames, args.length >= 2 && isTrue(args[1]!), true);
  };

  /** queue_info(): players with queued tasks; queue_info(player): how many that player has. */
  const queue_info = (args: Value[]): Value =>
    args.length === 0 ? mkList(q().players().map(mkObj)) : q().share(objArg(args[0]!)).queued;

  /**
   * read([conn [, non-blocking]]): the next line typed on conn. Without conn,
   * the task's player's connection, and only for a wizard's task started by
   * that connection's last line (LambdaMOO). Non-blocking: a line already
   * typed, or 0.
   */
  const read = (args: Value[], ctx: BuiltinCtx): Value | Request => {
    const t = self(ctx);
    const conn = args.length >= 1 ? objArg(args[0]!) : t.player;
    if (args.length >= 1) {
      if (!ctx.wizard && (!s.world.valid(conn) || ctx.progr !== s.world.get(conn).owner)) return fail(E.E_PERM);
    } else if (!ctx.wizard || s.lastInputTaskOf(conn) !== t.id) return fail(E.E_PERM);
    if (!s.isConnected(conn)) return fail(E.E_INVARG);
    if (args.length >= 2 && isTrue(args[1]!)) return q().takeLine(conn) ?? 0;
    if (!s.startReading(conn)) return fail(E.E_INVARG);
    return new Request({ kind: "read" });
  };

  const seconds_left = (): Value => s.secondsLeft();

  /**
   * set_task_preemptible(flag): ours. A preemptible task is paused when its
   * slice or its tick/second limit runs out and continued at its player's next
   * turn, instead of aborted; it gives up running atomically. Returns the old flag.
   */
  const set_task_preemptible = (args: Value[], ctx: BuiltinCtx): Value => {
    const t = self(ctx);
    const was = t.preemptible ? 1 : 0;
    t.preemptible = isTrue(args[0]!);
    return was;
  };

  /** task_quota(player): the player's quotas and usage, as a map; the player or a wizard. */
  const task_quota = (args: Value[], ctx: BuiltinCtx): Value => {
    const who = objArg(args[0]!);
    if (!s.world.valid(who)) return fail(E.E_INVARG);
    if (!mayControl(ctx, who)) return fail(E.E_PERM);
    const share = q().share(who);
    share.refill(s.now());
    const m = new MooMap();
    for (const [key, field] of QUOTA_KEYS) m.setMut(key, share.quota[field]);
    m.setMut("tokens", Math.floor(share.tokens));
    m.setMut("queued", share.queued);
    m.setMut("held_bytes", share.heldBytes);
    m.setMut("ticks_spent", share.ticksSpent);
    return mkMap(m);
  };

  /** set_task_quota(player, map): a wizard overrides some of a player's quotas; an empty map restores the defaults. */
  const set_task_quota = (args: Value[]): Value => {
    const who = objArg(args[0]!);
    if (!s.world.valid(who)) return fail(E.E_INVARG);
    const m = mapOf(args[1] as Box);
    if (m.size === 0) { q().setQuota(who, null); return 0; }
    const quota: Record<string, number> = { ...q().quotaOf(who) };
    for (const [k, v] of m.entries()) {
      const entry = typeof k === "string" ? QUOTA_KEYS.find(([key]) => key === k.toLowerCase()) : undefined;
      if (!entry) return fail(E.E_INVARG, `Unknown quota: ${typeof k === "string" ? k : "(not a string)"}`);
      if (typeof v !== "number") return fail(E.E_TYPE);
      if (v < 0 || (v === 0 && entry[1] !== "queuedTasks")) return fail(E.E_INVARG, `${k} must be positive`);
      quota[entry[1]] = v;
    }
    q().setQuota(who, quota as unknown as TaskQuota);
    return 0;
  };

  return [
    { name: "queued_tasks", min: 0, max: 0, types: [], perm: "anyone", fn: queued_tasks },
    { name: "kill_task", min: 1, max: 1, types: [T.INT], perm: "anyone", fn: kill_task },
    { name: "resume", min: 1, max: 2, types: [T.INT, ANY], perm: "anyone", fn: resume },
    { name: "task_stack", min: 1, max: 2, types: [T.INT, ANY], perm: "anyone", fn: task_stack },
    { name: "queue_info", min: 0, max: 1, types: [T.OBJ], perm: "anyone", fn: queue_info },
    { name: "read", min: 0, max: 2, types: [T.OBJ, ANY], perm: "anyone", fn: read },
    { name: "seconds_left", min: 0, max: 0, types: [], perm: "anyone", fn: seconds_left },
    { name: "set_task_preemptible", min: 1, max: 1, types: [ANY], perm: "anyone", fn: set_task_preemptible },
    { name: "task_quota", min: 1, max: 1, types: [T.OBJ], perm: "anyone", fn: task_quota },
    { name: "set_task_quota", min: 2, max: 2, types: [T.OBJ, T.MAP], perm: "wizard", fn: set_task_quota },
  ];
};
