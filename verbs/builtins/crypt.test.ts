// Tests for crypt() (crypt.ts). Expected hashes were produced with the C
// library's crypt(3) (Python 3.11's crypt module on glibc/libxcrypt) and the
// conformance transcripts basic/string.moot and string_operations.moot.

import { test } from "node:test";
import assert from "node:assert/strict";
import { type Value, E } from "../value.ts";
import { MooError } from "../errors.ts";
import { bf_crypt, desCrypt, md5Crypt, shaCrypt, parseShaSalt } from "./crypt.ts";
import { testCtx, type TestCtx } from "./test-ctx.ts";

const crypt = (args: Value[], ctx: TestCtx = testCtx()): string => bf_crypt(args, ctx) as string;
const raises = (code: number, f: () => unknown): void => {
  assert.throws(f, (e: unknown) => e instanceof MooError && e.code === code);
};
const SALT_CHARS = /^[./0-9A-Za-z]{2}$/;

test("DES crypt matches crypt(3)", () => {
  const vectors: [string, string, string][] = [
    ["password", "ab", "abJnggxhB/yWI"],
    ["foobar", "J3", "J3fSFQfgkp26w"],
    ["mumble", "J3", "J3D0.dh.jjmWQ"],
    ["foobar", "J4", "J4AcPxOJ4ncq2"],
    ["foobar", "SA", "SAEmC5UwrAl2A"],
    ["", "..", "..X8NBuQ4l6uQ"],
    ["verylongpassword", "zz", "zzwXCclkACT/6"],
    ["héllo😀", "ab", "abghyPyhl02YQ"], // UTF-8 bytes
    ["pw", "abJnggxhB/yWI", "abzlUXK5ed5rs"], // only two salt characters count
  ];
  for (const [pw, salt, want] of vectors) {
    assert.equal(desCrypt(pw, salt), want, `${pw} / ${salt}`);
    assert.equal(crypt([pw, salt]), want);
  }
});

test("DES crypt uses only the first 8 bytes of the password", () => {
  assert.equal(crypt(["12345678X", "ab"]), "ab1iBa.N.U2C6");
  assert.equal(crypt(["12345678", "ab"]), "ab1iBa.N.U2C6");
});

test("a stored hash used as the salt verifies the password", () => {
  const stored = crypt(["secret"]);
  assert.equal(crypt(["secret", stored]), stored);
  assert.notEqual(crypt(["Secret", stored]), stored);
});

test("a missing or short salt is replaced by a random one", () => {
  const ctx = testCtx();
  const a = crypt(["foo"], ctx), b = crypt(["foo", "x"], ctx), c = crypt(["foo", ""], ctx);
  for (const h of [a, b, c]) {
    assert.equal(h.length, 13);
    assert.match(h.slice(0, 2), SALT_CHARS);
    assert.equal(crypt(["foo", h]), h);
  }
  assert.notEqual(a.slice(0, 2) + b.slice(0, 2) + c.slice(0, 2), a.slice(0, 2).repeat(3));
});

test("$1$ is MD5 crypt", () => {
  const vectors: [string, string, string][] = [
    ["x", "$1$saltsalt", "$1$saltsalt$4px9i58NU2Z2/vZOUlGjq."],
    ["password", "$1$abc", "$1$abc$BXBqpb9BZcZhXLgbee.0s/"],
    ["", "$1$", "$1$$qRPK7m23GJusamGpoGLby/"],
    ["pass", "$1$toolongsaltvalue", "$1$toolongs$egg6G8POzU2QOeznq6CL3."],
    ["héllo😀", "$1$sel", "$1$sel$rg/qA2eukUfDFj0oIbN6//"],
  ];
  for (const [pw, salt, want] of vectors) {
    assert.equal(md5Crypt(pw, salt), want);
    assert.equal(crypt([pw, salt]), want);
    assert.equal(crypt([pw, want]), want);
  }
});

test("$5$ and $6$ are SHA-crypt", () => {
  const vectors: [string, string, string][] = [
    ["hello", "$5$saltstring", "$5$saltstring$4mLzDd7PmpYGnmV6HHYAR6tJydOUyhkrRSQDy8q2eK8"],
    ["hello", "$6$saltstring",
      "$6$saltstring$FAGYDyoYriJZZozrqxKlj3e8sB/i7oiBKr0IsSILeeFjOstTzTN7VBrJXtFNTHuRzUnhy.z43X6Jd3KbHZ.me/"],
    ["Hello world!", "$5$rounds=10000$saltstringsaltstring",
      "$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA"],
    ["héllo😀", "$6$rounds=1000$sel",
      "$6$rounds=1000$sel$P95xzM22PpeYXpqaalUsZkn4kz1jCIN.Fbvci3XB3GU4vc7td1VV6TzlKLzDUwNBdRImnYK9ooS9Pd7Evmla/."],
  ];
  for (const [pw, salt, want] of vectors) {
    const parsed = parseShaSalt(salt)!;
    assert.equal(shaCrypt(pw, salt[1] as "5" | "6", parsed), want);
    assert.equal(crypt([pw, salt], testCtx({ wizard: true })), want);
    assert.equal(crypt([pw, want], testCtx({ wizard: true })), want);
  }
});

test("only wizards may choose SHA-crypt rounds (ToastStunt)", () => {
  raises(E.E_PERM, () => crypt(["pw", "$5$rounds=1000$abc"], testCtx({ wizard: false })));
  assert.equal(crypt(["hello", "$5$saltstring"], testCtx({ wizard: false })),
    "$5$saltstring$4mLzDd7PmpYGnmV6HHYAR6tJydOUyhkrRSQDy8q2eK8");
});

test("malformed and unsupported modular salts are E_INVARG", () => {
  for (const salt of ["$5$rounds=999$abc", "$6$rounds=x$abc", "$5$rounds=1000000000$abc", "$5$rounds=5000",
    "$2a$10$abcdefghijklmnopqrstuu", "$2b$05$x", "$x$abc", "$$", "$7$abc"]) {
    raises(E.E_INVARG, () => crypt(["pw", salt]));
  }
});

test("crypt charges ticks and refuses work beyond the task's budget", () => {
  const ctx = testCtx();
  crypt(["pw", "ab"], ctx);
  const des = ctx.charged;
  crypt(["pw", "$5$abc"], ctx);
  assert.ok(des > 0);
  assert.ok(ctx.charged - des >= 5000);
  raises(E.E_QUOTA, () => crypt(["pw", "$6$abc"], testCtx({ ticks: 100 })));
  raises(E.E_QUOTA, () => crypt(["pw", "$6$rounds=999999999$abc"], testCtx({ ticks: 1_000_000 })));
});
