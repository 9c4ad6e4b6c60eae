// Verb builtins against LambdaMOO verbs.c: results, permission rules for the
// Test.db players (#3 wizard, #4 programmer, #5 non-programmer), error codes
// in LambdaMOO's order, and transcripts ported from the conformance suite.

import { test } from "node:test";
import assert from "node:assert/strict";
import { testWorld, WIZARD, PROGRAMMER, NONPROGRAMMER, type TestWorld } from "../test-world.ts";
import { FLAG, PF, VF, type MooObject } from "../model.ts";
import { mkObj } from "../../verbs/value.ts";
import { verbBuiltins } from "./verbs.ts";
import { taskBuiltins } from "./tasks.ts";

const world = (): TestWorld => testWorld(verbBuiltins, taskBuiltins);

/** A new object owned by `owner`, child of #1, reachable as $name. */
const named = (t: TestWorld, name: string, owner = WIZARD, parent = 1): MooObject => {
  const o = t.world.create(parent, owner);
  o.name = name;
  t.world.addProperty(t.world.get(0), name, mkObj(o.id), WIZARD, PF.READ | PF.WRITE);
  return o;
};

/** Run each line as the given player and expect its result. */
const expect = (t: TestWorld, player: number, cases: [string, string][]): void => {
  for (const [code, want] of cases) assert.equal(t.run(code, player), want, code);
};

test("add_verb adds at the end and returns the 1-based index; verbs, verb_info, verb_args read it back", () => {
  const t = world();
  named(t, "o", PROGRAMMER);
  expect(t, PROGRAMMER, [
    [`return add_verb($o, {player, "rx", "foo f*oo"}, {"this", "none", "this"});`, "1"],
    [`return add_verb($o, {player, "RWXD", "  bar"}, {"any", "with", "ANY"});`, "2"],
    [`return verbs($o);`, `{"foo f*oo", "bar"}`],
    [`return verb_info($o, "foo");`, `{#4, "rx", "foo f*oo"}`],
    [`return verb_info($o, 2);`, `{#4, "rwxd", "bar"}`],
    [`return verb_args($o, "bar");`, `{"any", "with/using", "any"}`],
    [`return verb_args($o, "fo");`, `{"this", "none", "this"}`],
    [`return $o:bar();`, "0"], // an unprogrammed verb returns 0
  ]);
});

test("add_verb: E_TYPE and E_INVARG for bad info and args, checked before the object", () => {
  const t = world();
  named(t, "o", PROGRAMMER);
  expect(t, PROGRAMMER, [
    [`return add_verb(#999, {player, "x"}, {"this", "none", "this"});`, "! E_TYPE"],
    [`return add_verb($o, {player, "x", "a", "b"}, {"this", "none", "this"});`, "! E_TYPE"],
    [`return add_verb($o, {"#4", "x", "a"}, {"this", "none", "this"});`, "! E_TYPE"],
    [`return add_verb($o, {player, 1, "a"}, {"this", "none", "this"});`, "! E_TYPE"],
    [`return add_verb($o, {#999, "x", "a"}, {"this", "none", "this"});`, "! E_INVARG"],
    [`return add_verb($o, {player, "rc", "a"}, {"this", "none", "this"});`, "! E_INVARG"],
    [`return add_verb($o, {player, "x", "   "}, {"this", "none", "this"});`, "! E_INVARG"],
    [`return add_verb($o, {player, "x", "a"}, {"this", "none"});`, "! E_TYPE"],
    [`return add_verb($o, {player, "x", "a"}, {"this", 1, "this"});`, "! E_TYPE"],
    [`return add_verb($o, {player, "x", "a"}, {"that", "none", "this"});`, "! E_INVARG"],
    [`return add_verb($o, {player, "x", "a"}, {"this", "beneath the", "this"});`, "! E_INVARG"],
    [`return add_verb($o, {player, "x", "a"}, {"this", "15", "this"});`, "! E_INVARG"],
    [`return add_verb(#999, {player, "x", "a"}, {"this", "none", "this"});`, "! E_INVARG"],
    [`return add_verb($o, {player, "x", "a"}, {"this", "none", "this"}, 1);`, "! E_ARGS"],
    [`return add_verb("o", {player, "x", "a"}, {"this", "none", "this"});`, "! E_TYPE"],
    [`return verbs($o);`, "{}"],
  ]);
});

test("add_verb permissions: write access to the object, and only wizards give verbs to others", () => {
  const t = world();
  named(t, "mine", PROGRAMMER);
  const open = named(t, "open", WIZARD);
  open.flags |= FLAG.WRITE;
  named(t, "closed", WIZARD);
  const spec = `{"this", "none", "this"}`;
  expect(t, PROGRAMMER, [
    [`return add_verb($mine, {player, "x", "a"}, ${spec});`, "1"],
    [`return add_verb($closed, {player, "x", "a"}, ${spec});`, "! E_PERM"],
    [`return add_verb($open, {player, "x", "a"}, ${spec});`, "1"],
    [`return add_verb($mine, {#5, "x", "b"}, ${spec});`, "! E_PERM"],
  ]);
  // The programmer bit is not needed, as in LambdaMOO.
  expect(t, NONPROGRAMMER, [
    [`return add_verb($open, {player, "x", "c"}, ${spec});`, "2"],
    [`return add_verb($mine, {player, "x", "c"}, ${spec});`, "! E_PERM"],
  ]);
  expect(t, WIZARD, [
    [`return add_verb($mine, {#5, "x", "d"}, ${spec});`, "2"],
    [`return verb_info($mine, "d")[1];`, "#5"],
  ]);
});

test("verb descriptors: names with wildcards, 1-based indexes, LambdaMOO's type and range errors", () => {
  const t = world();
  const o = named(t, "o");
  for (const names of ["alpha", "be*ta", "gamma delta", "*"]) {
    o.verbs.push({ names, owner: WIZARD, perms: VF.READ, dobj: "this", prep: -1, iobj: "this", source: "", program: null, code: null });
  }
  const p = t.world.create(o.id, WIZARD);
  t.world.addProperty(t.world.get(0), "kid", mkObj(p.id), WIZARD, PF.READ);
  expect(t, WIZARD, [
    [`return verb_info($o, "ALPHA")[3];`, `"alpha"`],
    [`return verb_info($o, "bet")[3];`, `"be*ta"`],
    [`return verb_info($o, "be")[3];`, `"be*ta"`],
    [`return verb_info($o, "betas")[3];`, `"*"`],
    [`return verb_info($o, "b")[3];`, `"*"`],
    [`return verb_info($o, "delta")[3];`, `"gamma delta"`],
    [`return verb_info($o, "anything")[3];`, `"*"`],
    [`return verb_info($o, 3)[3];`, `"gamma delta"`],
    [`return verb_info($o, 5);`, "! E_VERBNF"],
    [`return verb_info($o, 0);`, "! E_INVARG"],
    [`return verb_info($o, -1);`, "! E_INVARG"],
    [`return verb_info($o, 99999999999999999999);`, "! E_VERBNF"],
    [`return verb_info($o, 1.0);`, "! E_TYPE"],
    [`return verb_info($o, {});`, "! E_TYPE"],
    [`return verb_info(#999, 1.0);`, "! E_TYPE"],
    [`return verb_info(#999, 0);`, "! E_INVARG"],
    [`return verb_info(#999, "alpha");`, "! E_INVARG"],
    [`return verb_info(#-1, "alpha");`, "! E_INVARG"],
    // Only the object's own verbs: inherited ones are not described.
    [`return verb_info($kid, "alpha");`, "! E_VERBNF"],
    [`return verbs($kid);`, "{}"],
  ]);
  // A numeric string is a name (support_numeric_verbname_strings is off).
  o.verbs.splice(3, 1);
  assert.equal(t.run(`return verb_info($o, "1");`), "! E_VERBNF");
});

test("read access: r flag, verb owner or wizard (verb_info, verb_args, verb_code, disassemble, verbs)", () => {
  const t = world();
  const o = named(t, "o", PROGRAMMER);
  o.verbs.push({ names: "secret", owner: PROGRAMMER, perms: VF.EXEC, dobj: "this", prep: -1, iobj: "this", source: "return 1;", program: null, code: null });
  o.verbs.push({ names: "open", owner: PROGRAMMER, perms: VF.READ | VF.EXEC, dobj: "this", prep: -1, iobj: "this", source: "return 2;", program: null, code: null });
  for (const f of ["verb_info", "verb_args", "verb_code", "disassemble"]) {
    assert.equal(t.run(`return typeof(${f}($o, "secret"));`, NONPROGRAMMER), "! E_PERM", f);
    assert.equal(t.run(`return typeof(${f}($o, "secret"));`, PROGRAMMER), "4", f);
    assert.equal(t.run(`return typeof(${f}($o, "secret"));`, WIZARD), "4", f);
    assert.equal(t.run(`return typeof(${f}($o, "open"));`, NONPROGRAMMER), "4", f);
    // E_VERBNF is found before permission is checked.
    assert.equal(t.run(`return ${f}($o, "nope");`, NONPROGRAMMER), "! E_VERBNF", f);
  }
  // verbs() needs read access to the object: its owner, a wizard, or its r flag.
  assert.equal(t.run(`return verbs($o);`, NONPROGRAMMER), "! E_PERM");
  assert.equal(t.run(`return verbs($o);`, PROGRAMMER), `{"secret", "open"}`);
  assert.equal(t.run(`return verbs($o);`, WIZARD), `{"secret", "open"}`);
  o.flags |= FLAG.READ;
  assert.equal(t.run(`return verbs($o);`, NONPROGRAMMER), `{"secret", "open"}`);
  assert.equal(t.run(`return verbs(#999);`, NONPROGRAMMER), "! E_INVARG");
});

test("set_verb_info: write access; only a wizard changes the owner; names and flags validated", () => {
  const t = world();
  const o = named(t, "o", WIZARD);
  o.verbs.push({ names: "v", owner: PROGRAMMER, perms: VF.READ, dobj: "this", prep: -1, iobj: "this", source: "", program: null, code: null });
  o.verbs.push({ names: "w", owner: WIZARD, perms: VF.WRITE, dobj: "this", prep: -1, iobj: "this", source: "", program: null, code: null });
  expect(t, PROGRAMMER, [
    [`return set_verb_info($o, "v", {#4, "rXd", "  v vee"});`, "0"],
    [`return verb_info($o, "vee");`, `{#4, "rxd", "v vee"}`],
    [`return set_verb_info($o, "v", {#5, "r", "v"});`, "! E_PERM"],
    [`return set_verb_info($o, "v", {#4, "rq", "v"});`, "! E_INVARG"],
    [`return set_verb_info($o, "v", {#4, "r", ""});`, "! E_INVARG"],
    [`return set_verb_info($o, "v", {#999, "r", "v"});`, "! E_INVARG"],
    [`return set_verb_info($o, "v", {#4, "r"});`, "! E_TYPE"],
    [`return set_verb_info($o, "zz", {#4, "r", "v"});`, "! E_VERBNF"],
    [`return set_verb_info($o, "zz", {#4, "r"});`, "! E_TYPE"],
    [`return set_verb_info(#999, "v", {#4, "r"});`, "! E_INVARG"],
    [`return set_verb_info(#999, 1.5, {#4, "r"});`, "! E_TYPE"],
    [`return set_verb_info($o, "v", "x");`, "! E_TYPE"],
    // The w flag lets anyone write the verb's info, but not take it over.
    [`return set_verb_info($o, "w", {#3, "w", "w ww"});`, "0"],
    [`return set_verb_info($o, "w", {#4, "w", "w"});`, "! E_PERM"],
  ]);
  expect(t, NONPROGRAMMER, [[`return set_verb_info($o, "v", {#4, "r", "v"});`, "! E_PERM"]]);
  expect(t, WIZARD, [
    [`return set_verb_info($o, "v", {#5, "", "v"});`, "0"],
    [`return verb_info($o, 1);`, `{#5, "", "v"}`],
  ]);
  t.world.takeChanges();
  t.run(`set_verb_info($o, 1, {#5, "x", "v"});`);
  assert.ok(t.world.takeChanges().objects.has(o.id));
});

test("set_verb_args and verb_args: specs in any case, prepositions by name or number, reported in full", () => {
  const t = world();
  const o = named(t, "o", PROGRAMMER);
  o.verbs.push({ names: "v", owner: PROGRAMMER, perms: VF.READ, dobj: "this", prep: -1, iobj: "this", source: "", program: null, code: null });
  expect(t, PROGRAMMER, [
    [`set_verb_args($o, "v", {"ANY", "using", "This"}); return verb_args($o, "v");`, `{"any", "with/using", "this"}`],
    [`set_verb_args($o, "v", {"none", "on top of", "any"}); return verb_args($o, "v");`, `{"none", "on top of/on/onto/upon", "any"}`],
    [`set_verb_args($o, "v", {"none", "#2", "any"}); return verb_args($o, "v")[2];`, `"in front of"`],
    [`set_verb_args($o, "v", {"none", "14", "any"}); return verb_args($o, "v")[2];`, `"off/off of"`],
    [`set_verb_args($o, "v", {"none", "Any", "any"}); return verb_args($o, "v")[2];`, `"any"`],
    [`set_verb_args($o, "v", {"none", "NONE", "any"}); return verb_args($o, "v")[2];`, `"none"`],
    [`return set_verb_args($o, "v", {"none", "15", "any"});`, "! E_INVARG"],
    [`return set_verb_args($o, "v", {"none", "in front", "any"});`, "! E_INVARG"],
    [`return set_verb_args($o, "v", {"it", "none", "any"});`, "! E_INVARG"],
    [`return set_verb_args($o, "v", {"none", "none", 0});`, "! E_TYPE"],
    [`return set_verb_args($o, "v", {"none", "none"});`, "! E_TYPE"],
    [`return set_verb_args($o, "nope", {"none", "none", "none"});`, "! E_VERBNF"],
    [`return set_verb_args($o, "nope", {"none", "nah", "none"});`, "! E_INVARG"],
  ]);
  expect(t, NONPROGRAMMER, [[`return set_verb_args($o, "v", {"none", "none", "none"});`, "! E_PERM"]]);
  o.verbs[0]!.perms |= VF.WRITE;
  expect(t, NONPROGRAMMER, [[`return set_verb_args($o, "v", {"this", "at", "this"});`, "0"]]);
  assert.equal(o.verbs[0]!.prep, 1);
});

test("LambdaCore's $code_utils:_fix_preps walks the table with numeric prep strings until an error", () => {
  const t = world();
  const o = named(t, "o", WIZARD);
  o.verbs.push({ names: "probe", owner: WIZARD, perms: VF.READ | VF.EXEC | VF.DEBUG, dobj: "this", prep: -1, iobj: "this", source: "", program: null, code: null });
  const code = `longs = {}; i = 0;
    while (typeof(\`set_verb_args($o, "probe", {"this", tostr(i), "this"}) ! ANY') != ERR)
      longs = {@longs, verb_args($o, "probe")[2]}; i = i + 1;
    endwhile
    return {i, longs[1], longs[$]};`;
  assert.equal(t.run(code), `{15, "with/using", "off/off of"}`);
});

test("delete_verb: write access to the object, checked before the verb is found", () => {
  const t = world();
  const o = named(t, "o", WIZARD);
  const mine = named(t, "mine", PROGRAMMER);
  for (const n of ["a", "b", "c"]) {
    o.verbs.push({ names: n, owner: PROGRAMMER, perms: VF.READ | VF.WRITE, dobj: "this", prep: -1, iobj: "this", source: "", program: null, code: null });
    mine.verbs.push({ names: n, owner: WIZARD, perms: 0, dobj: "this", prep: -1, iobj: "this", source: "", program: null, code: null });
  }
  expect(t, PROGRAMMER, [
    // Owning the verb is not enough: the object must be writable.
    [`return delete_verb($o, "a");`, "! E_PERM"],
    [`return delete_verb($o, "nope");`, "! E_PERM"],
    [`return delete_verb($mine, "b");`, "0"],
    [`return verbs($mine);`, `{"a", "c"}`],
    [`return delete_verb($mine, 2);`, "0"],
    [`return verbs($mine);`, `{"a"}`],
    [`return delete_verb($mine, "b");`, "! E_VERBNF"],
    [`return delete_verb($mine, 0);`, "! E_INVARG"],
    [`return delete_verb(#999, "a");`, "! E_INVARG"],
    [`return delete_verb($mine, {});`, "! E_TYPE"],
  ]);
  expect(t, WIZARD, [[`delete_verb($o, 1); return verbs($o);`, `{"b", "c"}`]]);
  o.flags |= FLAG.WRITE;
  // The object's w flag lets anyone delete; verbs() still needs its r flag.
  expect(t, NONPROGRAMMER, [[`delete_verb($o, "c"); return verbs($o);`, "! E_PERM"]]);
  assert.deepEqual(o.verbs.map((v) => v.names), ["b"]);
});

test("set_verb_code compiles, stores and touches; the verb runs the new code", () => {
  const t = world();
  const o = named(t, "o", PROGRAMMER);
  t.run(`add_verb($o, {player, "rxd", "v"}, {"this", "none", "this"});`, PROGRAMMER);
  t.world.takeChanges();
  assert.equal(t.run(`return set_verb_code($o, "v", {"x = 6;", "return x * 7;"});`, PROGRAMMER), "{}");
  assert.ok(t.world.takeChanges().objects.has(o.id));
  assert.equal(o.verbs[0]!.source, "x = 6;\nreturn x * 7;");
  assert.ok(o.verbs[0]!.program !== null);
  assert.equal(t.run(`return $o:v();`, NONPROGRAMMER), "42");
  assert.equal(t.run(`set_verb_code($o, 1, {"return 1;"}); return $o:v();`, PROGRAMMER), "1");
  assert.equal(t.run(`set_verb_code($o, 1, {}); return $o:v();`, PROGRAMMER), "0");
});

test("set_verb_code returns LambdaMOO-style compile errors and leaves the verb unchanged", () => {
  const t = world();
  const o = named(t, "o", PROGRAMMER);
  t.run(`add_verb($o, {player, "rxd", "v"}, {"this", "none", "this"}); set_verb_code($o, "v", {"return 5;"});`, PROGRAMMER);
  const before = o.verbs[0]!.program;
  t.world.takeChanges();
  assert.equal(t.run(`return set_verb_code($o, "v", {"x = 1;", "return x +;"});`, PROGRAMMER),
    `{"Line 2:  syntax error: expected expression, found \\";\\""}`);
  assert.equal(t.run(`return set_verb_code($o, "v", {"break;"});`, PROGRAMMER), `{"Line 1:  No enclosing loop for \`break' statement"}`);
  assert.equal(t.run(`return set_verb_code($o, "v", {"return \\"abc;"});`, PROGRAMMER).startsWith(`{"Line 1:  `), true);
  assert.equal(o.verbs[0]!.source, "return 5;");
  assert.equal(o.verbs[0]!.program, before);
  assert.equal(t.world.takeChanges().objects.has(o.id), false);
  assert.equal(t.run(`return $o:v();`), "5");
});

test("set_verb_code errors and permissions in LambdaMOO's order; the programmer bit itself is required", () => {
  const t = world();
  const o = named(t, "o", WIZARD);
  o.verbs.push({ names: "mine", owner: PROGRAMMER, perms: VF.READ | VF.EXEC, dobj: "this", prep: -1, iobj: "this", source: "", program: null, code: null });
  o.verbs.push({ names: "theirs", owner: WIZARD, perms: VF.READ | VF.EXEC, dobj: "this", prep: -1, iobj: "this", source: "", program: null, code: null });
  o.verbs.push({ names: "open", owner: WIZARD, perms: VF.READ | VF.WRITE | VF.EXEC, dobj: "this", prep: -1, iobj: "this", source: "", program: null, code: null });
  o.verbs.push({ names: "np", owner: NONPROGRAMMER, perms: VF.READ | VF.EXEC, dobj: "this", prep: -1, iobj: "this", source: "", program: null, code: null });
  expect(t, PROGRAMMER, [
    [`return set_verb_code($o, "mine", {"return 1;"});`, "{}"],
    [`return set_verb_code($o, "theirs", {"return 1;"});`, "! E_PERM"],
    [`return set_verb_code($o, "open", {"return 1;"});`, "{}"],
    // Line types first, then the descriptor, the object, the verb, and permission last.
    [`return set_verb_code(#999, 1.5, {1});`, "! E_TYPE"],
    [`return set_verb_code(#999, 1.5, {"x"});`, "! E_TYPE"],
    [`return set_verb_code(#999, 1, {"x"});`, "! E_INVARG"],
    [`return set_verb_code($o, "nope", {"x"});`, "! E_VERBNF"],
    [`return set_verb_code($o, "theirs", {"syntax error here"});`, "! E_PERM"],
    [`return set_verb_code($o, "mine", "return 1;");`, "! E_TYPE"],
  ]);
  // A non-programmer may not program even its own verb, nor one with the w flag.
  expect(t, NONPROGRAMMER, [
    [`return set_verb_code($o, "np", {"return 1;"});`, "! E_PERM"],
    [`return set_verb_code($o, "open", {"return 1;"});`, "! E_PERM"],
    [`return set_verb_code($o, "nope", {"return 1;"});`, "! E_VERBNF"],
  ]);
  expect(t, WIZARD, [[`return set_verb_code($o, "np", {"return 9;"});`, "{}"]]);
  // is_programmer() looks at the flag alone: a wizard without it is refused.
  t.world.get(WIZARD).flags &= ~FLAG.PROGRAMMER;
  expect(t, WIZARD, [[`return set_verb_code($o, "theirs", {"return 1;"});`, "! E_PERM"]]);
});

test("verb_code gives the canonical listing, with fully-paren and indent options", () => {
  const t = world();
  const o = named(t, "o", PROGRAMMER);
  t.run(`add_verb($o, {player, "rxd", "v"}, {"this", "none", "this"});`, PROGRAMMER);
  const src = [`"a comment";`, `for X in ({1,2})`, `if (x==1) y=X+ 2*3; else return -x; endif`, `endfor`, `RETURN   "hi";`];
  assert.equal(t.run(`return set_verb_code($o, "v", ${JSON.stringify(src).replace(/^\[/, "{").replace(/\]$/, "}")});`, PROGRAMMER), "{}");
  // One spelling per variable: LambdaMOO registers a loop variable after its body, so `x` wins.
  const lines = [`"a comment";`, `for x in ({1, 2})`, `  if (x == 1)`, `    y = x + 2 * 3;`, `  else`, `    return -x;`, `  endif`, `endfor`, `return "hi";`];
  const lit = (ls: string[]) => `{${ls.map((l) => JSON.stringify(l)).join(", ")}}`;
  assert.equal(t.run(`return verb_code($o, "v");`, PROGRAMMER), lit(lines));
  assert.equal(t.run(`return verb_code($o, "v", 0, 1);`, PROGRAMMER), lit(lines));
  assert.equal(t.run(`return verb_code($o, "v", "yes");`, PROGRAMMER), lit(lines.map((l) => l.replace("2 * 3", "(2 * 3)"))));
  assert.equal(t.run(`return verb_code($o, "v", 0, 0);`, PROGRAMMER), lit(lines.map((l) => l.trimStart())));
  assert.equal(t.run(`return verb_code($o, "v", 0, {});`, PROGRAMMER), lit(lines.map((l) => l.trimStart())));
  assert.equal(t.run(`return verb_code($o, "v", 0, 0, 0);`, PROGRAMMER), "! E_ARGS");
  // Builtin variables keep their canonical spelling.
  t.run(`set_verb_code($o, "v", {"return {THIS, Player, Args};"});`, PROGRAMMER);
  assert.equal(t.run(`return verb_code($o, "v");`, PROGRAMMER), `{"return {this, player, args};"}`);
  // A verb never programmed lists as nothing.
  t.run(`add_verb($o, {player, "rxd", "empty"}, {"this", "none", "this"});`, PROGRAMMER);
  assert.equal(t.run(`return verb_code($o, "empty");`, PROGRAMMER), "{}");
  // A stored source that no longer parses comes back raw rather than lost.
  o.verbs.push({ names: "bad", owner: PROGRAMMER, perms: VF.READ, dobj: "this", prep: -1, iobj: "this", source: "return (;\nx", program: null, code: null });
  assert.equal(t.run(`return verb_code($o, "bad");`, PROGRAMMER), `{"return (;", "x"}`);
});

test("disassemble lists the verb's bytecode; a verb that does not compile is E_VERBNF", () => {
  const t = world();
  const o = named(t, "o", PROGRAMMER);
  t.run(`add_verb($o, {player, "rxd", "v"}, {"this", "none", "this"}); set_verb_code($o, "v", {"return 1 + x;"});`, PROGRAMMER);
  const out = t.value(`return disassemble($o, "v");`, PROGRAMMER);
  assert.match(t.run(`return disassemble($o, "v");`, PROGRAMMER), /PUSH_INT 1.*PUSH_VAR x.*RETURN/);
  assert.equal(typeof out, "object");
  o.verbs.push({ names: "bad", owner: PROGRAMMER, perms: VF.READ, dobj: "this", prep: -1, iobj: "this", source: "return (;", program: null, code: null });
  assert.equal(t.run(`return disassemble($o, "bad");`, PROGRAMMER), "! E_VERBNF");
  assert.equal(t.run(`return disassemble($o, 9);`, PROGRAMMER), "! E_VERBNF");
});

test("verbs named like JS prototype members are ordinary verbs", () => {
  const t = world();
  named(t, "o", PROGRAMMER);
  const names = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];
  for (const n of names) {
    assert.equal(t.run(`add_verb($o, {player, "rxd", "${n}"}, {"this", "none", "this"}); return set_verb_code($o, "${n}", {"return verb;"});`, PROGRAMMER), "{}");
  }
  assert.equal(t.run(`return verbs($o);`, PROGRAMMER), `{${names.map((n) => `"${n}"`).join(", ")}}`);
  assert.equal(t.run(`return {$o:__proto__(), $o:constructor(), verb_info($o, "toString")[3]};`), `{"__proto__", "constructor", "toString"}`);
  assert.equal(t.run(`return verb_info($o, "prototype");`), "! E_VERBNF");
  assert.equal(t.run(`delete_verb($o, "__proto__"); return verbs($o)[1];`, PROGRAMMER), `"constructor"`);
  assert.equal(t.run(`return set_verb_args($o, "constructor", {"this", "__proto__", "this"});`, PROGRAMMER), "! E_INVARG");
});

// conformance/kernel/objects/test_verbs_and_invocation_and_inheritance.moot, with
// create/chparent done on the model (object builtins are tested elsewhere).
test("conformance: verbs, invocation and inheritance", () => {
  const t = world();
  const a = named(t, "a", WIZARD, -1);
  const b = named(t, "b", WIZARD, a.id);
  const c = named(t, "c", WIZARD, b.id);
  const def = (obj: string, name: string) =>
    assert.equal(t.run(`add_verb($${obj}, {player, "xd", "${name}"}, {"this", "none", "this"}); return set_verb_code($${obj}, "${name}", {"return \\"${name}\\";"});`), "{}");
  def("a", "foo"); def("a", "a"); def("b", "b"); def("c", "c"); // lines 9-18
  const calls = (want: string[], verbs = ["foo", "foo", "foo"]) =>
    assert.deepEqual(["a", "b", "c"].map((o, i) => t.run(`return $${o}:${verbs[i]}();`)), want);
  calls([`"foo"`, `"foo"`, `"foo"`]); // lines 20-25
  calls([`"a"`, `"b"`, `"c"`], ["a", "b", "c"]); // lines 27-32
  t.world.setParent(c, a.id); t.world.setParent(b, -1); t.world.setParent(a, b.id); // lines 34-36
  calls([`"foo"`, "! E_VERBNF", `"foo"`]); // lines 38-43
  assert.equal(t.run(`return delete_verb($a, "foo");`), "0"); // line 45
  calls(["! E_VERBNF", "! E_VERBNF", "! E_VERBNF"]); // lines 47-52
  calls([`"a"`, `"b"`, `"c"`], ["a", "b", "c"]); // lines 54-59
  def("a", "foo"); // lines 61-62
  t.world.setParent(c, a.id); // line 64
  calls([`"foo"`, "! E_VERBNF", `"foo"`]); // lines 66-71
  assert.deepEqual(["a", "b", "c"].map((v) => t.run(`return $c:${v}();`)), [`"a"`, `"b"`, `"c"`]); // lines 73-78
  t.world.setParent(c, b.id); // line 80
  calls([`"foo"`, "! E_VERBNF", "! E_VERBNF"]); // lines 82-87
  assert.deepEqual(["a", "b", "c"].map((v) => t.run(`return $c:${v}();`)), ["! E_VERBNF", `"b"`, `"c"`]); // lines 89-94
  t.run(`delete_verb($a, "foo");`); // line 96
  calls(["! E_VERBNF", "! E_VERBNF", "! E_VERBNF"]); // lines 98-103
});

// conformance/kernel/objects/test_pass.moot (move/name set-up done on the model).
test("conformance: pass() through verbs made with add_verb and set_verb_code", () => {
  const t = world();
  const e = named(t, "e", WIZARD, -1);
  const b = named(t, "b", WIZARD, e.id);
  const c = named(t, "c", WIZARD, b.id);
  const foo = (o: string) =>
    assert.equal(t.run(`add_verb($${o}, {player, "xd", "foo"}, {"this", "none", "this"}); return set_verb_code($${o}, "foo", {"return {\\"${o}\\", @\`pass() ! ANY => {}'};"});`), "{}");
  const calls = (want: string[]) => assert.deepEqual(["e", "b", "c"].map((o) => t.run(`return $${o}:foo();`)), want);
  foo("e"); // lines 33-34
  calls([`{"e"}`, `{"e"}`, `{"e"}`]); // lines 36-41
  foo("b"); // lines 43-44
  calls([`{"e"}`, `{"b", "e"}`, `{"b", "e"}`]); // lines 46-51
  foo("c"); // lines 53-54
  calls([`{"e"}`, `{"b", "e"}`, `{"c", "b", "e"}`]); // lines 56-61
  t.run(`add_verb($c, {player, "xd", "boo"}, {"this", "none", "this"}); set_verb_code($c, "boo", {"return {\\"c\\", @pass()};"});`);
  assert.equal(t.run(`return $c:boo();`), "! E_VERBNF"); // lines 63-67
  t.run(`add_verb($e, {player, "xd", "hoo"}, {"this", "none", "this"}); set_verb_code($e, "hoo", {"return {\\"e\\", @pass()};"});`);
  assert.equal(t.run(`return $e:hoo();`), "! E_INVIND"); // lines 69-73
  t.world.setParent(c, e.id); // line 75
  calls([`{"e"}`, `{"b", "e"}`, `{"c", "e"}`]); // lines 77-82
  t.world.setParent(c, b.id); // line 84
  calls([`{"e"}`, `{"b", "e"}`, `{"c", "b", "e"}`]); // lines 86-91
  t.world.setParent(b, -1); // line 93
  calls([`{"e"}`, `{"b"}`, `{"c", "b"}`]); // lines 95-100
  t.run(`delete_verb($b, "foo");`); // line 102
  calls([`{"e"}`, "! E_VERBNF", `{"c"}`]); // lines 104-109
  t.run(`delete_verb($e, "foo");`); // line 111
  calls(["! E_VERBNF", "! E_VERBNF", `{"c"}`]); // lines 113-118
  assert.equal(t.run(`return $c:goo();`), "! E_VERBNF"); // lines 123-124
});

// conformance/kernel/objects/test_command_verbs_and_inheritance.moot lines 6-13: verbs
// added with the "d" flag alone and programmed to notify (the commands are world/'s).
test("conformance: verbs without x are not callable, and notify reaches the player", () => {
  const t = world();
  const a = named(t, "a", WIZARD, 2);
  t.run(`add_verb($a, {player, "d", "baz"}, {"none", "none", "none"}); set_verb_code($a, "baz", {"notify(player, \\"baz\\"); return \\"baz\\";"});`);
  assert.deepEqual(t.run(`return verb_info($a, "baz");`), `{#3, "d", "baz"}`);
  assert.equal(t.run(`return $a:baz();`), "! E_VERBNF");
  assert.equal(a.verbs[0]!.prep, -1);
  t.run(`set_verb_info($a, "baz", {player, "xd", "baz"});`);
  assert.equal(t.run(`return $a:baz();`), `"baz"`);
  assert.deepEqual(t.output.get(WIZARD), ["baz"]);
});

test("call-site verb caches see every change: overrides, deletes, x flag, names, parents, new code", () => {
  const t = testWorld(verbBuiltins);
  const a = t.world.create(1, WIZARD), b = t.world.create(a.id, WIZARD), c = t.world.create(1, WIZARD);
  for (const [o, tag] of [[a, "a"], [c, "c"]] as const) {
    t.run(`add_verb(#${o.id}, {#3, "rxd", "hi"}, {"this", "none", "this"}); set_verb_code(#${o.id}, "hi", {"return \\"${tag}\\";"});`);
  }
  const call3 = `o = #${b.id}; r = {}; for i in [1..3] r = {@r, \`o:hi() ! ANY'}; endfor return r;`;
  assert.equal(t.run(call3), '{"a", "a", "a"}');
  t.run(`add_verb(#${b.id}, {#3, "rxd", "hi"}, {"this", "none", "this"}); set_verb_code(#${b.id}, "hi", {"return \\"b\\";"});`);
  assert.equal(t.run(call3), '{"b", "b", "b"}');
  t.run(`set_verb_code(#${b.id}, "hi", {"return \\"b2\\";"});`);
  assert.equal(t.run(call3), '{"b2", "b2", "b2"}');
  t.run(`set_verb_info(#${b.id}, "hi", {#3, "rd", "hi"});`);
  assert.equal(t.run(call3), '{"a", "a", "a"}');
  t.run(`set_verb_info(#${a.id}, "hi", {#3, "rxd", "hello"});`);
  assert.equal(t.run(call3), "{E_VERBNF, E_VERBNF, E_VERBNF}");
  t.world.setParent(b, c.id);
  assert.equal(t.run(call3), '{"c", "c", "c"}');
  t.run(`delete_verb(#${c.id}, "hi");`);
  assert.equal(t.run(call3), "{E_VERBNF, E_VERBNF, E_VERBNF}");
});
