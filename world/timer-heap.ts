// Sleeping tasks wait here, earliest first: a binary heap, so adding or
// removing one of 100,000 sleepers costs a few comparisons (the C servers
// walk a sorted list). Each item remembers its place so kill_task and
// resume() take it out without a search.

export interface Sleeper {
  /** When to wake, in ms since the epoch (may lie far beyond any host timer). */
  wakeAt: number;
  /** Tie-break: earlier sleepers first at equal times (LambdaMOO's FIFO order). */
  readonly seq: number;
  /** Position in the heap; -1 when not in it. */
  heapIndex: number;
}

const before = (a: Sleeper, b: Sleeper): boolean => a.wakeAt < b.wakeAt || (a.wakeAt === b.wakeAt && a.seq < b.seq);

export class TimerHeap<T extends Sleeper> {
  private readonly items: T[] = [];

  get size(): number { return this.items.length; }
  peek(): T | undefined { return this.items[0]; }

  push(x: T): void {
    x.heapIndex = this.items.length;
    this.items.push(x);
    this.up(x.heapIndex);
  }

  /** Take out the earliest sleeper. */
  pop(): T | undefined {
    const top = this.items[0];
    if (top) this.remove(top);
    return top;
  }

  /** Take x out wherever it is; false when it is not in the heap. */
  remove(x: T): boolean {
    const i = x.heapIndex;
    if (i < 0 || this.items[i] !== x) return false;
    const last = this.items.pop()!;
    x.heapIndex = -1;
    if (last !== x) {
      this.items[i] = last;
      last.heapIndex = i;
      this.up(i);
      this.down(last.heapIndex);
    }
    return true;
  }

  *[Symbol.iterator](): IterableIterator<T> { yield* this.items; }

  private up(i: number): void {
    const a = this.items, x = a[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(x, a[p]!)) break;
      a[i] = a[p]!; a[i]!.heapIndex = i;
      i = p;
    }
    a[i] = x; x.heapIndex = i;
  }

  private down(i: number): void {
    const a = this.items, n = a.length, x = a[i]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && before(a[c + 1]!, a[c]!)) c++;
      if (!before(a[c]!, x)) break;
      a[i] = a[c]!; a[i]!.heapIndex = i;
      i = c;
    }
    a[i] = x; x.heapIndex = i;
  }
}
