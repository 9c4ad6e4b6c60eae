// The websocket front end as a browser meets it: one text frame per line,
// the same login and commands as telnet; oversized, binary and non-UTF-8
// frames close only that connection, with a reason.

import { test } from "node:test";
import assert from "node:assert/strict";
import { connect as tlsConnect } from "node:tls";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { startServer, type Server } from "./serve.ts";
import { configWith } from "./scheduler-harness.ts";
import { freePort, startTestServer } from "./net-harness.ts";

const start = async (): Promise<Server> =>
  startTestServer("ws", { network: { telnetPort: 0, httpPort: await freePort(), maxLineBytes: 1000 } });

/** A websocket client on port, or on "PORT/ws?query" for a reconnection. */
const client = (where: number | string) => {
  const ws = new WebSocket(typeof where === "number" ? `ws://127.0.0.1:${where}/ws` : `ws://127.0.0.1:${where}`);
  const got: string[] = [];
  let closed: { code: number; reason: string } | null = null;
  ws.on("message", (d) => got.push(d.toString()));
  ws.on("close", (code, reason) => { closed = { code, reason: reason.toString() }; });
  ws.on("error", () => {});
  const opened = new Promise<void>((r) => ws.on("open", () => r()));
  return {
    ws, got, opened,
    get closed() { return closed; },
    async wait(re: RegExp, ms = 3000): Promise<string> {
      const end = Date.now() + ms;
      for (;;) {
        const i = got.findIndex((l) => re.test(l));
        if (i >= 0) return got.splice(0, i + 1)[i]!;
        if (Date.now() > end) throw new Error(`no message matching ${re}; got ${JSON.stringify(got)}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    async whenClosed(ms = 3000) {
      for (const end = Date.now() + ms; !closed && Date.now() < end;) await new Promise((r) => setTimeout(r, 5));
      return closed;
    },
  };
};

test("a browser session over the websocket: login, commands; / answers over HTTP", async () => {
  const server = await start();
  const port = server.listeners.find((l) => l.kind === "websocket")!.port;
  const page = await fetch(`http://127.0.0.1:${port}/`);
  assert.equal(page.status, 200);
  const c = client(port);
  await c.opened;
  c.ws.send("connect webby");
  await c.wait(/^\*\*\* Created \*\*\*$/);
  c.ws.send("; return {connected_players(), connection_name(player)};");
  assert.match(await c.wait(/^=>/), /^=> \{\{#\d+\}, "port \d+ from 127\.0\.0\.1, port \d+ \(websocket\)"\}$/);
  c.ws.close();
  await server.shutdown();
});

test("oversized, binary and non-UTF-8 frames close that connection only", async () => {
  const server = await start();
  const port = server.listeners.find((l) => l.kind === "websocket")!.port;
  const good = client(port);
  await good.opened;
  good.ws.send("connect good");
  await good.wait(/Created/);
  const big = client(port); await big.opened;
  big.ws.send("x".repeat(5000));
  assert.equal((await big.whenClosed())?.code, 1009);
  const bin = client(port); await bin.opened;
  bin.ws.send(Buffer.from([1, 2, 3]), { binary: true });
  assert.deepEqual(await bin.whenClosed(), { code: 1003, reason: "send text frames: one line each" });
  const bad = client(port); await bad.opened;
  bad.ws.send(Buffer.from([0x61, 0xff, 0xfe]), { binary: false });
  assert.equal((await bad.whenClosed())?.code, 1007);
  good.ws.send("; return 1 + 1;");
  assert.equal(await good.wait(/^=>/), "=> 2");
  good.ws.close();
  await server.shutdown();
});

test("TLS: with a certificate and key configured, telnet speaks TLS and the websocket is wss://", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "moo-tls-"));
  const cert = join(dir, "cert.pem"), key = join(dir, "key.pem");
  const made = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-subj", "/CN=localhost", "-days", "1"]);
  if (made.status !== 0) { t.skip("openssl is not available to make a test certificate"); return; }
  const config = configWith({
    network: { telnetPort: await freePort(), httpPort: await freePort(), tlsCert: cert, tlsKey: key },
    database: { backupDir: join(dir, "b") },
  });
  const server = await startServer(config, join(dir, "w.sqlite"), () => {});
  const telnetPort = server.listeners.find((l) => l.kind === "telnet")!.port;
  const webPort = server.listeners.find((l) => l.kind === "websocket")!.port;
  const greeting = await new Promise<string>((resolve, reject) => {
    const s = tlsConnect({ host: "127.0.0.1", port: telnetPort, rejectUnauthorized: false }, () => { /* the core greets a new connection */ });
    let buf = "";
    s.setEncoding("utf8");
    s.on("data", (d: string) => { buf += d; if (buf.includes("\r\n")) { s.destroy(); resolve(buf); } });
    s.on("error", reject);
  });
  assert.ok(greeting.length > 0);
  const ws = new WebSocket(`wss://127.0.0.1:${webPort}/ws`, { rejectUnauthorized: false });
  await new Promise<void>((resolve, reject) => { ws.on("open", () => resolve()); ws.on("error", reject); });
  ws.close();
  await server.shutdown();
  const bad = configWith({ network: { telnetPort: await freePort(), httpPort: 0, tlsCert: cert, tlsKey: "" }, database: { backupDir: join(dir, "b") } });
  await assert.rejects(startServer(bad, join(dir, "w2.sqlite"), () => {}), /set both, or neither/);
});

test("a web client that drops comes back with its session token, once, without logging in", async () => {
  const server = await start();
  const port = server.listeners.find((l) => l.kind === "websocket")!.port;
  const a = client(port);
  await a.opened;
  a.ws.send("connect roamer");
  const token = (await a.wait(/^#\$#moo-session /)).split(" ")[1]!;
  assert.match(token, /^[A-Za-z0-9_-]{21}$/);
  await a.wait(/Created/);
  a.ws.terminate(); // the network dropped
  await new Promise((r) => setTimeout(r, 50));
  const b = client(`${port}/ws?session=${token}`);
  await b.opened;
  const fresh = (await b.wait(/^#\$#moo-session /)).split(" ")[1]!;
  await b.wait(/^\*\*\* Reconnected \*\*\*$/);
  assert.notEqual(fresh, token);
  b.ws.send("; return player.name;");
  assert.equal(await b.wait(/^=>/), `=> "roamer"`);
  // The old token was good for one reconnection only: it now gets an ordinary, unlogged connection.
  const c = client(`${port}/ws?session=${token}`);
  await c.opened;
  c.ws.send("; return 1;");
  await new Promise((r) => setTimeout(r, 100));
  assert.ok(!c.got.some((l) => l.startsWith("=>") || l.includes("Reconnected")));
  b.ws.close(); c.ws.close();
  await server.shutdown();
});
