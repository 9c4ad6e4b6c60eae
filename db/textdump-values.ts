// The textdump's lexical layer, shared by the reader and the writer: a line
// cursor whose errors name the line, and LambdaMOO's encoding of one value
// (db_io.c dbio_read_var / dbio_write_var). Knows nothing of objects or tasks.

import {
  type Value, type Box, T, mkObj, mkErr, mkFloat, mkList, mkMap, MooMap, mkBigInt, listOf, errorName,
} from "../verbs/value.ts";
import { CLEAR, type SlotValue } from "../objects/model.ts";
import { formatG } from "../grammar/literals.ts";

export class TextdumpError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

/** LambdaMOO's var type codes as textdumps store them (MAP is ToastStunt's): append only. */
export const VAR = {
  INT: 0, OBJ: 1, STR: 2, ERR: 3, LIST: 4, CLEAR: 5, NONE: 6, CATCH: 7, FINALLY: 8, FLOAT: 9, MAP: 10,
} as const;

/** TYPE_NONE: a variable never assigned (and, in format 0, written as -1). */
export const UNBOUND: unique symbol = Symbol("unbound");
/** TYPE_CATCH or TYPE_FINALLY: a handler marker on a suspended frame's stack. */
export const HANDLER: unique symbol = Symbol("handler");
/** Everything a stored var can be. */
export type Var = SlotValue | typeof UNBOUND | typeof HANDLER;

export class Lines {
  private i = 0;
  private readonly lines: string[];
  /** The dump's format version, once the header is read (values and frames depend on it). */
  format = 4;
  constructor(text: string) {
    this.lines = text.split("\n");
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] === "") this.lines.pop();
  }
  /** 1-based number of the line next() returns next. */
  get line(): number { return this.i + 1; }
  get atEnd(): boolean { return this.i >= this.lines.length; }
  next(what: string): string {
    if (this.i >= this.lines.length) throw new TextdumpError(this.i + 1, `the file ends where ${what} was expected`);
    return this.lines[this.i++]!.replace(/\r$/, "");
  }
  num(what: string): number {
    const s = this.next(what);
    if (!/^-?\d+$/.test(s.trim())) throw this.fail(`${what}: expected a number, found ${JSON.stringify(s.slice(0, 40))}`);
    return Number(s.trim());
  }
  /** The next line matched against `re`; an error naming the line and `what` otherwise. */
  match(re: RegExp, what: string): RegExpExecArray {
    const s = this.next(what);
    const m = re.exec(s);
    if (!m) throw this.fail(`expected ${what}, found ${JSON.stringify(s.slice(0, 60))}`);
    return m;
  }
  /** Lines up to the "." that ends a program (dbio_read_program), joined. */
  program(what: string): string {
    const body: string[] = [];
    for (let l = this.next(what); l !== "."; l = this.next(what)) body.push(l);
    return body.join("\n");
  }
  peek(): string | undefined { return this.lines[this.i]?.replace(/\r$/, ""); }
  /** An error about the line just read. */
  fail(message: string): TextdumpError { return new TextdumpError(this.i, message); }
}

/**
 * One var as dbio_read_var reads it; `type` when the caller already read the
 * type code (a suspended task's header line ends with it). Iterative, so deep
 * lists cannot overflow the stack. Markers never appear inside lists.
 */
export const readVar = (r: Lines, type?: number): Var => {
  interface Open { items: Value[]; left: number; map: boolean }
  const open: Open[] = [];
  for (;;) {
    let code = type ?? r.num("a value type");
    type = undefined;
    if (code === -1 && r.format === 0) code = VAR.NONE;
    let v: Var;
    switch (code) {
      case VAR.INT: v = mkBigInt(BigInt(r.num("an integer"))); break;
      case VAR.OBJ: v = mkObj(r.num("an object number")); break;
      case VAR.STR: v = r.next("a string"); break;
      case VAR.ERR: v = mkErr(r.num("an error code")); break;
      case VAR.CLEAR: v = CLEAR; break;
      case VAR.NONE: v = UNBOUND; break;
      case VAR.CATCH: case VAR.FINALLY: r.num("a handler's count"); v = HANDLER; break;
      case VAR.FLOAT: {
        const s = r.next("a float");
        const x = Number(s.trim());
        if (s.trim() === "" || !Number.isFinite(x)) throw r.fail(`bad float ${JSON.stringify(s)}`);
        v = mkFloat(x);
        break;
      }
      case VAR.LIST: case VAR.MAP: {
        const n = r.num("a length");
        if (n < 0) throw r.fail(`negative length ${n}`);
        const map = code === VAR.MAP;
        if (n > 0) { open.push({ items: [], left: map ? 2 * n : n, map }); continue; }
        v = map ? mkMap(new MooMap()) : mkList([]);
        break;
      }
      default: throw r.fail(`unknown value type ${code}`);
    }
    for (;;) {
      const top = open[open.length - 1];
      if (!top) return v;
      if (typeof v === "symbol") throw r.fail("a value inside a list must be a MOO value");
      top.items.push(v);
      if (--top.left > 0) break;
      open.pop();
      if (top.map) {
        const m = new MooMap();
        for (let i = 0; i < top.items.length; i += 2) m.setMut(top.items[i]!, top.items[i + 1]!);
        v = mkMap(m);
      } else v = mkList(top.items);
    }
  }
};

// ---- writing ----

const INT32_MIN = -(2 ** 31), INT32_MAX = 2 ** 31 - 1;
/** LambdaMOO 1.8's last error code; E_FILE and later are ToastStunt's. */
const LAST_LAMBDAMOO_ERROR = 15;

/**
 * Why LambdaMOO could not read `s` back as written on one line, or null.
 * Dumps are Latin-1 (one byte per character, as readTextdump is fed), and
 * LambdaMOO's strings are C strings read line by line.
 */
export const stringProblem = (s: string): string | null => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13) return "a string with a line break";
    if (c === 0) return "a string with a NUL character";
    if (c > 255) return `a string with a character outside Latin-1 (U+${s.codePointAt(i)!.toString(16).toUpperCase().padStart(4, "0")})`;
  }
  return null;
};

/** How a textdump writes a float: C's %.19g (DBL_DIG + 4), enough digits to read back the same double. */
export const formatDumpFloat = (x: number): string => formatG(x, 19);

/**
 * Append the lines of v in dbio_write_var's format. Returns why LambdaMOO
 * 1.8 could not load it (a map, a bool, an integer beyond 32 bits, ...), or
 * null; lines written before a problem is found are left for the caller,
 * who refuses the whole dump.
 */
export const writeVar = (out: string[], v: SlotValue): string | null => {
  const work: SlotValue[] = [v];
  while (work.length > 0) {
    const x = work.pop()!;
    if (x === CLEAR) { out.push(String(VAR.CLEAR)); continue; }
    if (typeof x === "number") {
      if (!Number.isInteger(x) || x < INT32_MIN || x > INT32_MAX) return `the integer ${x}, beyond LambdaMOO's 32 bits`;
      out.push(String(VAR.INT), String(x));
      continue;
    }
    if (typeof x === "string") {
      const p = stringProblem(x);
      if (p) return p;
      out.push(String(VAR.STR), x);
      continue;
    }
    const problem = writeBox(out, x, work);
    if (problem) return problem;
  }
  return null;
};

const writeBox = (out: string[], x: Box, work: SlotValue[]): string | null => {
  switch (x.tag) {
    case T.INT: return `the integer ${String(x.ref)}, beyond LambdaMOO's 32 bits`;
    case T.OBJ:
      if (x.n < INT32_MIN || x.n > INT32_MAX) return `the object number #${x.n}, beyond LambdaMOO's 32 bits`;
      out.push(String(VAR.OBJ), String(x.n));
      return null;
    case T.ERR:
      // An error's message and value (raise()) have no place in the format: the code alone is kept.
      if (x.n < 0 || x.n > LAST_LAMBDAMOO_ERROR) return `the error ${errorName(x.n)}, which LambdaMOO 1.8 does not have`;
      out.push(String(VAR.ERR), String(x.n));
      return null;
    case T.FLOAT:
      if (!Number.isFinite(x.n)) return `the float ${x.n}`;
      out.push(String(VAR.FLOAT), formatDumpFloat(x.n));
      return null;
    case T.LIST: {
      const items = listOf(x);
      out.push(String(VAR.LIST), String(items.length));
      for (let i = items.length - 1; i >= 0; i--) work.push(items[i]!);
      return null;
    }
    case T.MAP: return "a map (LambdaMOO 1.8 has no maps)";
    case T.BOOL: return "a boolean (LambdaMOO 1.8 has no booleans)";
    case T.STR: case T.CLEAR: case T.NONE: return `a value of internal type ${x.tag}`;
    default: {
      const never: never = x.tag;
      return `a value of unknown type ${String(never)}`;
    }
  }
};
