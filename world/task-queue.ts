// Where tasks wait between runs: each player's share (ready tasks, typed
// lines, token bucket, quota counts), the timer heap of sleepers under one
// host timer, suspended tasks, and readers by connection. The scheduler
// asks it for the next thing to run; it never runs anything itself.

import type { Value } from "../verbs/value.ts";
import { TimerHeap } from "./timer-heap.ts";
import { PlayerShare, Deque, type TaskQuota } from "./shares.ts";
import type { SchedTask } from "./sched-task.ts";

/** Host timers overflow past 2^31 - 1 ms; later wake-ups re-arm on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What the queue hands the scheduler: a task to run, or a line typed on a connection nobody reads. */
/** LambdaMOO's out-of-band prefix: such lines pass hold-input. */
const OOB_PREFIX = "#$#";

export type Next = { readonly task: SchedTask; readonly line?: undefined } | { readonly task?: undefined; readonly line: string; readonly conn: number };

export class TaskQueue {
  /** Every task not finished, by id (the running one too). */
  readonly tasks = new Map<number, SchedTask>();
  /** Tasks whose way of waiting changed since the last commit: their stored rows must follow. */
  readonly changed = new Set<SchedTask>();
  private readonly sleepers = new TimerHeap<SchedTask>();
  private readonly shares = new Map<number, PlayerShare<SchedTask>>();
  /** Players with lines or ready tasks, in turn order. */
  private readonly ring = new Deque<PlayerShare<SchedTask>>();
  private readonly readers = new Map<number, SchedTask>();
  /**
   * Connections holding their input for read() (option "hold-input"): the
   * lines held, and whether out-of-band lines pass anyway.
   */
  private readonly held = new Map<number, { lines: string[]; oobPasses: boolean }>();
  private readonly readingFrom = new Map<SchedTask, number>();
  private readonly overrides = new Map<number, TaskQuota>();
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private throttleTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The player whose turn it is (runs items while its credit lasts). */
  private serving: PlayerShare<SchedTask> | null = null;
  /** The serving player's bucket is empty: it runs on ticks nobody within their rate wants. */
  private spareTurn = false;

  constructor(
    private readonly defaultQuota: TaskQuota,
    /** Ticks a turn adds to a player's credit. */
    private readonly quantum: number,
    private readonly clock: () => number,
    /** Something became ready (or a throttled player earned ticks): run the scheduler. */
    private readonly onReady: () => void,
    /**
     * A player whose bucket is empty waits even when nobody else has work
     * (a hard cap). Otherwise it waits only while players within their rate
     * have work: the rate sets priority, and spare CPU is never left idle.
     */
    private readonly strictRate = false,
  ) {}

  // ---- shares and quotas ----

  share(player: number): PlayerShare<SchedTask> {
    let s = this.shares.get(player);
    if (!s) { s = new PlayerShare<SchedTask>(player, this.quotaOf(player), this.clock()); this.shares.set(player, s); }
    return s;
  }

  quotaOf(player: number): TaskQuota { return this.overrides.get(player) ?? this.defaultQuota; }

  /** set_task_quota() changed something since the last commit: the overrides are stored again. */
  quotasChanged = false;

  /** The wizard-set overrides, as stored in the database's meta table. */
  get quotaOverrides(): string { return JSON.stringify([...this.overrides]); }

  /** Overrides read back from the database (bad entries are dropped, not fatal). */
  restoreQuotas(json: string | undefined): void {
    if (!json) return;
    try {
      for (const [player, q] of JSON.parse(json) as [number, TaskQuota][]) {
        if (Number.isInteger(player) && q && typeof q.ticksPerSecond === "number") this.setQuota(player, q);
      }
    } catch { /* a damaged entry only loses the overrides */ }
    this.quotasChanged = false;
  }

  setQuota(player: number, q: TaskQuota | null): void {
    this.quotasChanged = true;
    if (q) this.overrides.set(player, q); else this.overrides.delete(player);
    const s = this.shares.get(player);
    if (s) s.quota = this.quotaOf(player);
  }

  /** Players whose quotas a wizard overrode (the operator console). */
  overridden(): number[] { return [...this.overrides.keys()]; }

  /** Players with tasks queued or lines waiting (queue_info()). */
  players(): number[] { return [...this.shares.values()].filter((s) => s.queued > 0 || s.hasWork).map((s) => s.player); }

  // ---- entering the queue ----

  /** A line typed on conn: for its reader, else a command, at conn's next turn (before the others when atFront). */
  line(conn: number, text: string, atFront = false): void {
    const share = this.share(conn);
    if (atFront) share.lines.unshift(text); else share.lines.push(text);
    this.inRing(share);
  }

  /**
   * hold-input on conn: typed lines wait for a read() (one line per read)
   * instead of becoming commands. Turned off, the held lines go on as typed.
   */
  holdInput(conn: number, on: boolean, oobPasses: boolean): void {
    const h = this.held.get(conn);
    if (on) {
      if (h) h.oobPasses = oobPasses;
      else this.held.set(conn, { lines: this.takeLines(conn), oobPasses });
      return;
    }
    if (!h) return;
    this.held.delete(conn);
    const share = this.share(conn);
    for (let i = h.lines.length - 1; i >= 0; i--) share.lines.unshift(h.lines[i]!);
    if (share.lines.length > 0) this.inRing(share);
  }

  /** A new task, or one pausing, joins its player's ready queue. */
  enqueue(t: SchedTask, value?: Value): void {
    this.hold(t);
    this.makeReady(t, value);
  }

  /** A task loaded from the store, put back where it waited (its resume value, if any, is already on its stack). */
  restore(t: SchedTask, state: "ready" | "sleeping" | "suspended" | "reading", readConn: number): void {
    this.tasks.set(t.id, t);
    t.stored = true;
    if (state === "sleeping") {
      this.hold(t);
      t.state = "sleeping";
      this.sleepers.push(t);
      if (t.wakeAt < this.timerAt) this.arm();
    } else if (state === "suspended") this.suspend(t);
    else if (state === "reading") this.read(t, readConn);
    else {
      this.hold(t);
      t.state = "ready";
      const share = this.share(t.charged);
      share.ready.push(t);
      this.inRing(share);
    }
    this.changed.delete(t);
  }

  /** Wait `seconds` in the timer heap (0 or less: ready at once). */
  sleep(t: SchedTask, seconds: number): void {
    if (seconds <= 0) return this.enqueue(t, 0);
    this.hold(t);
    t.state = "sleeping";
    t.wakeAt = this.clock() + seconds * 1000;
    this.sleepers.push(t);
    this.changed.add(t);
    if (t.wakeAt < this.timerAt) this.arm();
  }

  /** suspend() with no time: wait for resume() or kill_task(). */
  suspend(t: SchedTask): void {
    this.hold(t);
    t.state = "suspended";
    this.changed.add(t);
  }

  /** read(): wait for a line on conn. */
  read(t: SchedTask, conn: number): void {
    this.hold(t);
    t.state = "reading";
    this.readers.set(conn, t);
    this.readingFrom.set(t, conn);
    this.changed.add(t);
    // A held line is what this read() gets.
    const h = this.held.get(conn)?.lines.shift();
    if (h !== undefined) this.line(conn, h, true);
  }

  isReading(conn: number): boolean { return this.readers.has(conn); }
  readerOf(conn: number): SchedTask | undefined { return this.readers.get(conn); }
  /** The connection a reading task waits on (-1 when it does not read). */
  readingConn(t: SchedTask): number { return this.readingFrom.get(t) ?? -1; }

  /** A waiting task goes on: `value` is what its suspend() or read() returns (an error value is raised there). */
  wake(t: SchedTask, value: Value): void {
    if (t.state === "ready") {
      // Already woken and not yet run: the newer value replaces the older (LambdaMOO).
      if (t.resumable) { const f = t.frames[t.frames.length - 1]!; f.stack[f.sp - 1] = value; }
      this.changed.add(t);
      return;
    }
    this.detach(t);
    this.makeReady(t, value);
  }

  /** Take a queued task out for good (kill_task). */
  remove(t: SchedTask): void {
    this.detach(t);
    if (t.state === "ready") this.share(t.charged).ready.remove(t);
    this.release(t);
    this.tasks.delete(t.id);
    t.state = "done";
    this.changed.add(t);
  }

  /** Lines typed on `from` and not yet taken now belong to `to` (a connection that logged in as a player). */
  moveLines(from: number, to: number): void {
    const h = this.held.get(from);
    if (h) { this.held.delete(from); this.held.set(to, h); }
    const src = this.shares.get(from);
    if (!src || src.lines.length === 0) return;
    const dst = this.share(to);
    for (let l = src.lines.shift(); l !== undefined; l = src.lines.shift()) dst.lines.push(l);
    this.inRing(dst);
  }

  /** Every line typed on conn and not yet taken, removed (.flush, flush_input()). */
  takeLines(conn: number): string[] {
    const s = this.shares.get(conn), out: string[] = [];
    for (let l = s?.lines.shift(); l !== undefined; l = s!.lines.shift()) out.push(l);
    const h = this.held.get(conn);
    if (h) out.push(...h.lines.splice(0));
    return out;
  }

  /** A connection's lines are dropped (it closed). */
  dropLines(conn: number): void {
    const s = this.shares.get(conn);
    while (s && s.lines.length > 0) s.lines.shift();
    this.held.delete(conn);
  }

  /** read(conn, 1): a line already typed on conn, or null. */
  takeLine(conn: number): string | null { return this.shares.get(conn)?.lines.shift() ?? this.held.get(conn)?.lines.shift() ?? null; }

  // ---- leaving it ----

  /**
   * The next thing to run. Players take turns (deficit round robin): a turn
   * adds a quantum of ticks to the player's credit, and the player runs items
   * while credit lasts (typed lines before background tasks, as LambdaMOO);
   * a player in debt from a long task sits out turns until it is paid, and a
   * player whose token bucket is empty waits while others within their rate
   * have work (always, with strictRate). Lines for a reading task wake it and
   * the search goes on. Null when nothing can run now; if players wait only
   * for ticks, a timer calls onReady.
   */
  next(): Next | null {
    const now = this.clock();
    for (;;) {
      let share = this.serving;
      if (share && !(share.hasWork && share.credit > 0 && (share.tokens > 0 || this.spareTurn))) share = this.serving = null;
      if (!share) {
        share = this.nextTurn(now, false);
        this.spareTurn = share === null && !this.strictRate;
        if (this.spareTurn) share = this.nextTurn(now, true);
        if (!share) return null;
        this.serving = share;
      }
      const text = share.lines.shift();
      if (text === undefined) {
        const task = share.ready.shift()!;
        this.release(task);
        return { task };
      }
      const reader = this.readers.get(share.player);
      if (reader) { this.wake(reader, text); continue; }
      const h = this.held.get(share.player);
      // Typed while a read() was pending but not its line: held for the next read().
      if (h && !(h.oobPasses && text.startsWith(OOB_PREFIX))) { h.lines.push(text); continue; }
      return { line: text, conn: share.player };
    }
  }

  /**
   * The next player in the ring who may run now (with ticks in its bucket,
   * unless `spare`), credited for the turn; the ring keeps it (at the back).
   */
  private nextTurn(now: number, spare: boolean): PlayerShare<SchedTask> | null {
    let waitMs = Infinity, throttled = 0, debtors = 0, best = -Infinity;
    while (this.ring.length > throttled) {
      const share = this.ring.shift()!;
      if (!share.hasWork) {
        share.inRing = false;
        share.credit = Math.min(share.credit, 0); // no banking while idle; debts stay
        this.forgetIfIdle(share, now);
        continue;
      }
      this.ring.push(share);
      share.refill(now);
      if (share.tokens <= 0 && !spare) {
        waitMs = Math.min(waitMs, share.waitMs());
        throttled++;
        continue;
      }
      throttled = 0;
      share.credit += this.quantum;
      if (share.credit > 0) return share;
      // A whole round in debt (long tasks everywhere): skip the empty rounds at once.
      best = Math.max(best, share.credit);
      if (++debtors >= this.ring.length) {
        const rounds = Math.ceil((1 - best) / this.quantum);
        for (const s of this.ring) s.credit += rounds * this.quantum;
        debtors = 0;
        best = -Infinity;
      }
    }
    if (waitMs < Infinity && !this.throttleTimer && !this.stopped) {
      this.throttleTimer = setTimeout(() => { this.throttleTimer = null; this.onReady(); }, waitMs);
    }
    return null;
  }

  /** Anyone with work waiting for a turn (throttled players included). */
  hasWork(): boolean {
    for (const s of this.ring) if (s.hasWork) return true;
    return false;
  }

  /** Move sleepers whose time has come to their ready queues. */
  wakeDue(): void {
    const now = this.clock();
    let woke = false;
    for (let top = this.sleepers.peek(); top && top.wakeAt <= now; top = this.sleepers.peek()) {
      this.sleepers.pop();
      this.makeReady(top, 0);
      woke = true;
    }
    if (woke || (this.timer === null && this.sleepers.size > 0)) this.arm();
  }

  /** Queued tasks (not the running one) in LambdaMOO's order: reading, ready, sleeping, suspended. */
  queued(): SchedTask[] {
    const rank = { reading: 0, ready: 1, sleeping: 2, suspended: 3, running: 4, done: 5 } as const;
    return [...this.tasks.values()].filter((t) => t.state !== "running")
      .sort((a, b) => rank[a.state] - rank[b.state] || a.wakeAt - b.wakeAt || a.seq - b.seq);
  }

  /** queued_tasks()'s start time: when it wakes or became ready; 0 suspended, -1 reading (LambdaMOO). */
  startTime(t: SchedTask): number {
    return t.state === "reading" ? -1 : t.state === "suspended" ? 0 : Math.floor(t.wakeAt / 1000);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.throttleTimer) clearTimeout(this.throttleTimer);
    this.timer = this.throttleTimer = null;
  }

  // ---- inside ----

  /** Count a task as queued in its player's share (quotas). */
  private hold(t: SchedTask): void {
    const s = this.share(t.charged);
    s.queued++;
    s.heldBytes += t.bytes;
  }

  private release(t: SchedTask): void {
    const s = this.share(t.charged);
    s.queued--;
    s.heldBytes -= t.bytes;
  }

  /** Out of the heap or the readers, whichever holds it. */
  private detach(t: SchedTask): void {
    if (t.state === "sleeping") this.sleepers.remove(t);
    else if (t.state === "reading") {
      this.readers.delete(this.readingFrom.get(t)!);
      this.readingFrom.delete(t);
    }
  }

  private makeReady(t: SchedTask, value?: Value): void {
    if (t.resumable) { const f = t.frames[t.frames.length - 1]!; f.stack[f.sp++] = value ?? 0; }
    t.state = "ready";
    t.wakeAt = this.clock();
    this.changed.add(t);
    const share = this.share(t.charged);
    share.ready.push(t);
    this.inRing(share);
  }

  private inRing(share: PlayerShare<SchedTask>): void {
    if (!share.inRing) { share.inRing = true; this.ring.push(share); }
    this.onReady();
  }

  /** A share with nothing queued, no debt and a full bucket is the same as a new one: drop it (connections come and go). */
  private forgetIfIdle(share: PlayerShare<SchedTask>, now: number): void {
    share.refill(now);
    if (share.queued === 0 && share.credit >= 0 && share.tokens >= share.quota.burstTicks) this.shares.delete(share.player);
  }

  /** One host timer, for the earliest sleeper (clamped: a far wake-up re-arms when the timer fires). */
  private arm(): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    this.timerAt = Infinity;
    const top = this.sleepers.peek();
    if (!top || this.stopped) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, top.wakeAt - this.clock()));
    this.timerAt = top.wakeAt;
    this.timer = setTimeout(() => { this.timer = null; this.timerAt = Infinity; this.wakeDue(); this.onReady(); }, delay);
  }
}
