// Test support for comparing ASTs by shape: copies of nodes without their
// source positions, and a compact prefix rendering that makes precedence
// and associativity visible in one line.

import type { Arg, Expr } from "./ast.ts";

/** A deep copy of any AST value with every `pos` field removed. */
export function stripPos(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripPos);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== "pos") out[k] = stripPos(v);
  return out;
}

/** `(op left right)` style rendering: `1 || 2 && 3` is `(&& (|| 1 2) 3)`. */
export function sexp(e: Expr): string {
  const args = (list: readonly Arg[]): string => list.map((a) => (a.splice ? "@" : "") + sexp(a.expr)).join(" ");
  switch (e.kind) {
    case "int": return `${e.value}`;
    case "float": return `${e.value}f`;
    case "str": return JSON.stringify(e.value);
    case "obj": return `#${e.value}`;
    case "err": return e.code;
    case "id": return e.name;
    case "length": return "$";
    case "first": return "^";
    case "prop": return `(. ${sexp(e.obj)} ${sexp(e.name)})`;
    case "verb": return `(: ${sexp(e.obj)} ${sexp(e.name)}${e.args.length > 0 ? " " + args(e.args) : ""})`;
    case "call": return `(${e.func}${e.args.length > 0 ? " " + args(e.args) : ""})`;
    case "index": return `([] ${sexp(e.base)} ${sexp(e.index)})`;
    case "range": return `(.. ${sexp(e.base)} ${sexp(e.from)} ${sexp(e.to)})`;
    case "assign": return `(= ${sexp(e.target)} ${sexp(e.value)})`;
    case "scatter":
      return `{${e.items.map((i) => (i.kind === "rest" ? "@" : i.kind === "optional" ? "?" : "") + i.name + (i.default === null ? "" : "=" + sexp(i.default))).join(" ")}}`;
    case "binary": return `(${e.op} ${sexp(e.left)} ${sexp(e.right)})`;
    case "unary": return `(${e.op} ${sexp(e.operand)})`;
    case "list": return `{${args(e.items)}}`;
    case "map": return `[${e.entries.map(([k, v]) => `${sexp(k)}->${sexp(v)}`).join(" ")}]`;
    case "cond": return `(? ${sexp(e.cond)} ${sexp(e.then)} ${sexp(e.else)})`;
    case "catch":
      return `(catch ${sexp(e.expr)} ${e.codes === null ? "ANY" : `(${args(e.codes)})`}${e.default === null ? "" : " " + sexp(e.default)})`;
  }
}
