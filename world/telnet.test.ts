// Telnet as clients meet it: line endings, negotiation stripped, long lines
// cut; and a real server on a socket: login, commands, connection builtins,
// garbage and floods from one client not disturbing another.

import { test } from "node:test";
import assert from "node:assert/strict";
import { TelnetDecoder } from "./telnet.ts";
import type { Server } from "./serve.ts";
import { freePort, startTestServer, telnetClient as client } from "./net-harness.ts";
import { newVerbDef, VF } from "../objects/model.ts";

const lines = (chunks: (number[] | string)[], max = 100): { text: string; cut: boolean }[] => {
  const d = new TelnetDecoder(max), out: { text: string; cut: boolean }[] = [];
  for (const c of chunks) d.feed(typeof c === "string" ? Buffer.from(c, "utf8") : Uint8Array.from(c), (text, cut) => out.push({ text, cut }));
  return out;
};

test("CR, LF and CRLF each end one line; telnet negotiation is stripped; IAC IAC is a 255 byte", () => {
  assert.deepEqual(lines(["a\r\nb\nc\rd\r", "\ne\n"]).map((l) => l.text), ["a", "b", "c", "d", "e"]);
  assert.deepEqual(lines([[104, 255, 251, 1, 105, 255, 250, 24, 1, 2, 3, 255, 240, 33, 10]]).map((l) => l.text), ["hi!"]);
  assert.deepEqual(lines([[255, 255, 10]]).map((l) => l.text), ["\ufffd"]);
  assert.deepEqual(lines([[0xe2, 0x82], [0xac, 10]]).map((l) => l.text), ["€"]); // UTF-8 split across reads
  assert.deepEqual(lines(["a\u0007b\u001bc\td\n"]).map((l) => l.text), ["abc\td"]);
  const long = lines(["x".repeat(250) + "\nok\n"], 100);
  assert.deepEqual(long.map((l) => [l.text.length, l.cut]), [[100, true], [2, false]]);
});

const start = async (): Promise<Server> => startTestServer("telnet", {
  network: { telnetPort: await freePort(), httpPort: 0, maxLineBytes: 1000, maxConnectionsPerAddress: 5 },
  tasks: { fgTicks: 100_000_000, fgSeconds: 60 },
}, true);

test("a telnet session: login, commands, connection builtins, boot_player", async () => {
  const server = await start();
  const port = server.listeners[0]!.port;
  const a = client(port);
  a.send("connect alice");
  await a.wait(/^\*\*\* Created \*\*\*$/);
  a.send("; return 6 * 7;");
  assert.equal(await a.wait(/^=>/), "=> 42");
  a.send("; return {connected_players(), connection_name(player), idle_seconds(player) >= 0};");
  assert.match(await a.wait(/^=>/), /^=> \{\{#\d+\}, "port \d+ from 127\.0\.0\.1, port \d+", 1\}$/);
  a.send("; boot_player(player);");
  await a.wait(/^\*\*\* Disconnected \*\*\*$/);
  for (let i = 0; i < 100 && !a.closed; i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(a.closed);
  await server.shutdown();
});

test("lines typed before the login finishes are the player's commands", async () => {
  const server = await start();
  const c = client(server.listeners[0]!.port);
  c.sock.write("connect quick\r\n; return \"first\";\r\n; return \"second\";\r\n");
  assert.equal(await c.wait(/^=>/), `=> "first"`);
  assert.equal(await c.wait(/^=>/), `=> "second"`);
  await server.shutdown();
});

test("garbage, oversized lines, IAC floods and a client vanishing mid-read() leave others undisturbed", async () => {
  const server = await start();
  const port = server.listeners[0]!.port;
  const good = client(port), again = client(port), reader = client(port);
  good.send("connect good"); await good.wait(/Created/);
  // The same player connecting again takes the connection over (LambdaMOO's redirect).
  again.send("connect good");
  await again.wait(/Redirecting old connection to this port/);
  await good.wait(/Redirecting connection to new port/);
  // A flood of negotiation, binary junk and an oversized line on another connection.
  const flood = client(port);
  flood.sock.write(Buffer.alloc(200_000, 255));
  flood.sock.write(Buffer.from([0, 1, 2, 3, 200, 201, 13, 10]));
  flood.sock.write("y".repeat(5000) + "\r\n");
  await flood.wait(/Input line too long/);
  again.send("; return 1 + 1;");
  assert.equal(await again.wait(/^=>/), "=> 2");
  again.send("; return player;");
  const me = (await again.wait(/^=>/)).slice(3);
  // A connection that goes away while a task reads from it: the task gets E_INVARG, others go on.
  reader.send("connect reader"); await reader.wait(/Created/);
  reader.send(`; fork (0) try read(player); except e (E_INVARG) notify(${me}, "reader got E_INVARG"); endtry endfork return "reading";`);
  await reader.wait(/reading/);
  await new Promise((r) => setTimeout(r, 50));
  reader.sock.destroy();
  assert.equal(await again.wait(/reader got/), "reader got E_INVARG");
  again.send("; return length(queued_tasks());");
  assert.equal(await again.wait(/^=>/), "=> 0");
  await server.shutdown();
});

test("intrinsic commands: .program in line mode, PREFIX/SUFFIX, out-of-band lines, .flush", async () => {
  const server = await start();
  const w = server.booted.world;
  w.get(0).verbs.push(newVerbDef("do_out_of_band_command", 3, VF.READ | VF.EXEC | VF.DEBUG, "this", -1, "this",
    `notify(player, "oob " + toliteral(args) + " " + argstr);`));
  w.reshape(0);
  const c = client(server.listeners[0]!.port);
  c.send("connect prog"); await c.wait(/Created/);
  c.send(`; add_verb(#2, {player, "rxd", "hello"}, {"this", "none", "this"}); return 1;`);
  await c.wait(/^=> 1/);
  c.send(".program #2:hello");
  assert.equal(await c.wait(/^Now programming/), `Now programming ${w.get(2).name}:hello.  Use "." to end.`);
  c.send(`notify(player, "hi from hello");`);
  c.send(".");
  await c.wait(/^0 error\(s\)\.$/);
  await c.wait(/^Verb programmed\.$/);
  c.send("; #2:hello();");
  await c.wait(/^hi from hello$/);
  c.send(".program #2:hello");
  await c.wait(/^Now programming/);
  c.send("return (;");
  c.send(".");
  assert.match(await c.wait(/^Line 1:/), /^Line 1:  /);
  await c.wait(/^1 error\(s\)\.$/);
  await c.wait(/^Verb not programmed\.$/);
  c.send(".program #2:nosuch"); await c.wait(/^That object does not have that verb definition\.$/);
  c.send(".program nowhere:hello"); await c.wait(/^I don't see "nowhere" here\.$/);
  c.send("PREFIX >>");
  c.send("SUFFIX <<");
  c.send("; return 1;");
  await c.wait(/^>>$/);
  await c.wait(/^=> 1$/);
  await c.wait(/^<<$/);
  c.send("PREFIX");
  c.send("SUFFIX");
  c.send(`#$#mcp version: 2.1`);
  assert.equal(await c.wait(/^oob/), `oob {"#$#mcp", "version:", "2.1"} #$#mcp version: 2.1`);
  c.send(`#$"; return 2;`);
  assert.equal(await c.wait(/^=>/), "=> 2");
  c.send(".flush");
  assert.equal(await c.wait(/^>>/), ">> No pending input to flush...");
  await server.shutdown();
});

test("shutting down tells every connection, and a task mid-run is committed whole, not half", async () => {
  const server = await start();
  const c = client(server.listeners[0]!.port);
  c.send("connect stayer"); await c.wait(/Created/);
  // A task that runs across many scheduler turns (atomically): half its work must never be stored.
  c.send(`; add_property(#0, "half", "before", {player, "rw"}); return 1;`);
  await c.wait(/^=> 1/);
  c.send(`; #0.half = "HALF"; for i in [1..3000000] endfor #0.half = "DONE";`);
  await new Promise((r) => setTimeout(r, 30));
  await server.shutdown("maintenance");
  await c.wait(/^\*\*\* Shutting down: maintenance \*\*\*$/);
  const { SqliteStore } = await import("../db/sqlite-store.ts");
  const store = SqliteStore.open(server.booted.store.db.name);
  const loaded = store.loadWorld();
  store.close();
  const half = loaded.objects.find((o) => o.id === 0)!.props.get("half");
  assert.ok(half?.value === "DONE" || half?.value === "before", String(half?.value));
});

test("output_delimiters, force_input and flush_input act on the live connection", async () => {
  const server = await start();
  const c = client(server.listeners[0]!.port);
  c.send("connect delim"); await c.wait(/Created/);
  c.send("PREFIX [[");
  c.send("SUFFIX ]]");
  c.send("; return output_delimiters(player);");
  assert.equal(await c.wait(/^=>/), `=> {"[[", "]]"}`);
  c.send("PREFIX");
  c.send("SUFFIX");
  c.send(`; force_input(player, "; return \\"forced\\";"); return "queued";`);
  assert.equal(await c.wait(/^=> "queued"/), `=> "queued"`);
  assert.equal(await c.wait(/^=> "forced"/), `=> "forced"`);
  c.send(`; force_input(player, "; return 7;"); flush_input(player, 1); return "flushed";`);
  await c.wait(/^>> Flushing the following pending input:$/);
  await c.wait(/^>>     ; return 7;$/);
  await c.wait(/^=> "flushed"/);
  await server.shutdown();
});
