// The default core (world/core/): it loads, every verb compiles, `moo check`
// finds nothing, every command has help, and a scripted session through the
// real connection layer (with in-memory transports in place of sockets)
// works from login to @quit, with passwords stored only as hashes. The
// loader names the file and line of every problem.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, cpSync, readFileSync, writeFileSync, appendFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Value, type Box, T, listOf, mapOf } from "../verbs/value.ts";
import { compileSource } from "../verbs/compile-source.ts";
import { World } from "../objects/world.ts";
import { CLEAR } from "../objects/model.ts";
import { checkWorld, formatFault } from "../db/check.ts";
import { loadCore, defaultCoreDir, CoreError } from "./core-loader.ts";
import { boot, type Booted } from "./boot.ts";
import { clientBuiltins } from "./client-builtins.ts";
import { ConnectionManager } from "./connections.ts";
import type { Listener } from "./listener.ts";
import { configWith } from "./scheduler-harness.ts";

test("every verb of the core compiles, and moo check's checker finds no fault", () => {
  const w = loadCore(new World());
  let verbs = 0;
  for (const o of w.all()) {
    for (const v of o.verbs) {
      const r = compileSource(v.source);
      assert.ok(r.ok, `#${o.id}:${v.names}: ${r.ok ? "" : r.errors.map((e) => e.message).join("; ")}`);
      verbs++;
    }
  }
  assert.ok(verbs > 50, `${verbs} verbs`);
  assert.deepEqual(checkWorld(w).map(formatFault), []);
});

test("every command verb of the player classes and rooms and things has a help topic", () => {
  const w = loadCore(new World());
  const sys = w.get(0);
  const $ = (name: string): number => (w.valueOf(sys, sys.props.get(name)!, name) as Box).n;
  const help = w.get($("help"));
  const prop = (name: string): Box => w.valueOf(help, help.props.get(name)!, name) as Box;
  const synonyms = mapOf(prop("synonyms"));
  const topics = new Set(help.defs);
  const listed = listOf(prop("sections")).flatMap((s) => listOf(listOf(s as Box)[1] as Box)) as string[];
  for (const cls of ["player", "builder", "prog", "wiz", "room", "thing"]) {
    for (const v of w.get($(cls)).verbs) {
      if (v.dobj === "this" && v.iobj === "this") continue; // called by code, not typed
      if (v.names === "huh") continue;
      for (const alias of v.names.split(" ")) {
        const word = alias.replace("*", "");
        const topic = (synonyms.get(word) as string | undefined) ?? word;
        assert.ok(topics.has(topic), `no help for ${word} (${cls}:${v.names})`);
        assert.ok(listed.includes(topic), `${topic} is missing from help's index`);
      }
    }
  }
});

test("the loader reports each problem with its file and line, all at once", () => {
  const dir = join(mkdtempSync(join(tmpdir(), "moo-core-")), "core");
  cpSync(defaultCoreDir(), dir, { recursive: true });
  appendFileSync(join(dir, "classes/thing.obj"), "colour: red\n");
  const get = join(dir, "classes/thing/get.moo");
  const lines = readFileSync(get, "utf8").split("\n");
  lines[2] = "x = = 1;";
  writeFileSync(get, lines.join("\n"));
  const lantern = join(dir, "things/lantern.obj");
  writeFileSync(lantern, readFileSync(lantern, "utf8").replace(/set aliases = .*/, "set aliases = {lamp}"));
  writeFileSync(join(dir, "classes/root/notes.txt"), "hello");
  const thrown = (() => { try { loadCore(new World(), dir); } catch (e) { return e; } return null; })();
  assert.ok(thrown instanceof CoreError, String(thrown));
  const problems = thrown.problems.join("\n");
  assert.match(problems, /core\/classes\/thing\.obj:\d+: unknown field "colour"/);
  assert.match(problems, /core\/classes\/thing\/get\.moo:3: /);
  assert.match(problems, /core\/things\/lantern\.obj:7: not a MOO literal: the name lamp/);
  assert.match(problems, /core\/classes\/root\/notes\.txt: an object's verb folder holds only \.moo files/);
  assert.throws(() => loadCore(loadCore(new World())), /empty world/);
});

// ---- a session ----

interface Client {
  readonly closed: boolean;
  /** Type a line and wait until every task it starts is done; what this client got meanwhile. */
  type(line: string): Promise<string[]>;
  /** What this client got since the last look. */
  take(): string[];
}

const LISTENER: Listener = { kind: "test", object: 0, port: 0, printMessages: true, start: async () => {}, stop: async () => {} };

const serve = (): Booted & { open(name: string): Promise<Client>; shutdowns: string[]; path: string; end(): void } => {
  const dir = mkdtempSync(join(tmpdir(), "moo-core-session-"));
  const path = join(dir, "world.sqlite");
  const mgr = new ConnectionManager({ connectTimeoutSeconds: 0, maxPerAddress: 100, maxUnlogged: 100, sessionGraceSeconds: 0, maxQueuedOutput: 1 << 20 }, () => {});
  const shutdowns: string[] = [];
  const b = boot(path, configWith({ database: { backupDir: join(dir, "backups"), backupIntervalMinutes: 0 } }), mgr, {
    log: () => {},
    loggedIn: (conn, v, before) => mgr.loggedIn(conn, v, before),
    shutdown: (message) => { shutdowns.push(message); },
    // These clients are line clients: @edit explains .program.
    builtins: [clientBuiltins({ speaks: () => false })],
  });
  mgr.attach(b.scheduler);
  const s = b.scheduler;
  return {
    ...b, shutdowns, path,
    async open(name) {
      const got: string[] = [];
      let closed = false;
      const events = mgr.open({ name, kind: "test", buffered: 0, send: (l) => { got.push(l); }, close: () => { closed = true; }, setBinary() {}, setEcho() {} }, LISTENER);
      await s.idle();
      return {
        get closed() { return closed; },
        take: () => got.splice(0),
        async type(line) { events.line(line); await s.idle(); return got.splice(0); },
      };
    },
    end() { mgr.closeAll(""); s.stop(); b.backups.stop(); b.store.close(); },
  };
};

/** Each pattern matches some line, in this order. */
const shows = (lines: string[], ...patterns: (RegExp | string)[]): void => {
  let at = 0;
  for (const p of patterns) {
    const i = lines.findIndex((l, k) => k >= at && (typeof p === "string" ? l === p : p.test(l)));
    assert.ok(i >= 0, `no line ${p} (after line ${at}) in:\n${lines.join("\n")}`);
    at = i + 1;
  }
};
const idOf = (lines: string[], re: RegExp): number => {
  for (const l of lines) { const m = re.exec(l); if (m) return Number(m[1]); }
  throw new Error(`no line ${re} in:\n${lines.join("\n")}`);
};

/** Every string anywhere in a value (lists and maps included). */
const strings = (v: Value): string[] => {
  if (typeof v === "string") return [v];
  if (typeof v === "number") return [];
  if (v.tag === T.LIST) return listOf(v).flatMap(strings);
  if (v.tag === T.MAP) return mapOf(v).entries().flatMap(([k, x]) => [...strings(k), ...strings(x)]);
  return [];
};

test("a session: create, look, talk, walk, dig, build, program, @who, help, @quit, and no plain passwords stored", async () => {
  const m = serve();
  const PW = { alice: "pw-alice-7f3c", alice2: "pw-alice-e19a", bob: "pw-bob-91d2" };
  try {
    const a = await m.open("alice");
    shows(a.take(), /Welcome to the MOO/, /connect <name> <password>/, /create <name> <password>/);
    shows(await a.type(`create alice ${PW.alice}`), "*** Created ***", /^Welcome, alice!/, "Entrance Hall", /^A high hall/, "Exits: north and east.");
    const alice = m.world.players().find((p) => m.world.get(p).name === "alice")!;
    const b = await m.open("bob");
    shows(await b.type(`create Bob ${PW.bob}`), "*** Created ***", "Entrance Hall", "Wizard (asleep) and alice are here.");
    const x = await m.open("someone");
    shows(await x.type("create bob again"), "Someone is already called that.");
    shows(await x.type("create"), /^Usage: create <name> <password>/);
    shows(await a.type("look"), "Bob has connected.", "Entrance Hall", /^A high hall/, "Exits: north and east.", /Bob are here\.$/);

    // Talking
    shows(await a.type("say hello there"), 'You say, "hello there"');
    shows(await b.type('"hi'), 'alice says, "hello there"', 'You say, "hi"');
    shows(await a.type(":waves."), 'Bob says, "hi"', "alice waves.");
    shows(b.take(), "alice waves.");

    // Walking: a bare direction, and go
    shows(await a.type("north"), "Courtyard", /^An open courtyard/, "Exits: south, west and north.");
    shows(b.take(), "alice goes north.");
    shows(await a.type("look west"), "The way west leads to Garden.");
    shows(await a.type("go north"), "Workshop", "Exits: south.");
    shows(await a.type("go sideways"), "You can't go sideways from here.");

    // Building: a room with exits both ways, then a thing
    const dug = await a.type("@dig east to Attic");
    const attic = idOf(dug, /^You dig Attic \(#(\d+)\)/);
    shows(dug, /^You make the exit east \(#\d+\) from Workshop to Attic\.$/, /^You make the exit west \(#\d+\) from Attic to Workshop\.$/);
    shows(await a.type("@dig east to Elsewhere"), "There is already an exit east from here.");
    shows(await a.type("e"), "Attic", "Exits: west.");
    assert.equal(m.world.get(attic).owner, alice);
    const made = await a.type("@create widget,gadget");
    const widget = idOf(made, /^You create widget \(#(\d+)\); you are carrying it\.$/);
    shows(await a.type("i"), "You are carrying:", "  widget");
    shows(await a.type("drop gadget"), "Dropped.");
    shows(await a.type("look"), "Attic", "You see widget here.");
    shows(await a.type("take widget"), "Taken.");
    shows(await a.type("take widget"), "You already have that.");
    shows(await a.type('@describe widget as A small   "widget".'), "Description of widget set.");
    shows(await a.type("look widget"), 'A small   "widget".');
    shows(await a.type("@describe here as Dusty."), "Description of Attic set.");
    shows(await a.type("@rename widget to sprocket,spr"), `Renamed widget (#${widget}) to sprocket (also spr).`);
    shows(await a.type("look spr"), 'A small   "widget".');
    shows(await a.type("@describe #2 as Mine now."), "You can only describe what you own.");

    // Programming needs the programmer bit, which a wizard gives
    shows(await a.type('@property spr.color "red"'), /^I don't understand that/);
    const w = await m.open("wizard");
    shows(await w.type("connect Wizard"), "*** Connected ***", "Entrance Hall", /You have no password/);
    shows(await w.type("@programmer alice"), /^alice \(#\d+\) is now a programmer\.$/);
    shows(a.take(), /^Wizard has made you a programmer/);
    shows(await a.type('@property spr.color "red"'), `Property color added to sprocket (#${widget}) with value "red".`);
    shows(await a.type("; me.contents[1].color"), '=> "red"');
    shows(await a.type("@verb spr:spin this none none"), `Verb spin added to sprocket (#${widget}) with arguments this none none.`);
    shows(await a.type(`;set_verb_code(#${widget}, "spin", {"player:tell(\\"Whee!\\");"})`), "=> {}");
    shows(await a.type("spin spr"), "Whee!");
    shows(await a.type("@list spr:spin"), `#${widget}:"spin" this none none  (owner #${m.world.get(widget).owner}, rxd)`, '  1:  player:tell("Whee!");');
    shows(await a.type(";;x = 6; return x * 7;"), "=> 42");
    shows(await a.type(";1/0"), /Division by zero/);
    shows(await a.type(";foo("), /^Line 1: /);
    shows(await a.type("@edit spr:spin"), /^Your client has no verb editor\. Read the verb with @list #\d+:spin/);
    shows(await a.type("@program spr:spin"), /type \.program spr:spin on a line of its own/);

    // Who, help
    shows(await a.type("@who"), /^Player +Connected +Idle +Location$/, /^alice \(#\d+\) .* Attic$/, /^Bob /, /^Wizard \(#3\) .* Entrance Hall$/, "3 players are connected.");
    shows(await a.type("help"), /^Commands/, /^ {2}Everyone: +look, say/, /^ {2}Builders: +@create/, /^ {2}Programmers:/, /^ {2}Wizards:/);
    shows(await a.type("help @dig"), /^@dig <direction> to <new room name>/);
    shows(await a.type("help n"), /^go <direction>/);
    shows(await a.type("help frobnicate"), /^There is no help on "frobnicate"/);

    // Wizards' commands are the wizards'
    shows(await a.type("@shutdown"), /^I don't understand that/);
    shows(await a.type(`;$wiz:("@shutdown")()`), "Only wizards can do that.");
    shows(await w.type("@quota alice queued_tasks 10"), /^Task quotas of alice/, "  queued_tasks: 10");
    shows(await w.type("@shutdown closing time"), "Shutting down the server.");
    assert.deepEqual(m.shutdowns, ["closing time"]);

    // Recycling, passwords, quitting and coming back
    shows(await a.type("@recycle spr"), `sprocket (#${widget}) is recycled.`);
    assert.equal(m.world.valid(widget), false);
    shows(await a.type(`@password wrong ${PW.alice2}`), "That is not your password.");
    shows(await a.type(`@password ${PW.alice} ${PW.alice2}`), "Password changed.");
    shows(await a.type("@quit"), "*** Disconnected ***");
    assert.ok(a.closed);
    const again = await m.open("alice again");
    shows(await again.type(`connect alice ${PW.alice}`), /^Either that player does not exist/);
    shows(await again.type(`connect ALICE ${PW.alice2}`), "*** Connected ***", "Attic", "Dusty.");

    // Only hashes: in the world's properties, and in the database file itself.
    const secrets = Object.values(PW);
    const hash = m.world.valueOf(m.world.get(alice), m.world.get(alice).props.get("password")!, "password");
    assert.match(hash as string, /^\$scrypt\$/);
    for (const o of m.world.all()) {
      for (const [name, slot] of o.props) {
        if (slot.value === CLEAR) continue;
        for (const text of strings(slot.value)) {
          for (const pw of secrets) assert.ok(!text.includes(pw), `#${o.id}.${name} holds a password`);
        }
      }
    }
  } finally {
    m.end();
  }
  for (const file of [m.path, `${m.path}-wal`]) {
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    for (const pw of Object.values(PW)) assert.equal(bytes.indexOf(pw), -1, `${file} holds a password`);
  }
});
