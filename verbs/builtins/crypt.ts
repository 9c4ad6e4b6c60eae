// crypt(): Unix password hashing, so hashes stored in old LambdaCore databases
// still verify. Traditional DES crypt(3) is implemented here from the published
// algorithm; `$1$` (MD5), `$5$` and `$6$` (SHA-crypt) salts as ToastStunt accepts.

import { createHash } from "node:crypto";
import { type Value, E, strLength } from "../value.ts";
import type { BuiltinCtx } from "../builtin-spec.ts";
import { MooError } from "../errors.ts";

/** The crypt alphabet: 6-bit values 0..63 as printable characters. */
const ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// ---- DES tables (FIPS 46), bit positions counted from 1 ----

const IP = [
  58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
  62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
  57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3,
  61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
];
/** The final permutation is the inverse of IP. */
const FP = ((): number[] => {
  const fp = new Array<number>(64);
  IP.forEach((from, i) => { fp[from - 1] = i + 1; });
  return fp;
})();
/** Expansion: each 4-bit group of R with its two neighbours, wrapping round. */
const E_TABLE = Array.from({ length: 48 }, (_, k) => ((4 * Math.floor(k / 6) + (k % 6) + 31) % 32) + 1);
const P = [
  16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10,
  2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25,
];
const PC1 = [
  57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18,
  10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
  63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22,
  14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
];
const PC2 = [
  14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4,
  26, 8, 16, 7, 27, 20, 13, 2, 41, 52, 31, 37, 47, 55, 30, 40,
  51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
];
const SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];
const SBOX = [
  "e4d12fb83a6c5907 0f74e2d1a6cb9538 41e8d62bfc973a50 fc8249175b3ea06d",
  "f18e6b34972dc05a 3d47f28ec01a69b5 0e7ba4d158c6932f d8a13f42b67c05e9",
  "a09e63f51dc7b428 d709346a285ecbf1 d6498f30b12c5ae7 1ad069874fe3b52c",
  "7de3069a1285bc4f d8b56f03472c1ae9 a690cb7df13e5284 3f06a1d8945bc72e",
  "2c417ab6853fd0e9 eb2c47d150fa3986 421bad78f9c5630e b8c71e2d6f09a453",
  "c1af92680d34e75b af427c9561de0b38 9ef528c3704a1db6 432c95fabe17608d",
  "4b2ef08d3c975a61 d0b7491ae35c2f86 14bdc37eaf680592 6bd814a7950fe23c",
  "d2846fb1a93e50c7 1fd8a374c56b0e92 7b419ce206adf358 21e74a8dfc90356b",
].map((box) => box.replace(/ /g, "").split("").map((h) => parseInt(h, 16)));

const permute = (bits: Uint8Array, table: readonly number[]): Uint8Array =>
  Uint8Array.from(table, (p) => bits[p - 1]!);

/** The 16 round keys for a password: low 7 bits of its first 8 bytes. */
const keySchedule = (pw: Uint8Array): Uint8Array[] => {
  const key = new Uint8Array(64);
  for (let i = 0; i < 8; i++) {
    const c = ((pw[i] ?? 0) << 1) & 0xff;
    for (let j = 0; j < 8; j++) key[8 * i + j] = (c >> (7 - j)) & 1;
  }
  const cd = permute(key, PC1);
  const keys: Uint8Array[] = [];
  for (const s of SHIFTS) {
    for (let k = 0; k < s; k++) {
      const c0 = cd[0]!, d0 = cd[28]!;
      cd.copyWithin(0, 1, 28);
      cd[27] = c0;
      cd.copyWithin(28, 29, 56);
      cd[55] = d0;
    }
    keys.push(permute(cd, PC2));
  }
  return keys;
};

/** Salt value of a crypt character (glibc's mapping; other characters keep their low bits). */
const saltBits = (c: number): number =>
  (c >= 97 ? c - 59 : c >= 65 ? c - 53 : c - 46) & 63;

/** Traditional crypt(3): 25 DES encryptions of zero under the password, E-box perturbed by the salt. */
export const desCrypt = (password: string, salt: string): string => {
  const saltChars = Array.from(salt).slice(0, 2);
  const eTable = E_TABLE.slice();
  saltChars.forEach((ch, i) => {
    const v = saltBits(ch.codePointAt(0)!);
    for (let j = 0; j < 6; j++) {
      if ((v >> j) & 1) {
        const a = 6 * i + j;
        [eTable[a], eTable[a + 24]] = [eTable[a + 24]!, eTable[a]!];
      }
    }
  });
  const keys = keySchedule(Buffer.from(password, "utf8"));
  const eIndex = Int32Array.from(eTable, (p) => p - 1);
  let block: Uint8Array = new Uint8Array(64);
  let l = new Uint8Array(32), r = new Uint8Array(32), spare = new Uint8Array(32);
  const x = new Uint8Array(48);
  const f = new Uint8Array(32);
  for (let iter = 0; iter < 25; iter++) {
    const lr = permute(block, IP);
    l.set(lr.subarray(0, 32));
    r.set(lr.subarray(32));
    for (let round = 0; round < 16; round++) {
      const k = keys[round]!;
      for (let i = 0; i < 48; i++) x[i] = r[eIndex[i]!]! ^ k[i]!;
      for (let b = 0, o = 0; b < 8; b++, o += 6) {
        const row = (x[o]! << 1) | x[o + 5]!;
        const col = (x[o + 1]! << 3) | (x[o + 2]! << 2) | (x[o + 3]! << 1) | x[o + 4]!;
        const v = SBOX[b]![16 * row + col]!;
        f[4 * b] = (v >> 3) & 1; f[4 * b + 1] = (v >> 2) & 1; f[4 * b + 2] = (v >> 1) & 1; f[4 * b + 3] = v & 1;
      }
      // new R = L xor P(f); new L = old R
      for (let i = 0; i < 32; i++) spare[i] = l[i]! ^ f[P[i]! - 1]!;
      const oldL = l;
      l = r;
      r = spare;
      spare = oldL;
    }
    const pre = new Uint8Array(64);
    pre.set(r, 0);
    pre.set(l, 32);
    block = permute(pre, FP);
  }
  let out = saltChars.join("");
  for (let i = 0; i < 11; i++) {
    let v = 0;
    for (let j = 0; j < 6; j++) v = (v << 1) | (block[6 * i + j] ?? 0);
    out += ITOA64[v];
  }
  return out;
};

// ---- modular crypt formats ----

const hash = (algo: string, parts: readonly Uint8Array[]): Buffer => {
  const h = createHash(algo);
  for (const p of parts) h.update(p);
  return h.digest();
};

/** Little-endian 6-bit groups of bytes b2:b1:b0, as the MD5 and SHA crypts encode. */
const to64 = (b2: number, b1: number, b0: number, n: number): string => {
  let w = (b2 << 16) | (b1 << 8) | b0;
  let s = "";
  for (let i = 0; i < n; i++) { s += ITOA64[w & 63]; w >>= 6; }
  return s;
};

/** Poul-Henning Kamp's MD5 crypt (`$1$`, salt up to 8 characters). */
export const md5Crypt = (password: string, saltSpec: string): string => {
  const saltText = Array.from(saltSpec.slice(3).split("$")[0]!).slice(0, 8).join("");
  const pw = Buffer.from(password, "utf8");
  const salt = Buffer.from(saltText, "utf8");
  const magic = Buffer.from("$1$");
  const alt = hash("md5", [pw, salt, pw]);
  const first: Uint8Array[] = [pw, magic, salt];
  for (let n = pw.length; n > 0; n -= 16) first.push(alt.subarray(0, Math.min(16, n)));
  for (let n = pw.length; n > 0; n >>= 1) first.push(n & 1 ? Buffer.of(0) : pw.subarray(0, 1));
  let d = hash("md5", first);
  for (let i = 0; i < 1000; i++) {
    const parts: Uint8Array[] = [i & 1 ? pw : d];
    if (i % 3) parts.push(salt);
    if (i % 7) parts.push(pw);
    parts.push(i & 1 ? d : pw);
    d = hash("md5", parts);
  }
  const enc = to64(d[0]!, d[6]!, d[12]!, 4) + to64(d[1]!, d[7]!, d[13]!, 4) + to64(d[2]!, d[8]!, d[14]!, 4)
    + to64(d[3]!, d[9]!, d[15]!, 4) + to64(d[4]!, d[10]!, d[5]!, 4) + to64(0, 0, d[11]!, 2);
  return `$1$${saltText}$${enc}`;
};

/** Byte orders of the SHA-crypt encodings: triples, most significant first. */
const SHA256_ORDER = [
  [0, 10, 20], [21, 1, 11], [12, 22, 2], [3, 13, 23], [24, 4, 14],
  [15, 25, 5], [6, 16, 26], [27, 7, 17], [18, 28, 8], [9, 19, 29],
];
const SHA512_ORDER = [
  [0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48],
  [28, 49, 7], [50, 8, 29], [9, 30, 51], [31, 52, 10], [53, 11, 32], [12, 33, 54], [34, 55, 13],
  [56, 14, 35], [15, 36, 57], [37, 58, 16], [59, 17, 38], [18, 39, 60], [40, 61, 19], [62, 20, 41],
];

export const SHA_DEFAULT_ROUNDS = 5000;

/** A parsed `$5$`/`$6$` salt: the rounds given (null if none) and the salt text. */
export interface ShaSalt { readonly rounds: number | null; readonly salt: string }

/** Parse `$5$[rounds=N$]salt[$...]`; null when the rounds field is malformed or out of range. */
export const parseShaSalt = (spec: string): ShaSalt | null => {
  let rest = spec.slice(3);
  let rounds: number | null = null;
  const m = /^rounds=([0-9]+)\$/.exec(rest);
  if (m) {
    rounds = Number(m[1]);
    if (rounds < 1000 || rounds > 999_999_999) return null;
    rest = rest.slice(m[0].length);
  } else if (rest.startsWith("rounds=")) {
    return null;
  }
  return { rounds, salt: Array.from(rest.split("$")[0]!).slice(0, 16).join("") };
};

/** Ulrich Drepper's SHA-256/SHA-512 crypt (`$5$`, `$6$`). */
export const shaCrypt = (password: string, id: "5" | "6", parsed: ShaSalt): string => {
  const algo = id === "5" ? "sha256" : "sha512";
  const size = id === "5" ? 32 : 64;
  const rounds = parsed.rounds ?? SHA_DEFAULT_ROUNDS;
  const pw = Buffer.from(password, "utf8");
  const salt = Buffer.from(parsed.salt, "utf8");
  const b = hash(algo, [pw, salt, pw]);
  const aParts: Uint8Array[] = [pw, salt];
  let n = pw.length;
  for (; n > size; n -= size) aParts.push(b);
  aParts.push(b.subarray(0, n));
  for (let k = pw.length; k > 0; k >>= 1) aParts.push(k & 1 ? b : pw);
  const a = hash(algo, aParts);
  const dp = hash(algo, Array.from({ length: pw.length }, () => pw));
  const pSeq = Buffer.alloc(pw.length);
  for (let i = 0; i < pw.length; i++) pSeq[i] = dp[i % size]!;
  const ds = hash(algo, Array.from({ length: 16 + a[0]! }, () => salt));
  const sSeq = Buffer.alloc(salt.length);
  for (let i = 0; i < salt.length; i++) sSeq[i] = ds[i % size]!;
  let c = a;
  for (let i = 0; i < rounds; i++) {
    const parts: Uint8Array[] = [i & 1 ? pSeq : c];
    if (i % 3) parts.push(sSeq);
    if (i % 7) parts.push(pSeq);
    parts.push(i & 1 ? c : pSeq);
    c = hash(algo, parts);
  }
  let enc = "";
  for (const [x, y, z] of id === "5" ? SHA256_ORDER : SHA512_ORDER) enc += to64(c[x!]!, c[y!]!, c[z!]!, 4);
  enc += id === "5" ? to64(0, c[31]!, c[30]!, 3) : to64(0, 0, c[63]!, 2);
  const roundsField = parsed.rounds === null ? "" : `rounds=${parsed.rounds}$`;
  return `$${id}$${roundsField}${parsed.salt}$${enc}`;
};

// ---- the builtin ----

/** Ticks charged per hashing pass, so password hashing is paid for like any other work. */
const DES_TICKS = 25;
const MD5_TICKS = 1000;

/** Charge ticks for work about to be done; E_QUOTA first when the task cannot pay for all of it. */
export const payFor = (ctx: BuiltinCtx, ticks: number): void => {
  if (ticks > ctx.ticksLeft()) throw new MooError(E.E_QUOTA);
  ctx.charge(ticks);
};

/**
 * crypt(text [, salt]): a salt shorter than two characters (or none) is
 * replaced by a random two-character one (LambdaMOO). Passing a stored hash
 * as the salt re-derives it, which is how passwords are checked.
 */
export const bf_crypt = (args: Value[], ctx: BuiltinCtx): Value => {
  const text = args[0] as string;
  let salt = args.length > 1 ? (args[1] as string) : "";
  if (strLength(salt) < 2) {
    salt = ITOA64[Math.floor(ctx.random() * 64)]! + ITOA64[Math.floor(ctx.random() * 64)]!;
  }
  if (!salt.startsWith("$")) {
    payFor(ctx, DES_TICKS);
    return desCrypt(text, salt);
  }
  if (salt.startsWith("$1$")) {
    payFor(ctx, MD5_TICKS);
    return md5Crypt(text, salt);
  }
  if (salt.startsWith("$5$") || salt.startsWith("$6$")) {
    const parsed = parseShaSalt(salt);
    if (!parsed) throw new MooError(E.E_INVARG, "Invalid salt", salt);
    // ToastStunt: only wizards may choose the work factor.
    if (parsed.rounds !== null && !ctx.wizard) {
      throw new MooError(E.E_PERM, "Cannot specify non-default strength", parsed.rounds);
    }
    payFor(ctx, parsed.rounds ?? SHA_DEFAULT_ROUNDS);
    return shaCrypt(text, salt[1] as "5" | "6", parsed);
  }
  // bcrypt (`$2a$` and friends) is not implemented; other prefixes name no scheme.
  throw new MooError(E.E_INVARG, "Invalid salt", salt);
};
