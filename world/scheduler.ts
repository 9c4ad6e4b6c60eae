// The scheduler: every MOO task runs here, one event loop, a slice of ticks
// at a time. A task runs atomically between its own suspension points (the
// task that is mid-run continues before any other starts), but each slice
// returns to the event loop when the turn's time is up, so network I/O never
// waits behind MOO code. Between tasks the queue (task-queue.ts) picks who
// runs next: players in turn, each paying from a token bucket of ticks.
// DESIGN.md, "Scheduler and quotas".

import { performance } from "node:perf_hooks";
import { type Value, type Box, T, E, mkObj, mkList, isTrue } from "../verbs/value.ts";
import { MooError } from "../verbs/errors.ts";
import { VM } from "../verbs/vm.ts";
import type { Frame, Task, Outcome } from "../verbs/task.ts";
import { forkFrame, NO_COMMAND, newFrame, evalContext } from "../verbs/host.ts";
import { formatDiagnostic } from "../grammar/parse.ts";
import { type BuiltinSpec, builtinMap } from "../verbs/builtin-spec.ts";
import { languageBuiltins } from "../verbs/builtins/index.ts";
import { compileSource, cachingEvalCompiler } from "../verbs/compile-source.ts";
import type { World } from "../objects/world.ts";
import { WorldHost, type WorldServices, type ConnectionInfo } from "../objects/world-host.ts";
import { worldBuiltins } from "../objects/builtins/index.ts";
import type { Config } from "./config.ts";
import { TaskQueue } from "./task-queue.ts";
import { SchedTask, taskBytes, type Then } from "./sched-task.ts";
import { commandWorld } from "./commands.ts";
import { Intrinsics } from "./intrinsics.ts";
import { CommandDispatch, type TaskStarter, type LoggedIn } from "./command-dispatch.ts";
import { TurnCommit, type OutputSink } from "./turn-commit.ts";
import type { ConnOptions } from "./connection-options.ts";
import { taskQueueBuiltins } from "./task-builtins.ts";
import { networkBuiltins } from "./network-builtins.ts";
import type { NetworkControl } from "./network.ts";
import { restoreTask } from "./task-store.ts";
import type { StoredTask } from "../objects/model.ts";
import type { Program } from "../verbs/program.ts";

/** Where output goes and which connections exist: the network layer (world/ listeners), or a test. */
export interface Connections extends OutputSink {
  /** Whether `conn` (a player, or an unlogged connection's number) is connected. */
  isConnected(conn: number): boolean;
  /** The connection's options (disable-oob, intrinsic-commands...); undefined for defaults. */
  optionsOf?(conn: number): ConnOptions | undefined;
  /** The object whose hooks the connection calls (its listener's; #0 by default). */
  handlerOf?(conn: number): number;
}

/** How long a turn may go on once it has output to send (ms). */
const OUTPUT_TURN_MS = 1;
/** Measure a running task's bytes every this many slices (measuring walks its values). */
const MEASURE_EVERY = 8;

export interface SchedulerOptions {
  /** Extra builtin tables (the web client's open_editor; tests). */
  readonly builtins?: readonly (readonly BuiltinSpec[])[];
  /** Wall clock in ms; timers still use the host's. */
  readonly clock?: () => number;
  readonly random?: () => number;
  /** Server-side problems (bugs, hook failures): stderr by default. */
  readonly log?: (line: string) => void;
  /** What dump_database() starts: a backup of the database, when there is one. */
  readonly backup?: () => void;
  /** What shutdown() asks for (the server stops after the running task). */
  readonly shutdown?: (message: string) => void;
  /**
   * #0:do_login_command answered a line typed on an unlogged connection:
   * the connection layer logs it in when the answer is a player. `value`
   * is undefined when the verb failed or suspended.
   */
  readonly loggedIn?: LoggedIn;
}

const errValue = (code: number): Value => new MooError(code).codeValue;

export class Scheduler implements WorldServices, TaskStarter {
  readonly host: WorldHost;
  readonly vm: VM;
  readonly builtins: ReadonlyMap<string, BuiltinSpec>;
  readonly queue: TaskQueue;
  readonly random: () => number;
  /** Listening points and outbound connections, once the server has a network (serve.ts sets it). */
  network: NetworkControl | null = null;
  /** The task that has not reached a suspension point: it runs before any other. */
  private current: SchedTask | null = null;
  /** The current task's run so far: ms of running, and what it may use (fg or bg seconds). */
  private runMs = 0;
  private runSeconds = 0;
  private sliceStart = 0;
  /** Continuations of server chains ($do_command, error hooks), by task. */
  private readonly chains = new Map<SchedTask, Then>();
  /** The connection the running task asked to read (read() sets it before the VM stops). */
  private readConn = -1;
  private nextId = 1;
  private seq = 0;
  private slices = 0;
  private pumpQueued = false;
  /** Inside a turn: output queued now goes out at its end. */
  private pumping = false;
  private readonly intrinsics: Intrinsics;
  private readonly dispatch: CommandDispatch;
  private readonly commits: TurnCommit;
  private stopped = false;
  private readonly clock: () => number;
  private readonly log: (line: string) => void;
  private readonly idleWaiters: (() => void)[] = [];
  /** Ticks run and tasks started since start-up, for the operator console's rates (world/server-stats.ts). */
  readonly counters = { ticks: 0, tasks: 0, turns: 0 };

  constructor(readonly world: World, readonly config: Config, private readonly conns: Connections, private readonly opts: SchedulerOptions = {}) {
    this.clock = opts.clock ?? Date.now;
    this.log = opts.log ?? ((l) => process.stderr.write(l + "\n"));
    this.random = opts.random ?? Math.random;
    const q = config.quotas;
    this.queue = new TaskQueue(
      { ticksPerSecond: q.ticksPerSecond, burstTicks: q.burstTicks, queuedTasks: q.queuedTasks, taskBytes: q.taskBytes },
      config.scheduler.quantumTicks, this.clock, () => this.schedule(), q.strictRate);
    const compile = (src: string) => { const r = compileSource(src); return r.ok ? r.program : null; };
    this.host = new WorldHost(world, config.limits, this, compile);
    this.host.objectQuota = q.objectsPerOwner;
    this.builtins = builtinMap(languageBuiltins, worldBuiltins, taskQueueBuiltins(this), networkBuiltins(this), ...(opts.builtins ?? []));
    this.vm = new VM({ builtins: this.builtins, host: this.host, compileEval: cachingEvalCompiler() });
    this.host.loadServerOptions(this.builtins.keys());
    this.intrinsics = new Intrinsics(world, () => commandWorld(this.host), (p, t) => { this.notify(p, t); },
      () => this.host.protectedBuiltins.has("set_verb_code"),
      (p, name) => conns.optionsOf?.(p)?.intrinsics.has(name) ?? true);
    this.dispatch = new CommandDispatch(world, this.host, this.intrinsics, this, opts.loggedIn,
      (c) => ({ oob: !(conns.optionsOf?.(c)?.disableOob ?? false), handler: conns.handlerOf?.(c) ?? 0 }));
    this.commits = new TurnCommit(world, this.queue, conns);
  }

  // ---- WorldServices: what the VM and builtins ask of the running server ----

  /** The connection layer's view for the connection builtins, when there is one. */
  get connections(): ConnectionInfo | undefined {
    const c = this.conns as Partial<ConnectionInfo>;
    return typeof c.connected === "function" ? (c as ConnectionInfo) : undefined;
  }
  now(): number { return this.clock(); }
  backup(): void { this.opts.backup?.(); }
  serverLog(line: string): void { this.log(line); }
  get shutdown(): ((message: string) => void) | undefined { return this.opts.shutdown; }
  notify(player: number, text: string): boolean {
    if (!this.conns.isConnected(player)) return false;
    this.commits.output(player, text);
    // Output from outside a turn (the connection layer's own messages) goes out with the next one.
    if (!this.pumping) this.schedule();
    return true;
  }

  /** `fork (delay) ... endfork`: a new task from the body, charged to the forking task's player. */
  fork(task: Task, frame: Frame, bodyPc: number, delay: number, idSlot: number): number {
    const parent = task as SchedTask;
    const share = this.queue.share(parent.charged);
    const exempt = this.exempt(frame.progr);
    if (!exempt && share.queued >= share.quota.queuedTasks) throw new MooError(E.E_QUOTA, "Too many queued tasks");
    const id = this.newId();
    const child = this.newTask(id, [forkFrame(frame, bodyPc, idSlot, id)], parent.charged, false);
    child.bytes = taskBytes(child);
    if (!exempt && share.heldBytes + child.bytes > share.quota.taskBytes) {
      this.queue.tasks.delete(id);
      throw new MooError(E.E_QUOTA, "Tasks hold too much memory");
    }
    this.queue.sleep(child, delay);
    return id;
  }

  // ---- starting tasks ----

  /**
   * A line typed on `conn`: a command, or input for the task reading there.
   * Runs in turn; on an idle server, at once, in the I/O callback that read
   * it (a trip round the event loop first would add to every reply's latency).
   */
  input(conn: number, line: string, atFront = false): void {
    // Only when nothing at all is pending: under load the scheduled turn takes the line in turn,
    // and a batch of lines read at once never runs a turn per line inside one I/O callback.
    const idle = !this.pumpQueued && !this.pumping && !this.busy() && !this.stopped;
    this.queue.line(conn, line, atFront);
    if (idle) this.runTurn();
  }

  /** The PREFIX and SUFFIX a connection set (output_delimiters()). */
  delimiters(player: number): [string, string] { return this.intrinsics.delimiters(player); }

  /**
   * Run obj:verb(@args) as a server task (connection hooks, $server_started),
   * charged to `player`, at that player's turn. False when there is no such verb.
   */
  serverTask(obj: number, verb: string, args: Value[], player: number, then?: Then): boolean {
    const frame = this.verbFrame(obj, verb, args, player);
    if (!frame) return false;
    const t = this.newTask(this.newId(), [frame], player, true);
    if (then) this.chains.set(t, then);
    this.queue.enqueue(t);
    return true;
  }

  /**
   * Run MOO source as `player` (an eval task: emergency mode's prompt).
   * Resolves with its value, or undefined when it failed (the traceback went
   * to the player) or suspended; compile errors come back as strings.
   */
  evalAs(player: number, source: string): Promise<{ value: Value | undefined } | { errors: string[] }> {
    const c = compileSource(source);
    if (!c.ok) return Promise.resolve({ errors: c.errors.map(formatDiagnostic) });
    return this.runAs(player, c.program, [], "eval").then((value) => ({ value }));
  }

  /**
   * Run a compiled program as a task of `player`, with `args` bound: the
   * player's rights, charged to the player, at the player's turn (the web
   * client's editor and console requests). Resolves as evalAs does.
   */
  runAs(player: number, program: Program, args: Value[], verb: string): Promise<Value | undefined> {
    const frame = newFrame(program, { ...evalContext(mkObj(player)), args: mkList(args) as Box }, player);
    frame.verb = verb;
    const t = this.newTask(this.newId(), [frame], player, true);
    return new Promise((resolve) => {
      this.chains.set(t, (v) => resolve(v));
      this.queue.enqueue(t);
    });
  }

  /** The server is up: #0:server_started() runs first, as in LambdaMOO. */
  start(): void {
    this.serverTask(0, "server_started", [], -1);
  }

  /** A connection closed: its typed-ahead lines go, its reading task gets E_INVARG (LambdaMOO). */
  disconnected(conn: number): void {
    this.intrinsics.forget(conn);
    this.queue.dropLines(conn);
    const reader = this.queue.readerOf(conn);
    if (reader) this.queue.wake(reader, errValue(E.E_INVARG));
    this.dispatch.forget(conn);
  }

  /** Resolves when nothing is running or ready (sleepers may remain): for tests and shutdown. */
  idle(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  /**
   * Stop all timers; waiting tasks stay as they are (stored). What finished
   * is committed, unless a task is mid-run: half a task is never written, so
   * a server shutting down calls settle() first.
   */
  stop(): void {
    this.stopped = true;
    this.queue.stop();
    if (this.current === null) this.commits.commit(this.nextId);
  }

  /** Resolves once no task is mid-run (it ended or reached a suspension point): a clean point to stop. */
  async settle(): Promise<void> {
    while (this.current !== null && !this.stopped) await new Promise((r) => setImmediate(r));
  }

  // ---- what the task builtins see ----

  /** read(): the running task will wait for a line on conn; false when another task already does. */
  startReading(conn: number): boolean {
    if (this.queue.isReading(conn)) return false;
    this.readConn = conn;
    return true;
  }

  lastInputTaskOf(conn: number): number { return this.dispatch.lastInputTaskOf(conn); }
  isConnected(conn: number): boolean { return this.conns.isConnected(conn); }

  /** Seconds the running task has left before it is aborted (whole seconds, as LambdaMOO's timer reports). */
  secondsLeft(): number {
    const used = this.runMs + (performance.now() - this.sliceStart);
    return Math.max(0, Math.ceil(this.runSeconds - used / 1000));
  }

  // ---- the loop ----

  private pump = (): void => {
    this.pumpQueued = false;
    this.runTurn();
  };

  /** One turn, whoever calls it (the scheduled pump, or input() on an idle server); never nested. */
  private runTurn(): void {
    if (this.stopped || this.pumping) return;
    this.counters.turns++;
    this.pumping = true;
    try { this.turn(); } finally { this.pumping = false; }
  }

  private turn(): void {
    const start = performance.now();
    this.queue.wakeDue();
    let more = false, answered = false;
    for (;;) {
      // Output waits for a commit, and a commit waits for the running task to reach a suspension
      // point: so commit before the next task starts, or its run (seconds, if long) would hold it.
      if (this.current === null && this.commits.hasOutput) { this.commits.commit(this.nextId); answered = true; }
      const t = this.current ?? this.pick();
      if (!t) break;
      this.runSlice(t);
      const elapsed = performance.now() - start;
      // Once someone has been answered, end the turn soon rather than let background loops fill
      // all of it (they still get the next), so the client's next line is read without delay.
      if (elapsed >= this.config.scheduler.turnMs || ((answered || this.commits.hasOutput) && elapsed >= OUTPUT_TURN_MS)) { more = true; break; }
    }
    // Commit at the end of a turn, never in the middle of a task that has not reached a suspension point.
    if (this.current === null) this.commits.commit(this.nextId);
    if (more || this.current) this.schedule();
    else if (!this.busy()) for (const w of this.idleWaiters.splice(0)) w();
    // Otherwise every player with work is out of ticks: the queue's timer brings the next turn.
  }

  private busy(): boolean { return this.current !== null || this.queue.hasWork(); }

  private schedule(): void {
    if (this.pumpQueued || this.stopped) return;
    this.pumpQueued = true;
    setImmediate(this.pump);
  }

  /** The next task to run (a typed line becomes a command task first). */
  private pick(): SchedTask | null {
    for (let next = this.queue.next(); next; next = this.queue.next()) {
      if (next.task) this.resumeTask(next.task);
      else this.dispatch.typed(next.conn, next.line);
      if (this.current) return this.current;
    }
    return null;
  }

  /** A queued task about to run again: bg limits, and the value its suspend() or read() returns. */
  private resumeTask(t: SchedTask): void {
    this.begin(t);
    if (!t.resumable) return;
    t.resumable = false;
    const f = t.frames[t.frames.length - 1]!;
    const v = f.stack[f.sp - 1]!;
    // An error value is raised where the task waited (LambdaMOO resume_from_previous_vm).
    if (typeof v === "object" && v.tag === T.ERR) {
      f.sp--;
      const out = this.vm.resumeWithError(t, { code: v, message: new MooError(v.n).message, value: 0 });
      if (out) this.outcome(t, out);
    }
  }

  /** Make t the running task with a fresh allowance of ticks and seconds. */
  private begin(t: SchedTask): void {
    this.current = t;
    t.state = "running";
    t.ticksUsed = 0;
    this.runMs = 0;
    this.setLimits(t);
  }

  private runSlice(t: SchedTask): void {
    const slice = this.config.scheduler.sliceTicks;
    const budget = t.preemptible ? slice : Math.min(slice, t.tickLimit - t.ticksUsed);
    const before = t.ticksUsed;
    this.sliceStart = performance.now();
    const out = this.vm.run(t, budget);
    this.runMs += performance.now() - this.sliceStart;
    this.queue.share(t.charged).spend(t.ticksUsed - before);
    this.counters.ticks += t.ticksUsed - before;
    this.outcome(t, out);
  }

  private outcome(t: SchedTask, out: Outcome): void {
    switch (out.kind) {
      case "done": return this.finish(t, out.value);
      case "killed": return this.finish(t, undefined);
      case "error":
        this.finish(t, undefined);
        return this.report(t.player, "handle_uncaught_error",
          [out.raised.code, out.raised.message, out.raised.value, out.stack, mkList(out.traceback)], out.traceback);
      case "bug":
        this.log(`*** server bug in task ${t.id}: ${out.message}\n${out.stack}`);
        this.notify(t.player, "*** The server hit an internal error and stopped this task; it has been logged.");
        return this.finish(t, undefined);
      case "ticks": return this.sliceEnded(t);
      case "suspend":
      case "read": {
        if (!this.mayWait(t)) return;
        this.current = null;
        this.endChain(t, undefined, true);
        t.foreground = false;
        t.resumable = true;
        if (out.kind === "read") this.queue.read(t, this.readConn);
        else if (out.seconds === null) this.queue.suspend(t);
        else this.queue.sleep(t, out.seconds);
        return;
      }
    }
  }

  /** A slice ran out: go on (atomic), requeue (preemptible), or abort at the task's limits. */
  private sliceEnded(t: SchedTask): void {
    const overTicks = t.ticksUsed >= t.tickLimit, overSeconds = this.runMs >= this.runSeconds * 1000;
    if (t.preemptible) {
      // Paused, not aborted: its player's next turn continues it with a fresh allowance.
      this.current = null;
      t.bytes = taskBytes(t);
      this.queue.enqueue(t);
      return;
    }
    if (overTicks || overSeconds) return this.abort(t, overTicks ? "ticks" : "seconds");
    if (++this.slices % MEASURE_EVERY === 0 && !this.exempt(t.owner)) {
      const share = this.queue.share(t.charged);
      const room = share.quota.taskBytes - share.heldBytes;
      if (taskBytes(t, room) > room) {
        const out = this.vm.raiseIn(t, { code: errValue(E.E_QUOTA), message: "Task holds too much memory", value: 0 });
        if (out) this.outcome(t, out);
      }
    }
  }

  /**
   * A task about to wait (suspend, read) may, within its player's queued-task
   * and memory quotas; else E_QUOTA is raised where it stands.
   */
  private mayWait(t: SchedTask): boolean {
    const share = this.queue.share(t.charged);
    let refusal: string | null = null;
    if (this.exempt(t.owner)) t.bytes = taskBytes(t);
    else if (share.queued >= share.quota.queuedTasks) refusal = "Too many queued tasks";
    else {
      const room = share.quota.taskBytes - share.heldBytes;
      t.bytes = taskBytes(t, room);
      if (t.bytes > room) refusal = "Tasks hold too much memory";
    }
    if (refusal === null) return true;
    const out = this.vm.resumeWithError(t, { code: errValue(E.E_QUOTA), message: refusal, value: 0 });
    if (out) this.outcome(t, out);
    return false;
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
    this.chains.set(h, (v, suspended) => { if (!suspended && (v === undefined || !isTrue(v))) print(); });
    this.runNext(h);
  }

  private finish(t: SchedTask, value: Value | undefined): void {
    t.state = "done";
    this.queue.tasks.delete(t.id);
    if (t.stored) this.queue.changed.add(t);
    if (this.current === t) this.current = null;
    this.commits.dirty = true;
    this.endChain(t, value, false);
  }

  private endChain(t: SchedTask, value: Value | undefined, suspended: boolean): void {
    const then = this.chains.get(t);
    if (!then) return;
    this.chains.delete(t);
    then(value, suspended);
  }

  // ---- tasks ----

  newTask(id: number, frames: Frame[], charged: number, foreground: boolean): SchedTask {
    const t = new SchedTask(id, frames, this.config.tasks.maxStackDepth, charged, foreground, this.seq++, 0);
    this.counters.tasks++;
    this.queue.tasks.set(id, t);
    return t;
  }

  newId(): number {
    while (this.queue.tasks.has(this.nextId)) this.nextId++;
    return this.nextId++;
  }

  /** fg or bg limits from $server_options (LambdaMOO server_int_option), else config. */
  private setLimits(t: SchedTask): void {
    const c = this.config.tasks;
    const opt = (name: string, dflt: number): number => {
      const v = this.host.serverOption(name);
      return typeof v === "number" && v > 0 ? v : dflt;
    };
    t.tickLimit = t.foreground ? opt("fg_ticks", c.fgTicks) : opt("bg_ticks", c.bgTicks);
    this.runSeconds = t.foreground ? opt("fg_seconds", c.fgSeconds) : opt("bg_seconds", c.bgSeconds);
    const depth = this.host.serverOption("max_stack_depth");
    // As in LambdaMOO, $server_options may raise the depth, never lower it below the default.
    t.maxDepth = typeof depth === "number" ? Math.max(depth, c.maxStackDepth) : c.maxStackDepth;
  }

  /** Run t next, before anything queued (the rest of a server chain); queued if a task is mid-run. */
  runNext(t: SchedTask): void {
    if (this.current) { this.queue.enqueue(t); return; }
    this.begin(t);
    // Inside a turn, the turn's loop runs it next; from outside (a hook's chain ending late), a turn must come.
    if (!this.pumping) this.schedule();
  }

  /** Tasks with wizard rights skip the queued-task and memory quotas unless config says otherwise. */
  private exempt(progr: number): boolean {
    return this.config.quotas.wizardsExempt && this.host.isWizard(progr);
  }

  chain(t: SchedTask, then: Then): void { this.chains.set(t, then); }

  verbFrame(obj: number, verb: string, args: Value[], player: number, cmd: Box = NO_COMMAND): Frame | null {
    const o = this.world.find(obj);
    const hit = o ? this.world.findVerb(o, verb, true) : null;
    if (!hit) return null;
    const ctx = { player: mkObj(player), self: mkObj(obj), caller: mkObj(player), verb, args: mkList(args) as Box, cmd };
    try {
      return this.host.frameFor(hit.def, hit.definer.id, ctx);
    } catch (e) {
      if (!(e instanceof MooError)) throw e;
      this.log(`#${obj}:${verb} cannot run: ${e.message}`);
      return null;
    }
  }

  /**
   * Put stored tasks back where they waited (after a restart). A task that
   * was reading has lost its connection: it gets E_INVARG, as LambdaMOO's
   * readers do when their connection closes. Returns what could not come back.
   */
  restoreTasks(rows: Iterable<StoredTask>, nextId = 1): { restored: number; skipped: { id: number; reason: string }[] } {
    const skipped: { id: number; reason: string }[] = [];
    let restored = 0;
    this.nextId = Math.max(this.nextId, nextId);
    for (const row of rows) {
      const r = restoreTask(row, this.seq++);
      if (typeof r === "string") { skipped.push({ id: row.id, reason: r }); continue; }
      r.task.bytes = taskBytes(r.task);
      this.queue.restore(r.task, r.state as "ready" | "sleeping" | "suspended" | "reading", r.readConn);
      if (r.state === "reading") this.queue.wake(r.task, errValue(E.E_INVARG));
      this.nextId = Math.max(this.nextId, row.id + 1);
      restored++;
    }
    return { restored, skipped };
  }
}
