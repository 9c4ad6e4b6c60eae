// The web client's structured protocol over a real websocket: plain line
// clients unaffected; editor requests with exactly the player's rights
// (compile errors with line and column); console requests for wizards
// only, checked on every request; bad frames answered, not fatal;
// open_editor(); and the client's files served safely.

import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import type { Server } from "./serve.ts";
import { freePort, startTestServer } from "./net-harness.ts";
import { SUBPROTOCOL, C, S, type ServerMessage, type RequestCode, type Results, type ConsoleStatus } from "./protocol.ts";
import { resolveInside } from "./static-files.ts";
import { FLAG } from "../objects/model.ts";

/** A test server, shut down (and its clients closed) when the test ends, passed or not. */
const start = async (t: TestContext, wizards = false): Promise<{ server: Server; port: number }> => {
  const server = await startTestServer("client", { network: { telnetPort: 0, httpPort: await freePort(), maxLineBytes: 1000 } }, wizards);
  t.after(() => server.shutdown());
  return { server, port: server.listeners.find((l) => l.kind === "websocket")!.port };
};

type Reply<K extends RequestCode> = { ok: true; result: Results[K] } | { ok: false; error: string; message: string };

/** A structured client: lines in and out, and requests answered by id. */
const client = async (port: number, protocols: string[] = [SUBPROTOCOL]) => {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, protocols);
  const got: ServerMessage[] = [];
  ws.on("message", (d) => got.push(JSON.parse(d.toString()) as ServerMessage));
  ws.on("error", () => {});
  await new Promise<void>((r) => ws.on("open", () => r()));
  let nextId = 1;
  const until = async <T>(find: () => T | undefined, what: string, ms = 3000): Promise<T> => {
    for (const end = Date.now() + ms; ;) {
      const x = find();
      if (x !== undefined) return x;
      if (Date.now() > end) throw new Error(`no ${what}; got ${JSON.stringify(got).slice(0, 2000)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const c = {
    ws, got,
    send: (m: unknown) => ws.send(typeof m === "string" ? m : JSON.stringify(m)),
    line: (text: string) => c.send({ c: C.INPUT, line: text }),
    /** The first output line matching re, taken with everything before it. */
    output: async (re: RegExp): Promise<string> => {
      const i = await until(() => { const i = got.findIndex((m) => m.c === S.OUTPUT && re.test(m.line)); return i >= 0 ? i : undefined; }, `line matching ${re}`);
      return (got.splice(0, i + 1)[i] as { line: string }).line;
    },
    ask: async <K extends RequestCode>(code: K, body: Record<string, unknown>): Promise<Reply<K>> => {
      const id = nextId++;
      c.send({ ...body, c: code, id });
      const m = await until(() => got.find((x) => (x.c === S.REPLY || x.c === S.FAILED) && x.id === id), `reply to ${id}`);
      return m.c === S.REPLY ? { ok: true, result: m.result as Results[K] } : m.c === S.FAILED ? { ok: false, error: m.error, message: m.message } : assert.fail();
    },
    login: async (name: string): Promise<number> => {
      c.line(`connect ${name}`);
      const p = await until(() => got.find((m) => m.c === S.PLAYER), "PLAYER message");
      return p.c === S.PLAYER ? p.player : -1;
    },
    eval: async (code: string): Promise<string> => { c.line(`; ${code}`); return c.output(/^(=>|compile error)/); },
  };
  return c;
};

test("plain websocket clients keep one frame per line; a client asking for the subprotocol gets JSON messages", async (t) => {
  const { server, port } = await start(t);
  const plain = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  const lines: string[] = [];
  plain.on("message", (d) => lines.push(d.toString()));
  await new Promise<void>((r) => plain.on("open", () => r()));
  assert.equal(plain.protocol, "");
  plain.send("connect plainly");
  for (let i = 0; i < 200 && !lines.includes("*** Created ***"); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(lines.includes("*** Created ***"));
  assert.ok(lines.some((l) => /^#\$#moo-session \S+$/.test(l)), "the session token is an out-of-band line");
  plain.send("; return 6 * 7;");
  for (let i = 0; i < 200 && !lines.includes("=> 42"); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(lines.includes("=> 42"));

  // Asked among other protocols, the subprotocol is chosen.
  const s = await client(port, ["chat", SUBPROTOCOL]);
  assert.equal(s.ws.protocol, SUBPROTOCOL);
  const me = await s.login("structured");
  assert.ok(me > 0);
  assert.equal(await s.eval("return {1, \"two\"};"), '=> {1, "two"}');
  // A typed line over the limit is cut and the client told, as telnet does.
  s.line(`; return length("${"é".repeat(600)}");`);
  assert.match(await s.output(/too long/), /cut to 1000 bytes/);
  plain.close(); s.ws.close();
});

test("editor requests read and change verbs with exactly the player's rights", async (t) => {
  const { server, port } = await start(t);
  const owner = await client(port), other = await client(port);
  const ownerId = await owner.login("owner"), otherId = await other.login("other");
  const made = await owner.eval(`o = create(#1); o.name = "gadget"; add_verb(o, {player, "xd", "secret"}, {"this", "none", "this"});
    add_verb(o, {player, "rxd", "open"}, {"this", "none", "this"}); set_verb_code(o, "secret", {"return 42;"}); return o;`);
  const obj = /^=> #(\d+)$/.exec(made)![1]!;

  // The owner reads the unreadable verb, and finds inherited ones on their definer.
  const load = await owner.ask(C.VERB_LOAD, { obj: `#${obj}`, verb: "secret" });
  assert.ok(load.ok);
  assert.deepEqual({ ...load.result, owner: undefined }, {
    obj: Number(obj), objName: "gadget", index: 1, names: "secret", owner: undefined, ownerName: "owner", perms: "xd",
    args: ["this", "none", "this"], code: ["return 42;"],
  });
  assert.equal(load.result.owner, ownerId);
  const inherited = await owner.ask(C.VERB_LOAD, { obj: "#2", verb: "eval" });
  assert.ok(inherited.ok && inherited.result.obj === 2);

  // Another programmer may not read or change it: the builtins' own E_PERM.
  assert.deepEqual(await other.ask(C.VERB_LOAD, { obj: `#${obj}`, verb: "secret" }), { ok: false, error: "E_PERM", message: "Permission denied" });
  assert.equal((await other.ask(C.VERB_SAVE, { obj: `#${obj}`, verb: "secret", code: ["return 0;"] })).ok, false);
  assert.equal((await other.ask(C.VERB_SET_INFO, { obj: `#${obj}`, verb: "open", names: "mine", perms: "rxd", args: ["this", "none", "this"] })).ok, false);
  assert.equal((await other.ask(C.VERB_LOAD, { obj: `#${obj}`, verb: "open" })).ok, true, "a readable verb can be read");

  // Compile errors come back with line and column, and change nothing.
  const bad = await owner.ask(C.VERB_SAVE, { obj: `#${obj}`, verb: 1, code: ["x = 1;", "return x +;"] });
  assert.deepEqual(bad, { ok: true, result: { errors: [{ line: 2, col: 11, message: 'syntax error: expected expression, found ";"' }] } });
  assert.equal(await owner.eval(`return #${obj}:secret();`), "=> 42");
  assert.deepEqual(await owner.ask(C.VERB_SAVE, { obj: `#${obj}`, verb: 1, code: ["x = 6;", "return x * 7 + 1;"] }), { ok: true, result: { errors: [] } });
  assert.equal(await owner.eval(`return #${obj}:secret();`), "=> 43");

  // Names, permissions and arguments.
  const info = await owner.ask(C.VERB_SET_INFO, { obj: `#${obj}`, verb: 1, names: "secret hidden", perms: "rxd", args: ["any", "with/using", "this"] });
  assert.ok(info.ok);
  assert.deepEqual([info.result.names, info.result.perms, info.result.args], ["secret hidden", "rxd", ["any", "with/using", "this"]]);

  // The browser lists the object's verbs and properties with inherited ones; unreadable values stay hidden.
  assert.equal(await owner.eval(`add_property(#${obj}, "private", "hush", {player, ""}); add_property(#${obj}, "public", {1, 2}, {player, "r"});`), "=> 0");
  const mine = await owner.ask(C.OBJECT_LOAD, { obj: `#${obj}` });
  const before = await other.ask(C.OBJECT_LOAD, { obj: `#${obj}` });
  assert.ok(before.ok && !before.result.chain[0]!.readable, "an object without the r bit lists nothing to others");
  assert.equal(before.result.props.some((p) => p.definer === Number(obj)), false);
  await owner.eval(`#${obj}.r = 1;`);
  const theirs = await other.ask(C.OBJECT_LOAD, { obj: `#${obj}` });
  assert.ok(mine.ok && theirs.ok);
  assert.deepEqual(mine.result.chain.map((c) => c.obj), [Number(obj), 1]);
  assert.deepEqual(mine.result.props.filter((p) => p.definer === Number(obj)).map((p) => [p.name, p.value]), [["private", '"hush"'], ["public", "{1, 2}"]]);
  assert.deepEqual(theirs.result.props.filter((p) => p.definer === Number(obj)).map((p) => [p.name, p.value]), [["private", null], ["public", "{1, 2}"]]);
  assert.ok(mine.result.props.some((p) => p.definer === 1 && p.name === "description"), "inherited properties are listed with their definer");
  assert.deepEqual(theirs.result.verbs.filter((v) => v.definer === Number(obj)).map((v) => [v.names, v.owner !== null]), [["secret hidden", true], ["open", true]]);

  // A player who is no programmer gets no editor at all.
  server.booted.world.get(otherId).flags &= ~FLAG.PROGRAMMER;
  assert.deepEqual(await other.ask(C.VERB_LOAD, { obj: `#${obj}`, verb: "open" }), { ok: false, error: "E_PERM", message: "The verb editor is for programmers." });
  owner.ws.close(); other.ws.close();
});

test("console requests are for wizards, checked on every request", async (t) => {
  const { server, port } = await start(t, true);
  const wiz = await client(port);
  const me = await wiz.login("boss");
  const status = async (): Promise<ConsoleStatus> => {
    const r = await wiz.ask(C.CONSOLE_STATUS, { since: 0 });
    assert.ok(r.ok, JSON.stringify(r));
    return r.result;
  };
  const task = Number(/=> (\d+)/.exec(await wiz.eval("fork t (60) player:tell(\"late\"); endfork return t;"))![1]);
  const s = await status();
  assert.ok(s.connections.some((c) => c.player === me && c.name === "boss" && /websocket/.test(c.address)));
  const row = s.tasks.rows.find((t) => t.id === task);
  assert.equal(row?.state, "sleeping");
  assert.equal(row?.owner, me);
  assert.ok(s.players.some((p) => p.player === me && p.queued === 1));
  assert.ok(s.log.some((l) => /CREATED: #\d+/.test(l)), "the log's tail");
  await wiz.eval('server_log("noted by MOO code");');
  assert.ok((await status()).log.some((l) => /: > noted by MOO code$/.test(l)), "server_log() lines are in the log");

  assert.deepEqual(await wiz.ask(C.TASK_KILL, { task }), { ok: true, result: null });
  assert.equal((await status()).tasks.rows.some((t) => t.id === task), false);
  assert.deepEqual(await wiz.ask(C.TASK_KILL, { task }), { ok: false, error: "E_INVARG", message: "Invalid argument" });

  assert.ok((await wiz.ask(C.QUOTA_SET, { player: me, quota: { ticks_per_second: 1234 } })).ok);
  const q = (await status()).players.find((p) => p.player === me)!;
  assert.equal(q.quota.ticks_per_second, 1234);
  assert.equal(q.overridden, true);
  assert.equal((await wiz.ask(C.QUOTA_SET, { player: me, quota: { nonsense: 1 } })).ok, false);
  assert.ok((await wiz.ask(C.BACKUP, {})).ok);
  for (let i = 0; i < 200 && !(await status()).server.lastBackup; i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok((await status()).server.lastBackup);

  // The wizard bit goes; the next request is refused.
  await wiz.eval("player.wizard = 0;");
  assert.deepEqual(await wiz.ask(C.CONSOLE_STATUS, { since: 0 }), { ok: false, error: "E_PERM", message: "The operator console is for wizards." });
  assert.equal((await wiz.ask(C.SHUTDOWN, { message: "no" })).ok, false);
  wiz.ws.close();
});

test("bad frames are answered and the connection goes on", async (t) => {
  const { server, port } = await start(t);
  const c = await client(port);
  const failed = async (frame: unknown, error: string) => {
    c.send(frame);
    const i = await (async () => {
      for (let n = 0; n < 300; n++) {
        const i = c.got.findIndex((m) => m.c === S.FAILED);
        if (i >= 0) return i;
        await new Promise((r) => setTimeout(r, 5));
      }
      return assert.fail(`no FAILED for ${JSON.stringify(frame)}`);
    })();
    const m = c.got.splice(i, 1)[0]!;
    assert.equal(m.c === S.FAILED && m.error, error, JSON.stringify(m));
  };
  await failed({ c: C.VERB_LOAD, id: 1, obj: "#1", verb: "x" }, "NOT_LOGGED_IN");
  await c.login("tester");
  await failed("not json", "BAD_REQUEST");
  await failed([1, 2], "BAD_REQUEST");
  await failed({ c: 999, id: 2 }, "BAD_REQUEST");
  await failed({ c: C.VERB_LOAD, id: 3, obj: "lamp", verb: "x" }, "BAD_REQUEST");
  await failed({ c: C.VERB_SAVE, id: 4, obj: "#1", verb: "x", code: "return 1;" }, "BAD_REQUEST");
  await failed({ c: C.VERB_SET_INFO, id: 5, obj: "#1", verb: "x", names: "x", perms: "rq", args: ["this", "none", "this"] }, "BAD_REQUEST");
  await failed({ c: C.INPUT }, "BAD_REQUEST");
  await failed({ c: C.VERB_LOAD, id: 6, obj: "$nothing_here", verb: "x" }, "E_PROPNF");
  await failed({ c: C.VERB_LOAD, id: 7, obj: "#9999", verb: "x" }, "E_INVARG");
  assert.equal(await c.eval("return 1;"), "=> 1");
  c.ws.close();
});

test("open_editor opens the editor on a structured client only, and only for the player or a wizard", async (t) => {
  const { server, port } = await start(t);
  const web = await client(port);
  const webId = await web.login("webby");
  const plain = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  const lines: string[] = [];
  plain.on("message", (d) => lines.push(d.toString()));
  await new Promise<void>((r) => plain.on("open", () => r()));
  plain.send("connect liney");
  plain.send('; return open_editor(player, #1, "look");');
  for (let i = 0; i < 300 && !lines.some((l) => l.startsWith("=>")); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(lines.includes("=> 0"), "a plain client has no editor");
  assert.equal(lines.some((l) => l.startsWith("#$#moo-edit")), false);

  web.line('; return open_editor(player, #1, "look");');
  assert.equal(await web.output(/^#\$#moo-edit/), '#$#moo-edit {"obj":"#1","verb":"look"}', "in order with the task's output");
  assert.equal(await web.output(/^=>/), "=> 1");
  plain.send(`; return open_editor(#${webId}, #1, "look");`);
  for (let i = 0; i < 300 && !lines.some((l) => /E_PERM|Permission/.test(l)); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(lines.some((l) => /Permission denied/.test(l)), "another player's editor is not ours to open");
  plain.close(); web.ws.close();
});

test("the client's files: index at /, content types, nothing outside the folder", async (t) => {
  const { server, port } = await start(t);
  const base = `http://127.0.0.1:${port}`;
  const index = await fetch(`${base}/`);
  // The bundle is built by `npm run build`, which `npm test` runs first.
  assert.equal(index.status, 200);
  assert.equal(index.headers.get("content-type"), "text/html; charset=utf-8");
  assert.match(index.headers.get("content-security-policy") ?? "", /default-src 'self'/);
  assert.match(await index.text(), /<script type="module" src="main.js">/);
  assert.equal((await fetch(`${base}/main.js`)).headers.get("content-type"), "text/javascript; charset=utf-8");
  assert.equal((await fetch(`${base}/main.css`)).headers.get("content-type"), "text/css; charset=utf-8");
  for (const path of ["/nope.js", "/%2e%2e/package.json", "/..%2f..%2fpackage.json", "/.hidden", "/%00"]) {
    assert.equal((await fetch(`${base}${path}`)).status, 404, path);
  }
  assert.equal((await fetch(`${base}/`, { method: "POST" })).status, 405);

  const root = mkdtempSync(join(tmpdir(), "moo-static-"));
  mkdirSync(join(root, "site"));
  writeFileSync(join(root, "site", "a.txt"), "a");
  writeFileSync(join(root, "secret.txt"), "s");
  symlinkSync(join(root, "secret.txt"), join(root, "site", "link.txt"));
  const site = join(root, "site");
  assert.equal(resolveInside(site, "/a.txt"), join(site, "a.txt"));
  assert.equal(resolveInside(site, "/link.txt"), null, "a symlink out of the folder");
  assert.equal(resolveInside(site, "/../secret.txt"), null);
  assert.equal(resolveInside(site, "/%2e%2e%2fsecret.txt"), null);
  assert.equal(resolveInside(site, "/..\\secret.txt"), null);
});
