// Writing textdumps: the shared LambdaMOO dumps survive read -> write -> read
// object by object, writing is deterministic, LambdaMOO's own bytes come back,
// and what LambdaMOO cannot load is refused with every problem named.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { readTextdump } from "./textdump-read.ts";
import { compareWorlds } from "./compare-worlds.ts";
import { writeTextdump, TextdumpWriteError } from "./textdump-write.ts";
import { World } from "../objects/world.ts";
import { furnish, WIZARD } from "../objects/test-world.ts";
import { type MooObject, type SlotValue, CLEAR, PF, VF, newVerbDef } from "../objects/model.ts";
import {
  type Value, equals, typeOf, mkObj, mkErr, mkFloat, mkList, mkMap, mkBool, mkBigInt, MooMap, E, isFloat,
} from "../verbs/value.ts";

const data = join(dirname(fileURLToPath(import.meta.url)), "../../../shared/data");
const DUMPS = ["LambdaCore-latest.db", "Minimal.db", "Test.db"];

const load = (text: string): { world: World; players: number[] } => {
  const dump = readTextdump(text);
  const world = new World();
  world.load(dump.objects, dump.maxObject);
  return { world, players: dump.players };
};

/**
 * A LambdaMOO dump as this writer would write the same world: format 4,
 * empty programs left out (LambdaMOO runs them as unprogrammed verbs), and
 * no tasks or connections.
 */
const asWeWriteIt = (text: string): string => {
  const lines = text.split("\n");
  lines[0] = "** LambdaMOO Database, Format Version 4 **";
  const kept: string[] = [];
  let dropped = 0;
  for (let i = 0; i < lines.length; i++) {
    if (/^#\d+:\d+$/.test(lines[i]!) && lines[i + 1] === ".") { i++; dropped++; continue; }
    if (/^\d+ clocks$/.test(lines[i]!)) break;
    kept.push(lines[i]!);
  }
  kept[2] = String(Number(kept[2]) - dropped);
  return [...kept, "0 clocks", "0 queued tasks", "0 suspended tasks", "0 active connections with listeners", ""].join("\n");
};

for (const name of DUMPS) {
  const path = join(data, name);
  test(`${name}: read, write, read again gives the same world, and the same text`, (t) => {
    if (!existsSync(path)) { t.skip(`${path} not found`); return; }
    const original = readFileSync(path, "latin1");
    const first = load(original);
    const text = writeTextdump(first.world, { players: first.players });
    const second = load(text);
    compareWorlds(first.world, second.world);
    assert.deepEqual(second.players, first.players);
    assert.equal(writeTextdump(second.world, { players: second.players }), text);
    // The object and program sections are LambdaMOO's own bytes.
    assert.equal(text, asWeWriteIt(original));
  });
}

/** A world with one object per case, each a child of #1 in #2. */
const worldWith = (...values: Value[]): World => {
  const w = furnish(new World());
  for (const v of values) {
    const o = w.create(1, WIZARD);
    w.addProperty(o, "p", v, WIZARD, PF.READ);
  }
  return w;
};

test("values of every LambdaMOO type round-trip, floats to the bit", () => {
  const floats = [0.1, -0, 1e300, 5e-324, 123456789.123, 1 / 3, 2 ** 53, -1.5e-7];
  const values: Value[] = [
    0, -2147483648, 2147483647, "", "caf\xe9 \"quoted\" \\", mkObj(-1), mkObj(123456), mkErr(E.E_FLOAT),
    mkList([]), mkList([1, mkList([mkList(["deep"])]), mkFloat(2.5)]), ...floats.map(mkFloat),
  ];
  const w = worldWith(...values);
  const text = writeTextdump(w);
  assert.match(text, /\n9\n0.1000000000000000056\n/);
  assert.match(text, /\n9\n4.940656458412465442e-324\n/);
  assert.match(text, /\n9\n-0\n/);
  const back = load(text).world;
  compareWorlds(w, back);
});

test("order of contents and children survives, recycled numbers stay recycled", () => {
  const w = furnish(new World());
  const box = w.create(1, WIZARD);
  const things = [w.create(1, WIZARD), w.create(1, WIZARD), w.create(1, WIZARD)];
  for (const x of [things[2]!, things[0]!, things[1]!]) w.setLocation(x, box.id);
  const gone = w.create(1, WIZARD);
  w.recycle(gone);
  const last = w.create(box.id, WIZARD);
  w.setLocation(last, box.id);
  const text = writeTextdump(w);
  assert.match(text, new RegExp(`\\n#${gone.id} recycled\\n`));
  const back = load(text).world;
  compareWorlds(w, back);
  assert.deepEqual(back.find(box.id)!.contents, [things[2]!.id, things[0]!.id, things[1]!.id, last.id]);
  assert.deepEqual(back.find(1)!.children, w.find(1)!.children);
});

test("verb source is written canonically, as LambdaMOO dumps it; unparsable source as stored", () => {
  const w = furnish(new World());
  const sys = w.find(0)!;
  sys.verbs.push(newVerbDef("tidy", WIZARD, VF.READ | VF.EXEC, "this", -1, "this",
    "x=1+2*3;\n  if(x>a||b)   return   x; endif"));
  sys.verbs.push(newVerbDef("broken", WIZARD, VF.READ, "any", 2, "any", "this is not ( moo"));
  sys.verbs.push(newVerbDef("never programmed", WIZARD, VF.READ, "none", -2, "none"));
  const text = writeTextdump(w);
  assert.ok(text.includes("\n#0:1\nx = 1 + (2 * 3);\nif ((x > a) || b)\nreturn x;\nendif\n.\n"), text);
  assert.ok(text.includes("\n#0:2\nthis is not ( moo\n.\n"));
  assert.ok(!text.includes("#0:3"));
  const back = load(text).world.find(0)!;
  assert.equal(back.verbs[1]!.source, "x = 1 + (2 * 3);\nif ((x > a) || b)\nreturn x;\nendif");
  assert.deepEqual([back.verbs[2]!.dobj, back.verbs[2]!.prep, back.verbs[2]!.iobj], ["any", 2, "any"]);
  assert.deepEqual([back.verbs[3]!.source, back.verbs[3]!.prep], ["", -2]);
});

test("what LambdaMOO cannot load is refused, every problem named", () => {
  const map = new MooMap();
  map.setMut("k", 1);
  const w = worldWith(mkMap(map), mkBool(true), mkBigInt(2n ** 40n), 2 ** 31, mkErr(E.E_FILE),
    mkList(["line\nbreak"]), "snow \u2603", mkObj(2 ** 33));
  const sys = w.find(0)!;
  sys.verbs.push(newVerbDef("m", WIZARD, VF.READ, "this", -1, "this", "return [1 -> 2];"));
  sys.verbs.push(newVerbDef("b", WIZARD, VF.READ, "this", -1, "this", "x = 1;\nreturn x |. 2;"));
  sys.verbs.push(newVerbDef("f", WIZARD, VF.READ, "this", -1, "this", "for v, k in (x) endfor"));
  sys.verbs.push(newVerbDef("e", WIZARD, VF.READ, "this", -1, "this", "return E_INTRPT;"));
  sys.name = "bad\nname";
  w.find(2)!.contents.push(1);
  let problems: readonly string[] = [];
  assert.throws(() => writeTextdump(w), (e: Error) => e instanceof TextdumpWriteError && (problems = e.problems, true));
  const first = 6;
  for (const [i, re] of [
    /a map/, /a boolean/, /integer 1099511627776/, /integer 2147483648/, /E_FILE/, /line break/, /U\+2603/, /#8589934592/,
  ].entries()) {
    assert.ok(problems.some((p) => p.startsWith(`#${first + i}.p: `) && re.test(p)), `#${first + i}: ${re} in ${problems.join("; ")}`);
  }
  for (const re of [/^#0:m \(verb 1\): line 1: a map literal/, /^#0:b \(verb 2\): line 2: the operator \|\./,
    /^#0:f \(verb 3\): line 1: `for value, key in`/, /^#0:e \(verb 4\): line 1: E_INTRPT/,
    /^#0's name: a string with a line break/, /^#2's contents lists #1, whose location is not #2/]) {
    assert.ok(problems.some((p) => re.test(p)), `${re} in ${problems.join("; ")}`);
  }
  assert.equal(problems.length, 14, problems.join("; "));
});

test("a cycle in the location or parent chains is refused", () => {
  const w = furnish(new World());
  const a = w.create(1, WIZARD), b = w.create(1, WIZARD);
  w.setLocation(a, b.id);
  w.setLocation(b, a.id);
  assert.throws(() => writeTextdump(w), (e: Error) => e instanceof TextdumpWriteError
    && e.problems.length === 1 && /^#\d+'s location chain is a cycle$/.test(e.problems[0]!));
});

test("a player list that is not the flagged players is refused; a reordered one is kept", () => {
  const w = furnish(new World());
  assert.match(writeTextdump(w, { players: [5, 3, 4] }), /^[^#]*\n3\n5\n3\n4\n#0\n/);
  assert.throws(() => writeTextdump(w, { players: [3, 4] }), /the player list \{#3, #4\} is not the objects with the player flag/);
});
