// The integrity check: the shared dumps are clean, and each kind of damage,
// made by hand on a small clean world, is found and named clearly.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { readTextdump } from "./textdump-read.ts";
import { checkWorld, formatFault, type Fault } from "./check.ts";
import { World } from "../objects/world.ts";
import { type MooObject, CLEAR, PF, VF, newVerbDef } from "../objects/model.ts";
import { mkObj } from "../verbs/value.ts";

const data = join(dirname(fileURLToPath(import.meta.url)), "../../../shared/data");

for (const name of ["Minimal.db", "Test.db", "LambdaCore-latest.db"]) {
  const path = join(data, name);
  test(`${name} checks clean`, (t) => {
    if (!existsSync(path)) { t.skip(`${path} not found`); return; }
    const dump = readTextdump(readFileSync(path, "latin1"));
    const w = new World();
    w.load(dump.objects, dump.maxObject);
    assert.deepEqual(checkWorld(w).map(formatFault), []);
  });
}

const ROOT = 0, THING = 1, ROOM = 2, WIZ = 3, BOX = 4, BALL = 5;

/**
 * #0 root (defines "description"), #1 thing (defines "weight"), #2 room,
 * #3 wizard in the room, #4 box in the room, #5 ball (a thing) in the box.
 */
const clean = (): World => {
  const w = new World();
  const root = w.create(-1, WIZ, ROOT);
  w.create(ROOT, WIZ, THING);
  const room = w.create(ROOT, WIZ, ROOM);
  const wiz = w.create(ROOT, WIZ, WIZ);
  const box = w.create(THING, WIZ, BOX);
  const ball = w.create(THING, WIZ, BALL);
  w.addProperty(root, "description", "", WIZ, PF.READ);
  w.addProperty(w.get(THING), "Weight", 1, WIZ, PF.READ | PF.CHOWN);
  w.setLocation(wiz, ROOM);
  w.setLocation(box, ROOM);
  w.setLocation(ball, BOX);
  root.verbs.push(newVerbDef("look l*", WIZ, VF.READ | VF.EXEC, "none", -1, "none", "return this.description;"));
  room.verbs.push(newVerbDef("unwritten", WIZ, VF.READ, "none", -1, "none"));
  return w;
};

/** The faults, formatted, of the world after `damage`. */
const after = (damage: (w: World, o: (n: number) => MooObject) => void): string[] => {
  const w = clean();
  damage(w, (n) => w.get(n));
  return checkWorld(w).map(formatFault);
};

test("the small world is clean", () => {
  assert.deepEqual(checkWorld(clean()), []);
});

test("a child missing from its parent's list", () => {
  assert.deepEqual(after((_, o) => { o(THING).children = [BALL]; }), [
    "error #4: its parent is #1, but #1 does not list it among its children",
  ]);
});

test("a child listed twice, and a listed child that is not one", () => {
  assert.deepEqual(after((_, o) => { o(THING).children = [BOX, BALL, BOX, ROOM]; }), [
    "error #1: lists #2 among its children, but the parent of #2 is #0",
    "error #4: #1 lists it 2 times among its children",
  ]);
});

test("a parent or child that does not exist", () => {
  assert.deepEqual(after((_, o) => { o(BOX).parent = 40; o(THING).children = [BALL, 41]; }), [
    "error #1: lists #41 among its children, but #41 does not exist",
    "error #4: its parent #40 does not exist",
  ]);
});

test("a content whose location disagrees", () => {
  assert.deepEqual(after((_, o) => { o(BALL).location = ROOM; }), [
    "error #4: lists #5 among its contents, but the location of #5 is #2",
    "error #5: its location is #2, but #2 does not list it among its contents",
  ]);
});

test("a location that does not exist", () => {
  assert.deepEqual(after((_, o) => { o(BALL).location = 77; o(BOX).contents = []; }), [
    "error #5: its location #77 does not exist",
  ]);
});

test("a parent cycle, reported once from its lowest member", () => {
  // Lists kept consistent, so the cycle is the only fault: #1 -> #5 -> #4 -> #1.
  assert.deepEqual(after((_, o) => {
    o(ROOT).children = o(ROOT).children.filter((c) => c !== THING);
    o(THING).parent = BALL; o(BALL).children.push(THING);
    o(BALL).parent = BOX; o(BOX).children.push(BALL);
    o(THING).children = [BOX];
  }), ["error #1: parent cycle: #1 -> #5 -> #4 -> #1"]);
});

test("a location cycle", () => {
  // World.setLocation keeps the lists in step; refusing cycles is move()'s job.
  assert.deepEqual(after((w, o) => { w.setLocation(o(ROOM), BALL); }), [
    "error #2: location cycle: #2 -> #5 -> #4 -> #2",
  ]);
});

test("a dangling owner is an error; a recycled or #-1 owner a warning", () => {
  assert.deepEqual(after((w, o) => {
    const gone = w.create(ROOT, WIZ);
    o(BOX).owner = gone.id;
    o(BALL).verbs.push(newVerbDef("kick", gone.id, VF.EXEC, "this", -1, "none"));
    w.recycle(gone);
    o(BALL).owner = 999;
    o(BALL).props.get("weight")!.owner = -1;
  }), [
    "warning #4: it is owned by #6, which was recycled",
    "error #5: it is owned by #999, which was never an object",
    "warning #5: verb 0 \"kick\" is owned by #6, which was recycled",
    "warning #5: its slot for property \"weight\" is owned by #-1 (nothing)",
  ]);
});

test("a missing inherited slot", () => {
  assert.deepEqual(after((_, o) => { o(BALL).props.delete("weight"); o(BOX).props.delete("description"); }), [
    "error #4: it has no slot for property \"description\", inherited from #0",
    "error #5: it has no slot for property \"weight\", inherited from #1",
  ]);
});

test("an extra slot, a definer without a slot or with a clear value", () => {
  assert.deepEqual(after((_, o) => {
    o(BOX).props.set("stray", { value: 0, owner: WIZ, perms: PF.READ });
    o(THING).props.get("weight")!.value = CLEAR;
    o(ROOM).defs.push("Lit");
  }), [
    "error #1: it defines property \"Weight\" but its value is clear (the definer must hold a value)",
    "error #2: it defines property \"Lit\" but has no slot for it",
    "error #4: it has a slot for property \"stray\", which neither it nor any ancestor defines",
  ]);
});

test("a property defined twice along the ancestry, or twice on one object", () => {
  assert.deepEqual(after((_, o) => {
    o(BALL).defs.push("DESCRIPTION");
    o(BALL).props.get("description")!.value = "round";
    o(ROOM).defs.push("description");
    o(ROOM).props.get("description")!.value = "dim";
  }), [
    "error #2: it defines property \"description\", which its ancestor #0 already defines",
    "error #5: it defines property \"DESCRIPTION\", which its ancestor #0 already defines",
  ]);
  assert.deepEqual(after((w, o) => { w.addProperty(o(ROOM), "lit", 1, WIZ, 0); o(ROOM).defs.push("LIT"); }), [
    "error #2: it defines property \"LIT\" twice",
  ]);
});

test("a verb that does not compile names its line", () => {
  const faults = after((_, o) => {
    o(BOX).verbs.push(newVerbDef("open", WIZ, VF.EXEC, "this", -1, "none", "x = 1;\nreturn x +;\n"));
  });
  assert.equal(faults.length, 1);
  assert.match(faults[0]!, /^error #4: verb 0 "open" does not compile: line 2, column \d+: \S/);
});

test("odd values are reported, not thrown", () => {
  const faults = after((_, o) => {
    o(BOX).contents.push(-5, 1.5);
    o(BALL).owner = Number.NaN;
    o(BALL).props.set("weight", { value: mkObj(1), owner: -7, perms: 0 });
  });
  assert.deepEqual(faults, [
    "error #4: lists #-5 among its contents, but #-5 does not exist",
    "error #4: lists #1.5 among its contents, but #1.5 does not exist",
    "error #5: it is owned by #NaN, which was never an object",
    "error #5: its slot for property \"weight\" is owned by #-7, which was never an object",
  ]);
});

/** A world built directly (World.load): n objects, each the parent and the location of the next. */
const chain = (n: number): World => {
  const objs: MooObject[] = [];
  for (let i = 0; i < n; i++) {
    objs.push({
      id: i, name: `o${i}`, owner: 0, flags: 0, parent: i - 1, children: i + 1 < n ? [i + 1] : [],
      location: i - 1, contents: i + 1 < n ? [i + 1] : [], defs: i % 1000 === 0 ? [`p${i}`] : [],
      props: new Map(), verbs: [],
    });
  }
  for (let i = 0; i < n; i++) {
    const o = objs[i]!;
    for (let a = i - (i % 1000); a >= 0; a -= 1000) o.props.set(`p${a}`, { value: a === i ? 0 : CLEAR, owner: 0, perms: 0 });
  }
  const w = new World();
  w.load(objs, n - 1);
  return w;
};

test("deep hierarchies check without recursion", () => {
  const w = chain(20_000);
  assert.deepEqual(checkWorld(w), []);
  const last = w.get(19_999);
  const first = w.get(0);
  first.parent = last.id; last.children.push(first.id);
  const faults: Fault[] = checkWorld(w);
  assert.equal(faults.length, 1);
  assert.equal(faults[0]!.kind, "parent-cycle");
  assert.equal(faults[0]!.object, 0);
});
