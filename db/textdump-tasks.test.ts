// Task sections of LambdaMOO dumps, on Minimal.db with hand-written sections
// in the layout of tasks.c write_task_queue, execute.c write_activ and
// server.c write_active_connections: forks come back as source and
// variables, suspended tasks are parsed and reported as skipped.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { readTextdump } from "./textdump-read.ts";
import { type Value, toLiteral } from "../verbs/value.ts";

const path = join(dirname(fileURLToPath(import.meta.url)), "../../../shared/data/Minimal.db");
const skip = !existsSync(path) && `${path} not found`;

/** Minimal.db's objects and programs, as format `version`, followed by `sections`. */
const dump = (version: number, sections: string[]): string => {
  const text = readFileSync(path, "latin1");
  const body = text.slice(text.indexOf("\n") + 1, text.indexOf("0 clocks\n"));
  return `** LambdaMOO Database, Format Version ${version} **\n${body}${sections.map((l) => `${l}\n`).join("")}`;
};

/** write_activ_as_pi for a verb on #0 run by the wizard #3. */
const activation = (verb: string, debug = 1): string[] =>
  ["0", "-111", `0 -7 -8 3 -9 3 0 -10 ${debug}`, "No", "More", "Parse", "Infos", verb, verb];

const FORK = [
  "0 5 1700000000 424242",
  ...activation("do_login_command"),
  "6 variables",
  "player", "1", "3",
  "args", "4", "2", "2", "connect", "4", "1", "9", "1.5",
  "verb", "2", "do_login_command",
  "count", "0", "7",
  "Later", "6",
  "this", "1", "0",
  "notify(player, tostr(\"tick \", count));",
  "if (count > 0)",
  "return args;",
  "endif",
  ".",
];

/** A task suspended in suspend(), with a value to resume with and no max depth. */
const SUSPENDED_SIMPLE = (version: boolean) => [
  "1700000100 77 2",
  "resume value",
  "0 -1 0",
  ...(version ? ["language version 4"] : []),
  "suspend(10);",
  "return 5;",
  ".",
  "1 variables", "x", "6",
  "0 rt_stack slots in use",
  ...activation("do_login_command"),
  "6",
  "4 1 4",
  "suspend",
];

/** Two frames: the top one inside call_function("move", ...), the lower one with handler markers on its stack. */
const SUSPENDED_DEEP = (version: boolean) => [
  "1700000200 78",
  "1 -1 0 50",
  ...(version ? ["language version 4"] : []),
  "try",
  "#0:do_login_command();",
  "except (ANY)",
  "endtry",
  ".",
  "0 variables",
  "3 rt_stack slots in use",
  "7", "1",
  "4", "2", "2", "nested", "4", "1", "1", "-1",
  "8", "0",
  ...activation("do_login_command"),
  "0", "5",
  "12 0",
  ...(version ? ["language version 4"] : []),
  "call_function(\"move\", this, #2);",
  ".",
  "1 variables", "this", "1", "0",
  "0 rt_stack slots in use",
  ...activation("mover", 0),
  "6",
  "7 3 7",
  "call_function",
  "bf_call_function data: fname = move",
  "bf_move data: what = 0, where = 2",
];

const SECTIONS = (version: boolean) => [
  "2 clocks", "1 2 3", "4 5 6",
  "1 queued tasks", ...FORK,
  "2 suspended tasks", ...SUSPENDED_SIMPLE(version), ...SUSPENDED_DEEP(version),
  "2 active connections with listeners", "3 0", "4 7",
];

const lit = (v: Value | undefined): string => (v === undefined ? "(absent)" : toLiteral(v));

for (const version of [4, 1]) {
  test(`format ${version}: a forked task comes back as source and variables; suspended tasks are skipped`, { skip }, () => {
    const d = readTextdump(dump(version, SECTIONS(version >= 2)));
    assert.equal(d.forks.length, 1);
    const f = d.forks[0]!;
    assert.deepEqual(
      [f.id, f.startTime, f.firstLineno, f.this, f.player, f.programmer, f.verbLocation, f.verb, f.verbNames, f.debug],
      [424242, 1700000000, 5, 0, 3, 3, 0, "do_login_command", "do_login_command", true]);
    assert.equal(f.source, "notify(player, tostr(\"tick \", count));\nif (count > 0)\nreturn args;\nendif");
    assert.deepEqual([...f.variables.keys()], ["player", "args", "verb", "count", "this"]);
    assert.equal(lit(f.variables.get("args")), "{\"connect\", {1.5}}");
    assert.equal(lit(f.variables.get("count")), "7");
    assert.equal(lit(f.variables.get("later")), "(absent)");
    assert.deepEqual(d.skippedTasks.map((t) => t.id), [77, 78]);
    assert.match(d.skippedTasks[0]!.reason, /^suspended task in #0:do_login_command \(due at 1700000100\): .*bytecode/);
    assert.match(d.skippedTasks[1]!.reason, /^suspended task in #0:mover /);
    assert.deepEqual(d.connections, [{ player: 3, listener: 0 }, { player: 4, listener: 7 }]);
    assert.equal(d.objects.length, 4);
  });
}

test("older layouts: no suspended-task or connection sections, connections without listeners, format 0's unbound -1", { skip }, () => {
  const fork = FORK.map((l, i) => (FORK[i - 1] === "Later" ? "-1" : l));
  const d0 = readTextdump(dump(0, ["0 clocks", "1 queued tasks", ...fork]));
  assert.equal(d0.forks.length, 1);
  assert.equal(d0.forks[0]!.variables.has("later"), false);
  const d1 = readTextdump(dump(1, ["0 clocks", "0 queued tasks", "0 suspended tasks", "2 active connections", "3", "4", "", ""]));
  assert.deepEqual(d1.connections, [{ player: 3, listener: 0 }, { player: 4, listener: 0 }]);
});

test("a fork whose body does not parse is skipped with the reason", { skip }, () => {
  const bad = FORK.map((l) => (l === "endif" ? "endwhile" : l));
  const d = readTextdump(dump(4, ["0 clocks", "1 queued tasks", ...bad, "0 suspended tasks"]));
  assert.deepEqual(d.forks, []);
  assert.equal(d.skippedTasks.length, 1);
  assert.match(d.skippedTasks[0]!.reason, /^forked task in #0:do_login_command: its body does not parse \(line 4: /);
});

test("broken task sections: one error that names the line", { skip }, () => {
  const start = readFileSync(path, "latin1").split("\n").indexOf("0 clocks") + 1; // the line "0 clocks" will be on
  const fails = (sections: string[], line: number, re: RegExp): void => {
    assert.throws(() => readTextdump(dump(4, sections)), (e: Error) => {
      assert.match(e.message, new RegExp(`^line ${line}: `), e.message);
      assert.match(e.message, re);
      return true;
    });
  };
  fails([], start, /the file ends where "N clocks" was expected/);
  fails(["1 clocks", "1 2"], start + 1, /a clock/);
  fails(["0 clocks", "1 queued tasks", "0 5 1700000000"], start + 2, /queued task header/);
  const noVars = FORK.map((l) => (l === "6 variables" ? "6 variable" : l));
  fails(["0 clocks", "1 queued tasks", ...noVars], start + 2 + 10, /"N variables"/);
  const badValue = FORK.map((l, i) => (FORK[i - 1] === "count" ? "11" : l));
  fails(["0 clocks", "1 queued tasks", ...badValue], start + 2 + FORK.indexOf("count") + 1, /unknown value type 11/);
  const badState = SUSPENDED_DEEP(true).map((l) => (l.startsWith("bf_move") ? "bf_move data: what = x" : l));
  fails(["0 clocks", "0 queued tasks", "1 suspended tasks", ...badState], start + 3 + badState.length - 1, /move\(\)'s saved state/);
  fails(["0 clocks", "0 queued tasks", "0 suspended tasks", "0 active connections with listeners", "junk"],
    start + 4, /unexpected text after the last section: "junk"/);
});
