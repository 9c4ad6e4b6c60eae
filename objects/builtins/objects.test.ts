// The object builtins against a Test.db-shaped world: success, permission and
// error paths, the verbs create/recycle/move call, and assertions ported from
// the conformance transcripts (file:line of the transcript in each comment).

import { test } from "node:test";
import assert from "node:assert/strict";
import { testWorld, type TestWorld, WIZARD, PROGRAMMER, NONPROGRAMMER } from "../test-world.ts";
import { FLAG, PF, VF } from "../model.ts";
import { type Value, mkObj, EMPTY_LIST } from "../../verbs/value.ts";
import { objectBuiltins } from "./objects.ts";
import { propertyBuiltins } from "./properties.ts";

const RXD = VF.READ | VF.EXEC | VF.DEBUG;

const setup = (): TestWorld => testWorld(objectBuiltins, propertyBuiltins);

const verb = (t: TestWorld, on: number, names: string, source: string, owner = WIZARD, perms = RXD): void => {
  t.world.get(on).verbs.push({ names, owner, perms, dobj: "this", prep: -1, iobj: "this", source, program: null, code: null });
};

/**
 * Test.db's #0 (conformance/Test.db): readable and writable, with the
 * $-properties the transcripts use, and a $log the test verbs append to.
 */
const testDb = (t: TestWorld): TestWorld => {
  const sys = t.world.get(0);
  sys.flags |= FLAG.READ | FLAG.WRITE;
  const props: [string, Value][] = [
    ["system", mkObj(0)], ["object", mkObj(-1)], ["tmp", 0], ["tmp1", 0], ["tmp2", 0],
    ["invalid_object", mkObj(2147483647)], ["programmer_player", mkObj(PROGRAMMER)], ["wizard_player", mkObj(WIZARD)],
    ["log", EMPTY_LIST],
  ];
  for (const [name, value] of props) t.world.addProperty(sys, name, value, WIZARD, PF.READ | PF.WRITE | PF.CHOWN);
  return t;
};

/** Verbs that record {verb, this, args, caller} in $log and answer `answer`. */
const LOG = (answer = "1") => `$log = {@$log, {verb, this, args, caller}}; return ${answer};`;

const eq = (t: TestWorld, code: string, expected: string, player = WIZARD): void => {
  assert.equal(t.run(code, player), expected, code);
};

// ---- create ----

test("create: argument errors and who may create from what (test_create_errors.moot)", () => {
  const t = testDb(setup());
  // test_create_errors.moot:5-22
  eq(t, "create();", "! E_ARGS");
  eq(t, "return create(1);", "! E_TYPE");
  eq(t, 'return create("1");', "! E_TYPE");
  eq(t, "return create(1, 2);", "! E_TYPE");
  eq(t, 'return create($object, "2");', "! E_TYPE");
  eq(t, "create($ambiguous_match);", "! E_PERM");
  eq(t, "create($failed_match);", "! E_PERM");
  eq(t, "create($invalid_object);", "! E_PERM");
  // :24-35
  eq(t, "return create({1});", "! E_TYPE");
  eq(t, "return create({$nothing});", "! E_TYPE");
  // :39-46
  eq(t, 'add_property($system, "a", create($nothing), {$wizard_player, "rwc"});', "0");
  eq(t, 'add_property($system, "b", create($a, $a), {$wizard_player, "rwc"});', "0");
  eq(t, "$b.f = 1; return {$a.owner, $b.owner};", "{#3, #6}");
  // :48-56
  eq(t, "create($a);", "! E_PERM", PROGRAMMER);
  eq(t, "create($b, $invalid_object);", "! E_PERM", PROGRAMMER);
  eq(t, "create($b, $wizard_player);", "! E_PERM", PROGRAMMER);
  eq(t, "create($b, $nothing);", "! E_PERM", PROGRAMMER);
  eq(t, "return valid(create($b));", "1", PROGRAMMER);
  // :58-65
  eq(t, 'add_property($system, "c", create($nothing), {$programmer_player, ""});', "0", PROGRAMMER);
  eq(t, 'add_property($system, "d", create($b, $programmer_player), {$programmer_player, "rwc"});', "0", PROGRAMMER);
  eq(t, "$d.f = 1; return {$c.owner, $d.owner};", "{#4, #4}", PROGRAMMER);
  // :67-75
  eq(t, "return {valid(create($a)), valid(create($b, $wizard_player)), valid(create($c, $programmer_player)), valid(create($d))};", "{1, 1, 1, 1}");
});

test("create: hierarchy and owners, #-1 meaning the object itself (test_create.moot)", () => {
  const t = testDb(setup());
  // test_create.moot:5-8
  eq(t, 'add_property($system, "a", create($nothing), {$wizard_player, "rwc"});', "0");
  eq(t, 'add_property($system, "b", create($a), {$wizard_player, "rwc"});', "0");
  eq(t, 'add_property($system, "c", create($b, $nothing), {$wizard_player, "rwc"});', "0");
  eq(t, 'add_property($system, "d", create($b, $a), {$wizard_player, "rwc"});', "0");
  // :10-33
  eq(t, "return {parent($a), parent($b), parent($c), children($a), children($c), children($d)};", "{#-1, #6, #7, {#7}, {}, {}}");
  eq(t, "return {length(children($b)), $c in children($b), $d in children($b)};", "{2, 1, 2}");
  // :35-43
  eq(t, "return {$a.owner, $b.owner, $c.owner == $c, $d.owner == $a};", "{#3, #3, 1, 1}");
  // :45-57
  eq(t, 'add_property($system, "e", create($nothing, $nothing), {$wizard_player, "rwc"});', "0");
  eq(t, 'add_property($system, "g", create($nothing, $ambiguous_match), {$wizard_player, "rwc"});', "0");
  eq(t, 'add_property($system, "h", create($nothing, $invalid_object), {$wizard_player, "rwc"});', "0");
  eq(t, "return {$e.owner == $e, $g.owner, $h.owner};", "{1, #-2, #2147483647}");
  // :59-67
  for (const who of ["$nothing", "$ambiguous_match", "$failed_match", "$invalid_object"]) {
    eq(t, `create($nothing, ${who});`, "! E_PERM", PROGRAMMER);
  }
});

test("create: fertile flag, owners, max_object, defaults (create.moot, basic/object.moot)", () => {
  const t = testDb(setup());
  // create.moot:22-28, 46-51: a programmer creates from its own unfertile objects
  eq(t, "$object = create($nothing); return $object.owner;", "#4", PROGRAMMER);
  eq(t, "player.f = 0; return parent(create(player));", "#4", PROGRAMMER);
  // create.moot:39-44: a wizard creates from anything
  eq(t, "return {$system.f, parent(create($system))};", "{0, #0}");
  // create.moot:54-64
  eq(t, "$tmp = create($nothing); return $tmp.f;", "0");
  eq(t, "create($tmp);", "! E_PERM", PROGRAMMER);
  eq(t, "$tmp.f = 1;", "! E_PERM", PROGRAMMER);
  eq(t, "$tmp.f = 1;", "0");
  eq(t, "return parent(create($tmp));", "#9", PROGRAMMER);
  // create.moot:70-74: ToastStunt's third argument (anonymous) given false
  eq(t, "$tmp1 = max_object(); create($object, $nothing, 0); return max_object() == $tmp1;", "0");
  // create.moot:97-98: the default owner is the caller
  eq(t, "return create($nothing).owner;", "#4", PROGRAMMER);
  eq(t, "return create(#1).owner;", "#5", NONPROGRAMMER);
});

test("create: what a new object starts with (basic/object.moot)", () => {
  const t = setup();
  // basic/object.moot:1-37
  eq(t, "o = create(#2); return {parent(o), o.name, o.location, o.contents, o.programmer, o.wizard, o.r, o.w, o.f, is_player(o)};",
    '{#2, "", #-1, {}, 0, 0, 0, 0, 0, 0}');
  eq(t, "return {valid($nothing), valid(#0), children(#0)};", "{0, 1, {}}");
});

test("create: ToastStunt's optional arguments are told apart by type", () => {
  const t = testDb(setup());
  verb(t, 1, "initialize", LOG());
  eq(t, 'o = create(#1, {1, "two"}); return $log[1][3];', '{1, "two"}');
  eq(t, "o = create(#1, #4, 0, {3}); return {o.owner, $log[2][3]};", "{#4, {3}}");
  eq(t, "create(#1, 1);", "! E_INVARG");
  eq(t, "create(#1, 0, 0);", "! E_TYPE");
  eq(t, "create(#1, {}, {});", "! E_TYPE");
  eq(t, "create(#1, #3, #3);", "! E_TYPE");
  eq(t, "create(#1, 1.5);", "! E_TYPE");
  eq(t, "create(#1, #4, 0, {}, 1);", "! E_ARGS");
});

test("create calls the new object's :initialize, then returns the object (create.moot:77-94)", () => {
  const t = testDb(setup());
  eq(t, '$tmp2 = create($nothing); add_property($tmp2, "initialize_called", 0, {player, ""});', "0");
  verb(t, 6, "initialize", 'typeof(this) == TYPE_OBJ || raise(E_INVARG); $tmp2.initialize_called = 1; return "ignored";');
  eq(t, "return $tmp2.initialize_called;", "0");
  eq(t, "return create($tmp2);", "#7");
  eq(t, "return $tmp2.initialize_called;", "1");
  // this, args and caller as a verb call from the builtin; the verb's value is not create()'s
  verb(t, 1, "initialize", LOG('"x"'));
  verb(t, 2, "make", "return create(#1);");
  eq(t, "return {#2:make(), $log};", '{#8, {{"initialize", #8, {}, #2}}}');
  // an error in :initialize reaches create()'s caller; the object exists all the same
  t.world.get(6).verbs.length = 0;
  verb(t, 6, "initialize", "return 1 / 0;");
  eq(t, "try create($tmp2); except e (ANY) return {e[1], max_object()}; endtry", "{E_DIV, #9}");
  // a verb that cannot be called (no x bit) is not called
  t.world.get(6).verbs[0]!.perms = VF.READ;
  eq(t, "return parent(create($tmp2));", "#6");
});

test("create charges the intended owner's ownership_quota; recycle gives it back", () => {
  const t = setup();
  const prog = t.world.get(PROGRAMMER);
  t.world.addProperty(prog, "ownership_quota", 1, WIZARD, PF.READ);
  eq(t, "x = create(#1); return #4.ownership_quota;", "0", PROGRAMMER);
  eq(t, "create(#1);", "! E_QUOTA", PROGRAMMER);
  // a wizard creating for the programmer meets the same quota (quota.c counts the owner's)
  eq(t, "create(#1, #4);", "! E_QUOTA");
  eq(t, "return create(#1);", "#7");
  eq(t, "recycle(#6); return #4.ownership_quota;", "1");
  eq(t, "return create(#1).owner;", "#4", PROGRAMMER);
  // a quota that is not an INT means no quota
  prog.props.get("ownership_quota")!.value = "lots";
  eq(t, "return {valid(create(#1)), #4.ownership_quota};", '{1, "lots"}', PROGRAMMER);
  // an inherited (clear) quota is read through and the decrement is the player's own
  const parent = t.world.create(1, WIZARD);
  t.world.addProperty(parent, "ownership_quota", 2, WIZARD, PF.READ);
  const kid = t.world.create(parent.id, NONPROGRAMMER);
  kid.flags |= FLAG.PLAYER;
  eq(t, `create(#1); return {#${kid.id}.ownership_quota, #${parent.id}.ownership_quota};`, "{1, 2}", kid.id);
});

// ---- recycle ----

test("recycle: errors, permissions, and numbers that stay invalid (recycle.moot)", () => {
  const t = testDb(setup());
  // recycle.moot:5-21
  eq(t, "recycle();", "! E_ARGS", PROGRAMMER);
  eq(t, "recycle(1);", "! E_TYPE");
  eq(t, "recycle(1.0);", "! E_TYPE");
  eq(t, 'recycle("foobar");', "! E_TYPE");
  eq(t, "recycle({});", "! E_TYPE");
  eq(t, "recycle($nothing);", "! E_INVARG");
  eq(t, "return recycle(create($nothing));", "0");
  // :24-26
  eq(t, "$object = create($nothing); recycle($object); recycle($object);", "! E_INVARG", PROGRAMMER);
  // :29-36: a wizard recycles anything
  eq(t, '$tmp1 = create($nothing); $tmp1.w = 0; $tmp2 = create($nothing, #5); add_property($tmp2, "x", 0, {#5, "r"});', "0");
  eq(t, "$tmp2.x = create($nothing, #4); recycle($tmp2.x); recycle($tmp2); recycle($tmp1);", "0");
  // :41-45: others only what they own
  eq(t, "$object = create($nothing);", "0");
  eq(t, "recycle($object);", "! E_PERM", PROGRAMMER);
  eq(t, "recycle($object);", "! E_PERM", NONPROGRAMMER);
  eq(t, "o = create(#1); recycle(o); return valid(o);", "0", NONPROGRAMMER);
  // a recycled number stays invalid inside stored values and is never handed out again
  const object = t.run("return $object;");
  eq(t, "l = {$object, [1 -> $object]}; recycle($object); return {l, valid(l[1]), valid(l[2][1]), create(#1) == l[1]};",
    `{{${object}, [1 -> ${object}]}, 0, 0, 0}`);
  eq(t, "return {$object.name};", "! E_INVIND");
});

test("recycle calls :recycle first, with this the object (recycle.moot:48-97)", () => {
  const t = testDb(setup());
  eq(t, '$object = create($nothing); add_property($object, "recycle_called", 0, {player, ""});', "0", PROGRAMMER);
  verb(t, 6, "recycle", "typeof(this) == TYPE_OBJ || raise(E_INVARG); $object.recycle_called = $object.recycle_called + 1;", PROGRAMMER);
  eq(t, "return $object.recycle_called;", "0", PROGRAMMER);
  eq(t, "recycle(create($object)); return $object.recycle_called;", "1", PROGRAMMER);
  eq(t, "recycle(create($object)); return $object.recycle_called;", "2", PROGRAMMER);
  // :80-97: the object seen by :recycle is invalid afterwards
  eq(t, '$tmp = create($nothing); add_property($tmp, "keep", 0, {player, ""});', "0", PROGRAMMER);
  verb(t, 9, "recycle", "$tmp.keep = this;", PROGRAMMER);
  eq(t, "return recycle(create($tmp));", "0", PROGRAMMER);
  eq(t, "return {typeof($tmp.keep) == OBJ, valid($tmp.keep)};", "{1, 0}", PROGRAMMER);
  eq(t, "recycle($tmp.keep);", "! E_INVARG", PROGRAMMER);
});

test("recycle does not recycle values in properties (recycle.moot:99-113)", () => {
  const t = testDb(setup());
  eq(t, '$object = create($nothing); add_property($object, "recycle_called", 0, {player, ""});', "0");
  verb(t, 6, "recycle", "$object.recycle_called = $object.recycle_called + 1;");
  verb(t, 6, "go", 'x = create($object); add_property(x, "next", 0, {player, ""}); x.next = create($object); recycle(x);');
  eq(t, "$object.recycle_called = 0; $object:go(); return {$object.recycle_called, valid(#8)};", "{1, 1}");
});

test("recycle moves contents out, calling :exitfunc for each, then reparents children (test_recycle.moot)", () => {
  const t = testDb(setup());
  // test_recycle.moot:5-37: e > b > {m, n} in both hierarchies
  const kahuna = (name: string, parent: string): void => {
    eq(t, `add_property($system, "${name}", create(${parent}), {player, "wrc"}); move($${name}, ${parent}); $${name}.name = "${name}";`, "0");
    eq(t, `add_property($${name}, "${name}", "${name}", {player, ""});`, "0");
    verb(t, t.world.maxObject, name, `return this.${name};`);
  };
  kahuna("e", "$nothing");
  kahuna("b", "$e");
  kahuna("m", "$b");
  kahuna("n", "$b");
  // :40-87
  eq(t, "return {parent($e), parent($b), parent($m), parent($n), children($e), $e.location, $b.location, $m.location, $e.contents};",
    "{#-1, #6, #7, #7, {#7}, #-1, #6, #7, {#7}}");
  eq(t, "return {$b.contents, children($b)};", "{{#8, #9}, {#8, #9}}");
  verb(t, 7, "exitfunc", LOG());
  verb(t, 6, "exitfunc", LOG());
  eq(t, "recycle($b); return $log;", '{{"exitfunc", #7, {#8}, #-1}, {"exitfunc", #7, {#9}, #-1}, {"exitfunc", #6, {#7}, #-1}}');
  // :91-135
  eq(t, "return parent($b);", "! E_INVARG");
  eq(t, "return children($b);", "! E_INVARG");
  eq(t, "return $b.location;", "! E_INVIND");
  eq(t, "return $b.contents;", "! E_INVIND");
  eq(t, "return {parent($e), parent($m), parent($n), children($e), children($m), $e.location, $m.location, $n.location, $e.contents, $m.contents};",
    "{#-1, #6, #6, {#8, #9}, {}, #-1, #-1, #-1, {}, {}}");
  eq(t, "return {$e:e(), $m:e(), $n:e(), $m:m(), $n:n(), $e.e, $m.e, $n.e, $m.m, $n.n};",
    '{"e", "e", "e", "m", "n", "e", "e", "e", "m", "n"}');
  eq(t, "return $m.b;", "! E_PROPNF");
});

test("recycle: an :exitfunc may move things back in; :recycle may recycle the object itself", () => {
  const t = testDb(setup());
  const box = t.world.create(1, WIZARD), ball = t.world.create(1, WIZARD), bin = t.world.create(1, WIZARD);
  t.world.setLocation(ball, box.id);
  // The first time the ball leaves, the exitfunc puts it back: recycle starts over and takes it out again.
  verb(t, box.id, "exitfunc", "$log = {@$log, args[1]}; if (length($log) == 1) move(args[1], this); endif");
  verb(t, box.id, "accept", "return 1;");
  eq(t, `recycle(#${box.id}); return {$log, #${ball.id}.location};`, `{{#${ball.id}, #${ball.id}}, #-1}`);
  // Recursion ends at the depth limit, where recycle() skips :recycle as LambdaMOO does on E_MAXREC.
  verb(t, bin.id, "recycle", "recycle(this);");
  eq(t, `return {recycle(#${bin.id}), valid(#${bin.id})};`, "{0, 0}");
});

test("recycle(): ways of specifying nothing (test_ways_of_specifying_nothing.moot)", () => {
  const t = testDb(setup());
  // test_ways_of_specifying_nothing.moot:4-25
  eq(t, 'add_property($system, "b", create($nothing), {player, "wrc"}); add_property($system, "n", create($b), {player, "wrc"});', "0", PROGRAMMER);
  eq(t, "return {parent($b), parent($n)};", "{#-1, #6}", PROGRAMMER);
  eq(t, 'add_property($system, "x", create($nothing), {player, "wrc"}); move($x, $nothing); $x.name = "x"; recycle($x);', "0", PROGRAMMER);
  eq(t, "return create($x);", "! E_PERM", PROGRAMMER);
});

// ---- chparent, parent, children ----

test("chparent and parent: errors and permissions (test_parent_chparent_errors.moot)", () => {
  const t = testDb(setup());
  // test_parent_chparent_errors.moot:4-12
  eq(t, 'for n in ({"a", "b", "c"}) add_property($system, n, create($nothing), {player, "wrc"}); endfor $object = create($nothing);', "0");
  eq(t, "chparent($a, $b); chparent($b, $c);", "0");
  // :14-25
  eq(t, "return parent();", "! E_ARGS");
  eq(t, "return parent(1, 2);", "! E_ARGS");
  eq(t, "return parent(1);", "! E_TYPE");
  eq(t, 'return parent("1");', "! E_TYPE");
  eq(t, "return parent($nothing);", "! E_INVARG");
  eq(t, "return parent($invalid_object);", "! E_INVARG");
  // :27-46
  eq(t, "return chparent();", "! E_ARGS");
  eq(t, "return chparent(1);", "! E_ARGS");
  eq(t, "return chparent(1, 2, 3);", "! E_ARGS");
  eq(t, "return chparent(1, 2);", "! E_TYPE");
  eq(t, "return chparent($object, 2);", "! E_TYPE");
  eq(t, 'return chparent($object, "2");', "! E_TYPE");
  eq(t, "return chparent($nothing, $object);", "! E_INVARG");
  eq(t, "return chparent($object, $invalid_object);", "! E_INVARG");
  eq(t, "return chparent($object, $object);", "! E_RECMOVE");
  eq(t, "return chparent($c, $a);", "! E_RECMOVE");
  // :50-56
  eq(t, 'for n in ({"d", "e"}) add_property($system, n, create($nothing), {player, "wrc"}); endfor', "0");
  eq(t, 'add_property($d, "foo", 123, {$d, ""}); add_property($e, "foo", "abc", {$e, ""});', "0");
  // :60-88
  eq(t, "$a = create($nothing); $b = create($a, $a); $b.f = 1; return {$a.owner, $b.owner == $a};", "{#3, 1}");
  eq(t, "$c = create($nothing); $d = create($b, $programmer_player); $d.f = 1;", "0", PROGRAMMER);
  eq(t, "return chparent($c, $a);", "! E_PERM", PROGRAMMER);
  eq(t, "return chparent($c, $b);", "0", PROGRAMMER);
  eq(t, "$e = create($nothing); return {chparent($e, $a), chparent($e, $b), chparent($e, $c), chparent($e, $d)};", "{0, 0, 0, 0}");
  // what you do not own you may not reparent, even to a fertile parent
  eq(t, "return chparent($e, $b);", "! E_PERM", PROGRAMMER);
  eq(t, "return chparent(#4, $b);", "! E_PERM", NONPROGRAMMER);
});

test("chparent: parents, children and reset values (test_parent_chparent.moot)", () => {
  const t = testDb(setup());
  // test_parent_chparent.moot:4-52
  eq(t, 'for n in ({"a", "b", "c"}) add_property($system, n, create($nothing), {player, "wrc"}); endfor', "0");
  eq(t, "return {parent($a), parent($b), parent($c)};", "{#-1, #-1, #-1}");
  eq(t, "chparent($a, $b); chparent($b, $c); return {parent($a), parent($b), parent($c), children($a), children($b), children($c)};",
    "{#7, #8, #-1, {}, {#6}, {#7}}");
  eq(t, "chparent($a, $c); return {parent($a), parent($b), children($b), length(children($c)), $b in children($c), $a in children($c)};",
    "{#8, #8, {}, 2, 1, 2}");
  eq(t, "chparent($a, $nothing); chparent($b, $nothing); chparent($c, $nothing); return {parent($a), children($c)};", "{#-1, {}}");
  // :59-73: same name on two unrelated parents: nothing carries over
  eq(t, 'add_property($a, "foo", "foo", {$a, "c"}); add_property($b, "foo", "foo", {$b, ""});', "0");
  eq(t, "chparent($c, $a); return property_info($c, \"foo\");", "{#3, \"c\"}");
  eq(t, '$c.foo = "bar"; return $c.foo;', '"bar"');
  eq(t, 'chparent($c, $b); return {property_info($c, "foo"), $c.foo};', '{{#7, ""}, "foo"}');
});

test("chparent keeps a descendant's own values of properties both parents share", () => {
  const t = setup();
  const top = t.world.create(-1, WIZARD);
  t.world.addProperty(top, "shared", "top", WIZARD, PF.READ | PF.WRITE);
  const left = t.world.create(top.id, WIZARD), right = t.world.create(top.id, WIZARD);
  t.world.addProperty(left, "lonly", "l", WIZARD, PF.READ);
  t.world.addProperty(right, "ronly", "r", WIZARD, PF.READ);
  const x = t.world.create(left.id, PROGRAMMER), kid = t.world.create(x.id, PROGRAMMER);
  const X = `#${x.id}`, K = `#${kid.id}`;
  eq(t, `${X}.shared = "mine"; ${X}.lonly = "mine too"; ${K}.shared = "kid's";`, "0");
  eq(t, `chparent(${X}, #${right.id}); return {${X}.shared, ${K}.shared, ${X}.ronly, is_clear_property(${X}, "ronly")};`,
    `{"mine", "kid's", "r", 1}`);
  eq(t, `return ${X}.lonly;`, "! E_PROPNF");
  eq(t, `return ${K}.lonly;`, "! E_PROPNF");
});

test("chparent refuses property clashes below the object (test_various_things_that_can_go_wrong.moot)", () => {
  const t = testDb(setup());
  // test_various_things_that_can_go_wrong.moot:3-37
  eq(t, 'for n in ({"a", "b", "c", "z"}) add_property($system, n, create($nothing), {player, "wrc"}); endfor', "0", PROGRAMMER);
  eq(t, 'add_property($system, "m", create($a), {player, "wrc"}); add_property($system, "n", create($b), {player, "wrc"});', "0", PROGRAMMER);
  eq(t, 'for o in ({$a, $b, $c}) add_property(o, "foo", 0, {player, ""}); endfor', "0", PROGRAMMER);
  eq(t, 'add_property($m, "bar", 0, {player, ""}); add_property($n, "baz", 0, {player, ""}); add_property($z, "bar", 0, {player, ""});', "0", PROGRAMMER);
  eq(t, "return chparent($a, $b);", "! E_INVARG", PROGRAMMER);
  eq(t, "return chparent($a, $c);", "! E_INVARG", PROGRAMMER);
  eq(t, "return chparent($a, $z);", "! E_INVARG", PROGRAMMER);
  eq(t, "return {chparent($c, $z), chparent($c, $nothing), chparent($z, $c), chparent($z, $nothing)};", "{0, 0, 0, 0}", PROGRAMMER);
});

test("children, valid and max_object", () => {
  const t = setup();
  eq(t, "return {children(#1), children(#2), valid(#5), valid(#6), valid(#-1), max_object()};", "{{#2, #3, #4, #5}, {}, 1, 0, 0, #5}", NONPROGRAMMER);
  eq(t, "return children(#6);", "! E_INVARG");
  eq(t, "return valid(1);", "! E_TYPE");
  eq(t, "o = create(#1); recycle(o); return {max_object(), valid(o)};", "{#6, 0}");
});

// ---- move ----

test("move: locations and contents (test_move.moot)", () => {
  const t = testDb(setup());
  // test_move.moot:4-38
  eq(t, 'for n in ({"a", "b", "c"}) add_property($system, n, create($nothing), {player, "wrc"}); endfor', "0");
  eq(t, "return {$a.location, $b.location, $c.location, $a.contents, $b.contents, $c.contents};", "{#-1, #-1, #-1, {}, {}, {}}");
  eq(t, "move($b, $a); move($c, $b); return {$a.location, $b.location, $c.location, $a.contents, $b.contents, $c.contents};",
    "{#-1, #6, #7, {#7}, {#8}, {}}");
});

test("move calls where:accept, then old-location:exitfunc, then where:enterfunc, each with {what}", () => {
  const t = testDb(setup());
  const r1 = t.world.create(1, WIZARD), r2 = t.world.create(1, WIZARD), thing = t.world.create(1, PROGRAMMER);
  for (const r of [r1, r2]) verb(t, r.id, "accept exitfunc enterfunc", LOG());
  const [R1, R2, X] = [r1.id, r2.id, thing.id].map((n) => `#${n}`);
  eq(t, `move(${X}, ${R1}); return $log;`, `{{"accept", ${R1}, {${X}}, #-1}, {"enterfunc", ${R1}, {${X}}, #-1}}`, PROGRAMMER);
  eq(t, `$log = {}; move(${X}, ${R2}); return {$log, ${X}.location, ${R1}.contents, ${R2}.contents};`,
    `{{{"accept", ${R2}, {${X}}, #-1}, {"exitfunc", ${R1}, {${X}}, #-1}, {"enterfunc", ${R2}, {${X}}, #-1}}, ${R2}, {}, {${X}}}`, PROGRAMMER);
  // to #-1: nobody is asked, the old location hears of it
  eq(t, `$log = {}; move(${X}, #-1); return {$log, ${X}.location};`, `{{{"exitfunc", ${R2}, {${X}}, #-1}}, #-1}`, PROGRAMMER);
  // caller is the `this` of the verb that called move()
  verb(t, 2, "put", `move(args[1], args[2]);`);
  eq(t, `$log = {}; #2:put(${X}, ${R1}); return $log[1];`, `{"accept", ${R1}, {${X}}, #2}`);
  // moving where it already is: accept is asked, nothing else happens
  eq(t, `$log = {}; return {move(${X}, ${R1}), $log};`, `{0, {{"accept", ${R1}, {${X}}, #-1}}}`, PROGRAMMER);
});

test("move: a refusing or missing :accept is E_NACC, except for wizards", () => {
  const t = testDb(setup());
  const shut = t.world.create(1, WIZARD), bare = t.world.create(1, WIZARD), thing = t.world.create(1, PROGRAMMER);
  verb(t, shut.id, "accept", LOG("0"));
  const [S, B, X] = [shut.id, bare.id, thing.id].map((n) => `#${n}`);
  eq(t, `move(${X}, ${S});`, "! E_NACC", PROGRAMMER);
  eq(t, `move(${X}, ${B});`, "! E_NACC", PROGRAMMER);
  eq(t, `return {${X}.location, length($log)};`, "{#-1, 1}", PROGRAMMER);
  // the wizard's move asks :accept too, then goes ahead
  eq(t, `move(${X}, ${S}); return {${X}.location, length($log)};`, `{${S}, 2}`);
  eq(t, `move(${X}, ${B}); return ${X}.location;`, B);
  // a player moving itself into a room without :accept
  eq(t, "move(player, #1);", "! E_NACC", NONPROGRAMMER);
  // an :accept that raises passes the error to move()'s caller, and nothing moves
  shut.verbs.length = 0;
  verb(t, shut.id, "accept", "return 1 / 0;");
  eq(t, `try move(${X}, ${S}); except e (ANY) return {e[1], ${X}.location}; endtry`, `{E_DIV, ${B}}`);
});

test("move: E_INVARG, E_PERM and E_RECMOVE", () => {
  const t = testDb(setup());
  const box = t.world.create(1, PROGRAMMER), inner = t.world.create(1, PROGRAMMER), wiz = t.world.create(1, WIZARD);
  const [B, I, W] = [box.id, inner.id, wiz.id].map((n) => `#${n}`);
  for (const o of [box, inner]) verb(t, o.id, "accept", "return 1;");
  eq(t, `move(#99, ${B});`, "! E_INVARG", PROGRAMMER);
  eq(t, `move(${I}, #99);`, "! E_INVARG", PROGRAMMER);
  eq(t, `move(${I}, $ambiguous_match);`, "! E_INVARG", PROGRAMMER);
  eq(t, `move(${I}, 1);`, "! E_TYPE", PROGRAMMER);
  eq(t, `move(${I});`, "! E_ARGS", PROGRAMMER);
  eq(t, `move(${W}, ${B});`, "! E_PERM", PROGRAMMER);
  eq(t, `move(${B}, #2);`, "! E_PERM", NONPROGRAMMER);
  eq(t, `move(${I}, ${B}); return ${I}.location;`, B, PROGRAMMER);
  eq(t, `move(${B}, ${B});`, "! E_RECMOVE", PROGRAMMER);
  eq(t, `move(${B}, ${I});`, "! E_RECMOVE", PROGRAMMER);
  eq(t, `move(${B}, ${I});`, "! E_RECMOVE");
  eq(t, `return {${B}.location, ${I}.location};`, `{#-1, ${B}}`);
  // a player moves itself (it owns itself)
  eq(t, `move(player, ${B}); return player.location;`, B, NONPROGRAMMER);
});

test("move: an :exitfunc that moves the object on means no :enterfunc for the first destination", () => {
  const t = testDb(setup());
  const a = t.world.create(1, WIZARD), b = t.world.create(1, WIZARD), c = t.world.create(1, WIZARD), x = t.world.create(1, WIZARD);
  const [A, B, C, X] = [a.id, b.id, c.id, x.id].map((n) => `#${n}`);
  for (const r of [b, c]) verb(t, r.id, "accept enterfunc", LOG());
  verb(t, a.id, "exitfunc", `$log = {@$log, {verb, this, args, caller}}; move(args[1], ${C});`);
  t.world.setLocation(x, a.id);
  eq(t, `move(${X}, ${B}); return {${X}.location, $log};`,
    `{${C}, {{"accept", ${B}, {${X}}, #-1}, {"exitfunc", ${A}, {${X}}, #-1}, {"accept", ${C}, {${X}}, #${a.id}}, {"enterfunc", ${C}, {${X}}, #${a.id}}}}`);
});

// ---- players ----

test("players, is_player and set_player_flag", () => {
  const t = setup();
  eq(t, "return {players(), is_player(#3), is_player(#1)};", "{{#3, #4, #5}, 1, 0}", NONPROGRAMMER);
  eq(t, "return is_player(#99);", "! E_INVARG");
  eq(t, "set_player_flag(#99, 1);", "! E_INVARG", PROGRAMMER);
  eq(t, "set_player_flag(#2, 1);", "! E_PERM", PROGRAMMER);
  eq(t, "set_player_flag(#5, 0);", "! E_PERM", NONPROGRAMMER);
  eq(t, 'set_player_flag(#2, "yes"); set_player_flag(#5, 0); return {players(), is_player(#2), is_player(#5)};', "{{#2, #3, #4}, 1, 0}");
  eq(t, "o = create(#1); set_player_flag(o, 1); recycle(o); return players();", "{#2, #3, #4}");
});

// ---- wizard tools ----

test("object_bytes: wizards only; grows with what the object holds", () => {
  const t = setup();
  eq(t, "return object_bytes(#1);", "! E_PERM", PROGRAMMER);
  eq(t, "return object_bytes(#99);", "! E_INVIND");
  eq(t, "return object_bytes(1);", "! E_TYPE");
  const before = Number(t.run("return object_bytes(#2);"));
  assert.ok(before > 0);
  t.run('add_property(#2, "big", {"' + "x".repeat(1000) + '"}, {#3, "r"});');
  assert.ok(Number(t.run("return object_bytes(#2);")) >= before + 1000);
});

test("renumber: the lowest free number, with every reference to the object fixed", () => {
  const t = testDb(setup());
  eq(t, "return renumber(#99);", "! E_INVARG", PROGRAMMER);
  eq(t, "return renumber(#5);", "! E_PERM", PROGRAMMER);
  eq(t, "return renumber(#5);", "#5"); // nothing free below it
  eq(t, "a = create(#1); b = create(#1); c = create(#1, #4); recycle(a); return {a, b, c};", "{#6, #7, #8}");
  const c = t.world.get(8);
  t.world.setLocation(c, 2);
  t.world.setLocation(t.world.get(7), 8);
  t.world.setParent(t.world.get(7), 8);
  t.world.addProperty(c, "mine", 1, 8, PF.READ);
  c.owner = 8;
  verb(t, 8, "hello", 'return "hi";', 8);
  eq(t, '#8.name = "c"; return renumber(#8);', "#6");
  eq(t, "return {valid(#8), #6.name, #6.owner, #6.location, #2.contents, #7.location, parent(#7), children(#6), property_info(#6, \"mine\"), #7.mine};",
    '{0, "c", #6, #2, {#3, #4, #5, #6}, #6, #6, {#7}, {#6, "r"}, 1}');
  assert.equal(t.world.get(6).verbs[0]!.owner, 6);
  eq(t, "return #6:hello();", '"hi"');
  eq(t, "return renumber(#7);", "#7");
});

test("reset_max_object: numbers above the highest valid object are handed out again", () => {
  const t = setup();
  eq(t, "reset_max_object();", "! E_PERM", PROGRAMMER);
  eq(t, "a = create(#1); b = create(#1); recycle(b); reset_max_object(); return {max_object(), create(#1)};", "{#6, #7}");
  eq(t, "recycle(#7); recycle(#6); reset_max_object(); return max_object();", "#5");
});

// ---- ToastStunt conveniences ----

test("isa (test_isa.moot)", () => {
  const t = testDb(setup());
  // test_isa.moot:5-7
  eq(t, 'add_property($system, "a", create($nothing), {player, "wrc"}); add_property($system, "b", create($a), {player, "wrc"}); add_property($system, "c", create($b), {player, "wrc"});', "0");
  // :10-17
  eq(t, "return {isa($a, $b), isa($b, $a), isa($c, $a), isa($c, $b)};", "{0, 1, 1, 1}");
  // :20-25
  eq(t, "return {isa($b, $nothing), isa($nothing, $a), isa($nothing, $nothing)};", "{0, 0, 0}");
  // :28-37
  eq(t, "return {isa(#100000, #1), isa(#1, #100000), isa(#1000000, #1000000), isa(#-2, #2), isa(#1, #-1)};", "{0, 0, 0, 0, 0}");
  // :40-47
  eq(t, "return {isa($c, {$a, $b}), isa($c, {$b, $a}), isa($a, {$b, $c}), isa($b, {$nothing, $a})};", "{1, 1, 0, 1}");
  // :51-56, 59-64, 67-70
  eq(t, "return {isa($b, $a, 1), isa($c, $a, 1), isa($a, $b, 1)};", "{#6, #6, #-1}");
  eq(t, "return {isa($c, {$a, $b}, 1), isa($c, {$b, $a}, 1), isa($a, {$b, $c}, 1)};", "{#6, #7, #-1}");
  eq(t, "return {isa(#100000, #1, 1), isa(#-2, #2, 1)};", "{#-1, #-1}");
  // :73-76
  eq(t, "return {isa($a, $a), isa($a, $a, 1)};", "{1, #6}");
  eq(t, "return isa($a, 1);", "! E_TYPE");
  eq(t, "return isa($a, {$a, 1});", "! E_TYPE");
  eq(t, "return isa(1, $a);", "! E_TYPE");
});

test("locations and occupants", () => {
  const t = setup();
  const box = t.world.create(-1, WIZARD), ball = t.world.create(1, WIZARD);
  t.world.setLocation(box, 2);
  t.world.setLocation(ball, box.id);
  const [B, L] = [`#${box.id}`, `#${ball.id}`];
  eq(t, `return {locations(${L}), locations(${L}, #2), locations(${L}, #1, 1), locations(#2)};`, `{{${B}, #2}, {${B}}, {${B}}, {}}`);
  eq(t, `return locations(${L}, ${B});`, "{}");
  eq(t, "return locations(#99);", "! E_INVIND");
  eq(t, "return occupants(#2.contents);", "{#3, #4, #5}", NONPROGRAMMER);
  eq(t, `return occupants({#3, ${B}, ${L}}, #1, 0);`, `{#3, ${L}}`);
  eq(t, `return occupants({#3, ${B}, ${L}}, #1, 1);`, "{#3}");
  eq(t, `return occupants({#3, ${B}, ${L}}, {#1}, 0, 1);`, `{${B}}`);
  eq(t, "return occupants({#3, #99});", "! E_INVARG");
  eq(t, "return occupants({#3, 1});", "! E_INVARG");
  eq(t, "return occupants({#3}, 1);", "! E_TYPE");
});

test("config quota: a non-wizard may own at most objectQuota objects; wizards are not limited", () => {
  const t = testWorld(objectBuiltins, propertyBuiltins);
  t.host.objectQuota = t.world.ownedBy(4) + 2;
  assert.equal(t.run("create(#1); create(#1); return 1;", 4), "1");
  assert.equal(t.run("return create(#1);", 4), "! E_QUOTA");
  t.host.objectQuota = 1;
  assert.match(t.run("return create(#1);", 3), /^#\d+$/);
});
