// MOO pattern compiler: a match()/rmatch() pattern becomes a program for regex.ts's
// matcher (never a host RegExp). It follows LambdaMOO's dialect (pattern.c's %-escapes
// over regexpr.c's syntax) so the same patterns are accepted, rejected and grouped.

import { E } from "../value.ts";
import { MooError } from "../errors.ts";

/** Instructions of a compiled pattern. Not persisted: renumber freely. */
export const Op = {
  END: 0, BOL: 1, EOL: 2, SET: 3, EXACT: 4, ANYCHAR: 5, START_MEM: 6, END_MEM: 7, MATCH_MEM: 8,
  JUMP: 9, STAR_JUMP: 10, FAILURE_JUMP: 11, DUMMY_FAILURE_JUMP: 12, BEGBUF: 13, ENDBUF: 14,
  WORDBEG: 15, WORDEND: 16, WORDBOUND: 17, NOTWORDBOUND: 18, WORDCHAR: 19, NOTWORDCHAR: 20,
} as const;

/**
 * One instruction per slot. For jumps `args` holds the displacement to the
 * target (target - own index), so inserting slots before a finished piece of
 * code leaves its internal jumps valid; EXACT holds a code point, SET an index
 * into `sets`, the *_MEM ops a register number.
 */
export interface Program {
  readonly ops: number[];
  readonly args: number[];
  /** Character sets as sorted, disjoint [lo, hi] pairs, complement applied. */
  readonly sets: Int32Array[];
  /** Case-insensitive: subject characters are folded before comparison. */
  readonly fold: boolean;
}

export const MAX_CODE_POINT = 0x10ffff;
export const NEWLINE = 10;

/** regexpr.c's word syntax: ASCII letters and digits only. */
export const isWordChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Case folding for one code point, as the whole server compares strings:
 * ASCII by table, others by the first code point of their lowercase form
 * (so "İ" folds to "i"). A fold that would change the UTF-16 width is
 * refused, keeping folded strings index-aligned with the originals.
 */
export const foldCodePoint = (c: number): number => {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  const lower = String.fromCodePoint(c).toLowerCase().codePointAt(0)!;
  return (lower > 0xffff) === (c > 0xffff) ? lower : c;
};

const fail = (): never => { throw new MooError(E.E_INVARG); };

const BACKSLASH = 92;
const PERCENT = 37;
const LBRACKET = 91;
const RBRACKET = 93;
const CARET = 94;
const DASH = 45;
/** Characters that a `%` turns into a regexpr.c backslash escape. */
const ESCAPABLE = new Set(Array.from(".*+?[^$|()123456789bB<>wW", (c) => c.codePointAt(0)!));

/**
 * Step 1 (pattern.c): MOO `%` escapes become backslash escapes, a bare
 * backslash becomes a quoted one, and a bracket set is copied untouched.
 * Works on code points; returns null for a dangling `%` or an unclosed set.
 */
const translate = (pattern: string): number[] => {
  const src = Array.from(pattern, (c) => c.codePointAt(0)!);
  const out: number[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i++]!;
    if (c === PERCENT) {
      if (i >= src.length) fail();
      const d = src[i++]!;
      if (ESCAPABLE.has(d)) out.push(BACKSLASH);
      out.push(d);
    } else if (c === BACKSLASH) {
      out.push(BACKSLASH, BACKSLASH);
    } else if (c === LBRACKET) {
      out.push(c);
      let d = src[i++];
      if (d === CARET) { out.push(d); d = src[i++]; }
      if (d === RBRACKET) { out.push(d); d = src[i++]; }
      while (d !== undefined && d !== RBRACKET) { out.push(d); d = src[i++]; }
      if (d === undefined) fail();
      out.push(RBRACKET);
    } else {
      out.push(c);
    }
  }
  return out;
};

// Token kinds of regexpr.c's syntax (step 2).
const R = {
  END: 0, NORMAL: 1, ANYCHAR: 2, BOL: 3, EOL: 4, OPTIONAL: 5, STAR: 6, PLUS: 7, OR: 8,
  OPENPAR: 9, CLOSEPAR: 10, MEMORY: 11, OPENSET: 12, BEGBUF: 13, ENDBUF: 14, WORDCHAR: 15,
  NOTWORDCHAR: 16, WORDBEG: 17, WORDEND: 18, WORDBOUND: 19, NOTWORDBOUND: 20, QUOTE: 21,
} as const;

const plainToken = (c: number): number => {
  switch (c) {
    case BACKSLASH: return R.QUOTE;
    case 42: return R.STAR; // *
    case 43: return R.PLUS; // +
    case 63: return R.OPTIONAL; // ?
    case LBRACKET: return R.OPENSET;
    case CARET: return R.BOL;
    case 36: return R.EOL; // $
    case 46: return R.ANYCHAR; // .
    default: return R.NORMAL;
  }
};

const quotedToken = (c: number): number => {
  if (c >= 48 && c <= 57) return R.MEMORY;
  switch (c) {
    case 40: return R.OPENPAR; // (
    case 41: return R.CLOSEPAR; // )
    case 124: return R.OR; // |
    case 119: return R.WORDCHAR; // w
    case 87: return R.NOTWORDCHAR; // W
    case 60: return R.WORDBEG; // <
    case 62: return R.WORDEND; // >
    case 98: return R.WORDBOUND; // b
    case 66: return R.NOTWORDBOUND; // B
    case 96: return R.BEGBUF; // `
    case 39: return R.ENDBUF; // '
    default: return R.NORMAL;
  }
};

/** Binding strength of each token: alternation is loosest, atoms tightest. */
const precedence = (tok: number): number => {
  switch (tok) {
    case R.END: return 0;
    case R.CLOSEPAR: return 1;
    case R.OR: return 2;
    case R.BOL: case R.EOL: return 3;
    default: return 4;
  }
};

const NUM_LEVELS = 5;
const MAX_NESTING = 100; // regexpr.c's limit on open groups and pending alternatives
const NUM_REGISTERS = 10; // register 0 is the whole match; %1..%9 are groups

/** Sorts and merges [lo, hi] pairs into a normalized flat range list. */
export const normalizeRanges = (pairs: number[][]): Int32Array => {
  pairs.sort((a, b) => a[0]! - b[0]!);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const n = out.length;
    if (n > 0 && lo! <= out[n - 1]! + 1) out[n - 1] = Math.max(out[n - 1]!, hi!);
    else out.push(lo!, hi!);
  }
  return Int32Array.from(out);
};

const complementRanges = (r: Int32Array): Int32Array => {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < r.length; i += 2) {
    if (r[i]! > next) out.push(next, r[i]! - 1);
    next = r[i + 1]! + 1;
  }
  if (next <= MAX_CODE_POINT) out.push(next, MAX_CODE_POINT);
  return Int32Array.from(out);
};

/** Membership in a normalized range list (binary search). */
export const inRanges = (r: Int32Array, c: number): boolean => {
  let lo = 0, hi = (r.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < r[2 * mid]!) hi = mid - 1;
    else if (c > r[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
};

/**
 * Compile a MOO pattern. Throws E_INVARG for the patterns LambdaMOO rejects:
 * a dangling `%` or backslash, an unclosed `[`, unbalanced `%(`/`%)`, `%0`,
 * `*`/`+`/`?` with nothing before them, `^` not at the start of an
 * alternative, `$` not at its end, or nesting deeper than 100.
 */
export const compilePattern = (pattern: string, caseMatters: boolean): Program => {
  const re = translate(pattern);
  const fold = !caseMatters;
  const ops: number[] = [];
  const args: number[] = [];
  const sets: Int32Array[] = [];
  const emit = (op: number, arg = 0): void => { ops.push(op); args.push(arg); };
  /** Insert a jump at index `at` whose target is `target` (after insertion). */
  const insertJump = (at: number, op: number, target: number): void => {
    ops.splice(at, 0, op);
    args.splice(at, 0, target - at);
  };

  // The level-start table: for each nesting depth, where the innermost
  // operand of each binding strength began. A postfix operator applies to
  // the code from starts[4]; `%|` to the code from starts[2].
  const starts = new Int32Array(NUM_LEVELS * MAX_NESTING);
  let base = 0;
  let level = 0;
  const futureJumps: number[] = []; // alternation exits awaiting their target
  const openRegisters: number[] = [];
  let nextRegister = 1;
  let depth = 0;
  let beginning = true;
  let pos = 0;
  const n = re.length;
  const next = (): number => (pos < n ? re[pos++]! : fail());

  for (;;) {
    let tok: number = R.END;
    let ch = 0;
    if (pos < n) {
      ch = re[pos++]!;
      tok = plainToken(ch);
      if (tok === R.NORMAL && fold) ch = foldCodePoint(ch);
      if (tok === R.QUOTE) {
        ch = next();
        tok = quotedToken(ch); // a quoted character is never folded (regexpr.c)
      }
    }
    const lv = precedence(tok);
    if (lv > level) {
      for (let l = level + 1; l <= lv; l++) starts[base + l] = ops.length;
      level = lv;
    } else if (lv < level) {
      level = lv;
      while (futureJumps.length > 0 && futureJumps[futureJumps.length - 1]! >= starts[base + level]!) {
        const j = futureJumps.pop()!;
        args[j] = ops.length - j;
      }
    }
    const levelStart = (): number => starts[base + level]!;
    const atom = (op: number, arg = 0): void => { starts[base + level] = ops.length; emit(op, arg); };

    switch (tok) {
      case R.END:
        if (base !== 0) fail(); // unclosed %(
        emit(Op.END);
        return { ops, args, sets, fold };
      case R.NORMAL: atom(Op.EXACT, ch); break;
      case R.ANYCHAR: atom(Op.ANYCHAR); break;
      case R.BOL:
        if (!beginning) fail();
        atom(Op.BOL);
        break;
      case R.EOL: {
        const atEnd = pos >= n
          || (re[pos] === BACKSLASH && pos + 1 < n && (re[pos + 1] === 124 || re[pos + 1] === 41));
        if (!atEnd) fail();
        atom(Op.EOL);
        break;
      }
      case R.OPTIONAL: {
        if (beginning) fail();
        const s = levelStart();
        if (s === ops.length) break; // nothing to repeat: ignored, as in regexpr.c
        insertJump(s, Op.FAILURE_JUMP, ops.length + 1);
        break;
      }
      case R.STAR: case R.PLUS: {
        if (beginning) fail();
        const s = levelStart();
        if (s === ops.length) break;
        // s: FAILURE_JUMP past the loop; body; STAR_JUMP back to s.
        insertJump(s, Op.FAILURE_JUMP, ops.length + 2);
        insertJump(ops.length, Op.STAR_JUMP, s);
        // `+` enters the body directly, leaving a dummy failure point for
        // the loop's update step to overwrite.
        if (tok === R.PLUS) insertJump(s, Op.DUMMY_FAILURE_JUMP, s + 2);
        break;
      }
      case R.OR: {
        const s = levelStart();
        insertJump(s, Op.FAILURE_JUMP, ops.length + 2);
        if (futureJumps.length >= MAX_NESTING) fail();
        futureJumps.push(ops.length);
        emit(Op.JUMP, 0);
        starts[base + level] = ops.length;
        break;
      }
      case R.OPENPAR:
        starts[base + level] = ops.length;
        if (nextRegister < NUM_REGISTERS) {
          emit(Op.START_MEM, nextRegister);
          openRegisters.push(nextRegister++);
        }
        depth++;
        if (base >= (MAX_NESTING - 1) * NUM_LEVELS) fail();
        base += NUM_LEVELS;
        level = 0;
        starts[base] = ops.length;
        break;
      case R.CLOSEPAR:
        if (depth <= 0) fail();
        base -= NUM_LEVELS;
        level = precedence(R.OPENPAR);
        depth--;
        if (depth < openRegisters.length) emit(Op.END_MEM, openRegisters.pop()!);
        break;
      case R.MEMORY:
        if (ch === 48) fail(); // %0 is the whole match, not a group
        atom(Op.MATCH_MEM, ch - 48);
        break;
      case R.OPENSET: {
        starts[base + level] = ops.length;
        const rd = (): number => { const c = next(); return fold ? foldCodePoint(c) : c; };
        let c = rd();
        const complement = c === CARET;
        if (complement) c = rd();
        const pairs: number[][] = [];
        let prev = -1;
        let range = false;
        for (let first = true; c !== RBRACKET || first; c = rd()) {
          first = false;
          if (range) {
            if (prev <= c) pairs.push([prev, c]);
            prev = -1;
            range = false;
          } else if (prev !== -1 && c === DASH) {
            range = true;
          } else {
            pairs.push([c, c]);
            prev = c;
          }
        }
        if (range) pairs.push([DASH, DASH]);
        const set = normalizeRanges(pairs);
        sets.push(complement ? complementRanges(set) : set);
        emit(Op.SET, sets.length - 1);
        break;
      }
      case R.BEGBUF: atom(Op.BEGBUF); break;
      case R.ENDBUF: atom(Op.ENDBUF); break;
      case R.WORDCHAR: atom(Op.WORDCHAR); break;
      case R.NOTWORDCHAR: atom(Op.NOTWORDCHAR); break;
      case R.WORDBEG: atom(Op.WORDBEG); break;
      case R.WORDEND: atom(Op.WORDEND); break;
      case R.WORDBOUND: atom(Op.WORDBOUND); break;
      case R.NOTWORDBOUND: atom(Op.NOTWORDBOUND); break;
      default: fail();
    }
    beginning = tok === R.OPENPAR || tok === R.OR;
  }
};
