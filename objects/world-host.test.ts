// Property access and verb dispatch through the VM, with LambdaMOO's permission rules.

import { test } from "node:test";
import assert from "node:assert/strict";
import { testWorld, WIZARD, PROGRAMMER, NONPROGRAMMER } from "./test-world.ts";
import { PF, VF } from "./model.ts";
import { mkObj, toLiteral } from "../verbs/value.ts";

test("built-in properties read as LambdaMOO's; location and contents are read-only", () => {
  const t = testWorld();
  assert.equal(t.run("return {#3.name, #3.owner, #3.location, #2.contents, #3.wizard, #4.programmer, #5.programmer, #1.f};"),
    '{"Wizard", #3, #2, {#3, #4, #5}, 1, 1, 0, 1}');
  assert.equal(t.run("#3.location = #1;"), "! E_PERM");
  assert.equal(t.run("return #99.name;"), "! E_INVIND");
  assert.equal(t.run("x = 5; return x.name;"), "! E_TYPE");
  assert.equal(t.run("return #3.nonesuch;"), "! E_PROPNF");
});

test("property permissions: r and w flags, owners, wizards", () => {
  const t = testWorld();
  const o = t.world.create(1, PROGRAMMER);
  t.world.addProperty(o, "secret", "s", PROGRAMMER, 0);
  t.world.addProperty(o, "public", "p", PROGRAMMER, PF.READ);
  const ref = `#${o.id}`;
  assert.equal(t.run(`return ${ref}.secret;`, PROGRAMMER), '"s"');
  assert.equal(t.run(`return ${ref}.secret;`, NONPROGRAMMER), "! E_PERM");
  assert.equal(t.run(`return ${ref}.secret;`, WIZARD), '"s"');
  assert.equal(t.run(`return ${ref}.public;`, NONPROGRAMMER), '"p"');
  assert.equal(t.run(`${ref}.public = 1;`, NONPROGRAMMER), "! E_PERM");
  assert.equal(t.run(`${ref}.public = 2; return ${ref}.public;`, PROGRAMMER), "2");
});

test("inherited values: clear until set, then own; chown gives descendants their owner", () => {
  const t = testWorld();
  const parent = t.world.create(1, PROGRAMMER);
  t.world.addProperty(parent, "color", "red", PROGRAMMER, PF.READ | PF.WRITE | PF.CHOWN);
  const kid = t.world.create(parent.id, NONPROGRAMMER);
  assert.equal(t.run(`return #${kid.id}.color;`), '"red"');
  t.run(`#${parent.id}.color = "blue";`);
  assert.equal(t.run(`return #${kid.id}.color;`), '"blue"');
  t.run(`#${kid.id}.color = "green";`);
  assert.equal(t.run(`return {#${parent.id}.color, #${kid.id}.color};`), '{"blue", "green"}');
  assert.equal(kid.props.get("color")!.owner, NONPROGRAMMER);
});

test("names that are JS prototype members are ordinary property and verb names", () => {
  const t = testWorld();
  const o = t.world.create(1, WIZARD);
  for (const n of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
    t.world.addProperty(o, n, n.length, WIZARD, PF.READ);
    o.verbs.push({ names: n, owner: WIZARD, perms: VF.READ | VF.EXEC | VF.DEBUG, dobj: "this", prep: -1, iobj: "this", source: `return "${n}";`, program: null, code: null });
  }
  assert.equal(t.run(`o = #${o.id}; return {o.__proto__, o.constructor, o.toString, o.hasOwnProperty};`), "{9, 11, 8, 14}");
  assert.equal(t.run(`return #${o.id}:__proto__();`), '"__proto__"');
  assert.equal(t.run(`return #${o.id}.valueOf;`), "! E_PROPNF");
});

test("verb calls: inherited verbs, this/caller/verb/args, owner's rights, x flag, pass()", () => {
  const t = testWorld();
  const a = t.world.create(1, PROGRAMMER);
  const b = t.world.create(a.id, PROGRAMMER);
  const verb = (on: typeof a, names: string, source: string, perms = VF.READ | VF.EXEC | VF.DEBUG) =>
    on.verbs.push({ names, owner: PROGRAMMER, perms, dobj: "this", prep: -1, iobj: "this", source, program: null, code: null });
  verb(a, "who*ami", `return {this, caller, verb, args, player};`);
  verb(a, "greet", `return "a:" + args[1];`);
  verb(b, "greet", `return "b>" + pass(@args);`);
  verb(a, "hidden", `return 1;`, VF.READ);
  assert.equal(t.run(`return #${b.id}:whoami(1, 2);`, NONPROGRAMMER), `{#${b.id}, #-1, "whoami", {1, 2}, #5}`);
  assert.equal(t.run(`return #${b.id}:who();`), `{#${b.id}, #-1, "who", {}, #3}`);
  assert.equal(t.run(`return #${b.id}:greet("x");`), '"b>a:x"');
  assert.equal(t.run(`return #${b.id}:hidden();`), "! E_VERBNF");
  assert.equal(t.run(`return #${b.id}:nope();`), "! E_VERBNF");
  assert.equal(t.run(`return #1234:greet();`), "! E_INVIND");
});

test("pass() from a verb whose definer has no parent raises E_INVIND", () => {
  const t = testWorld();
  const a = t.world.create(-1, WIZARD);
  a.verbs.push({ names: "boo", owner: WIZARD, perms: VF.EXEC | VF.DEBUG, dobj: "this", prep: -1, iobj: "this", source: `return {"a", @pass()};`, program: null, code: null });
  assert.equal(t.run(`return #${a.id}:boo();`), "! E_INVIND");
});

test("a verb without the d flag returns errors as values", () => {
  const t = testWorld();
  const a = t.world.create(1, WIZARD);
  a.verbs.push({ names: "quiet", owner: WIZARD, perms: VF.EXEC, dobj: "this", prep: -1, iobj: "this", source: `x = 1 / 0; return {x, #99.name};`, program: null, code: null });
  assert.equal(t.run(`return #${a.id}:quiet();`), "{E_DIV, E_INVIND}");
});

test("the world records which objects each task changed", () => {
  const t = testWorld();
  const o = t.world.create(1, WIZARD);
  t.world.addProperty(o, "n", 0, WIZARD, PF.READ);
  t.world.takeChanges();
  t.run(`#${o.id}.n = 5; #3.name = "Wiz";`);
  const c = t.world.takeChanges();
  assert.deepEqual([...c.objects].sort(), [3, o.id].sort());
  assert.equal(t.world.valid(o.id), true);
  void mkObj;
});

test("property caches never serve stale slots: delete, chparent, other objects, clear values, rights", () => {
  const t = testWorld();
  const a = t.world.create(1, PROGRAMMER), b = t.world.create(1, PROGRAMMER);
  t.world.addProperty(a, "p", "a-own", PROGRAMMER, PF.READ | PF.WRITE);
  t.world.addProperty(b, "p", "b-own", PROGRAMMER, PF.READ);
  const kid = t.world.create(a.id, PROGRAMMER);
  const readAll = `r = {}; for o in ({#${a.id}, #${b.id}, #${kid.id}, #${a.id}}) r = {@r, \`o.p ! ANY'}; endfor return r;`;
  assert.equal(t.run(readAll), '{"a-own", "b-own", "a-own", "a-own"}');
  // Same site, value changed in place.
  t.run(`#${a.id}.p = "a2";`);
  assert.equal(t.run(readAll), '{"a2", "b-own", "a2", "a2"}');
  // The kid gets its own value, then the parent changes: the kid keeps its own.
  t.run(`#${kid.id}.p = "kid";`);
  assert.equal(t.run(readAll), '{"a2", "b-own", "kid", "a2"}');
  // chparent to b: the kid's slot is now b's property, clear (inherits).
  t.world.setParent(kid, b.id);
  assert.equal(t.run(readAll), '{"a2", "b-own", "b-own", "a2"}');
  // Delete a's property: reads at the same site now fail.
  t.world.deleteProperty(a, "p");
  assert.equal(t.run(readAll), '{E_PROPNF, "b-own", "b-own", E_PROPNF}');
  // Rights are checked on every cached read: b.p is not readable once r is off.
  b.props.get("p")!.perms = 0;
  const loop = `r = {}; for i in [1..3] r = {@r, \`#${b.id}.p ! ANY'}; endfor return r;`;
  assert.equal(t.run(loop, PROGRAMMER), '{"b-own", "b-own", "b-own"}');
  assert.equal(t.run(loop, NONPROGRAMMER), "{E_PERM, E_PERM, E_PERM}");
  // Writes through a cached site respect w.
  const w = `for i in [1..3] #${b.id}.p = i; endfor return #${b.id}.p;`;
  assert.equal(t.run(w, NONPROGRAMMER), "! E_PERM");
  assert.equal(t.run(w, PROGRAMMER), "3");
});

test("a list a variable owns, stored in a property, is never changed through the variable", () => {
  const t = testWorld();
  const o = t.world.create(1, WIZARD);
  t.world.addProperty(o, "p", 0, WIZARD, PF.READ | PF.WRITE);
  assert.equal(t.run(`o = #${o.id}; l = {}; for i in [1..3] l = {@l, i}; endfor o.p = l; l = {@l, 4}; l[1] = "x"; return {o.p, l};`),
    '{{1, 2, 3}, {"x", 2, 3, 4}}');
  assert.equal(t.run(`o = #${o.id}; m = {}; for i in [1..2] m = {@m, i}; endfor o.p = m; x = o.p; x = {@x, 9}; return {o.p, x, m};`),
    "{{1, 2}, {1, 2, 9}, {1, 2}}");
});

test("a task suspended inside nested verb calls (shared value stack) serialises and resumes", async () => {
  const { encodeTask, decodeTask } = await import("../verbs/codec.ts");
  const { compileSource } = await import("../verbs/compile-source.ts");
  const { newFrame, evalContext } = await import("../verbs/host.ts");
  const t = testWorld();
  const o = t.world.create(1, WIZARD);
  const verb = (names: string, source: string) =>
    o.verbs.push({ names, owner: WIZARD, perms: VF.READ | VF.EXEC | VF.DEBUG, dobj: "this", prep: -1, iobj: "this", source, program: null, code: null });
  verb("inner", `x = {1, 2}; try suspend(1); finally x = {@x, 3}; endtry return {@x, @args};`);
  verb("outer", `a = 10; b = this:inner(a, a + 1); return {a, b, 99};`);
  const r = compileSource(`return {5, #${o.id}:outer(), 7};`);
  assert.ok(r.ok);
  const task = { id: 1, frames: [newFrame(r.program, evalContext(mkObj(WIZARD)), WIZARD)], ticksUsed: 0, maxDepth: 50 };
  assert.equal(t.vm.run(task, 1e6).kind, "suspend");
  assert.ok(task.frames[2]!.base > 0 && task.frames[2]!.stack === task.frames[1]!.stack);
  const back = decodeTask(encodeTask(task));
  t.vm.resume(back, 0);
  const out = t.vm.run(back, 1e6);
  assert.equal(out.kind, "done");
  if (out.kind === "done") assert.equal(toLiteral(out.value), "{5, {10, {1, 2, 3, 10, 11}, 99}, 7}");
});
