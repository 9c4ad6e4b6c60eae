// The newest lines of the server log, kept in memory for the operator
// console; the log itself still goes wherever serve.ts sends it.

export class LogTail {
  private readonly ring: string[] = [];
  private next = 0;

  constructor(private readonly keep = 200) {}

  push(line: string): void {
    if (this.ring.length < this.keep) this.ring.push(line);
    else this.ring[this.next] = line;
    this.next = (this.next + 1) % this.keep;
  }

  /** The newest `n` lines, oldest first. */
  lines(n = this.keep): string[] {
    const all = this.ring.length < this.keep ? this.ring.slice() : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
    return all.slice(Math.max(0, all.length - n));
  }
}
