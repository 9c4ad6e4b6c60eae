// Tests for the string builtins (strings.ts), calling each body directly with a
// test context; cases follow string_operations.moot, basic/string.moot,
// algorithms.moot and the LambdaMOO manual's examples.

import { test } from "node:test";
import assert from "node:assert/strict";
import { type Value, type Box, E, mkList, mkObj, mkErr, mkFloat, mkBigInt, toLiteral, MAXINT } from "../value.ts";
import type { Limits } from "../builtin-spec.ts";
import { MooError } from "../errors.ts";
import { stringBuiltins } from "./strings.ts";
import { testCtx, type TestCtx } from "./test-ctx.ts";

const fn = (name: string) => {
  const spec = stringBuiltins.find((b) => b.name === name);
  if (!spec) throw new Error(`no builtin ${name}`);
  return spec.fn;
};
const callIn = (ctx: TestCtx, name: string, ...args: Value[]): Value => fn(name)(args, ctx) as Value;
const call = (name: string, ...args: Value[]): Value => callIn(testCtx(), name, ...args);
const lit = (name: string, ...args: Value[]): string => toLiteral(call(name, ...args));
const raises = (code: number, f: () => unknown): void => {
  assert.throws(f, (e: unknown) => e instanceof MooError && e.code === code);
};
const L = (...xs: Value[]): Box => mkList(xs);
const small = (limits: Partial<Limits>): TestCtx => testCtx({ limits });
/** Ticks charged by one call. */
const ticks = (name: string, ...args: Value[]): number => {
  const ctx = testCtx();
  callIn(ctx, name, ...args);
  return ctx.charged;
};
const NO_GROUPS = "{{0, -1}, {0, -1}, {0, -1}, {0, -1}, {0, -1}, {0, -1}, {0, -1}, {0, -1}, {0, -1}}";

test("the table declares every builtin once", () => {
  const names = stringBuiltins.map((b) => b.name);
  assert.equal(new Set(names).size, names.length);
  for (const n of ["strsub", "index", "rindex", "strcmp", "explode", "substitute", "match", "rmatch",
    "decode_binary", "encode_binary", "string_hash", "binary_hash", "value_hash", "crypt"]) {
    assert.ok(names.includes(n), n);
  }
});

test("strsub replaces every occurrence, case-insensitively unless told", () => {
  assert.equal(call("strsub", "foobar", "ob", "bo"), "foboar");
  assert.equal(call("strsub", "foobar", "o", "i"), "fiibar");
  assert.equal(call("strsub", "foobarbaz", "bar", "quxx"), "fooquxxbaz");
  assert.equal(call("strsub", "oOoO", "O", "i", 1), "oioi");
  assert.equal(call("strsub", "oOoO", "O", "i"), "iiii");
  assert.equal(call("strsub", "oOoO", "O", "i", 0), "iiii");
  assert.equal(call("strsub", "%n is a fink.", "%n", "Fred"), "Fred is a fink.");
  assert.equal(call("strsub", "aaa", "aa", "b"), "ba");
  assert.equal(call("strsub", "", "a", "b"), "");
  assert.equal(call("strsub", "İB", "i", "x"), "xB");
});

test("strsub with an empty search string is E_INVARG (LambdaMOO)", () => {
  raises(E.E_INVARG, () => call("strsub", "foobar", "", ""));
  raises(E.E_INVARG, () => call("strsub", "foobar", "", "x", 1));
});

test("strsub takes JS replacement patterns literally", () => {
  assert.equal(call("strsub", "abc", "b", "$&$&"), "a$&$&c");
  assert.equal(call("strsub", "abc", "b", "$1$`$'"), "a$1$`$'c");
  assert.equal(call("strsub", "a$&c", "$&", "x"), "axc");
  assert.equal(call("strsub", "a.c", ".", "x"), "axc");
});

test("strsub never splits a surrogate pair", () => {
  assert.equal(call("strsub", "a😀b😀", "😀", "x"), "axbx");
  assert.equal(call("strsub", "😀", "\uDE00", "x"), "😀");
  assert.equal(call("strsub", "😀", "\uD83D", "x"), "😀");
  assert.equal(call("strsub", "x😀y", "x", "😃"), "😃😀y");
});

test("strsub raises E_QUOTA rather than build an oversized string", () => {
  const ctx = small({ maxStringLength: 100 });
  assert.equal(callIn(ctx, "strsub", "a".repeat(50), "a", "bb"), "b".repeat(100));
  raises(E.E_QUOTA, () => callIn(ctx, "strsub", "a".repeat(50), "a", "bbb"));
  raises(E.E_QUOTA, () => callIn(ctx, "strsub", "a".repeat(40), "a", "😀😀😀"));
});

test("index and rindex find substrings", () => {
  assert.equal(call("index", "foobar", "x"), 0);
  assert.equal(call("index", "foobar", "o"), 2);
  assert.equal(call("index", "foobar", "O", 1), 0);
  assert.equal(call("index", "foobar", "O", 0), 2);
  assert.equal(call("index", "foobar", "bar"), 4);
  assert.equal(call("index", "fooBar", "bar"), 4);
  assert.equal(call("index", "fooBar", "bar", 1), 0);
  assert.equal(call("index", "AİB", "b"), 3);
  assert.equal(call("rindex", "foobar", "x"), 0);
  assert.equal(call("rindex", "foobar", "o"), 3);
  assert.equal(call("rindex", "foobar", "O", 1), 0);
  assert.equal(call("rindex", "foobar", "O", 0), 3);
  assert.equal(call("rindex", "bazbarbazfoo", "baz"), 7);
  assert.equal(call("rindex", "bazbarbazfoo", "quxx"), 0);
  assert.equal(call("rindex", "bazbarBazfoo", "baz"), 7);
  assert.equal(call("rindex", "bazbarBazfoo", "baz", 1), 1);
  assert.equal(call("rindex", "AİB", "b"), 3);
});

test("index of the empty string is 1; rindex of it is length + 1 (LambdaMOO)", () => {
  assert.equal(call("index", "foo", ""), 1);
  assert.equal(call("rindex", "foo", ""), 4);
  assert.equal(call("index", "", ""), 1);
  assert.equal(call("rindex", "", ""), 1);
});

test("index and rindex take ToastStunt's skip argument", () => {
  assert.equal(call("index", "foobar", "o", 0, 3), 0);
  assert.equal(call("index", "foobar", "o", 0, 1), 1);
  assert.equal(call("index", "foobar", "o", 0, 0), 2);
  assert.equal(call("index", "foobar", "o", 0, 10), 0);
  raises(E.E_INVARG, () => call("index", "foobar", "o", 0, -1));
  assert.equal(call("rindex", "foobar", "o", 0, -4), 2);
  assert.equal(call("rindex", "foobar", "o", 0, -3), 3);
  assert.equal(call("rindex", "foobar", "o", 0, 0), 3);
  assert.equal(call("rindex", "foobar", "o", 0, -10), 0);
  raises(E.E_INVARG, () => call("rindex", "foobar", "o", 0, 1));
  assert.equal(call("index", "foobar", "o", 0, mkBigInt(MAXINT)), 0);
  raises(E.E_INVARG, () => call("rindex", "foobar", "o", 0, mkBigInt(MAXINT)));
});

test("index and rindex count characters, not UTF-16 units", () => {
  assert.equal(call("index", "😀a😀b", "b"), 4);
  assert.equal(call("rindex", "😀a😀a", "a"), 4);
  assert.equal(call("index", "😀a😀b", "😀b"), 3);
  assert.equal(call("index", "😀", "\uDE00"), 0);
  assert.equal(call("rindex", "😀😀", "\uD83D"), 0);
  assert.equal(call("index", "日本語😀x", "x", 0, 2), 3);
  assert.equal(call("rindex", "😀x😀x", "x", 0, -1), 2);
  assert.equal(call("index", "ΑΣ", "σ"), 2); // folded character by character, never by context
  assert.equal(call("index", "ÉCOLE", "école"), 1);
});

test("strcmp compares case-sensitively by code point", () => {
  assert.equal(call("strcmp", "woo", "woo"), 0);
  assert.equal(call("strcmp", "axx", "baa"), -1);
  assert.equal(call("strcmp", "baa", "axx"), 1);
  assert.equal(call("strcmp", "abc", "abd"), -1);
  assert.equal(call("strcmp", "a", "A"), 1);
  assert.equal(call("strcmp", "ab", "abc"), -1);
  // UTF-16 order would put the surrogate-encoded emoji first.
  assert.equal(call("strcmp", "\uFFFF", "😀"), -1);
  assert.equal(call("strcmp", "😀", "\uFFFF"), 1);
  assert.equal(call("strcmp", "😀a", "😀b"), -1);
});

test("explode splits on one character, dropping empty pieces unless asked", () => {
  assert.equal(lit("explode", "a b  c"), '{"a", "b", "c"}');
  assert.equal(lit("explode", "  "), "{}");
  assert.equal(lit("explode", ""), "{}");
  assert.equal(lit("explode", "a,b,,c", ","), '{"a", "b", "c"}');
  assert.equal(lit("explode", "a,b,,c", ",", 1), '{"a", "b", "", "c"}');
  assert.equal(lit("explode", ",a,", ",", 1), '{"", "a", ""}');
  assert.equal(lit("explode", "", ",", 1), '{""}');
  assert.equal(lit("explode", "axbycxd", "xyz"), '{"a", "byc", "d"}');
  assert.equal(lit("explode", "a b", ""), '{"a", "b"}');
  assert.equal(lit("explode", "a😀b😀😀c", "😀"), '{"a", "b", "c"}');
  assert.equal(lit("explode", "😀 😃"), '{"😀", "😃"}');
  raises(E.E_QUOTA, () => callIn(small({ maxListLength: 3 }), "explode", "a b c d"));
});

test("match and rmatch follow the conformance transcripts", () => {
  assert.equal(lit("match", "foo", "^f*o$"), "{}");
  assert.equal(lit("match", "foo", "^fo*$"), `{1, 3, ${NO_GROUPS}, "foo"}`);
  assert.equal(lit("match", "foobar", "o*b"), `{2, 4, ${NO_GROUPS}, "foobar"}`);
  assert.equal(lit("rmatch", "foobar", "o*b"), `{4, 4, ${NO_GROUPS}, "foobar"}`);
  assert.equal(lit("match", "foobar", "f%(o*%)b"),
    '{1, 4, {{2, 3}, {0, -1}, {0, -1}, {0, -1}, {0, -1}, {0, -1}, {0, -1}, {0, -1}, {0, -1}}, "foobar"}');
  assert.equal(lit("match", "FOO", "o"), `{2, 2, ${NO_GROUPS}, "FOO"}`);
  assert.equal(lit("match", "FOO", "o", 1), "{}");
  raises(E.E_INVARG, () => call("match", "foo", "%("));
  raises(E.E_INVARG, () => call("rmatch", "foo", "*"));
});

test("substitute fills in %0-%9 and %% from a match result", () => {
  const subs = call("match", "*** Welcome to LambdaMOO!!!", "%(%w*%) to %(%w*%)");
  assert.equal(call("substitute", "I thank you for your %1 here in %2.", subs),
    "I thank you for your Welcome here in LambdaMOO.");
  assert.equal(call("substitute", "[%0] 100%%", subs), "[Welcome to LambdaMOO] 100%");
  assert.equal(call("substitute", "%3%4%9", subs), "");
  assert.equal(call("substitute", "$& $1 %1", subs), "$& $1 Welcome");
  assert.equal(call("substitute", "say %1", call("match", "héllo wörld", "%(wörld%)")), "say wörld");
  const subs2 = call("match", "日本語です", "%(日本語%)");
  assert.equal(call("substitute", "Language: %1", subs2), "Language: 日本語");
  assert.equal(call("substitute", "<%1>", call("match", "a😀b", "%(😀b%)")), "<😀b>");
});

test("substitute raises E_INVARG for bad escapes and malformed match results", () => {
  const subs = call("match", "abc", "%(b%)");
  raises(E.E_INVARG, () => call("substitute", "%a", subs));
  raises(E.E_INVARG, () => call("substitute", "trailing %", subs));
  raises(E.E_INVARG, () => call("substitute", "%😀", subs));
  const groups = L(...Array.from({ length: 9 }, () => L(0, -1)));
  const ok = L(1, 3, groups, "abc");
  assert.equal(call("substitute", "%0", ok), "abc");
  raises(E.E_INVARG, () => call("substitute", "x", L()));
  raises(E.E_INVARG, () => call("substitute", "x", L(1, 3, groups)));
  raises(E.E_INVARG, () => call("substitute", "x", L("1", 3, groups, "abc")));
  raises(E.E_INVARG, () => call("substitute", "x", L(1, 3, groups, mkObj(1))));
  raises(E.E_INVARG, () => call("substitute", "x", L(1, 4, groups, "abc"))); // beyond the subject
  raises(E.E_INVARG, () => call("substitute", "x", L(0, 0, groups, "abc")));
  raises(E.E_INVARG, () => call("substitute", "x", L(3, 1, groups, "abc")));
  raises(E.E_INVARG, () => call("substitute", "x", L(1, 3, L(L(0, -1)), "abc")));
  raises(E.E_INVARG, () => call("substitute", "x", L(1, 3, L(...Array.from({ length: 9 }, () => L(0))), "abc")));
  raises(E.E_INVARG, () => call("substitute", "x", L(1, 3, L(...Array.from({ length: 9 }, () => L(1, 5))), "abc")));
  raises(E.E_INVARG, () => call("substitute", "x", L(mkBigInt(MAXINT), 3, groups, "abc")));
  // An empty span (start = end + 1) is allowed and substitutes nothing.
  assert.equal(call("substitute", "[%0]", L(2, 1, groups, "abc")), "[]");
  // Lengths count characters.
  assert.equal(call("substitute", "%0", L(2, 2, groups, "😀é")), "é");
});

test("substitute raises E_QUOTA on an oversized result", () => {
  const subs = call("match", "a".repeat(60), ".*");
  raises(E.E_QUOTA, () => callIn(small({ maxStringLength: 100 }), "substitute", "%0%0", subs));
  assert.equal(callIn(small({ maxStringLength: 120 }), "substitute", "%0%0", subs), "a".repeat(120));
});

test("decode_binary follows the manual's examples", () => {
  assert.equal(lit("decode_binary", "foo"), '{"foo"}');
  assert.equal(lit("decode_binary", "~~foo"), '{"~foo"}');
  assert.equal(lit("decode_binary", "~7Efoo"), '{"~foo"}');
  assert.equal(lit("decode_binary", "foo~0D~0A"), '{"foo", 13, 10}');
  assert.equal(lit("decode_binary", "foo~0Abar~0Abaz"), '{"foo", 10, "bar", 10, "baz"}');
  assert.equal(lit("decode_binary", "foo~0D~0A", 1), "{102, 111, 111, 13, 10}");
  assert.equal(lit("decode_binary", "a~09b c"), '{"a\tb c"}');
  assert.equal(lit("decode_binary", "~ff~FF"), "{255, 255}");
  assert.equal(lit("decode_binary", ""), "{}");
  assert.equal(lit("decode_binary", "é"), "{195, 169}"); // UTF-8 bytes, as ToastStunt
});

test("decode_binary rejects malformed binary strings and oversized lists", () => {
  raises(E.E_INVARG, () => call("decode_binary", "~"));
  raises(E.E_INVARG, () => call("decode_binary", "~4"));
  raises(E.E_INVARG, () => call("decode_binary", "~4g"));
  raises(E.E_INVARG, () => call("decode_binary", "abc~x1", 1));
  raises(E.E_QUOTA, () => callIn(small({ maxListLength: 3 }), "decode_binary", "abcd", 1));
  raises(E.E_QUOTA, () => callIn(small({ maxListLength: 3 }), "decode_binary", "a~01b~01c"));
});

test("encode_binary follows the manual's examples", () => {
  assert.equal(call("encode_binary", "~foo"), "~7Efoo");
  assert.equal(call("encode_binary", L("foo", 10), L("bar", 13)), "foo~0Abar~0D");
  assert.equal(call("encode_binary", "foo", 10, "bar", 13), "foo~0Abar~0D");
  assert.equal(call("encode_binary"), "");
  assert.equal(call("encode_binary", L(L(L(65)), 0, 255, " ")), "A~00~FF ");
  assert.equal(call("encode_binary", "\t"), "~09");
  assert.equal(call("encode_binary", "é"), "~C3~A9");
  assert.equal(lit("decode_binary", call("encode_binary", "héllo", 7)), '{"h", 195, 169, "llo", 7}');
});

test("encode_binary rejects other values", () => {
  raises(E.E_INVARG, () => call("encode_binary", 256));
  raises(E.E_INVARG, () => call("encode_binary", -1));
  raises(E.E_INVARG, () => call("encode_binary", mkFloat(1)));
  raises(E.E_INVARG, () => call("encode_binary", mkObj(1)));
  raises(E.E_INVARG, () => call("encode_binary", L(1, L(mkErr(E.E_PERM)))));
  raises(E.E_INVARG, () => call("encode_binary", mkBigInt(MAXINT)));
  raises(E.E_QUOTA, () => callIn(small({ maxStringLength: 10 }), "encode_binary", L(1, 2, 3, 4)));
});

test("encode_binary walks deeply nested lists without recursion", () => {
  let v: Value = L(65);
  for (let i = 0; i < 100_000; i++) v = L(v);
  assert.equal(call("encode_binary", v), "A");
});

test("string_hash, binary_hash and value_hash default to uppercase MD5 (LambdaMOO)", () => {
  assert.equal(call("string_hash", "abc"), "900150983CD24FB0D6963F7D28E17F72");
  assert.equal(call("string_hash", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
    "8215EF0796A20BCAAAE116D3876C664A");
  assert.notEqual(call("string_hash", "foo"), call("string_hash", "bar"));
  assert.equal(call("value_hash", L()), "99914B932BD37A50B983C5E7C90AE93B");
  const tmp = L(1, 2, 3, L("fee", "fi", "fo", "fum"));
  assert.equal(call("value_hash", tmp), "4DF7F9A6A00994056746D3DA490249EA");
  assert.equal(call("value_hash", tmp), call("string_hash", toLiteral(tmp)));
  assert.equal(call("binary_hash", "abc"), call("string_hash", "abc"));
  assert.equal(call("binary_hash", "~61~62~63"), "900150983CD24FB0D6963F7D28E17F72");
  assert.equal(call("string_hash", "é"), call("binary_hash", "~C3~A9"));
});

test("hashes take ToastStunt's algorithm and binary-output arguments", () => {
  assert.equal(call("string_hash", "abc", "sha256"),
    "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
  assert.equal(call("string_hash", "abc", "SHA1"), "A9993E364706816ABA3E25717850C26C9CD0D89D");
  assert.equal(call("binary_hash", "~00~00~00~00~00", "sha256"),
    "8855508AADE16EC573D21E6A485DFD0A7624085C1A14B5ECDD6485DE0C6839A4");
  assert.equal(call("string_hash", "abc", "md5", 1), "~90~01~50~98~3C~D2~4F~B0~D6~96~3F~7D~28~E1~7F~72");
  assert.equal((call("value_hash", 1, "sha512") as string).length, 128);
  assert.equal((call("string_hash", "", "ripemd160") as string).length, 40);
  raises(E.E_INVARG, () => call("string_hash", "abc", "crc32"));
  raises(E.E_INVARG, () => call("value_hash", 1, "constructor"));
  raises(E.E_INVARG, () => call("binary_hash", "~zz"));
});

test("crypt through the table matches the conformance transcripts", () => {
  assert.equal(call("crypt", "foobar", "J3"), "J3fSFQfgkp26w");
  assert.equal(call("crypt", "mumble", "J3"), "J3D0.dh.jjmWQ");
  assert.equal(call("crypt", "foobar", "J4"), "J4AcPxOJ4ncq2");
  assert.equal(call("crypt", "foobar", "SA"), "SAEmC5UwrAl2A");
});

test("work is charged in ticks that grow with the input", () => {
  const big = "ab".repeat(20_000);
  assert.ok(ticks("strsub", big, "a", "xyz") > ticks("strsub", "ab", "a", "xyz") + 100);
  assert.ok(ticks("index", big, "zz") > 100);
  assert.ok(ticks("rindex", big, "zz") > 100);
  assert.ok(ticks("strcmp", big, big) > 100);
  assert.ok(ticks("explode", big, "b") > 100);
  assert.ok(ticks("string_hash", big) > 100);
  assert.ok(ticks("value_hash", L(big)) > 100);
  assert.ok(ticks("encode_binary", big) > 100);
  assert.ok(ticks("decode_binary", big) > 100);
  assert.ok(ticks("match", big, "zz") > 100);
  const subs = call("match", big, ".*");
  assert.ok(ticks("substitute", "%0", subs) > 100);
});
