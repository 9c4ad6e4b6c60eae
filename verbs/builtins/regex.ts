// match()/rmatch() matching: a backtracking matcher over code points for
// programs from regex-compile.ts. Every step is counted and charged as ticks; past
// the task's budget, a hard cap or LambdaMOO's failure-stack limit it stops with E_QUOTA.

import { type Value, E, mkList, EMPTY_LIST } from "../value.ts";
import type { BuiltinCtx } from "../builtin-spec.ts";
import { MooError } from "../errors.ts";
import {
  Op, type Program, compilePattern, foldCodePoint, isWordChar, inRanges, normalizeRanges,
  NEWLINE, MAX_CODE_POINT,
} from "./regex-compile.ts";

/** Matcher steps that cost one tick. */
export const STEPS_PER_TICK = 64;
/** No match() may take more steps than this plus twice its input size, whatever the task's budget (about 0.1 s). */
export const MAX_STEPS = 5_000_000;
/** regexpr.c gives up (and LambdaMOO raises E_QUOTA) past this many pending failure points. */
const MAX_FAILURE_DEPTH = 65536;

/** First characters a program can match from some point, and whether it can match empty. */
interface Fastmap {
  readonly ranges: Int32Array;
  /** 0: must consume a character; 1: may match empty anywhere; 2: only at a line end. */
  readonly canBeNull: number;
}

const NOT_WORD_PAIRS = [[0, 47], [58, 64], [91, 96], [123, MAX_CODE_POINT]];

const rangesIntersect = (a: Int32Array, b: Int32Array): boolean => {
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    if (a[i + 1]! < b[j]!) i += 2;
    else if (b[j + 1]! < a[i]!) j += 2;
    else return true;
  }
  return false;
};

/** Decoded code points of s; lone surrogates stay as themselves. */
export const toCodePoints = (s: string): Int32Array => {
  const out = new Int32Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) { c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000; i++; }
    }
    out[n++] = c;
  }
  return n === s.length ? out : out.subarray(0, n);
};

const foldAll = (cps: Int32Array): Int32Array => {
  const out = new Int32Array(cps.length);
  const memo = new Map<number, number>();
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (c < 128) { out[i] = c >= 65 && c <= 90 ? c + 32 : c; continue; }
    let f = memo.get(c);
    if (f === undefined) { f = foldCodePoint(c); memo.set(c, f); }
    out[i] = f;
  }
  return out;
};

/** One search of one program over one subject; holds the registers and failure stack. */
class Matcher {
  steps = 0;
  /** Per STAR_JUMP: 0 undecided, 1 plain loop, 2 single updated failure point. */
  private readonly starMode: Int8Array;
  readonly regStart = new Int32Array(10);
  readonly regEnd = new Int32Array(10);
  private readonly regMaybe = new Int32Array(10);
  private fsCode: number[] = [];
  private fsText: number[] = [];

  constructor(
    private readonly prog: Program,
    /** Subject as written: word boundaries and line ends look at these. */
    private readonly raw: Int32Array,
    /** Subject as compared: folded when the match ignores case. */
    private readonly txt: Int32Array,
    private readonly limit: number,
  ) {
    this.starMode = new Int8Array(prog.ops.length);
  }

  private step(n = 1): void {
    this.steps += n;
    if (this.steps > this.limit) throw new MooError(E.E_QUOTA);
  }

  /** The characters that can start a match from `start`, as regexpr.c's fastmap. */
  fastmap(start: number): Fastmap {
    const { ops, args, sets } = this.prog;
    const visited = new Uint8Array(ops.length);
    const pairs: number[][] = [];
    let canBeNull = 0;
    const pending = [start];
    while (pending.length > 0) {
      let pc = pending.pop()!;
      let walking = true;
      while (walking && !visited[pc]) {
        visited[pc] = 1;
        this.step();
        switch (ops[pc]) {
          case Op.END: case Op.MATCH_MEM: canBeNull = 1; walking = false; break;
          case Op.EOL:
            pairs.push([NEWLINE, NEWLINE]);
            if (canBeNull === 0) canBeNull = 2;
            walking = false;
            break;
          case Op.EXACT: pairs.push([args[pc]!, args[pc]!]); walking = false; break;
          case Op.ANYCHAR: pairs.push([0, NEWLINE - 1], [NEWLINE + 1, MAX_CODE_POINT]); walking = false; break;
          case Op.SET: {
            const r = sets[args[pc]!]!;
            for (let i = 0; i < r.length; i += 2) pairs.push([r[i]!, r[i + 1]!]);
            walking = false;
            break;
          }
          case Op.WORDCHAR: pairs.push([48, 57], [65, 90], [97, 122]); walking = false; break;
          case Op.NOTWORDCHAR: pairs.push(...NOT_WORD_PAIRS); walking = false; break;
          case Op.JUMP: case Op.STAR_JUMP: case Op.DUMMY_FAILURE_JUMP: pc += args[pc]!; break;
          case Op.FAILURE_JUMP: pending.push(pc + args[pc]!); pc++; break;
          default: pc++; break; // zero-width assertions and register marks
        }
      }
    }
    return { ranges: normalizeRanges(pairs), canBeNull };
  }

  /**
   * How a `*`/`+` loop repeats (regexpr.c's star_jump rule): when the body
   * starts with a character that cannot begin what follows the loop and
   * holds no jumps, backtracking into fewer iterations can never help, so
   * one failure point is updated in place instead of one pushed per pass.
   */
  private decideStar(pc: number): number {
    const { ops, args, sets } = this.prog;
    const map = this.fastmap(pc + 1).ranges;
    let p = pc + args[pc]! + 1; // first instruction of the body
    for (;;) {
      this.step();
      const op = ops[p]!;
      if (op === Op.BOL || op === Op.EOL || op === Op.BEGBUF || op === Op.ENDBUF || op === Op.WORDBEG
        || op === Op.WORDEND || op === Op.WORDBOUND || op === Op.NOTWORDBOUND
        || op === Op.START_MEM || op === Op.END_MEM) { p++; continue; }
      if (op === Op.EXACT) { if (inRanges(map, args[p]!)) return 1; break; }
      if (op === Op.ANYCHAR) {
        for (let i = 0; i < map.length; i += 2) if (map[i] !== NEWLINE || map[i + 1] !== NEWLINE) return 1;
        break;
      }
      if (op === Op.SET) { if (rangesIntersect(sets[args[p]!]!, map)) return 1; break; }
      return 1;
    }
    for (p++; p < pc; p++) {
      this.step();
      const op = ops[p]!;
      if (op === Op.JUMP || op === Op.STAR_JUMP || op === Op.FAILURE_JUMP || op === Op.DUMMY_FAILURE_JUMP) return 1;
    }
    return 2;
  }

  private push(code: number, text: number): void {
    if (this.fsCode.length >= MAX_FAILURE_DEPTH) throw new MooError(E.E_QUOTA);
    this.fsCode.push(code);
    this.fsText.push(text);
  }

  /** Try to match at `start`; the end of the match, or -1. Registers are left in regStart/regEnd. */
  matchAt(start: number): number {
    const { ops, args, sets } = this.prog;
    const { raw, txt, regStart, regEnd, regMaybe, fsCode, fsText } = this;
    const n = txt.length;
    regEnd.fill(-1);
    fsCode.length = 0;
    fsText.length = 0;
    let pc = 0;
    let t = start;
    for (;;) {
      if (++this.steps > this.limit) throw new MooError(E.E_QUOTA);
      let ok = true;
      switch (ops[pc]) {
        case Op.END: return t;
        case Op.BOL: ok = t === 0 || raw[t - 1] === NEWLINE; pc++; break;
        case Op.EOL: ok = t === n || raw[t] === NEWLINE; pc++; break;
        case Op.SET: ok = t < n && inRanges(sets[args[pc]!]!, txt[t]!); t++; pc++; break;
        case Op.EXACT: ok = t < n && txt[t] === args[pc]; t++; pc++; break;
        case Op.ANYCHAR: ok = t < n && txt[t] !== NEWLINE; t++; pc++; break;
        case Op.START_MEM: regMaybe[args[pc]!] = t; pc++; break;
        case Op.END_MEM: {
          const r = args[pc]!;
          regStart[r] = regMaybe[r]!;
          regEnd[r] = t;
          pc++;
          break;
        }
        case Op.MATCH_MEM: {
          // Registers are not restored on backtracking (regexpr.c), so a
          // group set on an abandoned path still counts here.
          const r = args[pc]!;
          pc++;
          if (regEnd[r]! < 0) { ok = false; break; }
          const from = regStart[r]!, to = regEnd[r]!;
          this.step(to - from);
          for (let i = from; i < to; i++, t++) {
            if (t >= n || txt[t] !== txt[i]) { ok = false; break; }
          }
          break;
        }
        case Op.JUMP: pc += args[pc]!; break;
        case Op.STAR_JUMP: {
          let mode = this.starMode[pc]!;
          if (mode === 0) mode = this.starMode[pc] = this.decideStar(pc);
          const loop = pc + args[pc]!;
          if (mode === 2 && fsText.length > 0) {
            fsText[fsText.length - 1] = t;
            pc = loop + 1;
          } else {
            pc = loop;
          }
          break;
        }
        case Op.FAILURE_JUMP: this.push(pc + args[pc]!, t); pc++; break;
        case Op.DUMMY_FAILURE_JUMP: {
          // A placeholder failure point (no text) that a `+` loop's update
          // step fills in; its code is the exit of the loop's own FAILURE_JUMP.
          const fj = pc + 1;
          this.push(fj + args[fj]!, -1);
          pc += args[pc]!;
          break;
        }
        case Op.BEGBUF: ok = t === 0; pc++; break;
        case Op.ENDBUF: ok = t === n; pc++; break;
        case Op.WORDBEG:
          ok = t < n && isWordChar(raw[t]!) && (t === 0 || !isWordChar(raw[t - 1]!));
          pc++;
          break;
        case Op.WORDEND:
          ok = t > 0 && isWordChar(raw[t - 1]!) && (t === n || !isWordChar(raw[t]!));
          pc++;
          break;
        case Op.WORDBOUND:
          ok = t === 0 || t === n || isWordChar(raw[t - 1]!) !== isWordChar(raw[t]!);
          pc++;
          break;
        case Op.NOTWORDBOUND:
          // regexpr.c tests the same condition as WORDBOUND here, only failing
          // at either end of the subject; LambdaMOO's %B is therefore "a word
          // boundary inside the string", and we keep that.
          ok = t !== 0 && t !== n && isWordChar(raw[t - 1]!) !== isWordChar(raw[t]!);
          pc++;
          break;
        case Op.WORDCHAR: ok = t < n && isWordChar(txt[t]!); t++; pc++; break;
        case Op.NOTWORDCHAR: ok = t < n && !isWordChar(txt[t]!); t++; pc++; break;
        default: throw new Error(`regex: bad opcode ${ops[pc]} at ${pc}`);
      }
      if (!ok) {
        for (;;) {
          if (fsCode.length === 0) return -1;
          const text = fsText.pop()!;
          const code = fsCode.pop()!;
          if (text >= 0) { t = text; pc = code; break; }
        }
      }
    }
  }

  /**
   * regexpr.c's re_search: the first start (rightmost when reverse) where
   * the program matches. The fastmap only skips hopeless starts, except one
   * LambdaMOO quirk kept on purpose: a reverse search reads the end of the
   * subject as character 0, so a pattern that can match empty only at a
   * line end is not tried there.
   */
  search(reverse: boolean): { start: number; end: number } | null {
    const { ops } = this.prog;
    const { raw, txt } = this;
    const n = txt.length;
    const fm = this.fastmap(0);
    const useMap = fm.canBeNull !== 1;
    const anchor = ops[0] === Op.BOL ? 1 : ops[0] === Op.BEGBUF ? 2 : 0;
    const tryAt = (pos: number): { start: number; end: number } | null => {
      if (anchor === 1 && pos > 0 && raw[pos - 1] !== NEWLINE) return null;
      const end = this.matchAt(pos);
      return end >= 0 ? { start: pos, end } : null;
    };
    if (anchor === 2) return reverse && n !== 0 ? null : tryAt(0);
    // An empty subject searches forwards even for rmatch (a zero range has no direction).
    if (!reverse || n === 0) {
      for (let pos = 0; pos <= n; pos++) {
        this.step();
        if (useMap) {
          if (pos < n ? !inRanges(fm.ranges, txt[pos]!) : fm.canBeNull === 0) continue;
        }
        const m = tryAt(pos);
        if (m) return m;
      }
    } else {
      for (let pos = n; pos >= 0; pos--) {
        this.step();
        if (useMap && pos > 0 && !inRanges(fm.ranges, pos === n ? 0 : txt[pos]!)) continue;
        const m = tryAt(pos);
        if (m) return m;
      }
    }
    return null;
  }
}

/**
 * match()/rmatch(): {start, end, {nine {start, end} groups}, subject}, or {}
 * when nothing matches; positions count characters from 1 and an unset group
 * is {0, -1}. Raises E_INVARG for a bad pattern and E_QUOTA when the search
 * runs out of steps. Charges ticks for every step taken, even on error.
 */
export const mooMatch = (
  subject: string, pattern: string, caseMatters: boolean, reverse: boolean, ctx: BuiltinCtx,
): Value => {
  // The hard cap guards against super-linear searches; linear work on a long
  // subject (bounded by maxStringLength) gets an allowance on top of it.
  let steps = pattern.length + subject.length;
  const limit = Math.max(0, Math.min(MAX_STEPS + 2 * steps, ctx.ticksLeft() * STEPS_PER_TICK));
  try {
    if (steps > limit) throw new MooError(E.E_QUOTA);
    const prog = compilePattern(pattern, caseMatters);
    const raw = toCodePoints(subject);
    const txt = prog.fold ? foldAll(raw) : raw;
    const m = new Matcher(prog, raw, txt, limit - steps);
    let found: { start: number; end: number } | null;
    try {
      found = m.search(reverse);
    } finally {
      steps += m.steps;
    }
    if (!found) return EMPTY_LIST;
    const groups: Value[] = [];
    for (let r = 1; r <= 9; r++) {
      // Fresh lists every time: results are values the VM may later own and update in place.
      groups.push(mkList(m.regEnd[r]! >= 0 ? [m.regStart[r]! + 1, m.regEnd[r]!] : [0, -1]));
    }
    return mkList([found.start + 1, found.end, mkList(groups), subject]);
  } finally {
    ctx.charge(Math.ceil(steps / STEPS_PER_TICK));
  }
};
