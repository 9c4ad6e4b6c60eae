// Entry points for turning MOO source into an AST: guards against hostile
// sizes and nesting before peggy runs, peggy's failures made into one-line
// LambdaMOO-style diagnostics, then the semantic checks of check.ts.

import type { Diagnostic, Expr, Program } from "./ast.ts";
import { checkExpression, checkProgram } from "./check.ts";
import * as generated from "./moo-parser.generated.js";

/** Limits applied before and after parsing; every field has a default. */
export interface ParseOptions {
  /** Largest source accepted, in UTF-8 bytes (default 4 MiB). */
  readonly maxBytes?: number;
  /** Deepest nesting of brackets, blocks and unary chains, found by a pre-scan (default 500). */
  readonly maxNesting?: number;
  /** Deepest AST accepted, so recursive consumers cannot overflow (default 1000). */
  readonly maxTreeDepth?: number;
}

export type ProgramResult = { ok: true; program: Program } | { ok: false; errors: Diagnostic[] };
export type ExpressionResult = { ok: true; expr: Expr } | { ok: false; errors: Diagnostic[] };

const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
const DEFAULT_MAX_NESTING = 500;
const DEFAULT_MAX_TREE_DEPTH = 1000;

// The shape of the peggy-generated module (which is plain JS).
interface PegLocation { readonly start: { readonly offset: number; readonly line: number; readonly column: number } }
interface PegExpectation {
  readonly type: "literal" | "class" | "any" | "end" | "other";
  readonly text?: string;
  readonly description?: string;
  readonly parts?: readonly (string | readonly [string, string])[];
  readonly inverted?: boolean;
}
interface PegSyntaxError extends Error {
  readonly expected: readonly PegExpectation[] | null;
  readonly location: PegLocation;
}
interface GeneratedParser {
  parse(input: string, options: { startRule: "program" | "expression" }): unknown;
  SyntaxError: abstract new (...args: never[]) => PegSyntaxError;
}
const parser = generated as unknown as GeneratedParser;

/** Parses a verb body. Diagnostics come back sorted by position. */
export function parseProgram(source: string, options: ParseOptions = {}): ProgramResult {
  const r = run(source, "program", options);
  if (!r.ok) return r;
  const program = r.value as Program;
  const errors = checkProgram(program, options.maxTreeDepth ?? DEFAULT_MAX_TREE_DEPTH);
  return errors.length === 0 ? { ok: true, program } : { ok: false, errors: byPosition(errors) };
}

/** Parses one expression (as for `eval`-style tools); `$` outside brackets is still an error. */
export function parseExpression(source: string, options: ParseOptions = {}): ExpressionResult {
  const r = run(source, "expression", options);
  if (!r.ok) return r;
  const expr = r.value as Expr;
  const errors = checkExpression(expr, options.maxTreeDepth ?? DEFAULT_MAX_TREE_DEPTH);
  return errors.length === 0 ? { ok: true, expr } : { ok: false, errors: byPosition(errors) };
}

/** LambdaMOO's error line format (parser.y's fmt_error): `Line N:  message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `Line ${d.line}:  ${d.message}`;
}

type RunResult = { ok: true; value: unknown } | { ok: false; errors: Diagnostic[] };

function run(source: string, startRule: "program" | "expression", options: ParseOptions): RunResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  // Length bounds the UTF-8 size from below, so most huge inputs skip the byte count.
  if (source.length > maxBytes || Buffer.byteLength(source, "utf8") > maxBytes) {
    return fail(1, 1, `program too large (limit ${maxBytes} bytes)`);
  }
  const deep = findDeepNesting(source, options.maxNesting ?? DEFAULT_MAX_NESTING);
  if (deep !== null) return { ok: false, errors: [deep] };
  try {
    return { ok: true, value: parser.parse(source, { startRule }) };
  } catch (e) {
    if (e instanceof parser.SyntaxError) {
      const { line, column, offset } = e.location.start;
      const message = e.expected === null ? e.message : syntaxMessage(e.expected, source, offset);
      return fail(line, column, message);
    }
    // Nesting the pre-scan does not count (a long `a = b = ...` chain) can still exhaust the stack.
    if (e instanceof RangeError) return fail(1, 1, "program too deeply nested");
    throw e;
  }
}

function byPosition(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => a.line - b.line || a.col - b.col);
}

function fail(line: number, col: number, message: string): RunResult {
  return { ok: false, errors: [{ line, col, message }] };
}

const BLOCK_OPEN = new Set(["if", "for", "while", "fork", "try"]);
const BLOCK_CLOSE = new Set(["endif", "endfor", "endwhile", "endfork", "endtry"]);

// Character classes for the pre-scan, so its loop is one table lookup per character.
const C_OTHER = 0, C_SPACE = 1, C_NEWLINE = 2, C_QUOTE = 3, C_SLASH = 4, C_OPEN = 5, C_CLOSE = 6,
  C_UNARY = 7, C_WORD = 8, C_BLOCK_WORD = 9;
const CHAR_CLASS = (() => {
  const t = new Uint8Array(128);
  for (const c of " \t\r\v\f") t[c.charCodeAt(0)] = C_SPACE;
  t[10] = C_NEWLINE;
  t[34] = C_QUOTE;
  t[47] = C_SLASH;
  for (const c of "([{`") t[c.charCodeAt(0)] = C_OPEN;
  for (const c of ")]}'") t[c.charCodeAt(0)] = C_CLOSE;
  for (const c of "!-~") t[c.charCodeAt(0)] = C_UNARY;
  for (let c = 48; c <= 57; c++) t[c] = C_WORD;
  for (let c = 65; c <= 90; c++) t[c] = t[c + 32] = C_WORD;
  t[95] = C_WORD;
  // Block keywords start with e(nd...), f, i, t or w.
  for (const c of "efitwEFITW") t[c.charCodeAt(0)] = C_BLOCK_WORD;
  return t;
})();

/**
 * One linear pass outside strings and comments: the depth of open brackets,
 * backquotes and blocks plus the current run of prefix operators. Peggy
 * recurses for each, so this refuses input that would overflow the stack.
 */
function findDeepNesting(src: string, max: number): Diagnostic | null {
  const n = src.length;
  let depth = 0;
  let unary = 0;
  let line = 1;
  let lineStart = 0;
  let nextBackslash = -1;
  let nextNewline = -1;
  const tooDeep = (i: number): Diagnostic => ({ line, col: i - lineStart + 1, message: "program too deeply nested" });
  let i = 0;
  while (i < n) {
    const c = src.charCodeAt(i);
    switch (c < 128 ? CHAR_CLASS[c] : C_OTHER) {
      case C_SPACE:
        i++;
        break;
      case C_NEWLINE:
        line++;
        lineStart = ++i;
        break;
      case C_QUOTE: {
        // Jump between quotes, backslashes and newlines with indexOf rather than
        // stepping through string bodies. A backslash escapes anything but a
        // newline; a newline ends the string (an error peggy reports).
        i++;
        for (;;) {
          if (nextBackslash < i) nextBackslash = indexOrEnd(src, "\\", i);
          if (nextNewline < i) nextNewline = indexOrEnd(src, "\n", i);
          const quote = indexOrEnd(src, '"', i);
          if (nextBackslash < quote && nextBackslash < nextNewline) {
            i = src.charCodeAt(nextBackslash + 1) === 10 ? nextBackslash + 1 : nextBackslash + 2;
          } else {
            i = nextNewline < quote ? nextNewline : Math.min(quote + 1, n);
            break;
          }
        }
        unary = 0;
        break;
      }
      case C_SLASH: {
        if (src.charCodeAt(i + 1) !== 42) {
          unary = 0;
          i++;
          break;
        }
        const end = src.indexOf("*/", i + 2);
        const stop = end === -1 ? n : end + 2;
        for (let j = src.indexOf("\n", i); j !== -1 && j < stop; j = src.indexOf("\n", j + 1)) {
          line++;
          lineStart = j + 1;
        }
        i = stop;
        break;
      }
      case C_OPEN:
        if (++depth + unary > max) return tooDeep(i);
        unary = 0;
        i++;
        break;
      case C_CLOSE:
        if (depth > 0) depth--;
        unary = 0;
        i++;
        break;
      case C_UNARY:
        if (depth + ++unary > max) return tooDeep(i);
        i++;
        break;
      case C_WORD:
        do i++;
        while (i < n && src.charCodeAt(i) < 128 && CHAR_CLASS[src.charCodeAt(i)]! >= C_WORD);
        unary = 0;
        break;
      case C_BLOCK_WORD: {
        const start = i;
        do i++;
        while (i < n && src.charCodeAt(i) < 128 && CHAR_CLASS[src.charCodeAt(i)]! >= C_WORD);
        if (i - start <= 8) {
          const word = src.slice(start, i).toLowerCase();
          if (BLOCK_OPEN.has(word)) {
            if (++depth > max) return tooDeep(start);
          } else if (depth > 0 && BLOCK_CLOSE.has(word)) {
            depth--;
          }
        }
        unary = 0;
        break;
      }
      default:
        unary = 0;
        i++;
    }
  }
  return null;
}

function indexOrEnd(s: string, what: string, from: number): number {
  const i = s.indexOf(what, from);
  return i === -1 ? s.length : i;
}

// What may start an operand: when an operand was expected, these collapse
// into the single word "expression".
const OPERAND_STARTS = new Set([
  "identifier", "number", "string", "error constant", "object number",
  '"$"', '"("', '"{"', '"["', '"`"', '"^"', '"!"', '"~"', '"-"',
]);
const STATEMENT_STARTS = new Set(['"if"', '"for"', '"while"', '"fork"', '"try"', '"break"', '"continue"', '"return"', '";"']);
const OPERATOR_TOKENS = new Set(['"."', '":"', '"["', '"("', '"?"', '"="']);
const TWO_CHAR_TOKENS = new Set(["==", "!=", "<=", ">=", "&&", "||", "->", "=>", "..", "<<", ">>", "|.", "&.", "^."]);

/** `syntax error: expected A, B or C, found "x"`, from peggy's expectations. */
function syntaxMessage(expected: readonly PegExpectation[], source: string, offset: number): string {
  let items: string[] = [];
  for (const e of expected) {
    const d = describe(e);
    if (!items.includes(d)) items.push(d);
  }
  if (items.includes("number")) {
    items = items.filter((d) => !OPERAND_STARTS.has(d));
    items.unshift("expression");
    if (items.some((d) => STATEMENT_STARTS.has(d) && d !== '";"')) {
      items = items.filter((d) => d !== "expression" && !STATEMENT_STARTS.has(d));
      items.unshift("statement");
    }
  }
  // After an operand, postfix tokens, a call's `(`, `?` and `=` are operators too.
  if (items.includes("operator")) items = items.filter((d) => !OPERATOR_TOKENS.has(d));
  // Peggy lists "end of input" wherever it falls; it reads best last.
  const end = items.indexOf("end of program");
  if (end !== -1) items.push(...items.splice(end, 1));
  const list = items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
  return `syntax error: expected ${list}, found ${foundAt(source, offset)}`;
}

function describe(e: PegExpectation): string {
  switch (e.type) {
    case "literal": return JSON.stringify(e.text ?? "");
    case "other": return e.description ?? "?";
    case "end": return "end of program";
    case "any": return "any character";
    case "class": {
      const parts = (e.parts ?? []).map((p) => (typeof p === "string" ? p : `${p[0]}-${p[1]}`)).join("");
      return `[${e.inverted === true ? "^" : ""}${parts}]`;
    }
  }
}

/** The token at the error, quoted: a word, a number, a two-character operator or one character. */
function foundAt(source: string, offset: number): string {
  if (offset >= source.length) return "end of program";
  const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)/.exec(source.slice(offset, offset + 64));
  if (m !== null) return JSON.stringify(m[0]);
  const two = source.slice(offset, offset + 2);
  if (TWO_CHAR_TOKENS.has(two)) return JSON.stringify(two);
  const c = source[offset]!;
  return c === '"' ? "string" : JSON.stringify(c);
}
