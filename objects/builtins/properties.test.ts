// The property builtins against a Test.db-shaped world: success, permission
// and error paths in LambdaMOO's order, inheritance, JS-prototype names, and
// assertions ported from the conformance transcripts (file:line in comments).

import { test } from "node:test";
import assert from "node:assert/strict";
import { testWorld, type TestWorld, WIZARD, PROGRAMMER, NONPROGRAMMER } from "../test-world.ts";
import { FLAG, PF } from "../model.ts";
import { type Value, mkObj } from "../../verbs/value.ts";
import { objectBuiltins } from "./objects.ts";
import { propertyBuiltins } from "./properties.ts";
import { parsePropPerms, formatPropPerms, parseVerbPerms, formatVerbPerms } from "./perms.ts";
import { MooError } from "../../verbs/errors.ts";

/** A world whose #0 is Test.db's: readable, writable, with the $-properties the transcripts use. */
const setup = (): TestWorld => {
  const t = testWorld(objectBuiltins, propertyBuiltins);
  const sys = t.world.get(0);
  sys.flags |= FLAG.READ | FLAG.WRITE;
  const props: [string, Value][] = [["system", mkObj(0)], ["object", mkObj(-1)], ["invalid_object", mkObj(2147483647)]];
  for (const [name, value] of props) t.world.addProperty(sys, name, value, WIZARD, PF.READ | PF.WRITE | PF.CHOWN);
  return t;
};

const eq = (t: TestWorld, code: string, expected: string, player = WIZARD): void => {
  assert.equal(t.run(code, player), expected, code);
};

test("perms strings: rwc and rwxd in any order and case, printed in LambdaMOO's order", () => {
  assert.equal(parsePropPerms("cWr"), PF.READ | PF.WRITE | PF.CHOWN);
  assert.equal(formatPropPerms(PF.CHOWN | PF.READ), "rc");
  assert.equal(formatVerbPerms(parseVerbPerms("DxR")), "rxd");
  assert.equal(parsePropPerms(""), 0);
  for (const bad of ["x", "rw ", "rwcd"]) assert.throws(() => parsePropPerms(bad), (e) => e instanceof MooError);
  assert.throws(() => parseVerbPerms("c"), (e) => e instanceof MooError);
});

test("adding, clearing and deleting through eval (basic/property.moot)", () => {
  const t = setup();
  // basic/property.moot:1-50
  eq(t, 'return eval("add_property(#0, \\"temp\\", 0, { #3, \\"rwc\\" }); return 0;");', "{1, 0}");
  eq(t, 'return eval("add_property(#0, \\"temp0\\", 0, { #3, \\"rwc\\" }); return 0;");', "{1, 0}");
  eq(t, 'return eval("$temp = create(#1); return parent($temp);");', "{1, #1}");
  eq(t, 'return eval("$temp0 = create($temp); return parent($temp0) == $temp;");', "{1, 1}");
  eq(t, 'return eval("add_property($temp, \\"test\\", 1, { #3, \\"rwc\\" }); return 0;");', "{1, 0}");
  eq(t, 'return {$temp.test, is_clear_property($temp0, "test")};', "{1, 1}");
  eq(t, 'return eval("$temp0.test = 2; return $temp0.test;");', "{1, 2}");
  eq(t, 'return {is_clear_property($temp0, "test"), $temp0.test, properties($temp), properties($temp0)};', '{0, 2, {"test"}, {}}');
  eq(t, 'return eval("clear_property($temp0, \\"test\\"); return 0;");', "{1, 0}");
  eq(t, 'return {is_clear_property($temp0, "test"), $temp0.test};', "{1, 1}");
  eq(t, 'return eval("delete_property(#0, \\"temp\\"); return 0;");', "{1, 0}");
  eq(t, 'return eval("delete_property(#0, \\"temp0\\"); return 0;");', "{1, 0}");
  eq(t, "return $temp;", "! E_PROPNF");
});

test("properties() lists only what the object defines (regression/properties_does_not_list_parent_props.moot)", () => {
  const t = setup();
  // regression/properties_does_not_list_parent_props.moot:1-9
  eq(t, '$object = create(#2); add_property(#2, "prop1", 0, {player, "wrc"}); #2.prop1 = 1;', "0");
  eq(t, "return {properties(#2), properties($object)};", '{{"prop1"}, {}}');
  // regression/setting_undefined_property_fails.moot:1
  eq(t, "#2.x = 42;", "! E_PROPNF");
  // definition order and original spelling
  eq(t, 'add_property(#2, "Zeta", 0, {player, ""}); add_property(#2, "alpha", 0, {player, ""}); return properties(#2);', '{"prop1", "Zeta", "alpha"}');
});

test("properties(): E_INVARG, and E_PERM unless owner, wizard or the r flag", () => {
  const t = setup();
  eq(t, "return properties(#99);", "! E_INVARG", NONPROGRAMMER);
  eq(t, "return properties(1);", "! E_TYPE");
  eq(t, 'o = create(#1); add_property(o, "p", 0, {player, ""}); return properties(o);', '{"p"}', PROGRAMMER);
  eq(t, "return properties(#6);", "! E_PERM", NONPROGRAMMER);
  eq(t, "return properties(#6);", '{"p"}');
  eq(t, "#6.r = 1;", "0", PROGRAMMER);
  eq(t, "return properties(#6);", '{"p"}', NONPROGRAMMER);
});

test("property_info: {owner, perms} of the object's own slot; read access needed", () => {
  const t = setup();
  eq(t, 'o = create(#1); add_property(o, "secret", 1, {player, "w"}); add_property(o, "open", 1, {player, "rc"});', "0", PROGRAMMER);
  eq(t, 'return {property_info(#6, "secret"), property_info(#6, "OPEN")};', '{{#4, "w"}, {#4, "rc"}}', PROGRAMMER);
  eq(t, 'return property_info(#6, "secret");', "! E_PERM", NONPROGRAMMER);
  eq(t, 'return property_info(#6, "open");', '{#4, "rc"}', NONPROGRAMMER);
  eq(t, 'return property_info(#6, "secret");', '{#4, "w"}');
  eq(t, 'return property_info(#6, "nonesuch");', "! E_PROPNF");
  // built-in properties have no info
  eq(t, 'return property_info(#6, "name");', "! E_PROPNF");
  eq(t, 'return property_info(#99, "name");', "! E_INVARG");
  eq(t, 'return property_info(#6, 1);', "! E_TYPE");
  // a descendant's slot: the c flag gives it the descendant's owner
  eq(t, 'k = create(#6, #5); return {property_info(k, "open"), property_info(k, "secret")};', '{{#5, "rc"}, {#4, "w"}}');
});

test("set_property_info: errors in LambdaMOO's order, owner changes for wizards only", () => {
  const t = setup();
  eq(t, 'o = create(#1); add_property(o, "p", 1, {player, "r"}); add_property(o, "q", 1, {player, "rw"});', "0", PROGRAMMER);
  eq(t, 'set_property_info(#99, "p", 5);', "! E_TYPE");
  eq(t, 'set_property_info(#99, "p", {#4, "r"});', "! E_INVARG");
  for (const bad of ["{}", "{#4}", '{#4, "r", "n", "x"}', '{"#4", "r"}', "{#4, 1}", '{#4, "r", 3}']) {
    eq(t, `set_property_info(#6, "p", ${bad});`, "! E_TYPE");
  }
  eq(t, 'set_property_info(#6, "p", {#99, "r"});', "! E_INVARG");
  eq(t, 'set_property_info(#6, "p", {#4, "rx"});', "! E_INVARG");
  eq(t, 'set_property_info(#6, "nope", {#4, "r"});', "! E_PROPNF");
  eq(t, 'set_property_info(#6, "name", {#4, "r"});', "! E_PROPNF");
  eq(t, 'set_property_info(#6, "p", {#5, "r"});', "! E_PERM", NONPROGRAMMER);
  eq(t, 'set_property_info(#6, "p", {#5, "r"});', "! E_PERM", PROGRAMMER);
  eq(t, 'set_property_info(#6, "p", {#4, "RWC"}); return property_info(#6, "p");', '{#4, "rwc"}', PROGRAMMER);
  // the w flag lets others change the perms, but not the owner
  eq(t, 'set_property_info(#6, "q", {#5, "rw"});', "! E_PERM", NONPROGRAMMER);
  eq(t, 'set_property_info(#6, "q", {#4, "r"}); return property_info(#6, "q");', '{#4, "r"}', NONPROGRAMMER);
  eq(t, 'set_property_info(#6, "q", {#4, "r"});', "! E_PERM", NONPROGRAMMER);
  eq(t, 'set_property_info(#6, "p", {#5, "r"}); return property_info(#6, "p");', '{#5, "r"}');
  // only this object's slot changes
  eq(t, 'k = create(#6); set_property_info(k, "q", {#3, ""}); return {property_info(k, "q"), property_info(#6, "q")};', '{{#3, ""}, {#4, "r"}}');
});

test("set_property_info renames where the property is defined, to a name free above and below", () => {
  const t = setup();
  eq(t, 'a = create(#1); add_property(a, "top", "t", {player, "r"}); b = create(a); add_property(b, "p", "v", {player, "r"}); add_property(b, "other", 0, {player, "r"});', "0");
  eq(t, 'c = create(#7); add_property(c, "low", 0, {player, "r"}); #8.p = "mine";', "0");
  eq(t, 'set_property_info(#8, "p", {#3, "r", "x"});', "! E_INVARG"); // inherited there
  for (const taken of ["top", "other", "OTHER", "low", "name", "location"]) {
    eq(t, `set_property_info(#7, "p", {#3, "r", "${taken}"});`, "! E_INVARG");
  }
  eq(t, 'set_property_info(#7, "p", {#3, "rw", "P"}); return properties(#7);', '{"P", "other"}');
  eq(t, 'set_property_info(#7, "p", {#3, "r", "renamed"}); return {properties(#7), #7.renamed, #8.renamed, property_info(#8, "renamed"), property_info(#7, "renamed")};',
    '{{"renamed", "other"}, "v", "mine", {#3, "r"}, {#3, "r"}}');
  eq(t, "return #8.p;", "! E_PROPNF");
  // a programmer renames its own property; only the owner may keep changing it
  eq(t, 'o = create(#1); add_property(o, "mine", 0, {player, ""}); set_property_info(o, "mine", {player, "r", "yours"}); return properties(o);', '{"yours"}', PROGRAMMER);
});

test("add_property: errors in LambdaMOO's order", () => {
  const t = setup();
  eq(t, 'o = create(#1); add_property(o, "p", 0, {player, ""});', "0", PROGRAMMER);
  eq(t, 'add_property(#6, "p", 0, 5);', "! E_TYPE");
  eq(t, 'add_property(#99, "x", 0, {#4, "r", "y"});', "! E_TYPE");
  eq(t, 'add_property(#99, "x", 0, {#99, "r"});', "! E_INVARG");
  eq(t, 'add_property(#99, "x", 0, {#4, "q"});', "! E_INVARG");
  eq(t, 'add_property(#99, "x", 0, {#4, "r"});', "! E_INVARG");
  eq(t, 'add_property(#6, 1, 0, {#4, "r"});', "! E_TYPE");
  eq(t, 'add_property(#6, "x", 0);', "! E_ARGS");
  eq(t, 'add_property(#6, "x", 0, {#5, "r"});', "! E_PERM", NONPROGRAMMER);
  eq(t, 'add_property(#6, "x", 0, {#5, "r"});', "! E_PERM", PROGRAMMER);
  eq(t, 'add_property(#6, "x", 0, {#3, "r"});', "0");
  // the w flag opens the object to others, who must own what they add
  eq(t, "#6.w = 1;", "0", PROGRAMMER);
  eq(t, 'add_property(#6, "y", 0, {#4, "r"});', "! E_PERM", NONPROGRAMMER);
  eq(t, 'add_property(#6, "y", 0, {#5, "r"}); return property_info(#6, "y");', '{#5, "r"}', NONPROGRAMMER);
});

test("add_property refuses names on the object, its ancestors, its descendants, and built-in names", () => {
  const t = setup();
  eq(t, 'a = create(#1); add_property(a, "up", 0, {player, ""}); b = create(a); c = create(b); add_property(c, "down", 0, {player, ""});', "0");
  for (const name of ["up", "UP", "down", "Down", "name", "OWNER", "contents", "f", "wizard"]) {
    eq(t, `add_property(#7, "${name}", 0, {player, ""});`, "! E_INVARG");
  }
  eq(t, 'add_property(#7, "mid", 1, {player, "r"}); return {#7.mid, #8.mid, is_clear_property(#8, "mid"), properties(#7)};', '{1, 1, 1, {"mid"}}');
  // a name deleted below may be used again above
  eq(t, 'delete_property(#8, "down"); add_property(#6, "down", 2, {player, "r"}); return #8.down;', "2");
});

test("add_property with c: the definer's slot is its owner's, each descendant's its own (LambdaMOO insert_prop)", () => {
  const t = setup();
  eq(t, 'a = create(#1, #4); b = create(a, #5); add_property(a, "c", 0, {#3, "rc"}); add_property(a, "plain", 0, {#3, "r"});', "0");
  eq(t, 'return {property_info(#6, "c"), property_info(#7, "c"), property_info(#6, "plain"), property_info(#7, "plain")};',
    '{{#4, "rc"}, {#5, "rc"}, {#3, "r"}, {#3, "r"}}');
});

test("delete_property: only where defined; descendants lose it too", () => {
  const t = setup();
  eq(t, 'a = create(#1); add_property(a, "p", 1, {player, "rw"}); b = create(a); b.p = 2;', "0", PROGRAMMER);
  eq(t, 'delete_property(#99, "p");', "! E_INVARG");
  eq(t, 'delete_property(#6, "p");', "! E_PERM", NONPROGRAMMER);
  eq(t, 'delete_property(#7, "p");', "! E_PROPNF", PROGRAMMER);
  eq(t, 'delete_property(#6, "nope");', "! E_PROPNF", PROGRAMMER);
  eq(t, 'delete_property(#6, "name");', "! E_PROPNF", PROGRAMMER);
  eq(t, 'delete_property(#6, "P"); return properties(#6);', "{}", PROGRAMMER);
  eq(t, "return #7.p;", "! E_PROPNF");
  eq(t, 'return is_clear_property(#7, "p");', "! E_PROPNF");
  // the w flag lets others delete
  eq(t, '#6.w = 1; add_property(#6, "q", 0, {player, ""});', "0", PROGRAMMER);
  eq(t, 'delete_property(#6, "q");', "0", NONPROGRAMMER);
  eq(t, "return properties(#6);", "{}");
});

test("clear_property and is_clear_property", () => {
  const t = setup();
  eq(t, 'a = create(#1); add_property(a, "p", 1, {player, "rwc"}); add_property(a, "hidden", 1, {player, ""}); a.f = 1;', "0", PROGRAMMER);
  eq(t, "b = create(#6); b.p = 2;", "0", NONPROGRAMMER);
  eq(t, 'clear_property(#99, "p");', "! E_INVARG");
  eq(t, 'clear_property(#7, "nope");', "! E_PROPNF");
  eq(t, 'clear_property(#7, "name");', "! E_PERM");
  eq(t, 'clear_property(#6, "p");', "! E_INVARG", PROGRAMMER); // the definer has nothing to inherit
  // the slot's owner or a wizard only: the w flag is not enough
  eq(t, 'clear_property(#7, "p");', "! E_PERM", PROGRAMMER);
  eq(t, 'clear_property(#7, "p"); return {is_clear_property(#7, "p"), #7.p};', "{1, 1}", NONPROGRAMMER);
  eq(t, '#7.p = 3; clear_property(#7, "p"); return #7.p;', "1");
  eq(t, 'return {is_clear_property(#7, "name"), is_clear_property(#7, "location"), is_clear_property(#6, "p")};', "{0, 0, 0}", NONPROGRAMMER);
  eq(t, 'return is_clear_property(#99, "p");', "! E_INVARG");
  eq(t, 'return is_clear_property(#7, "nope");', "! E_PROPNF");
  eq(t, 'return is_clear_property(#6, "hidden");', "! E_PERM", NONPROGRAMMER);
  eq(t, 'return is_clear_property(#7, "hidden");', "1", PROGRAMMER);
});

test("clear properties (test_clear_properties.moot)", () => {
  const t = setup();
  // test_clear_properties.moot:3-31
  eq(t, 'add_property($system, "x", create($nothing), {player, "wrc"}); $x.f = 1;', "0", PROGRAMMER);
  eq(t, 'add_property($system, "a", create($x), {player, "wrc"});', "0", PROGRAMMER);
  eq(t, 'add_property($x, "x", "x", {player, "rc"}); return {property_info($a, "x"), $a.x};', '{{#4, "rc"}, "x"}', PROGRAMMER);
  eq(t, 'add_property($system, "b", create($nothing), {player, "wrc"}); chparent($b, $x); return {property_info($b, "x"), $b.x};', '{{#4, "rc"}, "x"}', PROGRAMMER);
  eq(t, '$b.x = {"x"}; return $b.x;', '{"x"}', PROGRAMMER);
  eq(t, 'add_property($system, "c", create($x), {player, "wrc"}); return {property_info($c, "x"), $c.x};', '{{#4, "rc"}, "x"}', PROGRAMMER);
  eq(t, 'set_property_info($c, "x", {player, ""}); return property_info($c, "x");', '{#4, ""}', PROGRAMMER);
  // :33-56
  eq(t, '$a = create($x); $a.x = {"x"}; return {property_info($a, "x"), $a.x};', '{{#4, "rc"}, {"x"}}', PROGRAMMER);
  eq(t, '$b = create($nothing); chparent($b, $x); return {property_info($b, "x"), $b.x};', '{{#4, "rc"}, "x"}', PROGRAMMER);
  eq(t, 'set_property_info($b, "x", {player, ""}); return property_info($b, "x");', '{#4, ""}', PROGRAMMER);
});

test("properties and inheritance across chparent (test_properties_and_inheritance.moot)", () => {
  const t = setup();
  // test_properties_and_inheritance.moot:4-15
  eq(t, 'for n in ({"e", "b", "c"}) add_property($system, n, create($nothing), {player, "wrc"}); endfor', "0");
  eq(t, 'add_property($system, "m", create($e), {player, "wrc"}); add_property($system, "n", create($e), {player, "wrc"});', "0");
  eq(t, 'add_property($e, "e1", "e1", {player, ""}); add_property($e, "e", "e", {player, ""});', "0");
  eq(t, 'add_property($b, "b1", {"b1"}, {player, "r"}); add_property($b, "b", {"b"}, {player, "r"});', "0");
  eq(t, 'add_property($c, "c", player.location, {player, "w"});', "0");
  // :17-34
  eq(t, 'return {property_info($e, "e"), property_info($e, "e1"), property_info($m, "e1"), property_info($m, "e")};',
    '{{#3, ""}, {#3, ""}, {#3, ""}, {#3, ""}}');
  for (const [o, p] of [["$e", "b"], ["$e", "b1"], ["$e", "c"], ["$n", "b1"], ["$n", "b"]]) {
    eq(t, `return property_info(${o}, "${p}");`, "! E_PROPNF");
  }
  // :36-87
  eq(t, "return {$e.e, $e.e1, $m.e, $m.e1, $n.e, $n.e1};", '{"e", "e1", "e", "e1", "e", "e1"}');
  eq(t, 'return $e.b = "bb";', "! E_PROPNF");
  eq(t, 'return {$e.e = "ee", $m.e = "11", $n.e = "ee"};', '{"ee", "11", "ee"}');
  eq(t, 'return {$e.e = "e", $e.e, $m.e, $n.e};', '{"e", "e", "11", "ee"}');
  // :89-134
  eq(t, 'clear_property($m, "e"); clear_property($n, "e"); chparent($e, $b);', "0");
  eq(t, 'return {property_info($e, "e"), property_info($e, "b"), property_info($e, "b1"), property_info($n, "b1"), property_info($n, "b")};',
    '{{#3, ""}, {#3, "r"}, {#3, "r"}, {#3, "r"}, {#3, "r"}}');
  eq(t, 'return property_info($e, "c");', "! E_PROPNF");
  eq(t, "return {$e.e, $e.e1, $e.b, $e.b1, $m.e, $m.e1, $n.e, $n.e1};", '{"e", "e1", {"b"}, {"b1"}, "e", "e1", "e", "e1"}');
  // :136-181
  eq(t, 'chparent($e, $c); return {property_info($e, "c"), property_info($m, "c"), property_info($n, "c"), $e.c, $m.c, $n.c};',
    '{{#3, "w"}, {#3, "w"}, {#3, "w"}, #2, #2, #2}');
  eq(t, 'return property_info($n, "b1");', "! E_PROPNF");
  eq(t, "return $e.b;", "! E_PROPNF");
  // :183-225
  eq(t, 'delete_property($c, "c"); add_property($c, "c", "c", {player, "c"});', "0");
  eq(t, 'return {property_info($e, "c"), property_info($m, "c"), property_info($n, "c"), $e.c, $m.c, $n.c, $e.e, $m.e1};',
    '{{#3, "c"}, {#3, "c"}, {#3, "c"}, "c", "c", "c", "e", "e1"}');
  // :227-256
  eq(t, 'return delete_property($m, "e");', "! E_PROPNF");
  eq(t, 'return delete_property($n, "e");', "! E_PROPNF");
  eq(t, 'delete_property($c, "c"); return {$e.e, $m.e, $n.e};', '{"e", "e", "e"}');
  eq(t, "return $e.c;", "! E_PROPNF");
  eq(t, 'add_property($c, "c", player.location, {player, "w"}); clear_property($m, "e"); clear_property($n, "e");', "0");
  eq(t, 'return delete_property($m, "e");', "! E_PROPNF");
});

test("names that are JS prototype members are ordinary property names", () => {
  const t = setup();
  const names = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype", "__defineGetter__"];
  eq(t, "o = create(#1); k = create(o);", "0");
  for (const [i, n] of names.entries()) eq(t, `add_property(#6, "${n}", ${i}, {player, "r"});`, "0");
  eq(t, "return properties(#6);", `{${names.map((n) => `"${n}"`).join(", ")}}`);
  eq(t, 'return {#7.__proto__, #7.constructor, #7.toString, is_clear_property(#7, "valueOf"), property_info(#7, "__PROTO__")};', '{0, 1, 2, 1, {#3, "r"}}');
  eq(t, 'return property_info(#1, "constructor");', "! E_PROPNF");
  eq(t, 'return is_clear_property(#1, "toString");', "! E_PROPNF");
  eq(t, 'add_property(#7, "__proto__", 0, {player, ""});', "! E_INVARG");
  eq(t, 'set_property_info(#6, "__proto__", {#3, "r", "isPrototypeOf"}); return {#7.isPrototypeOf, properties(#6)[1]};', '{0, "isPrototypeOf"}');
  eq(t, 'delete_property(#6, "constructor"); return {"constructor" in properties(#6), length(properties(#6))};', "{0, 6}");
  eq(t, "return #7.constructor;", "! E_PROPNF");
  eq(t, 'add_property(#2, "__proto__", "fine", {player, "r"}); return #2.__proto__;', '"fine"');
});
