// Each player's share of the scheduler: a token bucket of ticks per second,
// the input lines and runnable tasks waiting for a turn, and what the
// player's queued tasks hold (their count and bytes), checked against quotas.

/** A FIFO over a ring buffer: shift() is O(1) even with 100,000 entries. */
export class Deque<T> {
  private buf: (T | undefined)[] = new Array(8);
  private head = 0;
  private count = 0;

  get length(): number { return this.count; }

  push(x: T): void {
    if (this.count === this.buf.length) this.grow();
    this.buf[(this.head + this.count) & (this.buf.length - 1)] = x;
    this.count++;
  }

  unshift(x: T): void {
    if (this.count === this.buf.length) this.grow();
    this.head = (this.head - 1) & (this.buf.length - 1);
    this.buf[this.head] = x;
    this.count++;
  }

  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const x = this.buf[this.head];
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.count--;
    return x;
  }

  peek(): T | undefined { return this.count === 0 ? undefined : this.buf[this.head]; }

  /** Remove the first entry equal to x; false when absent. O(n), for kill_task only. */
  remove(x: T): boolean {
    const n = this.buf.length - 1;
    for (let i = 0; i < this.count; i++) {
      if (this.buf[(this.head + i) & n] !== x) continue;
      for (let j = i; j < this.count - 1; j++) this.buf[(this.head + j) & n] = this.buf[(this.head + j + 1) & n];
      this.buf[(this.head + this.count - 1) & n] = undefined;
      this.count--;
      return true;
    }
    return false;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.count; i++) yield this.buf[(this.head + i) & (this.buf.length - 1)] as T;
  }

  private grow(): void {
    const next = new Array<T | undefined>(this.buf.length * 2);
    for (let i = 0; i < this.count; i++) next[i] = this.buf[(this.head + i) & (this.buf.length - 1)];
    this.buf = next;
    this.head = 0;
  }
}

/** A player's quotas: config defaults, or a wizard's override (set_task_quota). */
export interface TaskQuota {
  /** Ticks per second the bucket refills with. */
  readonly ticksPerSecond: number;
  /** Most ticks the bucket holds (the burst a player may spend at once). */
  readonly burstTicks: number;
  /** Forked, suspended and reading tasks the player may have queued at once. */
  readonly queuedTasks: number;
  /** Bytes the player's running and queued tasks may hold (stacks and variables). */
  readonly taskBytes: number;
}

export class PlayerShare<T> {
  /** Ticks the player may spend now; negative after an atomic task ran past the bucket. */
  tokens: number;
  /** When tokens were last refilled (ms, the scheduler's clock). */
  private refilled: number;
  /** Lines typed and not yet taken (commands, or input for a reading task). */
  readonly lines = new Deque<string>();
  /** Tasks ready to run: woken sleepers, resumed tasks, forks due now. */
  readonly ready = new Deque<T>();
  /** In the scheduler's round-robin ring. */
  inRing = false;
  /** Tasks queued (ready, sleeping, suspended or reading), not counting the running one. */
  queued = 0;
  /** Bytes the queued tasks hold. */
  heldBytes = 0;
  /** Ticks spent in all, for task_quota() and the fairness report. */
  ticksSpent = 0;
  /**
   * Deficit round robin: ticks this player may still use in the current
   * round. Each turn adds a quantum; a task that ran long leaves it in debt,
   * and the player sits out turns until the debt is paid. So players get
   * equal ticks, not merely equal turns, whatever their tasks' sizes.
   */
  credit = 0;

  constructor(readonly player: number, public quota: TaskQuota, now: number) {
    this.tokens = quota.burstTicks;
    this.refilled = now;
  }

  /** Add what the rate earned since the last refill, up to the burst. */
  refill(now: number): void {
    const dt = now - this.refilled;
    if (dt <= 0) return;
    this.refilled = now;
    this.tokens = Math.min(this.quota.burstTicks, this.tokens + (dt * this.quota.ticksPerSecond) / 1000);
  }

  /** Milliseconds until the bucket holds a tick again (0 when it does now). */
  waitMs(): number {
    return this.tokens > 0 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / Math.max(1, this.quota.ticksPerSecond));
  }

  spend(ticks: number): void {
    this.tokens -= ticks;
    this.credit -= ticks;
    this.ticksSpent += ticks;
  }

  get hasWork(): boolean { return this.lines.length > 0 || this.ready.length > 0; }
}
