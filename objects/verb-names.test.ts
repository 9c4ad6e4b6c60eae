// Verb-name matching: aliases, the `*` rules of the Programmer's Manual, case, and the
// corner cases that follow from LambdaMOO's verbcasecmp scan.

import { test } from "node:test";
import assert from "node:assert/strict";
import { verbNameMatches, sameIgnoringCase, startsIgnoringCase, foldUnit } from "./verb-names.ts";

const yes = (names: string, ...words: string[]): void => {
  for (const w of words) assert.equal(verbNameMatches(names, w), true, `${JSON.stringify(names)} should match ${JSON.stringify(w)}`);
};
const no = (names: string, ...words: string[]): void => {
  for (const w of words) assert.equal(verbNameMatches(names, w), false, `${JSON.stringify(names)} should not match ${JSON.stringify(w)}`);
};

test("a plain name matches only itself", () => {
  yes("look", "look");
  no("look", "loo", "looks", "l", "", "ook", "look ");
});

test("manual: foo*bar matches foo, foob, fooba, foobar and nothing else", () => {
  yes("foo*bar", "foo", "foob", "fooba", "foobar");
  no("foo*bar", "fo", "f", "", "foobarx", "foox", "foobaz", "fooar");
});

test("manual: foo* matches anything starting with foo", () => {
  yes("foo*", "foo", "foobar", "food", "foogleman");
  no("foo*", "fo", "", "fob", "bar");
});

test("manual: a lone * matches anything at all, the empty word included", () => {
  yes("*", "", "x", "anything", "with spaces", "*");
});

test("a leading star makes every prefix of the rest match, the empty word included", () => {
  yes("*foo", "", "f", "fo", "foo");
  no("*foo", "foox", "oo", "bar", "xfoo");
});

test("inner star placements", () => {
  yes("f*oo", "f", "fo", "foo");
  no("f*oo", "", "fooo", "fx");
  yes("l*ook", "l", "lo", "loo", "look");
  no("l*ook", "lok", "looks");
});

test("several stars: the last one seen decides", () => {
  yes("f*o*o", "f", "fo", "foo");
  no("f*o*o", "foox", "");
  yes("foo**", "foo", "foobar");
  no("foo**", "fo");
  yes("fo*o*", "fo", "foo", "fooxyz");
  no("fo*o*", "f", "fox");
});

test("a star in the word is an ordinary character", () => {
  no("a*b", "a*", "a*b");
  yes("a\\*b", "a\\"); // backslash is not special in verb names
  no("look", "*");
});

test("aliases are tried in turn, separated by runs of spaces", () => {
  const names = "l*ook examine ex*am  read";
  yes(names, "l", "look", "examine", "ex", "exa", "exam", "read");
  no(names, "exami", "examin", "r", "looker", "");
});

test("matching ignores case on both sides", () => {
  yes("LOOK", "look", "Look");
  yes("l*ook", "L", "LOO");
  yes("Foo*", "fOObar");
  no("look", "LOOKS");
});

test("spaces at either end of the names string", () => {
  // A leading space makes an empty alias, which only the empty word matches.
  yes(" look", "", "look");
  yes("look ", "look");
  no("look ", "");
  no("", "", "look");
  no("   ", "x");
});

test("a word containing a space matches only through a trailing or lone star", () => {
  no("foo bar", "foo bar");
  yes("foo*", "foo bar");
});

test("case helpers fold unit by unit without changing lengths", () => {
  assert.equal(foldUnit(65), 97);
  assert.equal(foldUnit(97), 97);
  assert.equal(foldUnit(0x130), 0x130); // İ lowercases to two units, so it is left alone
  assert.equal(foldUnit("É".charCodeAt(0)), "é".charCodeAt(0));
  assert.ok(sameIgnoringCase("ÉLAN", "élan"));
  assert.ok(!sameIgnoringCase("abc", "abcd"));
  assert.ok(startsIgnoringCase("Yellow Bird", "yELLOW b"));
  assert.ok(!startsIgnoringCase("bird", "birds"));
  assert.ok(startsIgnoringCase("bird", ""));
});

test("plain aliases, any of several, ignoring case", () => {
  assert.ok(verbNameMatches("look", "look"));
  assert.ok(verbNameMatches("look examine l", "L"));
  assert.ok(verbNameMatches("look examine l", "EXAMINE"));
  assert.ok(!verbNameMatches("look examine", "loo"));
  assert.ok(!verbNameMatches("look", "looks"));
});

test("an inner star: the part before it is the shortest abbreviation", () => {
  assert.ok(verbNameMatches("l*ook", "l"));
  assert.ok(verbNameMatches("l*ook", "lo"));
  assert.ok(verbNameMatches("l*ook", "look"));
  assert.ok(!verbNameMatches("l*ook", "looks"));
  assert.ok(!verbNameMatches("l*ook", "lx"));
  assert.ok(!verbNameMatches("l*ook", ""));
});

test("a trailing star matches any extension; a lone star anything", () => {
  assert.ok(verbNameMatches("foo*", "foo"));
  assert.ok(verbNameMatches("foo*", "foobarbaz"));
  assert.ok(!verbNameMatches("foo*", "fo"));
  assert.ok(verbNameMatches("*", "anything"));
  assert.ok(verbNameMatches("*", ""));
  assert.ok(verbNameMatches("get take*", "takeoff"));
});

test("an empty word matches only an alias that can be empty", () => {
  assert.ok(!verbNameMatches("look", ""));
  assert.ok(verbNameMatches("*foo", ""));
});
