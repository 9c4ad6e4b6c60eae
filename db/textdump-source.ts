// A verb's program text as a textdump carries it: canonical source, printed
// the way LambdaMOO 1.8 prints programs into its dumps, and a check that
// LambdaMOO's parser has every construct used. Does not read or write files.

import type { Arg, Expr, Program, Stmt } from "../grammar/ast.ts";
import { parseProgram } from "../grammar/parse.ts";
import { unparseProgram } from "../grammar/unparse.ts";
import { errorByName } from "../verbs/value.ts";
import { stringProblem } from "./textdump-values.ts";

/** LambdaMOO 1.8's predefined variables: their spelling wins in canonical source. */
const LAMBDAMOO_VARIABLES: readonly string[] = [
  "NUM", "OBJ", "STR", "LIST", "ERR", "player", "this", "caller", "verb", "args", "argstr",
  "dobj", "dobjstr", "prepstr", "iobj", "iobjstr", "INT", "FLOAT",
];

const INT32_MIN = -(2n ** 31n), INT32_MAX = 2n ** 31n - 1n;
const E_FLOAT = 15;
const EXTENSION_OPS: ReadonlySet<string> = new Set(["&.", "|.", "^.", "<<", ">>", ">>>", "~"]);

export type DumpSource = { readonly ok: true; readonly lines: readonly string[] } | { readonly ok: false; readonly problem: string };

/**
 * The lines to write for a verb's stored source. Source that parses is
 * printed as LambdaMOO's db_io.c does (fully parenthesized, not indented), so
 * a dump LambdaMOO wrote comes back byte for byte and no line can begin with
 * the "." that ends a program. Source that does not parse (a damaged import)
 * is written as stored: it came from a dump, and LambdaMOO may read it still.
 */
export const dumpSource = (source: string): DumpSource => {
  const parsed = parseProgram(source);
  let lines: readonly string[];
  if (parsed.ok) {
    const problem = lambdaMooProblem(parsed.program);
    if (problem) return { ok: false, problem };
    lines = unparseProgram(parsed.program, { fullyParen: true, indent: false, builtinVariables: LAMBDAMOO_VARIABLES });
  } else {
    lines = source.split("\n");
    if (lines.some((l) => l.startsWith("."))) {
      return { ok: false, problem: "source that does not parse has a line starting with \".\", which ends a program in a dump" };
    }
  }
  for (const l of lines) {
    const p = stringProblem(l);
    if (p) return { ok: false, problem: p.replace("a string", "a line") };
  }
  return { ok: true, lines };
};

/** The first construct LambdaMOO 1.8's parser lacks (ToastStunt's additions), or null. */
export const lambdaMooProblem = (program: Program): string | null => statements(program.body);

const statements = (list: readonly Stmt[]): string | null => {
  for (const s of list) {
    const p = statement(s);
    if (p) return p;
  }
  return null;
};

const at = (pos: { line: number }, what: string): string => `line ${pos.line}: ${what}, which LambdaMOO 1.8 does not have`;

const statement = (s: Stmt): string | null => {
  switch (s.kind) {
    case "if":
      for (const arm of s.arms) {
        const p = expr(arm.cond) ?? statements(arm.body);
        if (p) return p;
      }
      return s.else === null ? null : statements(s.else);
    case "forList":
      if (s.key !== null) return at(s.pos, "`for value, key in`");
      return expr(s.expr) ?? statements(s.body);
    case "forRange": return expr(s.from) ?? expr(s.to) ?? statements(s.body);
    case "while": return expr(s.cond) ?? statements(s.body);
    case "fork": return expr(s.time) ?? statements(s.body);
    case "expr": return expr(s.expr);
    case "return": return s.value === null ? null : expr(s.value);
    case "tryExcept":
      for (const arm of s.arms) {
        const p = (arm.codes === null ? null : args(arm.codes)) ?? statements(arm.body);
        if (p) return p;
      }
      return statements(s.body);
    case "tryFinally": return statements(s.body) ?? statements(s.finally);
    case "break": case "continue": return null;
    default: {
      const never: never = s;
      throw new Error(`unknown statement ${JSON.stringify(never)}`);
    }
  }
};

const args = (list: readonly Arg[]): string | null => {
  for (const a of list) {
    const p = expr(a.expr);
    if (p) return p;
  }
  return null;
};

const expr = (e: Expr): string | null => {
  switch (e.kind) {
    case "int": return e.value < INT32_MIN || e.value > INT32_MAX ? at(e.pos, `the integer ${e.value} beyond 32 bits`) : null;
    case "err": return (errorByName(e.code) ?? Infinity) > E_FLOAT ? at(e.pos, e.code) : null;
    case "float": case "str": case "obj": case "id": case "length": return null;
    case "first": return at(e.pos, "`^` inside an index");
    case "map": return at(e.pos, "a map literal");
    case "prop": return expr(e.obj) ?? expr(e.name);
    case "verb": return expr(e.obj) ?? expr(e.name) ?? args(e.args);
    case "call": return args(e.args);
    case "index": return expr(e.base) ?? expr(e.index);
    case "range": return expr(e.base) ?? expr(e.from) ?? expr(e.to);
    case "assign": return expr(e.target) ?? expr(e.value);
    case "scatter":
      for (const item of e.items) {
        const p = item.default === null ? null : expr(item.default);
        if (p) return p;
      }
      return null;
    case "binary": return EXTENSION_OPS.has(e.op) ? at(e.pos, `the operator ${e.op}`) : expr(e.left) ?? expr(e.right);
    case "unary": return EXTENSION_OPS.has(e.op) ? at(e.pos, `the operator ${e.op}`) : expr(e.operand);
    case "list": return args(e.items);
    case "cond": return expr(e.cond) ?? expr(e.then) ?? expr(e.else);
    case "catch": return expr(e.expr) ?? (e.codes === null ? null : args(e.codes)) ?? (e.default === null ? null : expr(e.default));
    default: {
      const never: never = e;
      throw new Error(`unknown expression ${JSON.stringify(never)}`);
    }
  }
};
