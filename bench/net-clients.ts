// Helpers for bench/network.bench.ts: the `moo` command and other servers in
// child processes, a line client over telnet, /proc readings, percentiles,
// and the plain-Node servers (no MOO work) the figures are compared with.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { connect, createServer, type Socket } from "node:net";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import WebSocket, { WebSocketServer } from "ws";

/** The project's root (this file runs as dist/bench/net-clients.js). */
export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const mooBin = join(root, "bin/moo.js");
export const here = fileURLToPath(import.meta.url);

/** `moo ARGS` to completion; its standard output, or a throw with everything it said. */
export const moo = (args: string[], input?: string): string => {
  const r = spawnSync(process.execPath, [mooBin, ...args], { encoding: "utf8", input, cwd: root, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`moo ${args.join(" ")} exited ${r.status}: ${r.stdout}${r.stderr}`);
  return r.stdout;
};

export { freePort } from "../world/net-harness.ts";

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** A timeout that does not keep the process alive. */
const deadline = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());

/** How a child ended: its exit status, or the signal that ended it. */
export type Ending = number | NodeJS.Signals | null;
/** A server in a child process: its pid, everything it printed, and a clean stop. */
export interface Child { readonly pid: number; readonly output: string[]; stop(): Promise<Ending> }

/** Start `node ARGS` and wait until its standard output matches `ready` (or, with a port, until that port accepts). */
export const startChild = async (args: string[], ready: RegExp | number): Promise<Child> => {
  const proc: ChildProcess = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  let code: Ending = null, exited = false, seen = "";
  const done = new Promise<void>((r) => proc.on("exit", (c, sig) => { code = c ?? sig; exited = true; r(); }));
  const readyOut = new Promise<void>((r) => {
    proc.stdout!.setEncoding("utf8").on("data", (d: string) => { output.push(d); seen += d; if (typeof ready !== "number" && ready.test(seen)) r(); });
  });
  proc.stderr!.setEncoding("utf8").on("data", (d: string) => output.push(d));
  const up = typeof ready === "number" ? waitForPort(ready, () => exited) : readyOut;
  const timeout = deadline(20_000).then(() => "timeout" as const);
  const r = await Promise.race([up.then(() => "up" as const), done.then(() => "exited" as const), timeout]);
  if (r !== "up") { proc.kill("SIGKILL"); throw new Error(`node ${args.join(" ")} did not start (${r}): ${output.join("")}`); }
  return {
    pid: proc.pid!, output,
    async stop() {
      if (!exited) proc.kill("SIGTERM");
      if (await Promise.race([done.then(() => true), deadline(15_000).then(() => false)])) return code;
      proc.kill("SIGKILL");
      await done;
      return code;
    },
  };
};

const waitForPort = async (port: number, gaveUp: () => boolean): Promise<void> => {
  while (!gaveUp()) {
    const ok = await new Promise<boolean>((r) => {
      const s = connect(port, "127.0.0.1", () => { s.destroy(); r(true); });
      s.on("error", () => r(false));
    });
    if (ok) return;
    await sleep(20);
  }
};

/** A telnet line client that notes the time each line arrives, in the data event itself. */
export class LineClient {
  private buf = "";
  private readonly lines: { text: string; at: number }[] = [];
  private waiter: (() => void) | null = null;
  private constructor(private readonly sock: Socket) {
    sock.setNoDelay(true);
    sock.setEncoding("latin1");
    sock.on("data", (d: string) => {
      const at = performance.now();
      this.buf += d;
      for (let i; (i = this.buf.indexOf("\n")) >= 0;) {
        this.lines.push({ text: this.buf.slice(0, i).replace(/\r$/, ""), at });
        this.buf = this.buf.slice(i + 1);
      }
      const w = this.waiter;
      if (w && this.lines.length > 0) { this.waiter = null; w(); }
    });
    sock.on("error", () => {});
  }
  static open(port: number): Promise<LineClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, "127.0.0.1", () => resolve(new LineClient(s)));
      s.once("error", reject);
    });
  }
  send(line: string): void { this.sock.write(line + "\r\n"); }
  /** The next line and when it arrived. */
  async next(ms = 10_000): Promise<{ text: string; at: number }> {
    if (this.lines.length === 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((r) => { this.waiter = r; }),
        new Promise<void>((_, reject) => { timer = setTimeout(() => reject(new Error(`no line in ${ms} ms`)), ms); }),
      ]).finally(() => clearTimeout(timer));
    }
    return this.lines.shift()!;
  }
  /** Skip lines until one matches. */
  async until(re: RegExp, ms = 10_000): Promise<string> {
    for (;;) { const l = await this.next(ms); if (re.test(l.text)) return l.text; }
  }
  close(): void { this.sock.destroy(); }
}

/** Bind this process's threads, or another process's, to some CPUs (taskset); false when that cannot be done. */
export const pin = (pid: number, cpus: string): boolean =>
  spawnSync("taskset", ["-a", "-p", "-c", cpus, String(pid)], { encoding: "utf8" }).status === 0;

export const rssMiB = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
};
const clockTicks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
/** CPU seconds (user + system) a process has used. */
export const cpuSeconds = (pid: number): number => {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(f[11]) + Number(f[12])) / clockTicks; // utime and stime: fields 14 and 15
};

export const pct = (xs: number[], q: number): number => {
  const s = Float64Array.from(xs).sort();
  return s[Math.max(0, Math.ceil(q * s.length) - 1)]!;
};
export const ms = (x: number, digits = 3): string => `${x.toFixed(digits)} ms`;

/** One websocket player in the crowd: says "hi K" when told, and times each of its own echoes
 *  (`You say, "hi K"`); counts what it hears its roommates say; can wait for a line. */
export class Speaker {
  readonly rtts: number[] = [];
  heard = 0;
  sent = 0;
  closed = false;
  readonly pending = new Map<number, number>();
  private watch: { re: RegExp; found: (line: string) => void } | null = null;
  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const at = performance.now(), line = data.toString();
      if (line.startsWith('You say, "hi ')) {
        const k = Number(line.slice(13, -1)), t0 = this.pending.get(k);
        if (t0 !== undefined) { this.rtts.push(at - t0); this.pending.delete(k); }
      } else if (/ says, "hi \d+"$/.test(line)) this.heard++;
      const w = this.watch;
      if (w && w.re.test(line)) { this.watch = null; w.found(line); }
    });
    ws.on("close", () => { this.closed = true; });
    ws.on("error", () => {});
  }
  /** Open a websocket and log in with `login`. */
  static async open(url: string, login: string): Promise<Speaker> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => { ws.once("open", () => resolve()); ws.once("error", reject); });
    const s = new Speaker(ws);
    await s.ask(login, /^\*\*\* (Connected|Created) \*\*\*$/);
    return s;
  }
  say(): void {
    const k = this.sent++;
    this.pending.set(k, performance.now());
    this.ws.send(`say hi ${k}`);
  }
  /** Send a line and wait for a reply matching `re`. */
  ask(line: string, re: RegExp, ms = 30_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.watch = null; reject(new Error(`no reply matching ${re} to ${JSON.stringify(line)} in ${ms} ms`)); }, ms);
      this.watch = { re, found: (l) => { clearTimeout(timer); resolve(l); } };
      this.ws.send(line);
    });
  }
  close(): void { this.ws.close(); }
}

// ---- plain-Node stand-ins, each started in its own process by `node -e` ----

/** Run `fn(...args)` of this module in a child process, for the stand-ins below. */
export const standInArgs = (fn: "nullTelnet" | "nullWebSocket", ...args: (string | number)[]): string[] =>
  ["-e", `import(${JSON.stringify(here)}).then((m) => m.${fn}(${args.map((a) => JSON.stringify(a)).join(", ")}))`];

/** The shape of ../shared/bench/null_server.js, for a checkout without it: `connect` and `;` lines answered at once. */
export const nullTelnet = (port: number): void => {
  createServer((sock) => {
    sock.setNoDelay(true);
    let buf = "";
    sock.on("data", (d) => {
      buf += d.toString("latin1");
      for (let i; (i = buf.indexOf("\n")) >= 0;) {
        const line = buf.slice(0, i).replace(/\r$/, "");
        buf = buf.slice(i + 1);
        const m = /^; return (".*");$/.exec(line);
        sock.write((line.startsWith("connect") ? "*** Connected ***" : m ? m[1] : "1") + "\r\n");
      }
    });
    sock.on("error", () => {});
  }).listen(port, "127.0.0.1");
};

/** A websocket server that does what the crowd workload needs and no MOO work: `connect benchN` logs in
 *  (rooms of roomSize by N, as the bench puts the MOO players), `say X` answers `You say, "X"` and tells the
 *  room, `;` lines answer `=> 0`. */
export const nullWebSocket = (port: number, roomSize: number): void => {
  const rooms = new Map<number, Set<{ name: string; send(s: string): void }>>();
  const wss = new WebSocketServer({ host: "127.0.0.1", port, path: "/ws" });
  wss.on("connection", (ws) => {
    const me = { name: "", room: -1, send: (s: string) => ws.send(s) };
    ws.on("message", (data) => {
      const line = data.toString();
      const login = /^connect (\S+)/.exec(line);
      if (login) {
        me.name = login[1]!;
        const n = Number(/\d+$/.exec(me.name)?.[0] ?? 0);
        me.room = me.name.startsWith("bench") ? Math.floor((n - 1) / roomSize) : -1;
        let r = rooms.get(me.room);
        if (!r) rooms.set(me.room, r = new Set());
        r.add(me);
        me.send("*** Connected ***");
      } else if (line.startsWith("say ")) {
        const text = line.slice(4);
        me.send(`You say, "${text}"`);
        for (const o of rooms.get(me.room) ?? []) if (o !== me) o.send(`${me.name} says, "${text}"`);
      } else if (line.startsWith(";")) me.send("=> 0");
    });
    ws.on("close", () => rooms.get(me.room)?.delete(me));
    ws.on("error", () => {});
  });
};
