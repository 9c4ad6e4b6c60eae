// Task and server builtins against LambdaMOO execute.c and server.c: callers()
// and caller_perms() through nested verb calls, set_task_perms, notify,
// server_version/server_log, and the inert connection and queue builtins.

import { test } from "node:test";
import assert from "node:assert/strict";
import { testWorld, WIZARD, PROGRAMMER, NONPROGRAMMER, type TestWorld } from "../test-world.ts";
import { FLAG, VF, type MooObject } from "../model.ts";
import { type Value, T } from "../../verbs/value.ts";
import { type BuiltinSpec, Request } from "../../verbs/builtin-spec.ts";
import { verbBuiltins } from "./verbs.ts";
import { taskBuiltins, SERVER_VERSION } from "./tasks.ts";

/** A builtin that calls a verb and resumes with its value, as move() calls :enterfunc. */
const callBack: BuiltinSpec = {
  name: "call_back", min: 2, max: 2, types: [T.OBJ, T.STR], perm: "anyone",
  fn: (args: Value[]) => new Request({ kind: "callVerb", obj: args[0]!, name: args[1] as string, args: [], then: 0 }),
  resume: (v: Value) => v,
};

const world = (): TestWorld => testWorld(verbBuiltins, taskBuiltins, [callBack]);

const verb = (o: MooObject, names: string, owner: number, source: string): void => {
  o.verbs.push({ names, owner, perms: VF.READ | VF.EXEC | VF.DEBUG, dobj: "this", prep: -1, iobj: "this", source, program: null, code: null });
};

const expect = (t: TestWorld, player: number, cases: [string, string][]): void => {
  for (const [code, want] of cases) assert.equal(t.run(code, player), want, `${code} as #${player}`);
};

test("callers(): the frames below, immediate caller first, with line numbers on request", () => {
  const t = world();
  const base = t.world.create(1, WIZARD);
  const o = t.world.create(base.id, WIZARD);
  const b = `#${base.id}`, c = `#${o.id}`;
  verb(base, "outer", WIZARD, `x = 1;\nreturn this:middle();`);
  verb(o, "middle", PROGRAMMER, `return #${o.id}:inner();`);
  verb(o, "inner", NONPROGRAMMER, `"line 1";\nreturn args ? callers(@args) | callers();`);
  verb(o, "perms", NONPROGRAMMER, `return caller_perms();`);
  assert.equal(t.run(`return ${c}:inner();`, NONPROGRAMMER), `{{#-1, "", #5, #-1, #5}}`);
  assert.equal(t.run(`return callers();`), "{}");
  // outer is inherited: `this` is the child, the verb location its parent.
  assert.equal(t.run(`return ${c}:outer();`, PROGRAMMER),
    `{{${c}, "middle", #4, ${c}, #4}, {${c}, "outer", #3, ${b}, #4}, {#-1, "", #4, #-1, #4}}`);
  verb(o, "lines", WIZARD, `return this:inner(1);`);
  assert.equal(t.run(`return ${c}:lines();`), `{{${c}, "lines", #3, ${c}, #3, 1}, {#-1, "", #3, #-1, #3, 1}}`);
  verb(base, "deep", WIZARD, `"one";\n"two";\nreturn {this:inner(1), this:inner(0)};`);
  assert.equal(t.run(`y = 0;\nreturn ${c}:deep();`),
    `{{{${c}, "deep", #3, ${b}, #3, 3}, {#-1, "", #3, #-1, #3, 2}}, {{${c}, "deep", #3, ${b}, #3}, {#-1, "", #3, #-1, #3}}}`);
  assert.equal(t.run(`return callers(1, 2);`), "! E_ARGS");
});

test("callers(): a verb a builtin called is followed by the builtin's entry", () => {
  const t = world();
  const o = t.world.create(1, WIZARD);
  const c = `#${o.id}`;
  verb(o, "inner", WIZARD, `return callers();`);
  verb(o, "outer", WIZARD, `return call_back(this, "inner");`);
  assert.equal(t.run(`return ${c}:outer();`, NONPROGRAMMER),
    `{{#-1, "call_back", #-1, #-1, #5}, {${c}, "outer", #3, ${c}, #5}, {#-1, "", #5, #-1, #5}}`);
  verb(o, "inner1", WIZARD, `return callers(1)[1];`);
  assert.equal(t.run(`return call_back(${c}, "inner1");`), `{#-1, "call_back", #-1, #-1, #3, 0}`);
});

test("caller_perms(): the calling frame's programmer, #-1 at the bottom", () => {
  const t = world();
  const o = t.world.create(1, WIZARD);
  const c = `#${o.id}`;
  verb(o, "perms", NONPROGRAMMER, `return caller_perms();`);
  verb(o, "via", PROGRAMMER, `return this:perms();`);
  expect(t, WIZARD, [
    [`return caller_perms();`, "#-1"],
    [`return ${c}:perms();`, "#3"],
    [`return ${c}:via();`, "#4"],
    [`return caller_perms(1);`, "! E_ARGS"],
  ]);
  expect(t, NONPROGRAMMER, [[`return ${c}:perms();`, "#5"]]);
});

test("set_task_perms: to itself or by a wizard; it changes the current frame only", () => {
  const t = world();
  const o = t.world.create(1, WIZARD);
  const c = `#${o.id}`;
  verb(o, "perms", NONPROGRAMMER, `return caller_perms();`);
  verb(o, "drop", WIZARD, `set_task_perms(args[1]); return {caller_perms(), this:perms()};`);
  verb(o, "drop_then_wiz", WIZARD, `set_task_perms(#5); return set_task_perms(#3);`);
  expect(t, PROGRAMMER, [
    [`return set_task_perms(#4);`, "0"],
    [`return set_task_perms(#3);`, "! E_PERM"],
    [`return set_task_perms("#3");`, "! E_TYPE"],
    [`set_task_perms(#4); return ${c}:perms();`, "#4"],
  ]);
  expect(t, WIZARD, [
    [`set_task_perms(#5); return ${c}:perms();`, "#5"],
    // The frame below keeps its own perms; the one that changed reports the new ones.
    [`x = ${c}:drop(#4); return {x, ${c}:perms()};`, "{{#3, #4}, #3}"],
    [`return ${c}:drop_then_wiz();`, "! E_PERM"],
    // Without a wizard's perms, wizard-only builtins refuse.
    [`set_task_perms(#4); return server_log("x");`, "! E_PERM"],
    [`set_task_perms(#4); return set_task_perms(#3);`, "! E_PERM"],
  ]);
});

// conformance/kernel/eval/nonprogrammer.moot: #2:eval sets task perms to the player, then
// evals; a non-programmer's eval is E_PERM. nonprogrammer_bf.moot: a wizard that clears its
// own programmer flag may not eval either (is_programmer() reads the flag alone).
test("conformance: eval after set_task_perms(player), and a wizard without the programmer flag", () => {
  const t = world();
  const room = t.world.get(2);
  verb(room, "eval", WIZARD, `set_task_perms(player);\ntry\nreturn eval(args[1]);\nexcept e (ANY)\nreturn e[1];\nendtry`);
  assert.equal(t.run(`return #2:eval("return 5;");`, NONPROGRAMMER), "E_PERM"); // nonprogrammer.moot lines 2-4
  assert.equal(t.run(`return #2:eval("return 5;");`, PROGRAMMER), "{1, 5}");
  assert.equal(t.run(`player.programmer = 0; return eval("return 5;");`, WIZARD), "! E_PERM"); // nonprogrammer_bf.moot lines 2-3
  t.world.get(WIZARD).flags |= FLAG.PROGRAMMER;
  assert.equal(t.run(`return eval("return player;");`, WIZARD), "{1, #3}");
});

test("notify: the player itself or a wizard; returns 1 and reaches the player's output", () => {
  const t = world();
  expect(t, NONPROGRAMMER, [
    [`return notify(player, "hello");`, "1"],
    [`return notify(#4, "psst");`, "! E_PERM"],
    [`return notify(player, "again", 1);`, "1"],
    [`return notify(player, 1);`, "! E_TYPE"],
    [`return notify("#5", "x");`, "! E_TYPE"],
    [`return notify(player);`, "! E_ARGS"],
  ]);
  expect(t, WIZARD, [[`return notify(#4, "from the wizard");`, "1"]]);
  // Nobody connected (or no such object): LambdaMOO still answers 1.
  expect(t, WIZARD, [[`return notify(#999, "nobody");`, "1"]]);
  assert.deepEqual(t.output.get(NONPROGRAMMER), ["hello", "again"]);
  assert.deepEqual(t.output.get(PROGRAMMER), ["from the wizard"]);
});

test("server_version: LambdaMOO's version string, and its structure by path", () => {
  const t = world();
  assert.match(SERVER_VERSION, /^1\.8\.3\+/);
  expect(t, NONPROGRAMMER, [
    [`return server_version();`, JSON.stringify(SERVER_VERSION)],
    [`return server_version("major");`, "1"],
    [`return {server_version("minor"), server_version("release")};`, "{8, 3}"],
    [`return server_version("string") == server_version();`, "1"],
    [`return server_version("source/vcs");`, `"moo-server"`],
    [`return server_version("features/");`, "{}"],
    [`return typeof(server_version(""));`, "4"],
    [`return server_version(0) == server_version("");`, "1"],
    [`return server_version("nope");`, "! E_INVARG"],
    [`return server_version("Major");`, "! E_INVARG"],
    [`return server_version("major/x");`, "! E_INVARG"],
    [`return server_version("options/x");`, "! E_INVARG"],
    [`return server_version(1, 2);`, "! E_ARGS"],
  ]);
});

test("server_log: wizards only; one timestamped line on stderr, *** for errors", () => {
  const t = world();
  const lines: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((s: string) => { lines.push(s); return true; }) as typeof process.stderr.write;
  try {
    expect(t, WIZARD, [
      [`return server_log("plain");`, "0"],
      [`return server_log("bad", 1);`, "0"],
      [`return server_log(1);`, "! E_TYPE"],
    ]);
    expect(t, PROGRAMMER, [[`return server_log("no");`, "! E_PERM"]]);
  } finally {
    process.stderr.write = write;
  }
  assert.equal(lines.length, 2);
  assert.match(lines[0]!, /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d: > plain\n$/);
  assert.match(lines[1]!, /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d: \*\*\* > bad\n$/);
});

test("memory_usage answers as LambdaMOO without its own malloc", () => {
  const t = world();
  expect(t, NONPROGRAMMER, [[`return memory_usage();`, "{}"]]);
});

test("connection builtins: LambdaMOO's permission checks, then nobody is connected", () => {
  const t = world();
  expect(t, PROGRAMMER, [
    [`return connected_players();`, "{}"],
    [`return connected_players(1);`, "{}"],
    [`return connected_seconds(#4);`, "! E_INVARG"],
    [`return idle_seconds(#4);`, "! E_INVARG"],
    [`return connection_name(#4);`, "! E_INVARG"],
    [`return connection_name(#5);`, "! E_PERM"],
    [`return boot_player(#5);`, "! E_PERM"],
    [`return boot_player(#4);`, "0"],
    [`return connection_option(#5, "hold-input");`, "! E_INVARG"],
    [`return connection_options(#4);`, "! E_INVARG"],
    [`return set_connection_option(#5, "hold-input", 1);`, "! E_PERM"],
    [`return set_connection_option(#4, "hold-input", 1);`, "! E_INVARG"],
    [`return buffered_output_length(#4);`, "! E_INVARG"],
    [`return output_delimiters(#5);`, "! E_PERM"],
    [`return output_delimiters(#4);`, "! E_INVARG"],
    [`return force_input(#5, "look");`, "! E_PERM"],
    [`return force_input(#4, "look");`, "! E_INVARG"],
    [`return flush_input(#5);`, "! E_PERM"],
    [`return flush_input(#4, 1);`, "0"],
    [`return connection_name("#4");`, "! E_TYPE"],
  ]);
  expect(t, WIZARD, [
    [`return connection_name(#5);`, "! E_INVARG"],
    [`return boot_player(#5);`, "0"],
  ]);
});

test("server builtins: shutdown and dump_database are a wizard's", () => {
  const t = world();
  expect(t, PROGRAMMER, [
    [`return shutdown();`, "! E_PERM"],
    [`return dump_database();`, "! E_PERM"],
    [`return function_info("notify");`, `{"notify", 2, 3, {1, 2, -1}}`],
  ]);
  expect(t, WIZARD, [
    [`return shutdown("bye");`, "! E_INVARG"],
    [`return shutdown(1);`, "! E_TYPE"],
    [`return dump_database();`, "0"],
  ]);
});
