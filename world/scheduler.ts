// The scheduler: every MOO task runs here, one event loop, a slice of ticks
// at a time. A task runs atomically between its own suspension points (the
// task that is mid-run continues before any other starts), but each slice
// returns to the event loop when the turn's time is up, so network I/O never
// waits behind MOO code. Between tasks, players take turns round robin, each
// paying from a token bucket of ticks; sleepers wait in a timer heap under
// one host timer. DESIGN.md, "Scheduler and quotas".

import { performance } from "node:perf_hooks";
import { type Value, type Box, T, E, mkObj, mkList, isTrue } from "../verbs/value.ts";
import { MooError } from "../verbs/errors.ts";
import { VM } from "../verbs/vm.ts";
import type { Frame, Task, Raised, Outcome } from "../verbs/task.ts";
import { forkFrame, NO_COMMAND } from "../verbs/host.ts";
import { type BuiltinSpec, builtinMap } from "../verbs/builtin-spec.ts";
import { languageBuiltins } from "../verbs/builtins/index.ts";
import { compileSource, evalCompiler } from "../verbs/compile-source.ts";
import type { World } from "../objects/world.ts";
import { WorldHost, type WorldServices } from "../objects/world-host.ts";
import { worldBuiltins } from "../objects/builtins/index.ts";
import type { Config } from "./config.ts";
import { TimerHeap } from "./timer-heap.ts";
import { PlayerShare, Deque, type TaskQuota } from "./shares.ts";
import { SchedTask, taskBytes, type Then } from "./sched-task.ts";
import { planCommand, doCommandFrame, NOT_UNDERSTOOD } from "./commands.ts";
import { taskQueueBuiltins } from "./task-builtins.ts";

/** Where output goes and which connections exist: the network layer (world/ listeners), or a test. */
export interface Connections {
  /** Send a line to a player's connections; false when none is open. */
  notify(player: number, text: string): boolean;
  /** Whether `conn` (a player, or an unlogged connection's number) is connected. */
  isConnected(conn: number): boolean;
}

/** Host timers overflow past 2^31 - 1 ms; later wake-ups re-arm on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Measure a running task's bytes every this many slices (measuring walks its values). */
const MEASURE_EVERY = 8;

export interface SchedulerOptions {
  /** Extra builtin tables (tests). */
  readonly builtins?: readonly (readonly BuiltinSpec[])[];
  /** Wall clock in ms (tests may slow or fix it); timers still use the host's. */
  readonly clock?: () => number;
  readonly random?: () => number;
  /** Server-side problems (bugs, hook failures): stderr by default. */
  readonly log?: (line: string) => void;
}

export class Scheduler implements WorldServices {
  readonly host: WorldHost;
  readonly vm: VM;
  readonly builtins: ReadonlyMap<string, BuiltinSpec>;
  /** Every task not finished, by id. */
  private readonly tasks = new Map<number, SchedTask>();
  private readonly sleepers = new TimerHeap<SchedTask>();
  private readonly shares = new Map<number, PlayerShare<SchedTask>>();
  /** Players with lines or ready tasks, in turn order. */
  private readonly ring = new Deque<PlayerShare<SchedTask>>();
  /** Reading tasks by connection. */
  private readonly readers = new Map<number, SchedTask>();
  /** Wizard-set quotas by player (set_task_quota). */
  private readonly quotaOverrides = new Map<number, TaskQuota>();
  /** The task that has not reached a suspension point: it runs before any other. */
  private current: SchedTask | null = null;
  /** The id of the task each connection's last input line started (read() without arguments). */
  private readonly lastInputTask = new Map<number, number>();
  private nextId = 1;
  private seq = 0;
  private slices = 0;
  private pumpQueued = false;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private throttleTimer: NodeJS.Timeout | null = null;
  private dirty = false;
  private stopped = false;
  private readonly clock: () => number;
  private readonly log: (line: string) => void;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(readonly world: World, readonly config: Config, private readonly conns: Connections, opts: SchedulerOptions = {}) {
    this.clock = opts.clock ?? Date.now;
    this.log = opts.log ?? ((l) => process.stderr.write(l + "\n"));
    const random = opts.random ?? Math.random;
    this.random = random;
    const compile = (src: string) => { const r = compileSource(src); return r.ok ? r.program : null; };
    this.host = new WorldHost(world, config.limits, this, compile);
    this.host.objectQuota = config.quotas.objectsPerOwner;
    this.builtins = builtinMap(languageBuiltins, worldBuiltins, taskQueueBuiltins(this), ...(opts.builtins ?? []));
    this.vm = new VM({ builtins: this.builtins, host: this.host, compileEval: evalCompiler });
    this.host.loadServerOptions(this.builtins.keys());
  }

  // ---- WorldServices: what the VM and builtins ask of the running server ----

  readonly random: () => number;
  now(): number { return this.clock(); }
  notify(player: number, text: string): boolean { return this.conns.notify(player, text); }

  /** `fork (delay) ... endfork`: a new task from the body, charged to the forking task's player. */
  fork(task: Task, frame: Frame, bodyPc: number, delay: number, idSlot: number): number {
    const parent = task as SchedTask;
    const share = this.share(parent.charged);
    const exempt = this.exempt(frame.progr);
    if (!exempt && share.queued >= share.quota.queuedTasks) throw new MooError(E.E_QUOTA, "Too many queued tasks");
    const id = this.newId();
    const child = this.newTask(id, [forkFrame(frame, bodyPc, idSlot, id)], parent.charged, false);
    child.bytes = taskBytes(child);
    if (!exempt && share.heldBytes + child.bytes > share.quota.taskBytes) throw new MooError(E.E_QUOTA, "Tasks hold too much memory");
    this.sleep(child, delay);
    return id;
  }

  // ---- starting tasks ----

  /** A line typed on `conn`: a command, or input for the task reading there. Runs in turn. */
  input(conn: number, line: string): void {
    const share = this.share(conn);
    share.lines.push(line);
    this.ready(share);
  }

  /**
   * Run obj:verb(@args) as a server task (connection hooks, $server_started),
   * charged to `player`. False when the verb does not exist.
   */
  serverTask(obj: number, verb: string, args: Value[], player: number, then?: Then): boolean {
    const frame = this.verbFrame(obj, verb, args, player);
    if (!frame) return false;
    const t = this.newTask(this.newId(), [frame], player, true);
    t.then = then ?? null;
    this.enqueue(t);
    return true;
  }

  /** A connection closed: its reading task gets E_INVARG (LambdaMOO), its typed-ahead lines go. */
  disconnected(conn: number): void {
    const share = this.shares.get(conn);
    while (share && share.lines.length > 0) share.lines.shift();
    const reader = this.readers.get(conn);
    if (reader) this.wake(reader, mkErrValue(E.E_INVARG));
    this.lastInputTask.delete(conn);
  }

  /** Resolves when nothing is running or ready (sleepers may remain): for tests and shutdown. */
  idle(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  /** Stop all timers; tasks stay as they are (the persistence layer stores them). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.throttleTimer) clearTimeout(this.throttleTimer);
    this.timer = this.throttleTimer = null;
    this.commit();
  }

  // ---- what the task builtins see ----

  get running(): SchedTask | null { return this.current; }
  find(id: number): SchedTask | undefined { return this.tasks.get(id); }
  /** Every queued task (not the running one), in LambdaMOO's order: reading, ready, sleeping, suspended. */
  queued(): SchedTask[] {
    const all = [...this.tasks.values()].filter((t) => t !== this.current);
    const rank = { reading: 0, ready: 1, sleeping: 2, suspended: 3, running: 4, done: 5 } as const;
    return all.sort((a, b) => rank[a.state] - rank[b.state] || a.wakeAt - b.wakeAt || a.seq - b.seq);
  }
  /** Players with a share (tasks queued or lines waiting). */
  players(): number[] { return [...this.shares.values()].filter((s) => s.queued > 0 || s.hasWork).map((s) => s.player); }
  shareOf(player: number): PlayerShare<SchedTask> { return this.share(player); }

  quotaOf(player: number): TaskQuota { return this.quotaOverrides.get(player) ?? this.defaultQuota(); }
  setQuota(player: number, q: TaskQuota | null): void {
    if (q) this.quotaOverrides.set(player, q); else this.quotaOverrides.delete(player);
    const s = this.shares.get(player);
    if (s) s.quota = this.quotaOf(player);
  }

  /** Take a queued task out for good (kill_task). */
  kill(t: SchedTask): void {
    this.unqueue(t);
    this.tasks.delete(t.id);
    t.state = "done";
  }

  /** resume(): a suspended task becomes ready with `value` (an error value raises there). */
  resumeTask(t: SchedTask, value: Value): void {
    if (t.state === "ready") { t.resumeValue = value; return; }
    this.wake(t, value);
  }

  /** read(): the running task waits for a line on conn; false when another task already does. */
  startReading(t: SchedTask, conn: number): boolean {
    if (this.readers.has(conn)) return false;
    t.readFrom = conn;
    return true;
  }

  /** read(conn, 1): a line already typed on conn, or null. */
  takeLine(conn: number): string | null {
    return this.shares.get(conn)?.lines.shift() ?? null;
  }

  lastInputTaskOf(conn: number): number { return this.lastInputTask.get(conn) ?? 0; }
  isConnected(conn: number): boolean { return this.conns.isConnected(conn); }

  /** Seconds the running task has left before it is aborted. */
  secondsLeft(t: SchedTask): number {
    return Math.max(0, Math.ceil(t.secondsLimit - t.cpuMs / 1000 - (performance.now() - this.sliceStart) / 1000));
  }

  // ---- the loop ----

  private sliceStart = 0;

  private pump = (): void => {
    this.pumpQueued = false;
    if (this.stopped) return;
    const start = performance.now();
    this.wakeDue();
    let more = false;
    for (;;) {
      const t = this.current ?? this.pick();
      if (!t) break;
      this.runSlice(t);
      if (performance.now() - start >= this.config.scheduler.turnMs) { more = true; break; }
    }
    // Commit at the end of a turn, never in the middle of a task that has not reached a suspension point.
    if (this.current === null) this.commit();
    if (more || this.current) this.schedule();
    else if (!this.busy()) for (const w of this.idleWaiters.splice(0)) w();
    // Otherwise every player with work is out of ticks: the throttle timer brings the next turn.
  };

  /** Something is running or waiting for its turn (throttled players included). */
  private busy(): boolean {
    if (this.current) return true;
    for (const s of this.ring) if (s.hasWork) return true;
    return false;
  }

  private schedule(): void {
    if (this.pumpQueued || this.stopped) return;
    this.pumpQueued = true;
    setImmediate(this.pump);
  }

  /** The next task to run: the next player in turn whose bucket has ticks takes one item. */
  private pick(): SchedTask | null {
    const now = this.clock();
    let waitMs = Infinity, throttled = 0;
    // Until a task starts, or every share left in the ring is out of ticks.
    while (this.ring.length > throttled) {
      const share = this.ring.shift()!;
      if (!share.hasWork) { share.inRing = false; continue; }
      share.refill(now);
      if (share.tokens <= 0) {
        waitMs = Math.min(waitMs, share.waitMs());
        this.ring.push(share);
        throttled++;
        continue;
      }
      throttled = 0;
      this.takeFrom(share);
      if (share.hasWork) this.ring.push(share); else share.inRing = false;
      if (this.current) return this.current;
    }
    if (waitMs < Infinity && !this.throttleTimer && !this.stopped) {
      this.throttleTimer = setTimeout(() => { this.throttleTimer = null; this.schedule(); }, waitMs);
    }
    return null;
  }

  /**
   * One item from a share: input (for its reader, or a new command) before
   * background tasks. Whatever it starts becomes the current task.
   */
  private takeFrom(share: PlayerShare<SchedTask>): void {
    const line = share.lines.shift();
    if (line !== undefined) {
      const reader = this.readers.get(share.player);
      if (reader) this.wake(reader, line);
      else this.command(share.player, line);
      return;
    }
    const t = share.ready.shift()!;
    share.queued--;
    share.heldBytes -= t.bytes;
    this.begin(t);
  }

  /** A queued task about to run again: fresh limits (bg), and its suspend()/read() value. */
  private begin(t: SchedTask): void {
    this.current = t;
    t.state = "running";
    t.ticksUsed = 0;
    t.cpuMs = 0;
    this.setLimits(t);
    if (!t.resumable) return;
    t.resumable = false;
    const v = t.resumeValue;
    t.resumeValue = 0;
    if (typeof v === "object" && v.tag === T.ERR) {
      const raised: Raised = { code: v, message: new MooError(v.n).message, value: 0 };
      const out = this.vm.resumeWithError(t, raised);
      if (out) this.outcome(t, out);
    } else this.vm.resume(t, v);
  }

  private runSlice(t: SchedTask): void {
    const slice = this.config.scheduler.sliceTicks;
    const budget = t.preemptible ? slice : Math.min(slice, t.tickLimit - t.ticksUsed);
    const before = t.ticksUsed;
    this.sliceStart = performance.now();
    const out = this.vm.run(t, budget);
    t.cpuMs += performance.now() - this.sliceStart;
    this.share(t.charged).spend(t.ticksUsed - before);
    this.outcome(t, out);
  }

  private outcome(t: SchedTask, out: Outcome): void {
    switch (out.kind) {
      case "done": return this.finish(t, out.value);
      case "killed": return this.finish(t, undefined);
      case "error": {
        this.finish(t, undefined);
        return this.report(t.player, "handle_uncaught_error",
          [out.raised.code, out.raised.message, out.raised.value, out.stack, mkList(out.traceback)], out.traceback);
      }
      case "bug": {
        this.log(`*** server bug in task ${t.id}: ${out.message}\n${out.stack}`);
        this.notify(t.player, "*** The server hit an internal error and stopped this task; it has been logged.");
        return this.finish(t, undefined);
      }
      case "ticks": return this.sliceEnded(t);
      case "suspend": return this.suspended(t, out.seconds);
      case "read": {
        if (!this.holdOrRefuse(t)) return;
        this.current = null;
        this.detach(t);
        t.foreground = false;
        t.resumable = true;
        t.state = "reading";
        t.startTime = -1;
        this.readers.set(t.readFrom, t);
        this.queue(t);
        return;
      }
    }
  }

  /** A slice ran out: go on (atomic), requeue (preemptible), or abort at the task's limits. */
  private sliceEnded(t: SchedTask): void {
    const overTicks = t.ticksUsed >= t.tickLimit, overSeconds = t.cpuMs >= t.secondsLimit * 1000;
    if (t.preemptible) {
      if (overTicks || overSeconds) { t.ticksUsed = 0; t.cpuMs = 0; }
      t.state = "ready";
      this.current = null;
      t.bytes = taskBytes(t);
      this.queue(t);
      this.share(t.charged).ready.push(t);
      this.ready(this.share(t.charged));
      return;
    }
    if (overTicks || overSeconds) return this.abort(t, overTicks ? "ticks" : "seconds");
    if (++this.slices % MEASURE_EVERY === 0 && !this.exempt(t.owner)) {
      const share = this.share(t.charged);
      const room = share.quota.taskBytes - share.heldBytes;
      if (taskBytes(t, room) > room) this.raise(t, E.E_QUOTA, "Task holds too much memory");
    }
  }

  private suspended(t: SchedTask, seconds: number | null): void {
    if (!this.holdOrRefuse(t)) return;
    this.current = null;
    this.detach(t);
    t.foreground = false;
    t.resumable = true;
    t.resumeValue = 0;
    if (seconds === null) {
      t.state = "suspended";
      t.startTime = 0;
      this.queue(t);
      return;
    }
    this.sleep(t, seconds);
  }

  /** A task in a server chain that suspends counts as handled ($do_command, hooks: LambdaMOO's OUTCOME_BLOCKED). */
  private detach(t: SchedTask): void {
    const then = t.then;
    t.then = null;
    if (then) then(undefined, true);
  }

  /**
   * A task about to wait (suspend, read): within its player's queued-task
   * and memory quotas it may; else E_QUOTA is raised where it stands.
   */
  private holdOrRefuse(t: SchedTask): boolean {
    const share = this.share(t.charged);
    if (this.exempt(t.owner)) { t.bytes = taskBytes(t); return true; }
    if (share.queued >= share.quota.queuedTasks) { this.raiseAtCall(t, "Too many queued tasks"); return false; }
    const room = share.quota.taskBytes - share.heldBytes;
    t.bytes = taskBytes(t, room);
    if (t.bytes > room) { this.raiseAtCall(t, "Tasks hold too much memory"); return false; }
    return true;
  }

  /** E_QUOTA as the value of the suspend() or read() the task stands on. */
  private raiseAtCall(t: SchedTask, message: string): void {
    const out = this.vm.resumeWithError(t, { code: mkErrValue(E.E_QUOTA), message, value: 0 });
    if (out) this.outcome(t, out);
  }

  /** Raise an error in a task stopped between instructions. */
  private raise(t: SchedTask, code: number, message: string): void {
    const out = this.vm.raiseIn(t, { code: mkErrValue(code), message, value: 0 });
    if (out) this.outcome(t, out);
  }

  /** Out of ticks or seconds: LambdaMOO's abort, with $handle_task_timeout offered the report first. */
  private abort(t: SchedTask, resource: "ticks" | "seconds"): void {
    const rep = this.vm.abortReport(t, `Task ran out of ${resource}`);
    this.finish(t, undefined);
    this.report(t.player, "handle_task_timeout", [resource, rep.stack, mkList(rep.lines)], rep.lines);
  }

  /**
   * An uncaught error or a timeout: #0:<hook>(@args) may handle it (a true
   * value, or suspending, means handled); otherwise the traceback goes to the player.
   */
  private report(player: number, hook: string, args: Value[], lines: readonly string[]): void {
    const print = () => { for (const l of lines) this.notify(player, l); };
    const frame = this.verbFrame(0, hook, args, player);
    if (!frame) return print();
    const h = this.newTask(this.newId(), [frame], player, true);
    h.then = (v, suspended) => { if (!suspended && (v === undefined || !isTrue(v))) print(); };
    this.runNext(h);
  }

  private finish(t: SchedTask, value: Value | undefined): void {
    t.state = "done";
    this.tasks.delete(t.id);
    if (this.current === t) this.current = null;
    this.dirty = true;
    const then = t.then;
    t.then = null;
    if (then) then(value, false);
  }

  // ---- commands ----

  /** LambdaMOO's do_command_task: offer the line to #0:do_command, else parse it and run the verb. */
  private command(player: number, line: string): SchedTask | null {
    const id = this.newId();
    this.lastInputTask.set(player, id);
    const offer = doCommandFrame(this.host, player, line);
    if (!offer) return this.parsedCommand(id, player, line);
    const t = this.newTask(id, [offer], player, true);
    t.then = (v, suspended) => { if (!suspended && v !== undefined && !isTrue(v)) this.parsedCommand(id, player, line); };
    this.runNext(t);
    return t;
  }

  private parsedCommand(id: number, player: number, line: string): SchedTask | null {
    let plan;
    try {
      plan = planCommand(this.host, player, line);
    } catch (e) {
      if (!(e instanceof MooError)) throw e;
      this.notify(player, `*** ${e.message || "That verb cannot run"} ***`);
      return null;
    }
    if (plan.kind === "empty") return null;
    if (plan.kind === "unknown") { this.notify(player, NOT_UNDERSTOOD); return null; }
    const t = this.newTask(id, [plan.frame], player, true);
    this.runNext(t);
    return t;
  }

  // ---- queues ----

  private newTask(id: number, frames: Frame[], charged: number, foreground: boolean): SchedTask {
    const t = new SchedTask(id, frames, this.config.tasks.maxStackDepth, charged, foreground, this.seq++, 0, 0);
    this.setLimits(t);
    this.tasks.set(id, t);
    return t;
  }

  private newId(): number {
    while (this.tasks.has(this.nextId)) this.nextId++;
    return this.nextId++;
  }

  /** fg or bg limits from $server_options (LambdaMOO server_int_option), else config. */
  private setLimits(t: SchedTask): void {
    const c = this.config.tasks;
    const opt = (name: string, dflt: number): number => {
      const v = this.host.serverOption(name);
      return typeof v === "number" ? v : dflt;
    };
    t.tickLimit = t.foreground ? opt("fg_ticks", c.fgTicks) : opt("bg_ticks", c.bgTicks);
    t.secondsLimit = t.foreground ? opt("fg_seconds", c.fgSeconds) : opt("bg_seconds", c.bgSeconds);
    const depth = this.host.serverOption("max_stack_depth");
    t.maxDepth = typeof depth === "number" ? Math.max(depth, 50) : c.maxStackDepth;
  }

  /** Make t the running task now (only when none is mid-run: chains of server tasks). */
  private runNext(t: SchedTask): void {
    if (this.current && this.current !== t) { this.enqueue(t); return; }
    this.current = t;
    t.state = "running";
    this.schedule();
  }

  /** Put a new or woken task in its player's ready queue. */
  private enqueue(t: SchedTask): void {
    t.state = "ready";
    const share = this.share(t.charged);
    this.queue(t);
    share.ready.push(t);
    this.ready(share);
  }

  /** Count a task as queued in its player's share. */
  private queue(t: SchedTask): void {
    const share = this.share(t.charged);
    share.queued++;
    share.heldBytes += t.bytes;
  }

  /** Undo queue() and take the task out of wherever it waits. */
  private unqueue(t: SchedTask): void {
    const share = this.share(t.charged);
    share.queued--;
    share.heldBytes -= t.bytes;
    if (t.state === "sleeping") this.sleepers.remove(t);
    else if (t.state === "ready") share.ready.remove(t);
    else if (t.state === "reading") this.readers.delete(t.readFrom);
  }

  /** Queue a task to run after `seconds` (0: at its player's next turn). */
  private sleep(t: SchedTask, seconds: number): void {
    const now = this.clock();
    t.startTime = Math.floor(now / 1000 + seconds);
    if (seconds <= 0) return this.enqueue(t);
    t.state = "sleeping";
    t.wakeAt = now + seconds * 1000;
    this.queue(t);
    this.sleepers.push(t);
    if (t.wakeAt < this.timerAt) this.arm();
  }

  /** A waiting task (sleeping, suspended, reading) becomes ready with `value` for its suspend()/read(). */
  private wake(t: SchedTask, value: Value): void {
    if (t.state === "sleeping") this.sleepers.remove(t);
    else if (t.state === "reading") { this.readers.delete(t.readFrom); t.startTime = Math.floor(this.clock() / 1000); }
    t.resumeValue = value;
    t.state = "ready";
    const share = this.share(t.charged);
    share.ready.push(t);
    this.ready(share);
  }

  private ready(share: PlayerShare<SchedTask>): void {
    if (!share.inRing) { share.inRing = true; this.ring.push(share); }
    this.schedule();
  }

  private wakeDue(): void {
    const now = this.clock();
    for (let top = this.sleepers.peek(); top && top.wakeAt <= now; top = this.sleepers.peek()) {
      this.sleepers.pop();
      const share = this.share(top.charged);
      top.state = "ready";
      share.ready.push(top);
      if (!share.inRing) { share.inRing = true; this.ring.push(share); }
    }
    this.arm();
  }

  /** One host timer, for the earliest sleeper (clamped: a far wake-up re-arms when the timer fires). */
  private arm(): void {
    const top = this.sleepers.peek();
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    this.timerAt = Infinity;
    if (!top || this.stopped) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, top.wakeAt - this.clock()));
    this.timerAt = top.wakeAt;
    this.timer = setTimeout(() => { this.timer = null; this.timerAt = Infinity; this.wakeDue(); this.schedule(); }, delay);
  }

  private share(player: number): PlayerShare<SchedTask> {
    let s = this.shares.get(player);
    if (!s) { s = new PlayerShare<SchedTask>(player, this.quotaOf(player), this.clock()); this.shares.set(player, s); }
    return s;
  }

  private defaultQuota(): TaskQuota {
    const q = this.config.quotas;
    return { ticksPerSecond: q.ticksPerSecond, burstTicks: q.burstTicks, queuedTasks: q.queuedTasks, taskBytes: q.taskBytes };
  }

  /** Tasks with wizard rights skip the queued-task and memory quotas unless config says otherwise. */
  private exempt(progr: number): boolean {
    return this.config.quotas.wizardsExempt && this.host.isWizard(progr);
  }

  private verbFrame(obj: number, verb: string, args: Value[], player: number): Frame | null {
    const o = this.world.find(obj);
    const hit = o ? this.world.findVerb(o, verb, true) : null;
    if (!hit) return null;
    const ctx = { player: mkObj(player), self: mkObj(obj), caller: mkObj(player), verb, args: mkList(args) as Box, cmd: NO_COMMAND };
    try {
      return this.host.frameFor(hit.def, hit.definer.id, ctx);
    } catch (e) {
      if (!(e instanceof MooError)) throw e;
      this.log(`#${obj}:${verb} cannot run: ${e.message}`);
      return null;
    }
  }

  private commit(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.world.commit();
  }
}

const mkErrValue = (code: number): Value => new MooError(code).codeValue;
