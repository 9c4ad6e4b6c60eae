// MOO values: the tagged representation every layer shares (STYLE.md 2).
// Imports only the literal printing it shares with the unparser. INT and STR
// are JS primitives; every other kind is one Box class so property reads on
// values stay monomorphic in V8.

import { formatFloat, quoteString } from "../grammar/literals.ts";

export { formatFloat };

export const T = {
  INT: 0, OBJ: 1, STR: 2, ERR: 3, LIST: 4, CLEAR: 5, NONE: 6, FLOAT: 9, MAP: 10, BOOL: 14,
} as const; // typeof() codes (LambdaMOO/ToastStunt numbering): never renumber
export type Tag = (typeof T)[keyof typeof T];

/** A MOO value: number is INT (exact up to 2^53), string is STR, Box is the rest. */
export type Value = number | string | Box;

/**
 * One class for every boxed kind. `n` carries the scalar payload (object
 * number, error code, float) and, for lists, the ownership mark used by the
 * VM's in-place updates (see OWNED). `ref` carries the heap payload.
 */
export class Box {
  constructor(readonly tag: Tag, public n: number, readonly ref: unknown) {}
}

/**
 * List ownership marks (Box.n of a LIST). A list is OWNED when exactly one
 * variable slot refers to it and nothing else does; only then may the VM
 * append to or assign into it in place. Every read that lets the reference
 * escape (PUSH of the variable) downgrades it to SHARED, forever.
 */
export const SHARED = 0;
export const OWNED = 1;

/** VM-internal marker in a frame's env: the slot's INT lives in the frame's `nums` (see task.ts). */
export const UNBOXED = new Box(T.NONE, 0, null);

export const E = {
  E_NONE: 0, E_TYPE: 1, E_DIV: 2, E_PERM: 3, E_PROPNF: 4, E_VERBNF: 5, E_VARNF: 6,
  E_INVIND: 7, E_RECMOVE: 8, E_MAXREC: 9, E_RANGE: 10, E_ARGS: 11, E_NACC: 12,
  E_INVARG: 13, E_QUOTA: 14, E_FLOAT: 15, E_FILE: 16, E_EXEC: 17, E_INTRPT: 18,
} as const; // LambdaMOO/ToastStunt error numbers: append only
export type ErrCode = (typeof E)[keyof typeof E];

export const ERROR_NAMES: readonly string[] = Object.keys(E);
const ERROR_MESSAGES: readonly string[] = [
  "No error", "Type mismatch", "Division by zero", "Permission denied", "Property not found",
  "Verb not found", "Variable not found", "Invalid indirection", "Recursive move",
  "Too many verb calls", "Range error", "Incorrect number of arguments", "Move refused by destination",
  "Invalid argument", "Resource limit exceeded", "Floating-point arithmetic error",
  "File system error", "Execution error", "Interrupted",
];
export const errorName = (code: number): string => ERROR_NAMES[code] ?? `E_${code}`;
export const errorMessage = (code: number): string => ERROR_MESSAGES[code] ?? "Unknown error";
export const errorByName = (name: string): number | undefined => {
  const i = ERROR_NAMES.indexOf(name.toUpperCase());
  return i < 0 ? undefined : i;
};

/** Payload of an error that carries a message and a value (raise(code, msg, value)). */
export interface ErrInfo { readonly msg: string; readonly value: Value }

// ---- factories (the only way to make boxes) ----

const OBJ_CACHE: Box[] = [];
for (let i = -4; i < 256; i++) OBJ_CACHE[i + 4] = new Box(T.OBJ, i, null);
export const mkObj = (n: number): Box =>
  n >= -4 && n < 256 ? OBJ_CACHE[n + 4]! : new Box(T.OBJ, n, null);
export const NOTHING = mkObj(-1);

const ERR_CACHE: Box[] = ERROR_NAMES.map((_, i) => new Box(T.ERR, i, null));
export const mkErr = (code: number, msg?: string, value?: Value): Box =>
  msg === undefined && value === undefined && code >= 0 && code < ERR_CACHE.length
    ? ERR_CACHE[code]!
    : new Box(T.ERR, code, { msg: msg ?? errorMessage(code), value: value ?? 0 } satisfies ErrInfo);

export const mkFloat = (x: number): Box => new Box(T.FLOAT, x, null);
export const mkList = (items: Value[]): Box => new Box(T.LIST, SHARED, items);
export const EMPTY_LIST = mkList([]);
export const mkMap = (m: MooMap): Box => new Box(T.MAP, 0, m);
export const mkBool = (b: boolean): Box => (b ? TRUE : FALSE);
const TRUE = new Box(T.BOOL, 1, null);
const FALSE = new Box(T.BOOL, 0, null);

export const MAXINT = 9223372036854775807n;
export const MININT = -9223372036854775808n;

/**
 * Make an INT from a bigint, wrapping to 64 bits as the C servers' int64
 * arithmetic does; safe integers come back as plain numbers.
 */
export const mkBigInt = (b: bigint): Value => {
  const w = BigInt.asIntN(64, b);
  const n = Number(w);
  return Number.isSafeInteger(n) ? n : new Box(T.INT, 0, w);
};
/** The exact integer of an INT value (number or boxed bigint). */
export const bigOf = (v: number | Box): bigint => (typeof v === "number" ? BigInt(v) : (v.ref as bigint));

// ---- accessors ----

export const typeOf = (v: Value): Tag =>
  typeof v === "number" ? T.INT : typeof v === "string" ? T.STR : v.tag;
export const isInt = (v: Value): v is number | Box =>
  typeof v === "number" || (typeof v !== "string" && v.tag === T.INT);
export const isList = (v: Value): v is Box => typeof v === "object" && v.tag === T.LIST;
export const isMap = (v: Value): v is Box => typeof v === "object" && v.tag === T.MAP;
export const isObj = (v: Value): v is Box => typeof v === "object" && v.tag === T.OBJ;
export const isErr = (v: Value): v is Box => typeof v === "object" && v.tag === T.ERR;
export const isFloat = (v: Value): v is Box => typeof v === "object" && v.tag === T.FLOAT;
export const listOf = (v: Box): Value[] => v.ref as Value[];
export const mapOf = (v: Box): MooMap => v.ref as MooMap;
export const errInfo = (v: Box): ErrInfo | null => v.ref as ErrInfo | null;

export const isTrue = (v: Value): boolean => {
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return v.length > 0;
  switch (v.tag) {
    case T.INT: return true; // boxed ints are never zero
    case T.FLOAT: return v.n !== 0;
    case T.LIST: return listOf(v).length > 0;
    case T.MAP: return mapOf(v).size > 0;
    case T.BOOL: return v.n !== 0;
    default: return false;
  }
};

// ---- strings: MOO counts characters (code points), JS counts UTF-16 units ----

const SURROGATE = /[\uD800-\uDFFF]/;
export const hasSurrogates = (s: string): boolean => SURROGATE.test(s);
export const strLength = (s: string): number => {
  if (!hasSurrogates(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) i++;
    }
    n++;
  }
  return n;
};
/** Characters from..to (1-based, inclusive) of s, counting code points. Caller checks range. */
export const strSlice = (s: string, from: number, to: number): string => {
  if (!hasSurrogates(s)) return s.slice(from - 1, to);
  return Array.from(s).slice(from - 1, to).join("");
};

/** ASCII-fast case-insensitive string equality (MOO `==` on strings). */
export const strEqualCI = (a: string, b: string): boolean => {
  if (a === b) return true;
  const n = a.length;
  if (n !== b.length) return a.toLowerCase() === b.toLowerCase();
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x > 127 || y > 127) return a.toLowerCase() === b.toLowerCase();
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return false;
  }
  return true;
};
export const strCompareCI = (a: string, b: string): number => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

// ---- equality, ordering ----

/** MOO equality. Iterative, so values nested 100,000 deep do not touch the JS stack. */
export const equals = (a: Value, b: Value, caseMatters = false): boolean => {
  if (a === b) return true;
  const work: Value[] = [a, b];
  while (work.length > 0) {
    const y = work.pop()!;
    const x = work.pop()!;
    if (x === y) continue;
    if (typeof x === "number" || typeof y === "number") return false; // distinct numbers, or number vs box
    if (typeof x === "string" || typeof y === "string") {
      if (typeof x !== "string" || typeof y !== "string") return false;
      if (caseMatters ? x !== y : !strEqualCI(x, y)) return false;
      continue;
    }
    if (x.tag !== y.tag) return false;
    switch (x.tag) {
      case T.INT: if ((x.ref as bigint) !== (y.ref as bigint)) return false; break;
      case T.OBJ: case T.ERR: case T.BOOL: if (x.n !== y.n) return false; break;
      case T.FLOAT: if (!(x.n === y.n)) return false; break;
      case T.LIST: {
        const xs = listOf(x), ys = listOf(y);
        if (xs.length !== ys.length) return false;
        for (let i = 0; i < xs.length; i++) work.push(xs[i]!, ys[i]!);
        break;
      }
      case T.MAP: {
        const xs = mapOf(x).entries(), ys = mapOf(y).entries();
        if (xs.length !== ys.length) return false;
        for (let i = 0; i < xs.length; i++) work.push(xs[i]![0], ys[i]![0], xs[i]![1], ys[i]![1]);
        break;
      }
      default: return false;
    }
  }
  return true;
};

/** Rank of each kind in the cross-type order of map keys (mooR's order, which map.moot expects). */
const RANK: Record<number, number> = { [T.BOOL]: 0, [T.OBJ]: 1, [T.INT]: 2, [T.FLOAT]: 2, [T.LIST]: 3, [T.STR]: 4, [T.MAP]: 5, [T.ERR]: 6 };

/**
 * Total order used for map keys and sort(): by kind (numbers together,
 * compared by value), then by value; strings case-insensitive unless caseMatters.
 */
export const compareValues = (a: Value, b: Value, caseMatters = false): number => {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") {
    if (caseMatters) return a < b ? -1 : a > b ? 1 : 0;
    return strCompareCI(a, b);
  }
  const ta = typeOf(a), tb = typeOf(b);
  if (RANK[ta] !== RANK[tb]) return (RANK[ta] ?? 9) - (RANK[tb] ?? 9);
  if (ta === T.INT && tb === T.INT) {
    const x = bigOf(a as number | Box), y = bigOf(b as number | Box);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ta !== tb) {
    // An INT beside a FLOAT: by numeric value, the INT first on a tie.
    const x = ta === T.FLOAT ? (a as Box).n : Number(bigOf(a as number | Box));
    const y = tb === T.FLOAT ? (b as Box).n : Number(bigOf(b as number | Box));
    return x < y ? -1 : x > y ? 1 : ta === T.INT ? -1 : 1;
  }
  if (ta === T.LIST || ta === T.MAP) return 0;
  const x = (a as Box).n, y = (b as Box).n;
  return x < y ? -1 : x > y ? 1 : 0;
};

// ---- maps ----

/** Canonical key for a map key value: type plus case-folded content. */
const mapKey = (k: Value): string => {
  if (typeof k === "number") return "i" + k;
  if (typeof k === "string") return "s" + k.toLowerCase();
  switch (k.tag) {
    case T.INT: return "i" + String(k.ref);
    case T.FLOAT: return "f" + String(k.n);
    case T.OBJ: return "o" + k.n;
    case T.ERR: return "e" + k.n;
    case T.BOOL: return "b" + k.n;
    default: return "?"; // lists and maps are refused as keys before this
  }
};
export const validMapKey = (k: Value): boolean => typeof k !== "object" || (k.tag !== T.LIST && k.tag !== T.MAP);

/**
 * A MOO map: keys ordered as ToastStunt orders them (type, then value, strings
 * case-insensitively). Immutable to MOO code; mutators here are used only on
 * fresh copies (see `with`, `without`).
 */
export class MooMap {
  private readonly byKey: Map<string, [Value, Value]>;
  private sorted: [Value, Value][] | null = null;
  constructor(entries?: Map<string, [Value, Value]>) {
    this.byKey = entries ?? new Map();
  }
  get size(): number { return this.byKey.size; }
  get(k: Value): Value | undefined { return this.byKey.get(mapKey(k))?.[1]; }
  has(k: Value): boolean { return this.byKey.has(mapKey(k)); }
  /** The stored [key, value] pair matching k case-insensitively (the key keeps its stored spelling). */
  getEntry(k: Value): readonly [Value, Value] | undefined { return this.byKey.get(mapKey(k)); }
  /** Entries in key order. The array is cached: callers must not mutate it. */
  entries(): [Value, Value][] {
    if (this.sorted === null) {
      this.sorted = [...this.byKey.values()].sort((a, b) => compareValues(a[0], b[0]));
    }
    return this.sorted;
  }
  /** Set in place: only for maps not yet visible to MOO code. */
  setMut(k: Value, v: Value): void {
    const key = mapKey(k);
    const old = this.byKey.get(key);
    this.byKey.set(key, [old ? old[0] : k, v]);
    if (!old) this.sorted = null;
    else if (this.sorted) this.sorted = null;
  }
  with(k: Value, v: Value): MooMap {
    const m = new MooMap(new Map(this.byKey));
    m.setMut(k, v);
    return m;
  }
  without(k: Value): MooMap {
    const m = new Map(this.byKey);
    m.delete(mapKey(k));
    return new MooMap(m);
  }
}

// ---- printing ----

export const intToString = (v: number | Box): string => (typeof v === "number" ? String(v) : String(v.ref));

/** The text toliteral() prints. Iterative for deep nesting. */
export const toLiteral = (v: Value): string => {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return quoteString(v);
  if (v.tag !== T.LIST && v.tag !== T.MAP) return scalarLiteral(v);
  const out: string[] = [];
  // Work items: a value to print, or a literal piece of punctuation.
  const work: (Value | { s: string })[] = [v];
  while (work.length > 0) {
    const w = work.pop()!;
    if (typeof w === "object" && !(w instanceof Box)) { out.push(w.s); continue; }
    const x = w as Value;
    if (typeof x === "number") out.push(String(x));
    else if (typeof x === "string") out.push(quoteString(x));
    else if (x.tag === T.LIST) {
      const xs = listOf(x);
      work.push({ s: "}" });
      for (let i = xs.length - 1; i >= 0; i--) {
        work.push(xs[i]!);
        if (i > 0) work.push({ s: ", " });
      }
      out.push("{");
    } else if (x.tag === T.MAP) {
      const es = mapOf(x).entries();
      work.push({ s: "]" });
      for (let i = es.length - 1; i >= 0; i--) {
        work.push(es[i]![1], { s: " -> " }, es[i]![0]);
        if (i > 0) work.push({ s: ", " });
      }
      out.push("[");
    } else out.push(scalarLiteral(x));
  }
  return out.join("");
};

const scalarLiteral = (v: Box): string => {
  switch (v.tag) {
    case T.INT: return String(v.ref);
    case T.OBJ: return "#" + v.n;
    case T.ERR: return errorName(v.n);
    case T.FLOAT: return formatFloat(v.n);
    case T.BOOL: return v.n ? "true" : "false";
    default: return "<?>";
  }
};

/** The text tostr() gives one value. */
export const toStr = (v: Value): string => {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  switch (v.tag) {
    case T.ERR: return errorMessage(v.n);
    case T.LIST: return "{list}";
    case T.MAP: return "[map]";
    default: return scalarLiteral(v);
  }
};

// ---- sizes (value_bytes and the memory quota use one measure) ----

const VAR_BYTES = 16;
/** LambdaMOO's value_bytes measure: a Var plus its payload. Iterative. */
export const valueBytes = (v: Value): number => {
  let total = 0;
  const work: Value[] = [v];
  while (work.length > 0) {
    const x = work.pop()!;
    total += VAR_BYTES;
    if (typeof x === "number") continue;
    if (typeof x === "string") { total += x.length + 1; continue; }
    switch (x.tag) {
      case T.FLOAT: case T.INT: total += 8; break;
      case T.ERR: { const i = errInfo(x); if (i) { total += i.msg.length + 1; work.push(i.value); } break; }
      case T.LIST: total += VAR_BYTES; for (const e of listOf(x)) work.push(e); break;
      case T.MAP: total += VAR_BYTES; for (const [k, e] of mapOf(x).entries()) work.push(k, e); break;
      default: break;
    }
  }
  return total;
};
