// Command-line parsing: word splitting, the `"` `:` `;` shortcuts, argstr, prepositions
// (every table entry, multi-word ones, table order) and the prep names verb args accept.

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  splitWords,
  parseCommand,
  findPrep,
  prepByName,
  prepName,
  strtol,
  PREPOSITIONS,
  PREP_NONE,
  PREP_ANY,
} from "./command-words.ts";
import type { ParsedCommand } from "./command-words.ts";

const parse = (line: string): ParsedCommand => {
  const p = parseCommand(line);
  assert.ok(p !== null, `${JSON.stringify(line)} should parse`);
  return p;
};
const prepIndex = (entry: string): number => {
  const i = PREPOSITIONS.indexOf(entry);
  assert.ok(i >= 0, entry);
  return i;
};

test("manual: words split at runs of spaces", () => {
  assert.deepEqual(splitWords("foo bar baz"), ["foo", "bar", "baz"]);
  assert.deepEqual(splitWords("   foo    bar   "), ["foo", "bar"]);
  assert.deepEqual(splitWords(""), []);
  assert.deepEqual(splitWords("    "), []);
});

test("manual: double quotes keep spaces, even opened and closed mid-word", () => {
  assert.deepEqual(splitWords('foo "bar mumble" baz" "fr"otz" bl"o"rt'), ["foo", "bar mumble", "baz frotz", "blort"]);
});

test("manual: a backslash includes a double quote or backslash in a word", () => {
  assert.deepEqual(splitWords('say \\"hi\\"'), ["say", '"hi"']);
  assert.deepEqual(splitWords("a\\\\b"), ["a\\b"]);
  assert.deepEqual(splitWords('"a \\" b"'), ['a " b']);
  assert.deepEqual(splitWords("a\\ b"), ["a b"]); // an escaped space does not split
  assert.deepEqual(splitWords("a\\xb"), ["axb"]); // any character may be escaped
});

test("quoting corner cases", () => {
  assert.deepEqual(splitWords('foo "" bar'), ["foo", "", "bar"]);
  assert.deepEqual(splitWords('""'), [""]);
  assert.deepEqual(splitWords('foo "bar baz'), ["foo", "bar baz"]); // open quote runs to the end
  assert.deepEqual(splitWords('foo "bar   '), ["foo", "bar   "]);
  assert.deepEqual(splitWords("foo\\"), ["foo"]); // final lone backslash is dropped
  assert.deepEqual(splitWords("\\"), [""]);
  assert.deepEqual(splitWords("a\tb  c"), ["a\tb", "c"]); // only spaces separate
});

test("an empty or all-space line parses to null", () => {
  assert.equal(parseCommand(""), null);
  assert.equal(parseCommand("     "), null);
});

test("manual: simple commands", () => {
  assert.deepEqual(parse("look"), {
    verb: "look", argstr: "", args: [], dobjstr: "", prep: PREP_NONE, prepstr: "", iobjstr: "",
  });
  assert.deepEqual(parse("take yellow bird"), {
    verb: "take", argstr: "yellow bird", args: ["yellow", "bird"], dobjstr: "yellow bird",
    prep: PREP_NONE, prepstr: "", iobjstr: "",
  });
  assert.deepEqual(parse("put yellow bird in cuckoo clock"), {
    verb: "put", argstr: "yellow bird in cuckoo clock", args: ["yellow", "bird", "in", "cuckoo", "clock"],
    dobjstr: "yellow bird", prep: prepIndex("in/inside/into"), prepstr: "in", iobjstr: "cuckoo clock",
  });
});

test("manual: the earliest preposition wins (foo as bar to baz)", () => {
  const p = parse("foo as bar to baz");
  assert.equal(p.prep, prepIndex("as"));
  assert.equal(p.prepstr, "as");
  assert.equal(p.dobjstr, "");
  assert.equal(p.iobjstr, "bar to baz");
});

test('manual: "Hi, there. is say Hi, there.', () => {
  const p = parse('"Hi, there.');
  assert.equal(p.verb, "say");
  assert.equal(p.argstr, "Hi, there.");
  assert.deepEqual(p.args, ["Hi,", "there."]);
  assert.equal(p.dobjstr, "Hi, there.");
});

test("each shortcut becomes its verb, with the rest of the line as argstr", () => {
  assert.deepEqual(parse(":waves"), {
    verb: "emote", argstr: "waves", args: ["waves"], dobjstr: "waves", prep: PREP_NONE, prepstr: "", iobjstr: "",
  });
  const e = parse(";1+1");
  assert.equal(e.verb, "eval");
  assert.equal(e.argstr, "1+1");
  assert.deepEqual(e.args, ["1+1"]);
  const s = parse('"hello');
  assert.equal(s.verb, "say");
  assert.equal(s.argstr, "hello");
});

test("shortcut argstr keeps its spaces; only spaces before the shortcut go", () => {
  const p = parse('   "  hi there  ');
  assert.equal(p.verb, "say");
  assert.equal(p.argstr, "  hi there  ");
  assert.deepEqual(p.args, ["hi", "there"]);
  const bare = parse(":");
  assert.equal(bare.verb, "emote");
  assert.equal(bare.argstr, "");
  assert.deepEqual(bare.args, []);
});

test("shortcut text is split like any other, quotes and prepositions included", () => {
  const p = parse(';player:tell("a b")');
  assert.deepEqual(p.args, ["player:tell(a b)"]);
  assert.equal(p.argstr, 'player:tell("a b")');
  const q = parse('"give it to me');
  assert.equal(q.verb, "say");
  assert.equal(q.prep, prepIndex("at/to"));
  assert.equal(q.dobjstr, "give it");
  assert.equal(q.iobjstr, "me");
});

test("a shortcut character only counts first; elsewhere it is ordinary", () => {
  const p = parse("look :here");
  assert.equal(p.verb, "look");
  assert.equal(p.argstr, ":here");
  assert.equal(parse("x;y").verb, "x;y");
});

test("argstr: after the verb word and its spaces; trailing spaces kept", () => {
  const p = parse("  look   at   the  box   ");
  assert.equal(p.verb, "look");
  assert.equal(p.argstr, "at   the  box   ");
  assert.deepEqual(p.args, ["at", "the", "box"]);
  assert.equal(p.iobjstr, "the box");
  assert.equal(parse("look   ").argstr, "");
});

test("argstr skips a quoted or escaped verb word but is otherwise raw", () => {
  const p = parse('l"o o"k  "the box" \\"x');
  assert.equal(p.verb, "lo ok");
  assert.equal(p.argstr, '"the box" \\"x');
  assert.deepEqual(p.args, ["the box", '"x']);
  const q = parse("lo\\ ok rest");
  assert.equal(q.verb, "lo ok");
  assert.equal(q.argstr, "rest");
});

test("dobjstr and iobjstr join words with single spaces and drop quoting", () => {
  const p = parse('put "big  red"   ball   in   "old box"');
  assert.equal(p.dobjstr, "big  red ball");
  assert.equal(p.iobjstr, "old box");
  assert.equal(p.prepstr, "in");
});

test("a preposition at either end leaves an empty object string", () => {
  const a = parse("put in box");
  assert.equal(a.dobjstr, "");
  assert.equal(a.iobjstr, "box");
  const b = parse("put ball in");
  assert.equal(b.dobjstr, "ball");
  assert.equal(b.prepstr, "in");
  assert.equal(b.iobjstr, "");
});

test("the verb word itself is never taken as a preposition", () => {
  const p = parse("with ball");
  assert.equal(p.verb, "with");
  assert.equal(p.prep, PREP_NONE);
  assert.equal(p.dobjstr, "ball");
});

test("every alternative of every preposition is found, in any case, prepstr as typed", () => {
  for (let j = 0; j < PREPOSITIONS.length; j++) {
    for (const alt of PREPOSITIONS[j]!.split("/")) {
      if (alt === "off of") continue; // found as "off": see the quirk below
      for (const typed of [alt, alt.toUpperCase()]) {
        const p = parse(`verb ball ${typed} box`);
        assert.equal(p.prep, j, typed);
        assert.equal(p.prepstr, typed, typed);
        assert.equal(p.dobjstr, "ball", typed);
        assert.equal(p.iobjstr, "box", typed);
      }
    }
  }
});

test("multi-word prepositions: in front of, on top of, out of, from inside", () => {
  const cases: [string, string, string, string][] = [
    ["put ball in front of door", "in front of", "in front of", "door"],
    ["put ball on top of table", "on top of/on/onto/upon", "on top of", "table"],
    ["take ball out of bag", "out of/from inside/from", "out of", "bag"],
    ["take ball from inside bag", "out of/from inside/from", "from inside", "bag"],
    ["take ball from bag", "out of/from inside/from", "from", "bag"],
    ["put ball in FRONT of door", "in front of", "in FRONT of", "door"],
  ];
  for (const [line, entry, prepstr, iobjstr] of cases) {
    const p = parse(line);
    assert.equal(p.prep, prepIndex(entry), line);
    assert.equal(p.prepstr, prepstr, line);
    assert.equal(p.dobjstr, "ball", line);
    assert.equal(p.iobjstr, iobjstr, line);
  }
});

test("a partial multi-word phrase falls back to a shorter alternative", () => {
  const p = parse("put ball in front door"); // "in front" without "of" is just "in"
  assert.equal(p.prep, prepIndex("in/inside/into"));
  assert.equal(p.iobjstr, "front door");
  const q = parse("put ball on top"); // "on top" without "of" is "on"
  assert.equal(q.prep, prepIndex("on top of/on/onto/upon"));
  assert.equal(q.iobjstr, "top");
  const r = parse("get out bag"); // lone "out" is no preposition
  assert.equal(r.prep, PREP_NONE);
  assert.equal(r.dobjstr, "out bag");
});

test("LambdaMOO quirk: 'off of' finds 'off', listed first in its entry", () => {
  const p = parse("take ball off of table");
  assert.equal(p.prep, prepIndex("off/off of"));
  assert.equal(p.prepstr, "off");
  assert.equal(p.iobjstr, "of table");
  assert.deepEqual(findPrep(["off", "of", "x"]), { prep: 14, first: 0, last: 0 });
});

test("a quoted word can still be a preposition; a quoted phrase cannot", () => {
  assert.equal(parse('put ball "in" box').prep, prepIndex("in/inside/into"));
  const p = parse('put ball "in front of" box');
  assert.equal(p.prep, PREP_NONE);
  assert.equal(p.dobjstr, "ball in front of box");
});

test("findPrep reports the word span", () => {
  assert.deepEqual(findPrep(["a", "b", "on", "top", "of", "c"]), { prep: 4, first: 2, last: 4 });
  assert.equal(findPrep(["a", "b"]), null);
  assert.equal(findPrep([]), null);
});

test("the preposition table is LambdaMOO's, in its stored order", () => {
  assert.equal(PREPOSITIONS.length, 15);
  assert.equal(PREPOSITIONS[0], "with/using");
  assert.equal(PREPOSITIONS[2], "in front of");
  assert.equal(PREPOSITIONS[5], "out of/from inside/from");
  assert.equal(PREPOSITIONS[14], "off/off of");
  assert.ok(Object.isFrozen(PREPOSITIONS));
});

test("prepByName: none, any, whole entries and single alternatives", () => {
  assert.equal(prepByName("none"), PREP_NONE);
  assert.equal(prepByName("ANY"), PREP_ANY);
  for (let j = 0; j < PREPOSITIONS.length; j++) {
    assert.equal(prepByName(PREPOSITIONS[j]!), j, PREPOSITIONS[j]);
    for (const alt of PREPOSITIONS[j]!.split("/")) assert.equal(prepByName(alt), j, alt);
  }
  assert.equal(prepByName("Using"), 0);
  assert.equal(prepByName("In  Front  Of"), 2);
  assert.equal(prepByName("off of"), 14);
});

test("prepByName: numbers, with or without #", () => {
  assert.equal(prepByName("0"), 0);
  assert.equal(prepByName("#3"), 3);
  assert.equal(prepByName("14"), 14);
  assert.equal(prepByName("014"), 14);
  for (const bad of ["15", "#15", "-1", "+3", " 3", "#", "", "3x", "99999999999999999999"]) {
    assert.equal(prepByName(bad), undefined, bad);
  }
});

test("prepByName: only the part before the first slash counts", () => {
  assert.equal(prepByName("with/anything"), 0);
  assert.equal(prepByName("using/with"), 0);
  assert.equal(prepByName("at/"), 1);
  assert.equal(prepByName("/with"), undefined);
});

test("prepByName: near misses are invalid", () => {
  for (const bad of ["in front", "front of", "on top", "of", "top", "with using", "nothing", "in in", "this"]) {
    assert.equal(prepByName(bad), undefined, bad);
  }
});

test("prepName reports what verb_args shows", () => {
  assert.equal(prepName(PREP_NONE), "none");
  assert.equal(prepName(PREP_ANY), "any");
  assert.equal(prepName(4), "on top of/on/onto/upon");
  for (let j = 0; j < PREPOSITIONS.length; j++) assert.equal(prepByName(prepName(j)), j);
  assert.throws(() => prepName(15), RangeError);
  assert.throws(() => prepName(-3), RangeError);
  assert.throws(() => prepName(1.5), RangeError);
});

test("strtol reads as C does", () => {
  assert.deepEqual(strtol("123"), { value: 123, end: 3 });
  assert.deepEqual(strtol("  -7x"), { value: -7, end: 4 });
  assert.deepEqual(strtol("+5"), { value: 5, end: 2 });
  assert.deepEqual(strtol(""), { value: 0, end: 0 });
  assert.deepEqual(strtol("-"), { value: 0, end: 0 });
  assert.deepEqual(strtol(" x"), { value: 0, end: 0 });
});
