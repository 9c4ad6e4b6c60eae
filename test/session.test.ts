// End to end, as a player would do it: the server started as `moo serve`
// on a fresh database (the default core), a telnet session that digs a room,
// walks into it, creates an object, programs a verb with .program, invokes
// it and disconnects; then the server is stopped and started again, and it
// is all still there. The same through the websocket.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { freePort } from "../world/net-harness.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";

const moo = join(dirname(fileURLToPath(import.meta.url)), "../../bin/moo.js");

/** `moo serve` in a child process; resolves once it says where to connect. */
const serve = async (db: string): Promise<{ child: ChildProcess; telnet: number; http: number; stop: () => Promise<number | null> }> => {
  const telnet = await freePort(), http = await freePort();
  const child = spawn(process.execPath, [moo, "serve", "--db", db, "--telnet", String(telnet), "--http", String(http)], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => { out += d.toString(); });
  child.stderr!.on("data", () => {});
  for (let i = 0; i < 200 && !out.includes("MOO server running"); i++) await new Promise((r) => setTimeout(r, 25));
  assert.match(out, /MOO server running/);
  return {
    child, telnet, http,
    stop: () => new Promise((r) => { child.on("exit", (code) => r(code)); child.kill("SIGTERM"); }),
  };
};

/** A line client over any transport: send, and wait for a line matching a pattern. */
interface Lines { send(line: string): void; wait(re: RegExp, ms?: number): Promise<string>; close(): void }

const telnetClient = (port: number): Lines => {
  const s = connect(port, "127.0.0.1");
  const got: string[] = [];
  let buf = "";
  s.setEncoding("utf8");
  s.on("data", (d: string) => { buf += d; for (let i; (i = buf.indexOf("\r\n")) >= 0;) { got.push(buf.slice(0, i)); buf = buf.slice(i + 2); } });
  s.on("error", () => {});
  return { send: (l) => s.write(l + "\r\n"), wait: waiter(got), close: () => s.end() };
};

const wsClient = async (port: number): Promise<Lines> => {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  const got: string[] = [];
  ws.on("message", (d) => got.push(d.toString()));
  ws.on("error", () => {});
  await new Promise<void>((r) => ws.on("open", () => r()));
  return { send: (l) => ws.send(l), wait: waiter(got), close: () => ws.close() };
};

const waiter = (got: string[]) => async (re: RegExp, ms = 5000): Promise<string> => {
  const end = Date.now() + ms;
  for (;;) {
    const i = got.findIndex((l) => re.test(l));
    if (i >= 0) return got.splice(0, i + 1)[i]!;
    if (Date.now() > end) throw new Error(`no line matching ${re}; last lines ${JSON.stringify(got.slice(-8))}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Build, program and use things; then check them after a restart. */
const session = async (open: (s: { telnet: number; http: number }) => Promise<Lines>, tag: string): Promise<void> => {
  const db = join(mkdtempSync(join(tmpdir(), `moo-session-${tag}-`)), "world.sqlite");
  const first = await serve(db);
  const c = await open(first);
  c.send("connect Wizard");
  await c.wait(/^\*\*\* Connected \*\*\*$/);
  c.send(`@dig up to Attic of ${tag}`);
  await c.wait(/Attic/);
  c.send("up");
  await c.wait(new RegExp(`^Attic of ${tag}$`));
  c.send(`@create crystal`);
  await c.wait(/You create crystal/);
  c.send("@verb crystal:shine this none none");
  await c.wait(/shine/);
  c.send(".program crystal:shine");
  await c.wait(/^Now programming crystal:shine\./);
  c.send(`player:tell("The crystal glows ${tag}.");`);
  c.send(".");
  await c.wait(/^Verb programmed\.$/);
  c.send("shine crystal");
  await c.wait(new RegExp(`^The crystal glows ${tag}\\.$`));
  c.send("drop crystal");
  await c.wait(/Dropped/);
  c.close();
  assert.equal(await first.stop(), 0);

  const second = await serve(db);
  const d = await open(second);
  d.send("connect Wizard");
  await d.wait(/^\*\*\* Connected \*\*\*$/);
  // The wizard is where it was: in the attic, with the crystal on the floor.
  d.send("look");
  await d.wait(new RegExp(`^Attic of ${tag}$`));
  await d.wait(/You see crystal here/);
  d.send("shine crystal");
  await d.wait(new RegExp(`^The crystal glows ${tag}\\.$`));
  d.close();
  assert.equal(await second.stop(), 0);
};

test("telnet: dig, walk, create, .program, invoke; after a restart it is all still there", { timeout: 60_000 }, async () => {
  await session(async (s) => telnetClient(s.telnet), "telnet");
});

test("websocket: the same session, and it survives the restart too", { timeout: 60_000 }, async () => {
  await session(async (s) => wsClient(s.http), "web");
});
