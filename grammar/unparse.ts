// Prints an AST as canonical MOO source, exactly as LambdaMOO's unparse.c
// (and ToastStunt's unparse.cc for maps, bitwise operators, `^`, `for v, k`)
// print it for verb_code(), listings and textdumps. It never reads source text.

import { formatFloat, quoteString } from "./literals.ts";
import type { Arg, Expr, Program, Stmt } from "./ast.ts";

export interface UnparseOptions {
  /** Parenthesize every operand below postfix precedence, as textdumps are written (default false). */
  readonly fullyParen?: boolean;
  /** Indent nested statements two spaces per level (default true). */
  readonly indent?: boolean;
  /**
   * Spell each variable as LambdaMOO does: one spelling per name, taken from
   * `builtinVariables` or else the first use in parse order; builtin function
   * names lower-cased (default true).
   */
  readonly canonicalNames?: boolean;
  /** Predefined variables, in their canonical spelling (default LambdaMOO 1.8's plus MAP). */
  readonly builtinVariables?: readonly string[];
}

const DEFAULT_BUILTIN_VARIABLES: readonly string[] = [
  "NUM", "OBJ", "STR", "LIST", "ERR", "player", "this", "caller", "verb", "args", "argstr",
  "dobj", "dobjstr", "prepstr", "iobj", "iobjstr", "INT", "FLOAT", "MAP",
];

// Words that cannot be identifiers, so `x.if` must print as `x.("if")`
// (the grammar's KEYWORDS in moo.peggy; keep the two lists equal).
const KEYWORDS = new Set([
  "if", "else", "elseif", "endif", "for", "in", "endfor", "fork", "endfork", "return", "while",
  "endwhile", "try", "except", "finally", "endtry", "any", "break", "continue",
  "e_none", "e_type", "e_div", "e_perm", "e_propnf", "e_verbnf", "e_varnf", "e_invind",
  "e_recmove", "e_maxrec", "e_range", "e_args", "e_nacc", "e_invarg", "e_quota", "e_float",
  "e_file", "e_exec", "e_intrpt",
]);

// ToastStunt's precedence table. Map and scatter are missing from it, so
// they rank 0 and get parentheses whenever they are an operand.
const POSTFIX_PREC = 11;
const BINARY_PREC: { readonly [op: string]: number } = {
  "||": 3, "&&": 3,
  "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4, "in": 4,
  "|.": 5, "&.": 5, "^.": 5,
  "<<": 6, ">>": 6, ">>>": 6,
  "+": 7, "-": 7,
  "*": 8, "/": 8, "%": 8,
  "^": 9,
};

function precedence(e: Expr): number {
  switch (e.kind) {
    case "assign": return 1;
    case "cond": return 2;
    case "binary": return BINARY_PREC[e.op]!;
    case "unary": return 10;
    case "prop": case "verb": case "index": case "range": return POSTFIX_PREC;
    case "map": case "scatter": return 0;
    default: return 12;
  }
}

/** True when `name` can be written bare after `.`, `:` or `$`. */
export function isPlainIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name.toLowerCase());
}

class Printer {
  readonly lines: string[] = [];

  constructor(
    private readonly fullyParen: boolean,
    private readonly indent: boolean,
    private readonly names: ReadonlyMap<string, string> | null,
  ) {}

  private name(n: string): string {
    return this.names?.get(n.toLowerCase()) ?? n;
  }

  statements(list: readonly Stmt[], level: number): void {
    const pad = this.indent ? " ".repeat(level) : "";
    for (const s of list) this.statement(s, level, pad);
  }

  private block(head: string, body: readonly Stmt[], level: number, pad: string): void {
    this.lines.push(pad + head);
    this.statements(body, level + 2);
  }

  private statement(s: Stmt, level: number, pad: string): void {
    switch (s.kind) {
      case "if": {
        s.arms.forEach((arm, i) => this.block(`${i === 0 ? "if" : "elseif"} (${this.expr(arm.cond)})`, arm.body, level, pad));
        if (s.else !== null && s.else.length > 0) this.block("else", s.else, level, pad);
        this.lines.push(pad + "endif");
        return;
      }
      case "forList": {
        const vars = s.key === null ? this.name(s.value) : `${this.name(s.value)}, ${this.name(s.key)}`;
        this.block(`for ${vars} in (${this.expr(s.expr)})`, s.body, level, pad);
        this.lines.push(pad + "endfor");
        return;
      }
      case "forRange":
        this.block(`for ${this.name(s.variable)} in [${this.expr(s.from)}..${this.expr(s.to)}]`, s.body, level, pad);
        this.lines.push(pad + "endfor");
        return;
      case "while":
        this.block(`while ${s.label === null ? "" : this.name(s.label) + " "}(${this.expr(s.cond)})`, s.body, level, pad);
        this.lines.push(pad + "endwhile");
        return;
      case "fork":
        this.block(`fork ${s.label === null ? "" : this.name(s.label) + " "}(${this.expr(s.time)})`, s.body, level, pad);
        this.lines.push(pad + "endfork");
        return;
      case "expr":
        this.lines.push(`${pad}${this.expr(s.expr)};`);
        return;
      case "return":
        this.lines.push(s.value === null ? `${pad}return;` : `${pad}return ${this.expr(s.value)};`);
        return;
      case "tryExcept":
        this.block("try", s.body, level, pad);
        for (const arm of s.arms) {
          const v = arm.variable === null ? "" : this.name(arm.variable) + " ";
          this.block(`except ${v}(${arm.codes === null ? "ANY" : this.args(arm.codes)})`, arm.body, level, pad);
        }
        this.lines.push(pad + "endtry");
        return;
      case "tryFinally":
        this.block("try", s.body, level, pad);
        this.block("finally", s.finally, level, pad);
        this.lines.push(pad + "endtry");
        return;
      case "break":
      case "continue":
        this.lines.push(`${pad}${s.kind}${s.label === null ? "" : " " + this.name(s.label)};`);
        return;
      default: {
        const never: never = s;
        throw new Error(`unknown statement ${JSON.stringify(never)}`);
      }
    }
  }

  // unparse.c's bracket_lt: parenthesize a child that binds more loosely.
  private lt(parent: number, child: Expr): string {
    const p = precedence(child);
    const paren = (this.fullyParen && p < POSTFIX_PREC) || parent > p;
    return paren ? `(${this.expr(child)})` : this.expr(child);
  }

  /**
   * The operand of `[...]`, `.` or `:`. A negative literal keeps parentheses
   * there: LambdaMOO prints `(-2)[1]` as `-2[1]`, which reads back as
   * -(2[1]); we keep the meaning instead.
   */
  private base(e: Expr): string {
    const negative = (e.kind === "int" && e.value < 0n) || (e.kind === "float" && (e.value < 0 || Object.is(e.value, -0)));
    return negative ? `(${this.expr(e)})` : this.lt(POSTFIX_PREC, e);
  }

  // bracket_le: also parenthesize a child of equal precedence.
  private le(parent: number, child: Expr): string {
    const p = precedence(child);
    const paren = (this.fullyParen && p < POSTFIX_PREC) || parent >= p;
    return paren ? `(${this.expr(child)})` : this.expr(child);
  }

  args(list: readonly Arg[]): string {
    return list.map((a) => (a.splice ? "@" : "") + this.expr(a.expr)).join(", ");
  }

  // The name after `.` or `:`; anything but an identifier-like string needs `(...)`.
  private nameExpr(e: Expr): string {
    return e.kind === "str" && isPlainIdentifier(e.value) ? e.value : `(${this.expr(e)})`;
  }

  private isSystemName(obj: Expr, name: Expr): name is Extract<Expr, { kind: "str" }> {
    return obj.kind === "obj" && obj.value === 0 && name.kind === "str" && isPlainIdentifier(name.value);
  }

  expr(e: Expr): string {
    switch (e.kind) {
      case "int": return String(e.value);
      case "float": return formatFloat(e.value);
      case "str": return quoteString(e.value);
      case "obj": return `#${e.value}`;
      case "err": return e.code;
      case "id": return this.name(e.name);
      case "length": return "$";
      case "first": return "^";
      case "prop":
        if (this.isSystemName(e.obj, e.name)) return "$" + e.name.value;
        // A space keeps `1 .x` from reading as the float `1.`.
        return `${this.base(e.obj)}${e.obj.kind === "int" && e.obj.value >= 0n ? " " : ""}.${this.nameExpr(e.name)}`;
      case "verb": {
        const callee = this.isSystemName(e.obj, e.name)
          ? "$" + e.name.value
          : `${this.base(e.obj)}:${this.nameExpr(e.name)}`;
        return `${callee}(${this.args(e.args)})`;
      }
      case "index": return `${this.base(e.base)}[${this.expr(e.index)}]`;
      case "range": return `${this.base(e.base)}[${this.expr(e.from)}..${this.expr(e.to)}]`;
      case "binary": {
        const p = BINARY_PREC[e.op]!;
        if (e.op === "^") return `${this.le(p, e.left)} ^ ${this.lt(p, e.right)}`;
        return `${this.lt(p, e.left)} ${e.op} ${this.le(p, e.right)}`;
      }
      case "cond": return `${this.le(2, e.cond)} ? ${this.expr(e.then)} | ${this.le(2, e.else)}`;
      case "unary": return e.op + this.lt(10, e.operand);
      case "assign": return `${this.expr(e.target)} = ${this.expr(e.value)}`;
      case "call": return `${this.names === null ? e.func : e.func.toLowerCase()}(${this.args(e.args)})`;
      case "list": return `{${this.args(e.items)}}`;
      case "map": return `[${e.entries.map(([k, v]) => `${this.expr(k)} -> ${this.expr(v)}`).join(", ")}]`;
      case "scatter":
        return `{${e.items.map((it) => {
          const n = this.name(it.name);
          if (it.kind === "rest") return "@" + n;
          if (it.kind === "required") return n;
          return it.default === null ? `?${n}` : `?${n} = ${this.expr(it.default)}`;
        }).join(", ")}}`;
      case "catch": {
        const codes = e.codes === null ? "ANY" : this.args(e.codes);
        const def = e.default === null ? "" : ` => ${this.expr(e.default)}`;
        return `\`${this.expr(e.expr)} ! ${codes}${def}'`;
      }
      default: {
        const never: never = e;
        throw new Error(`unknown expression ${JSON.stringify(never)}`);
      }
    }
  }
}

/** Canonical source lines for a verb body, as LambdaMOO's verb_code() returns them. */
export function unparseProgram(program: Program, opts: UnparseOptions = {}): string[] {
  const names = opts.canonicalNames === false
    ? null
    : variableSpellings(program, opts.builtinVariables ?? DEFAULT_BUILTIN_VARIABLES);
  const p = new Printer(opts.fullyParen ?? false, opts.indent ?? true, names);
  p.statements(program.body, 0);
  return p.lines;
}

/** One expression, spelled as written (no program to take variable spellings from). */
export function unparseExpr(expr: Expr, opts: Pick<UnparseOptions, "fullyParen"> = {}): string {
  return new Printer(opts.fullyParen ?? false, false, null).expr(expr);
}

/**
 * LambdaMOO keeps one spelling per variable (names compare case-insensitively):
 * the builtin's, or the first one its parser registered. The parser registers
 * loop, fork and except variables only after their bodies, so this walk does too.
 */
function variableSpellings(program: Program, builtins: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const add = (n: string | null): void => {
    if (n === null) return;
    const k = n.toLowerCase();
    if (!names.has(k)) names.set(k, n);
  };
  for (const b of builtins) add(b);
  const args = (list: readonly Arg[]): void => {
    for (const a of list) expr(a.expr);
  };
  const expr = (e: Expr): void => {
    switch (e.kind) {
      case "id": add(e.name); return;
      case "prop": expr(e.obj); expr(e.name); return;
      case "verb": expr(e.obj); expr(e.name); args(e.args); return;
      case "call": args(e.args); return;
      case "index": expr(e.base); expr(e.index); return;
      case "range": expr(e.base); expr(e.from); expr(e.to); return;
      case "assign": expr(e.target); expr(e.value); return;
      case "scatter":
        for (const it of e.items) {
          if (it.default !== null) expr(it.default);
          add(it.name);
        }
        return;
      case "binary": expr(e.left); expr(e.right); return;
      case "unary": expr(e.operand); return;
      case "list": args(e.items); return;
      case "map": for (const [k, v] of e.entries) { expr(k); expr(v); } return;
      case "cond": expr(e.cond); expr(e.then); expr(e.else); return;
      case "catch":
        expr(e.expr);
        if (e.codes !== null) args(e.codes);
        if (e.default !== null) expr(e.default);
        return;
      default: return;
    }
  };
  const stmts = (list: readonly Stmt[]): void => {
    for (const s of list) {
      switch (s.kind) {
        case "if":
          for (const arm of s.arms) { expr(arm.cond); stmts(arm.body); }
          if (s.else !== null) stmts(s.else);
          break;
        case "forList": expr(s.expr); stmts(s.body); add(s.value); add(s.key); break;
        case "forRange": expr(s.from); expr(s.to); stmts(s.body); add(s.variable); break;
        case "while": expr(s.cond); stmts(s.body); add(s.label); break;
        case "fork": expr(s.time); stmts(s.body); add(s.label); break;
        case "expr": expr(s.expr); break;
        case "return": if (s.value !== null) expr(s.value); break;
        case "tryExcept":
          stmts(s.body);
          for (const arm of s.arms) {
            if (arm.codes !== null) args(arm.codes);
            stmts(arm.body);
            add(arm.variable);
          }
          break;
        case "tryFinally": stmts(s.body); stmts(s.finally); break;
        case "break": case "continue": add(s.label); break;
      }
    }
  };
  stmts(program.body);
  return names;
}

export { formatFloat, quoteString };
