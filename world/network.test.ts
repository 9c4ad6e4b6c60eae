// Connection options, listening points and outbound connections on a real
// server, through telnet clients: what LambdaMOO cores and MUD clients rely on.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, connect } from "node:net";
import type { Server } from "./serve.ts";
import { freePort, startTestServer, telnetClient as client } from "./net-harness.ts";
import type { NetworkSettings } from "./config.ts";
import { newVerbDef, VF } from "../objects/model.ts";

const start = async (network: Partial<NetworkSettings> = {}): Promise<Server> => startTestServer("network", {
  network: { telnetPort: await freePort(), httpPort: 0, ...network },
}, true);

const login = async (port: number, name: string) => {
  const c = client(port);
  c.send(`connect ${name}`);
  await c.wait(/^\*\*\* Created \*\*\*$/);
  return c;
};

const until = async (ok: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 300; i++) { if (ok()) return; await new Promise((r) => setTimeout(r, 10)); }
  throw new Error(`timed out waiting for ${what}`);
};

test("connection_options lists LambdaMOO's options in its order; set and get them; errors", async () => {
  const server = await start();
  const c = await login(server.listeners[0]!.port, "opts");
  c.send("; return connection_options(player);");
  assert.equal(await c.wait(/^=>/), `=> {{"binary", 0}, {"flush-command", ".flush"}, {"hold-input", 0}, {"disable-oob", 0}, ` +
    `{"intrinsic-commands", {"PREFIX", "SUFFIX", "OUTPUTPREFIX", "OUTPUTSUFFIX", ".program"}}, {"client-echo", 1}}`);
  c.send(`; set_connection_option(player, "flush-command", "@@flush"); return connection_option(player, "FLUSH-COMMAND");`);
  assert.equal(await c.wait(/^=>/), `=> "@@flush"`);
  c.send("@@flush");
  assert.equal(await c.wait(/^>>/), ">> No pending input to flush...");
  for (const bad of [`set_connection_option(player, "no-such", 1)`, `connection_option(player, "no-such")`,
    `set_connection_option(player, "intrinsic-commands", {"PREFIX", "bogus"})`, `connection_options(#-5)`]) {
    c.send(`; return ${bad};`);
    assert.match(await c.wait(/^=>|Invalid argument/), /Invalid argument/, bad);
  }
  await server.shutdown();
});

test("hold-input keeps typed lines for read(), one per read; .flush shows what is held", async () => {
  const server = await start();
  const c = await login(server.listeners[0]!.port, "holder");
  c.send(`; set_connection_option(player, "hold-input", 1); fork (0) notify(player, "got " + read(player)); endfork return "holding";`);
  await c.wait(/holding/);
  c.send("first line");
  assert.equal(await c.wait(/^got/), "got first line");
  c.send("second line");
  c.send(".flush");
  await c.wait(/^>> Flushing the following pending input:$/);
  assert.equal(await c.wait(/^>>     /), ">>     second line");
  await server.shutdown();
});

test("disable-oob makes #$# lines ordinary commands; intrinsic-commands turns PREFIX off", async () => {
  const server = await start();
  const w = server.booted.world;
  // Out-of-band lines and commands each say where they went.
  w.get(0).verbs.push(
    newVerbDef("do_out_of_band_command", 3, VF.READ | VF.EXEC | VF.DEBUG, "this", -1, "this", `notify(player, "oob: " + argstr);`),
    newVerbDef("do_command", 3, VF.READ | VF.EXEC | VF.DEBUG, "this", -1, "this",
      `if (args && args[1] in {"#$#mcp", "PREFIX"}) notify(player, "command: " + argstr); return 1; endif return 0;`));
  w.reshape(0);
  const c = await login(server.listeners[0]!.port, "oob");
  c.send("#$#mcp version: 2.1");
  assert.equal(await c.wait(/^(oob|command):/), "oob: #$#mcp version: 2.1");
  c.send(`; set_connection_option(player, "disable-oob", 1); return 1;`);
  assert.equal(await c.wait(/^=>/), "=> 1");
  c.send("#$#mcp version: 2.1");
  assert.equal(await c.wait(/^(oob|command):/), "command: #$#mcp version: 2.1");
  c.send(`; set_connection_option(player, "intrinsic-commands", {"SUFFIX"}); return connection_option(player, "intrinsic-commands");`);
  assert.equal(await c.wait(/^=>/), `=> {"SUFFIX"}`);
  c.send("PREFIX >>");
  assert.equal(await c.wait(/^(=>|command:)/), "command: PREFIX >>");
  await server.shutdown();
});

test("binary mode: input arrives unsplit as a binary string, output goes out as its bytes", async () => {
  const server = await start();
  const c = await login(server.listeners[0]!.port, "bin");
  c.send(`; set_connection_option(player, "binary", 1); fork (0) x = read(player); set_connection_option(player, "binary", 0); notify(player, "read " + x); endfork notify(player, "A~0D~0AB~FF"); return 1;`);
  // No line ending after either line while binary: the notify()ed bytes, then the eval's "=> 1".
  await until(() => c.bytes().includes(Buffer.from([0x41, 13, 10, 0x42, 0xff, 0x3d, 0x3e, 0x20, 0x31])), "binary output");
  c.sock.write(Buffer.from([0x68, 0x69, 13, 10, 0x00]));
  assert.match(await c.wait(/read/), /read hi~0D~0A~00$/);
  await server.shutdown();
});

test("client-echo off asks the telnet client not to echo (IAC WILL ECHO), on undoes it (IAC WONT ECHO)", async () => {
  const server = await start();
  const c = await login(server.listeners[0]!.port, "echo");
  c.send(`; set_connection_option(player, "client-echo", 0); return 1;`);
  await c.wait(/=> 1$/);
  assert.ok(c.bytes().includes(Buffer.from([255, 251, 1])));
  c.send(`; set_connection_option(player, "client-echo", 1); return connection_option(player, "client-echo");`);
  await c.wait(/=> 1$/);
  assert.ok(c.bytes().includes(Buffer.from([255, 252, 1])));
  await server.shutdown();
});

test("buffered_output_length: the configured limit, and a connection's unread output", async () => {
  const server = await start({ maxQueuedOutput: 123456 });
  const c = await login(server.listeners[0]!.port, "buf");
  c.send("; return {buffered_output_length(), buffered_output_length(player) >= 0};");
  assert.equal(await c.wait(/^=>/), "=> {123456, 1}");
  await server.shutdown();
});

test("listen, listeners and unlisten: a new telnet point whose connections log in; then it stops accepting", async () => {
  const server = await start();
  const main = server.listeners[0]!.port;
  const c = await login(main, "wiz");
  const extra = await freePort();
  c.send(`; return listeners();`);
  assert.equal(await c.wait(/^=>/), `=> {{#0, ${main}, 1}}`);
  c.send(`; return listen(#0, ${extra}, 0);`);
  assert.equal(await c.wait(/^=>/), `=> ${extra}`);
  c.send(`; return {listeners(), listen(#0, ${extra})};`);
  assert.match(await c.wait(/^=>|Invalid argument/), /Invalid argument/);
  c.send(`; return listeners();`);
  assert.equal(await c.wait(/^=>/), `=> {{#0, ${main}, 1}, {#0, ${extra}, 0}}`);
  // Its connections log in through #0 as usual; it prints no server messages (print-messages 0).
  const d = client(extra);
  d.send("connect quiet");
  d.send("; return 5;");
  assert.equal(await d.wait(/^=>/), "=> 5");
  assert.ok(!d.got.some((l) => l.includes("Created")));
  c.send(`; return unlisten(${extra});`);
  assert.equal(await c.wait(/^=>/), "=> 0");
  // The connection it took stays; new ones are refused.
  d.send("; return 6;");
  assert.equal(await d.wait(/^=>/), "=> 6");
  const refused = await new Promise<boolean>((r) => { const s = connect(extra, "127.0.0.1"); s.on("error", () => r(true)); s.on("connect", () => { s.destroy(); r(false); }); });
  assert.ok(refused);
  c.send(`; return unlisten(${extra});`);
  assert.match(await c.wait(/^=>|Invalid argument/), /Invalid argument/);
  c.send(`; return listen(#0, "x");`);
  assert.match(await c.wait(/^=>|Type mismatch/), /Type mismatch/);
  await server.shutdown();
});

test("open_network_connection: refused unless config allows the host; then a live connection MOO code writes to", async () => {
  const closed = await start();
  const c = await login(closed.listeners[0]!.port, "out");
  c.send(`; return open_network_connection("127.0.0.1", 9);`);
  assert.match(await c.wait(/^=>|Permission denied/), /Permission denied/);
  await closed.shutdown();

  const heard: string[] = [];
  const far = createServer((s) => { s.setEncoding("utf8"); s.on("data", (d: string) => heard.push(d)); });
  await new Promise<void>((r) => far.listen(0, "127.0.0.1", r));
  const farPort = (far.address() as { port: number }).port;
  const open = await start({ outboundHosts: ["127.0.0.1"] });
  const o = await login(open.listeners[0]!.port, "out2");
  o.send(`; c = open_network_connection("127.0.0.1", ${farPort}); notify(c, "ping"); return {c < #0, (c in connected_players(1)) > 0};`);
  assert.equal(await o.wait(/^=>/), "=> {1, 1}");
  await until(() => heard.join("").includes("ping\r\n"), "the far end to hear ping");
  o.send(`; return open_network_connection("example.invalid", 80);`);
  assert.match(await o.wait(/^=>|Permission denied/), /Permission denied/);
  await open.shutdown();
  far.close();
});
