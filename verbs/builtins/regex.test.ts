// Tests for the MOO pattern compiler and matcher (regex-compile.ts, regex.ts):
// LambdaMOO's dialect and its quirks, code-point positions, invalid patterns,
// and the step budget that keeps catastrophic patterns from running long.

import { test } from "node:test";
import assert from "node:assert/strict";
import { E, toLiteral } from "../value.ts";
import { MooError } from "../errors.ts";
import { mooMatch, MAX_STEPS, STEPS_PER_TICK } from "./regex.ts";
import { compilePattern, foldCodePoint } from "./regex-compile.ts";
import { testCtx, type TestCtx } from "./test-ctx.ts";

const UNSET = "{0, -1}";
/** The match as "start end" plus the groups that are set, e.g. "1 3 (2,3)". */
const m = (subject: string, pattern: string, caseMatters = false, ctx: TestCtx = testCtx()): string => {
  const v = mooMatch(subject, pattern, caseMatters, false, ctx);
  return summarize(toLiteral(v));
};
const rm = (subject: string, pattern: string, caseMatters = false): string =>
  summarize(toLiteral(mooMatch(subject, pattern, caseMatters, true, testCtx())));
const summarize = (lit: string): string => {
  if (lit === "{}") return "none";
  const nums = /^\{(-?\d+), (-?\d+), \{(.*)\}, ".*"\}$/s.exec(lit);
  if (!nums) return lit;
  const groups = nums[3]!.split("}, {").map((g) => g.replace(/[{}]/g, ""));
  const set = groups.map((g, i) => (g === "0, -1" ? "" : `${i + 1}:(${g.replace(", ", ",")})`)).filter((g) => g);
  return [nums[1], nums[2], ...set].join(" ");
};
const raises = (code: number, f: () => unknown): void => {
  assert.throws(f, (e: unknown) => e instanceof MooError && e.code === code);
};
const invalid = (pattern: string): void => raises(E.E_INVARG, () => m("abc", pattern));

test("the result has LambdaMOO's shape", () => {
  const lit = toLiteral(mooMatch("foobar", "f%(o*%)b", false, false, testCtx()));
  assert.equal(lit, `{1, 4, {{2, 3}, ${Array(8).fill(UNSET).join(", ")}}, "foobar"}`);
  assert.equal(toLiteral(mooMatch("foo", "x", false, false, testCtx())), "{}");
});

test("literals, wildcards and repetition", () => {
  assert.equal(m("foo", "^f*o$"), "none");
  assert.equal(m("foo", "^fo*$"), "1 3");
  assert.equal(m("foobar", "o*b"), "2 4");
  assert.equal(m("a😀b", "a.b"), "1 3");
  assert.equal(m("ac", "ab?c"), "1 2");
  assert.equal(m("abc", "ab?c"), "1 3");
  assert.equal(m("baaa", "a+"), "2 4");
  assert.equal(m("b", "a+"), "none");
  assert.equal(m("abc", ""), "1 0");
  assert.equal(m("", ""), "1 0");
  assert.equal(m("abc", "$"), "4 3");
  assert.equal(m("abc", "x*"), "1 0");
  assert.equal(m("aaa", "a*a"), "1 3");
});

test("special characters are literal after %, and a backslash is always literal", () => {
  assert.equal(m("a.b", "%."), "2 2");
  assert.equal(m("a*b", "a%*b"), "1 3");
  assert.equal(m("a+b", "%+"), "2 2");
  assert.equal(m("a?b", "%?"), "2 2");
  assert.equal(m("a[b", "%["), "2 2");
  assert.equal(m("a^b", "%^"), "2 2");
  assert.equal(m("a$b", "%$"), "2 2");
  assert.equal(m("a%b", "%%"), "2 2");
  assert.equal(m("a\\b", "\\"), "2 2");
  assert.equal(m("a\\(b", "\\("), "2 3");
  assert.equal(m("a0", "%0"), "2 2"); // %0 is no escape in a pattern: a plain 0
});

test("character sets", () => {
  assert.equal(m("xxabcd", "[a-c]+"), "3 5");
  assert.equal(m("abcd", "[^a-c]"), "4 4");
  assert.equal(m("a]b", "[]]"), "2 2");
  assert.equal(m("a]b", "[^]a]"), "3 3");
  assert.equal(m("a-b", "[b-]"), "2 2");
  assert.equal(m("-", "[a-c-e]"), "1 1");
  assert.equal(m("d", "[a-c-e]"), "none");
  assert.equal(m("b", "[z-a]"), "none");
  assert.equal(m("a%(b", "[%(]+"), "2 3"); // no escapes inside brackets
  assert.equal(m("x😀y", "[😀]"), "2 2");
  assert.equal(m("x😀y", "[^x]"), "2 2");
  assert.equal(m("B", "[a-c]"), "1 1");
  assert.equal(m("B", "[a-c]", true), "none");
  assert.equal(m("b", "[A-C]"), "1 1");
});

test("groups, alternation and registers", () => {
  assert.equal(m("foobar", "f%(o*%)b"), "1 4 1:(2,3)");
  assert.equal(m("ab", "%(a%(b%)%)"), "1 2 1:(1,2) 2:(2,2)");
  assert.equal(m("abab", "%(ab%)*"), "1 4 1:(3,4)");
  assert.equal(m("b", "%(a%)%|b"), "1 1");
  assert.equal(m("xcat", "dog%|cat"), "2 4");
  assert.equal(m("xcat", "%(dog%|cat%)"), "2 4 1:(2,4)");
  assert.equal(m("ab", "b$%|x"), "2 2");
  assert.equal(m("ab", "%(b$%)"), "2 2 1:(2,2)");
  assert.equal(m("ba", "x%|^b"), "1 1");
  assert.equal(m("abcdefghij", "%(a%)%(b%)%(c%)%(d%)%(e%)%(f%)%(g%)%(h%)%(i%)%(j%)"),
    "1 10 1:(1,1) 2:(2,2) 3:(3,3) 4:(4,4) 5:(5,5) 6:(6,6) 7:(7,7) 8:(8,8) 9:(9,9)");
  assert.equal(m("*** Welcome to LambdaMOO!!!", "%(%w*%) to %(%w*%)"), "5 24 1:(5,11) 2:(16,24)");
});

test("registers set on an abandoned path are kept (LambdaMOO quirk)", () => {
  assert.equal(m("ac", "%(a%)b%|ac"), "1 2 1:(1,1)");
});

test("back-references", () => {
  assert.equal(m("abcabc", "%(abc%)%1"), "1 6 1:(1,3)");
  assert.equal(m("abcab", "%(abc%)%1"), "none");
  assert.equal(m("abcABC", "%(abc%)%1"), "1 6 1:(1,3)");
  assert.equal(m("abcABC", "%(abc%)%1", true), "none");
  assert.equal(m("b", "%(a%)*b%1"), "none");
  assert.equal(m("xx", "%(x%)%1%1"), "none");
});

test("word characters and boundaries are ASCII letters and digits", () => {
  assert.equal(m("  abc1_", "%w+"), "3 6");
  assert.equal(m("a_b", "%W"), "2 2");
  assert.equal(m("a foo b", "%bfoo%b"), "3 5");
  assert.equal(m("afoo", "%bfoo"), "none");
  // regexpr.c's %B matches a word boundary that is not at either end of the
  // subject (its test is inverted); LambdaMOO behaves so and we keep it.
  assert.equal(m("abc", "%Bb"), "none");
  assert.equal(m("ab cd", "%B"), "3 2");
  assert.equal(m("ab", "%B"), "none");
  assert.equal(m("hello world", "%<w"), "7 7");
  assert.equal(m("hello world", "o%>"), "5 5");
  assert.equal(m("hello", "%>"), "6 5");
  assert.equal(m("é", "%w"), "none");
});

test("matching ignores case unless case matters", () => {
  assert.equal(m("ABC", "b"), "2 2");
  assert.equal(m("ABC", "b", true), "none");
  assert.equal(m("ÉCOLE", "école"), "1 5");
  assert.equal(m("İB", "i"), "1 1");
  assert.equal(foldCodePoint(0x130), 0x69);
  assert.equal(foldCodePoint(0x1f600), 0x1f600);
});

test("positions count characters", () => {
  assert.equal(m("héllo", "é"), "2 2");
  assert.equal(m("héllo", "ll"), "3 4");
  assert.equal(m("héllo", "%(é%)"), "2 2 1:(2,2)");
  assert.equal(m("日本語", "語"), "3 3");
  assert.equal(m("😀a😀b", "b"), "4 4");
  assert.equal(rm("héllo", "l"), "4 4");
  assert.equal(rm("日本語test", "t"), "7 7");
});

test("rmatch finds the last starting position", () => {
  assert.equal(rm("foobar", "o*b"), "4 4");
  assert.equal(rm("abcabc", "b"), "5 5");
  assert.equal(rm("abcabc", "%(a%)%(b%)"), "4 5 1:(4,4) 2:(5,5)");
  assert.equal(rm("abc", ""), "4 3");
  assert.equal(rm("abc", "c$"), "3 3");
  assert.equal(rm("aaa", "a*"), "4 3");
  assert.equal(rm("abc", "x"), "none");
  assert.equal(rm("", "$"), "1 0");
  raises(E.E_QUOTA, () => rm("", "x**"));
  assert.equal(rm("", "x**y"), "none"); // an empty subject is searched forwards, as in LambdaMOO
  // LambdaMOO's reverse search reads the end of the string as NUL, which a
  // pattern that only matches empty at a line end cannot start with.
  assert.equal(rm("abc", "$"), "none");
  assert.equal(rm("abcc", "c*$"), "4 4");
});

test("invalid patterns are E_INVARG", () => {
  for (const p of ["%", "abc%", "[abc", "[", "[^", "%(", "%(a", "a%)", "%)", "*a", "+", "?", "a%|*b",
    "%(*a%)", "a^", "a$b", "a$$", "%\\", "%\\0", "a%(b%|c"]) {
    invalid(p);
  }
  assert.equal(m("a", "^*"), "1 0"); // a repeat of nothing is ignored
});

test("nesting and alternation limits follow regexpr.c", () => {
  const nine = Array.from({ length: 9 }, (_, i) => `${i + 1}:(1,1)`).join(" ");
  assert.equal(m("a", "%(".repeat(99) + "a" + "%)".repeat(99)), `1 1 ${nine}`);
  invalid("%(".repeat(100) + "a" + "%)".repeat(100));
  assert.equal(m("z", Array(101).fill("z").join("%|")), "1 1");
  invalid(Array(102).fill("z").join("%|"));
});

test("empty loops end in E_QUOTA, as LambdaMOO's failure stack overflows", () => {
  raises(E.E_QUOTA, () => m("b", "%(a*%)*"));
  raises(E.E_QUOTA, () => m("aaa", "a**"));
  raises(E.E_QUOTA, () => m("a x", "%b*x"));
});

test("long loops: one failure point when the loop cannot backtrack, else LambdaMOO's limit", () => {
  const ab = "ab".repeat(50_000);
  assert.equal(m(ab, "%(ab%)*$"), "1 100000 1:(99999,100000)");
  assert.equal(m("a".repeat(100_000) + "b", "a*b"), "1 100001");
  assert.equal(m("a".repeat(1000), ".*x"), "none");
  raises(E.E_QUOTA, () => m("a".repeat(70_000), ".*x"));
});

test("catastrophic patterns stop quickly with E_QUOTA", () => {
  const cases: [string, string][] = [
    ["a".repeat(30), "%(a*%)*b"],
    ["a".repeat(30), "%(a%|aa%)*b"],
    ["a".repeat(30), "%(a*%)*%(a*%)*%(a*%)*b"],
    ["a".repeat(28), "%(a?%)*%(a?%)*a*a*a*a*a*a*a*b"],
    ["a".repeat(5000), "%(.*%)*%1x"],
    ["x".repeat(3000), "%(x+x+%)+y"],
  ];
  for (const [s, p] of cases) {
    const ctx = testCtx();
    const t0 = performance.now();
    raises(E.E_QUOTA, () => m(s, p, false, ctx));
    assert.ok(performance.now() - t0 < 1500, `${p} took too long`);
    assert.ok(ctx.charged > 0, "steps are charged even when the search is abandoned");
    assert.ok(ctx.charged <= Math.ceil((MAX_STEPS + 3 * (s.length + p.length)) / STEPS_PER_TICK) + 1);
  }
});

test("the step budget is the task's remaining ticks", () => {
  const ctx = testCtx({ ticks: 50 });
  raises(E.E_QUOTA, () => m("a".repeat(2000), "a*x", false, ctx));
  assert.ok(ctx.charged >= 49 && ctx.charged <= 51, `charged ${ctx.charged}`);
  const tiny = testCtx({ ticks: 0 });
  raises(E.E_QUOTA, () => m("a", "a", false, tiny));
});

test("ticks charged grow with the work done", () => {
  const cost = (subject: string, pattern: string): number => {
    const ctx = testCtx();
    mooMatch(subject, pattern, false, false, ctx);
    return ctx.charged;
  };
  assert.ok(cost("abc", "c") <= 2);
  assert.ok(cost("a".repeat(100_000), "b") > 1000);
  assert.ok(cost("a".repeat(1000), "a*x") > cost("a".repeat(100), "a*x") * 10);
});

test("no host RegExp runs while matching", () => {
  const exec = RegExp.prototype.exec;
  RegExp.prototype.exec = () => { throw new Error("host RegExp used"); };
  let found, last;
  try {
    found = mooMatch("héllo wörld", "%(w[^ ]*%)", false, false, testCtx());
    last = mooMatch("abcABC", "[a-c]+", true, true, testCtx());
  } finally {
    RegExp.prototype.exec = exec;
  }
  assert.equal(summarize(toLiteral(found)), "7 11 1:(7,11)");
  assert.equal(summarize(toLiteral(last)), "3 3");
});

test("compiled programs are plain data", () => {
  const prog = compilePattern("a%(b*%|c%)", false);
  assert.ok(prog.ops.every((op) => Number.isInteger(op)));
  assert.equal(prog.ops.length, prog.args.length);
});
