// A telnet client for tests, as small as a transcript needs: it types lines
// and reads the server's output one line at a time, waiting for each only as
// long as it takes to arrive (there is no `telnet` binary to drive instead).
// It never negotiates; the server sends plain UTF-8 lines ending in CRLF.

import { connect, type Socket } from "node:net";

export class LineClient {
  private readonly lines: string[] = [];
  private partial = "";
  private ended = false;
  /** The reader waiting for the next line, if any: woken by a line or by the end. */
  private waiter: (() => void) | null = null;

  private constructor(private readonly socket: Socket) {
    // setEncoding keeps a UTF-8 character split across packets whole.
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      this.partial += chunk;
      const parts = this.partial.split("\r\n");
      this.partial = parts.pop()!;
      if (parts.length > 0) { this.lines.push(...parts); this.wake(); }
    });
    socket.on("close", () => { this.ended = true; this.wake(); });
    socket.on("error", () => { /* 'close' follows */ });
  }

  /** Connect to a telnet port on this machine. */
  static open(port: number, host = "127.0.0.1"): Promise<LineClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host);
      socket.setNoDelay(true);
      socket.once("error", reject);
      socket.once("connect", () => { socket.off("error", reject); resolve(new LineClient(socket)); });
    });
  }

  /** Type one line. */
  send(line: string): void {
    if (!this.ended) this.socket.write(line + "\r\n");
  }

  /**
   * The next output line, as soon as it arrives; undefined when none has
   * come within ms, or the server closed the connection.
   */
  async readLine(ms: number): Promise<string | undefined> {
    if (this.lines.length === 0 && !this.ended) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => { this.waiter = null; resolve(); }, ms);
        this.waiter = () => { clearTimeout(timer); this.waiter = null; resolve(); };
      });
    }
    return this.lines.shift();
  }

  /** Whether the server has closed the connection (lines already read may remain). */
  get closed(): boolean { return this.ended; }

  close(): void { this.socket.destroy(); }

  private wake(): void { this.waiter?.(); }
}
