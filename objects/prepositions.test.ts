// The preposition table and its name lookups, against LambdaMOO's db_match_prep.

import { test } from "node:test";
import assert from "node:assert/strict";
import { PREPOSITIONS, PREP_PHRASES, prepByName, prepName, prepWords } from "./prepositions.ts";
import { PREP_ANY, PREP_NONE } from "./model.ts";

test("the table is LambdaMOO's, in its stored order", () => {
  assert.equal(PREPOSITIONS.length, 15);
  assert.equal(PREPOSITIONS[0], "with/using");
  assert.equal(PREPOSITIONS[4], "on top of/on/onto/upon");
  assert.equal(PREPOSITIONS[14], "off/off of");
  assert.deepEqual(PREP_PHRASES[5], [["out", "of"], ["from", "inside"], ["from"]]);
});

test("prepByName: none, any, full entries and single alternatives, any case", () => {
  assert.equal(prepByName("none"), PREP_NONE);
  assert.equal(prepByName("NONE"), PREP_NONE);
  assert.equal(prepByName("Any"), PREP_ANY);
  assert.equal(prepByName("with/using"), 0);
  assert.equal(prepByName("using"), 0);
  assert.equal(prepByName("with"), 0);
  assert.equal(prepByName("to"), 1);
  assert.equal(prepByName("in front of"), 2);
  assert.equal(prepByName("IN FRONT OF"), 2);
  assert.equal(prepByName("  in   front  of "), 2);
  assert.equal(prepByName("into"), 3);
  assert.equal(prepByName("on top of/on/onto/upon"), 4);
  assert.equal(prepByName("upon"), 4);
  assert.equal(prepByName("from inside"), 5);
  assert.equal(prepByName("off of"), 14);
  // Only the text before the first slash is looked at.
  assert.equal(prepByName("with/anything"), 0);
  assert.equal(prepByName("\"with\""), 0);
});

test("prepByName: numbers as LambdaMOO's _fix_preps uses them", () => {
  for (let i = 0; i < 15; i++) {
    assert.equal(prepByName(String(i)), i);
    assert.equal(prepByName(`#${i}`), i);
  }
  assert.equal(prepByName("15"), undefined);
  assert.equal(prepByName("-1"), undefined);
  assert.equal(prepByName("+3"), undefined);
  assert.equal(prepByName(" 3"), undefined);
  assert.equal(prepByName("3 "), undefined);
  assert.equal(prepByName("99999999999999999999"), undefined);
});

test("prepByName: what is not a preposition", () => {
  for (const s of ["", " ", "#", "in front", "front of", "of", "withx", "constructor", "__proto__", "with using", "/with"]) {
    assert.equal(prepByName(s), undefined, s);
  }
});

test("prepName reports full entries", () => {
  assert.equal(prepName(PREP_NONE), "none");
  assert.equal(prepName(PREP_ANY), "any");
  assert.equal(prepName(0), "with/using");
  assert.equal(prepName(14), "off/off of");
  assert.throws(() => prepName(15), RangeError);
  for (let i = 0; i < PREPOSITIONS.length; i++) assert.equal(prepByName(prepName(i)), i);
});

test("prepWords splits as parse_into_words", () => {
  assert.deepEqual(prepWords("  a  b "), ["a", "b"]);
  assert.deepEqual(prepWords('"in front" of'), ["in front", "of"]);
  assert.deepEqual(prepWords("a\\ b"), ["a b"]);
  assert.deepEqual(prepWords('""'), [""]);
});
