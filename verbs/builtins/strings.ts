// String builtins: strsub, index, rindex, strcmp, explode, match, rmatch,
// substitute, binary strings, hashes and crypt. Characters are code points:
// no result splits a surrogate pair, and user text is never a replace() pattern.

import { createHash } from "node:crypto";
import {
  type Value, type Box, T, E, mkList, listOf, isTrue, bigOf, strLength, strSlice, hasSurrogates, toLiteral,
} from "../value.ts";
import { type BuiltinSpec, type BuiltinCtx, ANY, chargeWork } from "../builtin-spec.ts";
import { MooError } from "../errors.ts";
import { foldCodePoint } from "./regex-compile.ts";
import { mooMatch } from "./regex.ts";
import { bf_crypt } from "./crypt.ts";

// ---- helpers ----

/** An INT argument as a JS number; boxed ints beyond 2^53 become +-Infinity. */
const intArg = (v: Value): number => (typeof v === "number" ? v : bigOf(v as Box) > 0n ? Infinity : -Infinity);

const checkString = (chars: number, ctx: BuiltinCtx): void => {
  if (chars > ctx.limits.maxStringLength) throw new MooError(E.E_QUOTA);
};
const checkList = (n: number, ctx: BuiltinCtx): void => {
  if (n > ctx.limits.maxListLength) throw new MooError(E.E_QUOTA);
};

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * Case-fold a string character by character (see foldCodePoint). The result
 * has the same UTF-16 length, so an index found in it is an index into s.
 */
export const foldString = (s: string): string => {
  if (ASCII_ONLY.test(s)) return s.toLowerCase();
  // Character by character: whole-string toLowerCase() changes lengths ("İ")
  // and depends on context (final sigma).
  const memo = new Map<string, string>();
  const parts: string[] = [];
  for (const ch of s) {
    let f = memo.get(ch);
    if (f === undefined) {
      f = String.fromCodePoint(foldCodePoint(ch.codePointAt(0)!));
      memo.set(ch, f);
    }
    parts.push(f);
  }
  return parts.join("");
};

const isHigh = (c: number): boolean => c >= 0xd800 && c < 0xdc00;
const isLow = (c: number): boolean => c >= 0xdc00 && c < 0xe000;
/** True when a match of length len at unit i would cut a surrogate pair in two. */
const splitsPair = (s: string, i: number, len: number): boolean =>
  (i > 0 && isLow(s.charCodeAt(i)) && isHigh(s.charCodeAt(i - 1)))
  || (i + len < s.length && isLow(s.charCodeAt(i + len)) && isHigh(s.charCodeAt(i + len - 1)));

/** First occurrence of needle in hay at or after unit `from` that starts and ends on character boundaries. */
const findForward = (hay: string, needle: string, from: number): number => {
  for (let i = hay.indexOf(needle, from); i >= 0; i = hay.indexOf(needle, i + 1)) {
    if (!splitsPair(hay, i, needle.length)) return i;
  }
  return -1;
};
const findBackward = (hay: string, needle: string): number => {
  for (let i = hay.lastIndexOf(needle); i >= 0; i = i > 0 ? hay.lastIndexOf(needle, i - 1) : -1) {
    if (!splitsPair(hay, i, needle.length)) return i;
  }
  return -1;
};

/** Characters before UTF-16 index i of s. */
const charsBefore = (s: string, i: number): number => (hasSurrogates(s) ? strLength(s.slice(0, i)) : i);

/** Compare by code point, as C's strcmp compares UTF-8 bytes. */
const compareCodePoints = (a: string, b: string): number => {
  if (!hasSurrogates(a) && !hasSurrogates(b)) return a < b ? -1 : a > b ? 1 : 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n;) {
    const x = a.codePointAt(i)!, y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
};

// ---- substring search and replacement ----

/** strsub(subject, what, with [, case-matters]): every non-overlapping occurrence, left to right. */
const bf_strsub = (args: Value[], ctx: BuiltinCtx): Value => {
  const subject = args[0] as string, what = args[1] as string, repl = args[2] as string;
  if (what === "") throw new MooError(E.E_INVARG);
  const caseMatters = args.length > 3 && isTrue(args[3]!);
  const hay = caseMatters ? subject : foldString(subject);
  const needle = caseMatters ? what : foldString(what);
  const grow = strLength(repl) - strLength(what);
  let chars = strLength(subject);
  const parts: string[] = [];
  let pos = 0;
  for (let i = findForward(hay, needle, 0); i >= 0; i = findForward(hay, needle, pos)) {
    chars += grow;
    checkString(chars, ctx);
    parts.push(subject.slice(pos, i), repl);
    pos = i + needle.length;
  }
  parts.push(subject.slice(pos));
  const out = parts.join("");
  chargeWork(ctx, subject.length + out.length);
  return out;
};

/**
 * index(str, what [, case-matters [, skip]]): ToastStunt's skip drops leading
 * characters, and the answer counts from there.
 */
const bf_index = (args: Value[], ctx: BuiltinCtx): Value => {
  const subject = args[0] as string, what = args[1] as string;
  const caseMatters = args.length > 2 && isTrue(args[2]!);
  const skip = args.length > 3 ? intArg(args[3]!) : 0;
  if (skip < 0) throw new MooError(E.E_INVARG);
  const len = strLength(subject);
  if (skip > len) return 0;
  const rest = skip === 0 ? subject : strSlice(subject, skip + 1, len);
  const hay = caseMatters ? rest : foldString(rest);
  chargeWork(ctx, subject.length + what.length);
  const i = findForward(hay, caseMatters ? what : foldString(what), 0);
  return i < 0 ? 0 : charsBefore(hay, i) + 1;
};

/** rindex(str, what [, case-matters [, skip]]): skip <= 0 drops trailing characters. */
const bf_rindex = (args: Value[], ctx: BuiltinCtx): Value => {
  const subject = args[0] as string, what = args[1] as string;
  const caseMatters = args.length > 2 && isTrue(args[2]!);
  const skip = args.length > 3 ? intArg(args[3]!) : 0;
  if (skip > 0) throw new MooError(E.E_INVARG);
  const keep = strLength(subject) + skip;
  if (keep < 0) return 0;
  const rest = skip === 0 ? subject : strSlice(subject, 1, keep);
  const hay = caseMatters ? rest : foldString(rest);
  chargeWork(ctx, subject.length + what.length);
  const i = findBackward(hay, caseMatters ? what : foldString(what));
  return i < 0 ? 0 : charsBefore(hay, i) + 1;
};

const bf_strcmp = (args: Value[], ctx: BuiltinCtx): Value => {
  const a = args[0] as string, b = args[1] as string;
  chargeWork(ctx, Math.min(a.length, b.length));
  return compareCodePoints(a, b);
};

/**
 * explode(str [, delimiter [, adjacent]]) (ToastStunt): split on the first
 * character of the delimiter (default space). Empty pieces are dropped
 * unless adjacent is true, when every piece is kept.
 */
const bf_explode = (args: Value[], ctx: BuiltinCtx): Value => {
  const subject = args[0] as string;
  const given = args.length > 1 ? (args[1] as string) : "";
  const delim = given === "" ? " " : String.fromCodePoint(given.codePointAt(0)!);
  const keepEmpty = args.length > 2 && isTrue(args[2]!);
  const pieces: Value[] = [];
  let current = "";
  for (const ch of subject) {
    if (ch !== delim) { current += ch; continue; }
    if (keepEmpty || current !== "") pieces.push(current);
    current = "";
  }
  if (keepEmpty || current !== "") pieces.push(current);
  checkList(pieces.length, ctx);
  chargeWork(ctx, subject.length + pieces.length);
  return mkList(pieces);
};

// ---- match, rmatch, substitute ----

const bf_match = (args: Value[], ctx: BuiltinCtx): Value =>
  mooMatch(args[0] as string, args[1] as string, args.length > 2 && isTrue(args[2]!), false, ctx);
const bf_rmatch = (args: Value[], ctx: BuiltinCtx): Value =>
  mooMatch(args[0] as string, args[1] as string, args.length > 2 && isTrue(args[2]!), true, ctx);

/** LambdaMOO's check of a span: {0, -1} (unset) or 1 <= start, start - 1 <= end <= length. */
const validSpan = (start: Value, end: Value, length: number): boolean =>
  typeof start === "number" && typeof end === "number"
  && ((start === 0 && end === -1) || (start > 0 && end >= start - 1 && end <= length));

const isListOf = (v: Value, n: number): v is Box => typeof v === "object" && v.tag === T.LIST && listOf(v).length === n;

/**
 * substitute(template, subs): %0..%9 become the spans of a match()/rmatch()
 * result, %% a percent sign; anything else after % is E_INVARG, as is a
 * subs list not shaped like a match result.
 */
const bf_substitute = (args: Value[], ctx: BuiltinCtx): Value => {
  const template = args[0] as string;
  const subs = args[1]!;
  if (!isListOf(subs, 4)) throw new MooError(E.E_INVARG);
  const [start, end, groups, subject] = listOf(subs) as [Value, Value, Value, Value];
  if (typeof subject !== "string" || !isListOf(groups, 9)) throw new MooError(E.E_INVARG);
  const length = strLength(subject);
  if (!validSpan(start, end, length)) throw new MooError(E.E_INVARG);
  const spans: [number, number][] = [[start as number, end as number]];
  for (const g of listOf(groups)) {
    if (!isListOf(g, 2)) throw new MooError(E.E_INVARG);
    const [s, e] = listOf(g) as [Value, Value];
    if (!validSpan(s, e, length)) throw new MooError(E.E_INVARG);
    spans.push([s as number, e as number]);
  }
  const parts: string[] = [];
  let chars = 0;
  let escaped = false;
  for (const ch of template) {
    if (!escaped) {
      if (ch === "%") escaped = true;
      else { parts.push(ch); chars++; }
      continue;
    }
    escaped = false;
    if (ch === "%") { parts.push(ch); chars++; continue; }
    const d = ch.charCodeAt(0) - 48;
    if (ch.length !== 1 || d < 0 || d > 9) throw new MooError(E.E_INVARG);
    const [s, e] = spans[d]!;
    if (e >= s) {
      chars += e - s + 1;
      checkString(chars, ctx);
      parts.push(strSlice(subject, s, e));
    }
  }
  if (escaped) throw new MooError(E.E_INVARG); // a lone % ends the template
  checkString(chars, ctx);
  const out = parts.join("");
  chargeWork(ctx, template.length + out.length);
  return out;
};

// ---- binary strings: bytes as printable ASCII with ~XX escapes ----

/**
 * The bytes a binary string stands for, or null when a `~` is not followed
 * by two hex digits or another `~`. Characters beyond ASCII stand for their UTF-8 bytes,
 * as in ToastStunt, whose strings are UTF-8.
 */
export const binaryToBytes = (s: string): Uint8Array | null => {
  const bytes = Buffer.from(s, "utf8");
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c !== 126) { out[n++] = c; continue; }
    // "~~" is not valid to LambdaMOO's decoder, but its manual documents
    // decode_binary("~~foo") as {"~foo"}; accepting it breaks no valid input.
    if (bytes[i + 1] === 126) { out[n++] = 126; i++; continue; }
    const hi = hexValue(bytes[i + 1]), lo = hexValue(bytes[i + 2]);
    if (hi < 0 || lo < 0) return null;
    out[n++] = hi * 16 + lo;
    i += 2;
  }
  return out.subarray(0, n);
};
const hexValue = (c: number | undefined): number =>
  c === undefined ? -1 : c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;

const HEX = "0123456789ABCDEF";
const isPrintable = (b: number): boolean => b >= 32 && b <= 126;

export const bytesToBinary = (bytes: Uint8Array): string => {
  let out = "";
  for (const b of bytes) out += b !== 126 && isPrintable(b) ? String.fromCharCode(b) : "~" + HEX[b >> 4] + HEX[b & 15];
  return out;
};

/**
 * decode_binary(bin [, fully]): the bytes as integers when fully is true,
 * else runs of printable characters (space and tab included) as strings
 * with every other byte as an integer.
 */
const bf_decode_binary = (args: Value[], ctx: BuiltinCtx): Value => {
  const bytes = binaryToBytes(args[0] as string);
  if (!bytes) throw new MooError(E.E_INVARG);
  chargeWork(ctx, (args[0] as string).length + bytes.length);
  if (args.length > 1 && isTrue(args[1]!)) {
    checkList(bytes.length, ctx);
    return mkList(Array.from(bytes));
  }
  const out: Value[] = [];
  let run = "";
  for (const b of bytes) {
    if (isPrintable(b) || b === 9) { run += String.fromCharCode(b); continue; }
    if (run !== "") { out.push(run); run = ""; }
    out.push(b);
  }
  if (run !== "") out.push(run);
  checkList(out.length, ctx);
  return mkList(out);
};

/** encode_binary(arg, ...): integers 0..255, strings and lists of them, nested to any depth. */
const bf_encode_binary = (args: Value[], ctx: BuiltinCtx): Value => {
  const bytes: number[] = [];
  let chars = 0; // length of the encoded result so far
  const work: Value[] = args.slice().reverse(); // explicit stack: deep nesting must not touch the JS stack
  while (work.length > 0) {
    const v = work.pop()!;
    if (typeof v === "number") {
      if (v < 0 || v > 255) throw new MooError(E.E_INVARG);
      bytes.push(v);
      chars += v !== 126 && isPrintable(v) ? 1 : 3;
    } else if (typeof v === "string") {
      for (const b of Buffer.from(v, "utf8")) {
        bytes.push(b);
        chars += b !== 126 && isPrintable(b) ? 1 : 3;
      }
    } else if (v.tag === T.LIST) {
      const items = listOf(v);
      for (let i = items.length - 1; i >= 0; i--) work.push(items[i]!);
    } else {
      throw new MooError(E.E_INVARG);
    }
    checkString(chars, ctx);
  }
  chargeWork(ctx, bytes.length + chars);
  return bytesToBinary(Uint8Array.from(bytes));
};

// ---- hashes ----

/** Algorithm names string_hash and friends accept (ToastStunt), to node:crypto's names. */
const HASH_ALGORITHMS: ReadonlyMap<string, string> = new Map([
  ["md5", "md5"], ["sha1", "sha1"], ["sha224", "sha224"], ["sha256", "sha256"],
  ["sha384", "sha384"], ["sha512", "sha512"], ["ripemd160", "ripemd160"],
]);

/**
 * Hex digest of bytes, uppercase. The default is LambdaMOO's MD5 (the
 * conformance files expect it), not ToastStunt's SHA-256; `binary` gives
 * ToastStunt's binary-string form (~XX per byte).
 */
const digest = (bytes: Uint8Array, args: Value[], ctx: BuiltinCtx): string => {
  const algo = HASH_ALGORITHMS.get(args.length > 1 ? (args[1] as string).toLowerCase() : "md5");
  if (algo === undefined) throw new MooError(E.E_INVARG);
  chargeWork(ctx, bytes.length);
  const d = createHash(algo).update(bytes).digest();
  const binary = args.length > 2 && isTrue(args[2]!);
  let out = "";
  for (const b of d) out += (binary ? "~" : "") + HEX[b >> 4] + HEX[b & 15];
  return out;
};

const bf_string_hash = (args: Value[], ctx: BuiltinCtx): Value =>
  digest(Buffer.from(args[0] as string, "utf8"), args, ctx);

const bf_binary_hash = (args: Value[], ctx: BuiltinCtx): Value => {
  const bytes = binaryToBytes(args[0] as string);
  if (!bytes) throw new MooError(E.E_INVARG);
  return digest(bytes, args, ctx);
};

/** value_hash(value [, algo [, binary]]): the hash of toliteral(value). */
const bf_value_hash = (args: Value[], ctx: BuiltinCtx): Value => {
  const literal = toLiteral(args[0]!);
  chargeWork(ctx, literal.length);
  return digest(Buffer.from(literal, "utf8"), args, ctx);
};

export const stringBuiltins: BuiltinSpec[] = [
  { name: "strsub", min: 3, max: 4, types: [T.STR, T.STR, T.STR, ANY], perm: "anyone", fn: bf_strsub },
  { name: "index", min: 2, max: 4, types: [T.STR, T.STR, ANY, T.INT], perm: "anyone", fn: bf_index },
  { name: "rindex", min: 2, max: 4, types: [T.STR, T.STR, ANY, T.INT], perm: "anyone", fn: bf_rindex },
  { name: "strcmp", min: 2, max: 2, types: [T.STR, T.STR], perm: "anyone", fn: bf_strcmp },
  { name: "explode", min: 1, max: 3, types: [T.STR, T.STR, T.INT], perm: "anyone", fn: bf_explode },
  { name: "match", min: 2, max: 3, types: [T.STR, T.STR, ANY], perm: "anyone", fn: bf_match },
  { name: "rmatch", min: 2, max: 3, types: [T.STR, T.STR, ANY], perm: "anyone", fn: bf_rmatch },
  { name: "substitute", min: 2, max: 2, types: [T.STR, T.LIST], perm: "anyone", fn: bf_substitute },
  { name: "decode_binary", min: 1, max: 2, types: [T.STR, ANY], perm: "anyone", fn: bf_decode_binary },
  { name: "encode_binary", min: 0, max: -1, types: [], perm: "anyone", fn: bf_encode_binary },
  { name: "string_hash", min: 1, max: 3, types: [T.STR, T.STR, ANY], perm: "anyone", fn: bf_string_hash },
  { name: "binary_hash", min: 1, max: 3, types: [T.STR, T.STR, ANY], perm: "anyone", fn: bf_binary_hash },
  { name: "value_hash", min: 1, max: 3, types: [ANY, T.STR, ANY], perm: "anyone", fn: bf_value_hash },
  { name: "crypt", min: 1, max: 2, types: [T.STR, T.STR], perm: "anyone", fn: bf_crypt },
];
