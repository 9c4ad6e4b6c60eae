// verbcasecmp's rules, case by case.

import { test } from "node:test";
import assert from "node:assert/strict";
import { verbNameMatches as m } from "./verb-names.ts";

test("plain aliases, any of several, ignoring case", () => {
  assert.ok(m("look", "look"));
  assert.ok(m("look examine l", "L"));
  assert.ok(m("look examine l", "EXAMINE"));
  assert.ok(!m("look examine", "loo"));
  assert.ok(!m("look", "looks"));
});

test("an inner star: the part before it is the shortest abbreviation", () => {
  assert.ok(m("l*ook", "l"));
  assert.ok(m("l*ook", "lo"));
  assert.ok(m("l*ook", "look"));
  assert.ok(!m("l*ook", "looks"));
  assert.ok(!m("l*ook", "lx"));
  assert.ok(!m("l*ook", ""));
});

test("a trailing star matches any extension; a lone star anything", () => {
  assert.ok(m("foo*", "foo"));
  assert.ok(m("foo*", "foobarbaz"));
  assert.ok(!m("foo*", "fo"));
  assert.ok(m("*", "anything"));
  assert.ok(m("*", ""));
  assert.ok(m("get take*", "takeoff"));
});

test("an empty word matches only an alias that can be empty", () => {
  assert.ok(!m("look", ""));
  assert.ok(m("*foo", ""));
});
