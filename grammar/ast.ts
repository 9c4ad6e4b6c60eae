// The MOO abstract syntax tree: what the peggy grammar builds, the unparser
// prints and the compiler (verbs/) consumes. Imports nothing: literals are
// plain data here, turned into MOO values by the compiler.

/** Source position of a node: 1-based line and column in the verb's source. */
export interface Pos { readonly line: number; readonly col: number }

export type BinaryOp =
  | "+" | "-" | "*" | "/" | "%" | "^"
  | "==" | "!=" | "<" | "<=" | ">" | ">=" | "in"
  | "&&" | "||"
  | "&." | "|." | "^." | "<<" | ">>" | ">>>";

export type UnaryOp = "-" | "!" | "~";

/** An argument or list element; `splice` is `@expr`. */
export interface Arg { readonly splice: boolean; readonly expr: Expr }

export interface ScatterItem {
  readonly kind: "required" | "optional" | "rest";
  readonly name: string;
  /** Default for `?name = expr`; null otherwise. */
  readonly default: Expr | null;
}

export type Expr =
  | { readonly kind: "int"; readonly value: bigint; readonly pos: Pos }
  | { readonly kind: "float"; readonly value: number; readonly pos: Pos }
  | { readonly kind: "str"; readonly value: string; readonly pos: Pos }
  | { readonly kind: "obj"; readonly value: number; readonly pos: Pos }
  /** An error constant; `code` is the name as it appears in E (E_PERM). */
  | { readonly kind: "err"; readonly code: string; readonly pos: Pos }
  | { readonly kind: "id"; readonly name: string; readonly pos: Pos }
  /** `obj.name` has name = str literal; `obj.(expr)` any expr; `$name` is obj = #0 literal. */
  | { readonly kind: "prop"; readonly obj: Expr; readonly name: Expr; readonly pos: Pos }
  | { readonly kind: "verb"; readonly obj: Expr; readonly name: Expr; readonly args: readonly Arg[]; readonly pos: Pos }
  | { readonly kind: "call"; readonly func: string; readonly args: readonly Arg[]; readonly pos: Pos }
  | { readonly kind: "index"; readonly base: Expr; readonly index: Expr; readonly pos: Pos }
  | { readonly kind: "range"; readonly base: Expr; readonly from: Expr; readonly to: Expr; readonly pos: Pos }
  /** Assignment; target is id, prop, index, range or scatter. */
  | { readonly kind: "assign"; readonly target: Expr; readonly value: Expr; readonly pos: Pos }
  | { readonly kind: "scatter"; readonly items: readonly ScatterItem[]; readonly pos: Pos }
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly pos: Pos }
  | { readonly kind: "unary"; readonly op: UnaryOp; readonly operand: Expr; readonly pos: Pos }
  | { readonly kind: "list"; readonly items: readonly Arg[]; readonly pos: Pos }
  | { readonly kind: "map"; readonly entries: readonly (readonly [Expr, Expr])[]; readonly pos: Pos }
  | { readonly kind: "cond"; readonly cond: Expr; readonly then: Expr; readonly else: Expr; readonly pos: Pos }
  /** `` `expr ! codes => default' ``; codes null means ANY; default null when absent. */
  | { readonly kind: "catch"; readonly expr: Expr; readonly codes: readonly Arg[] | null; readonly default: Expr | null; readonly pos: Pos }
  /** `$` inside an index or range: the length of the innermost indexed value. */
  | { readonly kind: "length"; readonly pos: Pos }
  /** `^` inside an index or range: the first index (1) of the innermost indexed value. */
  | { readonly kind: "first"; readonly pos: Pos };

export type ExprKind = Expr["kind"];

export interface CondArm { readonly cond: Expr; readonly body: readonly Stmt[]; readonly pos: Pos }
export interface ExceptArm {
  /** Variable bound to the error list, or null. */
  readonly variable: string | null;
  /** Error codes caught; null means ANY. */
  readonly codes: readonly Arg[] | null;
  readonly body: readonly Stmt[];
  readonly pos: Pos;
}

export type Stmt =
  | { readonly kind: "if"; readonly arms: readonly CondArm[]; readonly else: readonly Stmt[] | null; readonly pos: Pos }
  /** `for value in (expr)` or `for value, key in (expr)`; key null for the first form. */
  | { readonly kind: "forList"; readonly value: string; readonly key: string | null; readonly expr: Expr; readonly body: readonly Stmt[]; readonly pos: Pos }
  | { readonly kind: "forRange"; readonly variable: string; readonly from: Expr; readonly to: Expr; readonly body: readonly Stmt[]; readonly pos: Pos }
  | { readonly kind: "while"; readonly label: string | null; readonly cond: Expr; readonly body: readonly Stmt[]; readonly pos: Pos }
  | { readonly kind: "fork"; readonly label: string | null; readonly time: Expr; readonly body: readonly Stmt[]; readonly pos: Pos }
  | { readonly kind: "expr"; readonly expr: Expr; readonly pos: Pos }
  | { readonly kind: "return"; readonly value: Expr | null; readonly pos: Pos }
  | { readonly kind: "tryExcept"; readonly body: readonly Stmt[]; readonly arms: readonly ExceptArm[]; readonly pos: Pos }
  | { readonly kind: "tryFinally"; readonly body: readonly Stmt[]; readonly finally: readonly Stmt[]; readonly pos: Pos }
  | { readonly kind: "break"; readonly label: string | null; readonly pos: Pos }
  | { readonly kind: "continue"; readonly label: string | null; readonly pos: Pos };

export type StmtKind = Stmt["kind"];

/** A parsed verb body. */
export interface Program { readonly body: readonly Stmt[] }

/** One problem found while parsing or checking a program. */
export interface Diagnostic { readonly line: number; readonly col: number; readonly message: string }
