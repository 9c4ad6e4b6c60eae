// Parser tests: the AST of every construct, precedence and associativity,
// LambdaMOO's lexical quirks, error diagnostics with positions, and the
// guards against huge or deeply nested input.

import { test } from "node:test";
import assert from "node:assert/strict";
import type { Expr, Program, Stmt } from "./ast.ts";
import { formatDiagnostic, parseExpression, parseProgram } from "./parse.ts";
import { sexp, stripPos } from "./strip-pos.ts";

function expr(src: string): Expr {
  const r = parseExpression(src);
  if (!r.ok) assert.fail(`${src}: ${r.errors.map(formatDiagnostic).join("; ")}`);
  return r.expr;
}

function program(src: string): Program {
  const r = parseProgram(src);
  if (!r.ok) assert.fail(`${src}: ${r.errors.map(formatDiagnostic).join("; ")}`);
  return r.program;
}

function stmts(src: string): unknown {
  return stripPos(program(src).body);
}

const s = (src: string): string => sexp(expr(src));

function errorsOf(src: string): string[] {
  const r = parseProgram(src);
  assert.equal(r.ok, false, `expected ${JSON.stringify(src)} to fail`);
  return r.ok ? [] : r.errors.map(formatDiagnostic);
}

test("literals", () => {
  assert.deepEqual(stripPos(expr("42")), { kind: "int", value: 42n });
  assert.deepEqual(stripPos(expr("-42")), { kind: "int", value: -42n });
  assert.deepEqual(stripPos(expr("9223372036854775807")), { kind: "int", value: 9223372036854775807n });
  // The lexer accumulates in 64 bits, so one past the maximum wraps, and negating keeps it.
  assert.equal(s("9223372036854775808"), "-9223372036854775808");
  assert.equal(s("-9223372036854775808"), "-9223372036854775808");
  assert.deepEqual(stripPos(expr("1.5e3")), { kind: "float", value: 1500 });
  assert.equal(s(".5"), "0.5f");
  assert.equal(s("5."), "5f");
  assert.equal(s("1e5"), "100000f");
  assert.equal(s("2.5E-3"), "0.0025f");
  assert.equal(s("3.e1"), "30f");
  assert.equal(s("- 1.5"), "-1.5f");
  assert.deepEqual(stripPos(expr(String.raw`"a\"b\\c\qd"`)), { kind: "str", value: 'a"b\\cqd' });
  assert.deepEqual(stripPos(expr('""')), { kind: "str", value: "" });
  assert.deepEqual(stripPos(expr("#123")), { kind: "obj", value: 123 });
  assert.deepEqual(stripPos(expr("#-1")), { kind: "obj", value: -1 });
  for (const code of ["E_NONE", "E_TYPE", "E_DIV", "E_PERM", "E_PROPNF", "E_VERBNF", "E_VARNF", "E_INVIND",
    "E_RECMOVE", "E_MAXREC", "E_RANGE", "E_ARGS", "E_NACC", "E_INVARG", "E_QUOTA", "E_FLOAT",
    "E_FILE", "E_EXEC", "E_INTRPT"]) {
    assert.deepEqual(stripPos(expr(code)), { kind: "err", code });
    assert.deepEqual(stripPos(expr(code.toLowerCase())), { kind: "err", code });
  }
  assert.equal(s("E_PERMS"), "E_PERMS", "a longer word is an identifier");
});

test("lexer: `..` after digits, dots and numbers", () => {
  assert.equal(s("x[1..2]"), "(.. x 1 2)");
  assert.equal(s("x[1.5..2]"), "(.. x 1.5f 2)");
  assert.equal(s("x[1. .. 2]"), "(.. x 1f 2)");
  assert.equal(s("1 .foo"), '(. 1 "foo")');
  assert.equal(s("x.e5"), '(. x "e5")');
  assert.equal(s("a- -b"), "(- a (- b))");
});

test("lists, maps and splicing", () => {
  assert.equal(s("{}"), "{}");
  assert.equal(s("{1, @x, {2}}"), "{1 @x {2}}");
  assert.equal(s("[]"), "[]");
  assert.equal(s('["a" -> 1, 2 -> {3}]'), '["a"->1 2->{3}]');
  assert.equal(s("[1->2]"), "[1->2]");
  assert.equal(s("[x -> -1]"), "[x->-1]");
});

test("identifiers keep their spelling; keywords ignore case", () => {
  assert.deepEqual(stripPos(expr("FooBar")), { kind: "id", name: "FooBar" });
  assert.deepEqual(stmts("WHILE (1) IF (X) RETURN; ELSEIF (y) Break; EndIf ENDWHILE"),
    stmts("while (1) if (X) return; elseif (y) break; endif endwhile"));
  assert.equal(s("x In y"), "(in x y)");
  assert.equal(s("iffy"), "iffy");
  assert.equal(s("any_thing"), "any_thing");
});

test("properties, verbs, $names and calls", () => {
  assert.equal(s("$foo"), '(. #0 "foo")');
  assert.equal(s("$ foo"), '(. #0 "foo")');
  assert.equal(s("$foo(1, @a)"), '(: #0 "foo" 1 @a)');
  assert.equal(s("$foo:bar()"), '(: (. #0 "foo") "bar")');
  assert.equal(s("$foo.bar"), '(. (. #0 "foo") "bar")');
  assert.equal(s("a.b.c"), '(. (. a "b") "c")');
  assert.equal(s("obj.(expr)"), "(. obj expr)");
  assert.equal(s("obj:name(1, 2)"), '(: obj "name" 1 2)');
  assert.equal(s("obj:(v)(x)"), "(: obj v x)");
  assert.equal(s("length(x)"), "(length x)");
  assert.equal(s("f ( )"), "(f)");
  assert.equal(s("#0.foo"), '(. #0 "foo")');
  assert.equal(s("x[1][2]"), "([] ([] x 1) 2)");
  assert.equal(s("x[$]"), "([] x $)");
  assert.equal(s("x[^..$ - 1]"), "(.. x ^ (- $ 1))");
  assert.equal(s("x[y[$]]"), "([] x ([] y $))");
  assert.equal(s("x[f($)]"), "([] x (f $))");
});

test("unary operators and negative literal folding", () => {
  assert.equal(s("-x"), "(- x)");
  assert.equal(s("!x"), "(! x)");
  assert.equal(s("~x"), "(~ x)");
  assert.equal(s("-(1)"), "-1");
  assert.equal(s("--1"), "1");
  assert.equal(s("- -x"), "(- (- x))");
  assert.equal(s("-x[1]"), "(- ([] x 1))");
  assert.equal(s("!a.b"), '(! (. a "b"))');
  assert.equal(s("-a:b()"), '(- (: a "b"))');
  assert.equal(s("!!x"), "(! (! x))");
});

test("precedence and associativity follow ToastStunt's parser.y", () => {
  assert.equal(s("1 || 2 && 3"), "(&& (|| 1 2) 3)");
  assert.equal(s("1 && 2 || 3"), "(|| (&& 1 2) 3)");
  assert.equal(s("2 ^ 3 ^ 2"), "(^ 2 (^ 3 2))");
  assert.equal(s("-2 ^ 2"), "(^ -2 2)");
  assert.equal(s("-x ^ 2"), "(^ (- x) 2)");
  assert.equal(s("2 ^ -x ^ y"), "(^ 2 (^ (- x) y))");
  assert.equal(s("a = b = c"), "(= a (= b c))");
  assert.equal(s("1 < 2 < 3"), "(< (< 1 2) 3)");
  assert.equal(s("1 + 2 * 3 - 4 / 5 % 6"), "(- (+ 1 (* 2 3)) (% (/ 4 5) 6))");
  assert.equal(s("a == b in c"), "(in (== a b) c)");
  assert.equal(s("a || b == c"), "(|| a (== b c))");
  assert.equal(s("a |. b &. c ^. d"), "(^. (&. (|. a b) c) d)");
  assert.equal(s("a == b |. c"), "(== a (|. b c))");
  assert.equal(s("a |. b << 1"), "(|. a (<< b 1))");
  assert.equal(s("a << 1 + 2 >> 3"), "(>> (<< a (+ 1 2)) 3)");
  assert.equal(s("a ^. b"), "(^. a b)");
  assert.equal(s("x ? y | z"), "(? x y z)");
  assert.equal(s("a || b ? c | d || e"), "(? (|| a b) c (|| d e))");
  assert.equal(s("x ? y = 1 | z"), "(? x (= y 1) z)");
  assert.equal(s("x ? a ? b | c | d"), "(? x (? a b c) d)");
  assert.equal(s("a = b ? c | d"), "(= a (? b c d))");
  assert.equal(s("a = b || c"), "(= a (|| b c))");
  assert.equal(s("!a == b"), "(== (! a) b)");
  assert.equal(s("x in {1, 2} && y"), "(&& (in x {1 2}) y)");
});

test("`? |` is non-associative, as in LambdaMOO", () => {
  const r = parseExpression("x ? y | z ? w | v");
  assert.equal(r.ok, false);
  if (!r.ok) assert.deepEqual(r.errors[0], { line: 1, col: 11, message: 'syntax error: expected operator or end of program, found "?"' });
  assert.equal(s("x ? y | (z ? w | v)"), "(? x y (? z w v))");
});

test("catch expressions", () => {
  assert.equal(s("`x ! ANY'"), "(catch x ANY)");
  assert.equal(s("`x.y ! E_PROPNF, E_PERM => 0'"), '(catch (. x "y") (E_PROPNF E_PERM) 0)');
  assert.equal(s("`x ! any => y = 2'"), "(catch x ANY (= y 2))");
  assert.equal(s("`x != 1 ! @errs'"), "(catch (!= x 1) (@errs))");
});

test("assignment targets", () => {
  assert.equal(s("x = 1"), "(= x 1)");
  assert.equal(s("x.y = 1"), '(= (. x "y") 1)');
  assert.equal(s("x.(y) = 1"), "(= (. x y) 1)");
  assert.equal(s("x[1] = 1"), "(= ([] x 1) 1)");
  assert.equal(s("x[1][2] = 1"), "(= ([] ([] x 1) 2) 1)");
  assert.equal(s("x.y[1..$] = 1"), '(= (.. (. x "y") 1 $) 1)');
  assert.equal(s("x[1][2..3] = 1"), "(= (.. ([] x 1) 2 3) 1)");
  assert.equal(s("$foo = 1"), '(= (. #0 "foo") 1)');
});

test("scattering assignment", () => {
  assert.equal(s("{a, b} = x"), "(= {a b} x)");
  assert.equal(s("{a, ?b = 2, @rest} = value"), "(= {a ?b=2 @rest} value)");
  assert.equal(s("{?a} = x"), "(= {?a} x)");
  assert.equal(s("{a, ?b, c, @d, ?e = f = 1} = x"), "(= {a ?b c @d ?e=(= f 1)} x)");
  // With a `?` item, LambdaMOO reads the scatter as an operand; a plain list before `=` is not.
  assert.equal(s("1 + {?a} = x"), "(+ 1 (= {?a} x))");
  assert.deepEqual(stripPos(expr("{a, @b} = c")), {
    kind: "assign",
    target: { kind: "scatter", items: [
      { kind: "required", name: "a", default: null },
      { kind: "rest", name: "b", default: null },
    ] },
    value: { kind: "id", name: "c" },
  });
});

test("statements", () => {
  const x = { kind: "id", name: "x" };
  const one = { kind: "int", value: 1n };
  const xs = { kind: "expr", expr: x };
  assert.deepEqual(stmts("if (x) x; elseif (1) else x; endif"), [{
    kind: "if",
    arms: [{ cond: x, body: [xs] }, { cond: one, body: [] }],
    else: [xs],
  }]);
  assert.deepEqual(stmts("if (x) else endif"), [{ kind: "if", arms: [{ cond: x, body: [] }], else: null }]);
  assert.deepEqual(stmts("for a in (x) endfor"), [{ kind: "forList", value: "a", key: null, expr: x, body: [] }]);
  assert.deepEqual(stmts("for v, k in (x) break k; endfor"),
    [{ kind: "forList", value: "v", key: "k", expr: x, body: [{ kind: "break", label: "k" }] }]);
  assert.deepEqual(stmts("for i in [1..x] continue; endfor"),
    [{ kind: "forRange", variable: "i", from: one, to: x, body: [{ kind: "continue", label: null }] }]);
  assert.deepEqual(stmts("while (x) endwhile"), [{ kind: "while", label: null, cond: x, body: [] }]);
  assert.deepEqual(stmts("while loop (x) continue loop; endwhile"),
    [{ kind: "while", label: "loop", cond: x, body: [{ kind: "continue", label: "loop" }] }]);
  assert.deepEqual(stmts("fork (1) x; endfork"), [{ kind: "fork", label: null, time: one, body: [xs] }]);
  assert.deepEqual(stmts("fork t (1) endfork"), [{ kind: "fork", label: "t", time: one, body: [] }]);
  assert.deepEqual(stmts("return; return x;"), [{ kind: "return", value: null }, { kind: "return", value: x }]);
  assert.deepEqual(stmts("try x; except (ANY) endtry"),
    [{ kind: "tryExcept", body: [xs], arms: [{ variable: null, codes: null, body: [] }] }]);
  assert.deepEqual(stmts("try except e (E_PERM, @x) x; except (E_TYPE) endtry"), [{
    kind: "tryExcept",
    body: [],
    arms: [
      { variable: "e", codes: [{ splice: false, expr: { kind: "err", code: "E_PERM" } }, { splice: true, expr: x }], body: [xs] },
      { variable: null, codes: [{ splice: false, expr: { kind: "err", code: "E_TYPE" } }], body: [] },
    ],
  }]);
  assert.deepEqual(stmts("try x; finally x; endtry"), [{ kind: "tryFinally", body: [xs], finally: [xs] }]);
  assert.deepEqual(stmts(";;x;;"), [xs], "empty statements vanish, as in LambdaMOO");
  assert.deepEqual(stmts("/* a comment */ x /* another\n one */;"), [xs]);
  assert.deepEqual(stmts('"just a string";'), [{ kind: "expr", expr: { kind: "str", value: "just a string" } }]);
  assert.deepEqual(stmts(""), []);
  assert.deepEqual(stmts("  \n\t "), []);
});

test("every node carries its position", () => {
  const p = program('x = 1;\n  if (y)\n    return $foo:bar(z[2]);\n  endif');
  const [assign, ifs] = p.body as [Stmt, Stmt];
  assert.deepEqual(assign.pos, { line: 1, col: 1 });
  assert.equal(ifs.kind, "if");
  if (ifs.kind !== "if") return;
  assert.deepEqual(ifs.pos, { line: 2, col: 3 });
  assert.deepEqual(ifs.arms[0]!.cond.pos, { line: 2, col: 7 });
  const ret = ifs.arms[0]!.body[0]!;
  assert.deepEqual(ret.pos, { line: 3, col: 5 });
  if (ret.kind !== "return" || ret.value === null || ret.value.kind !== "verb") return assert.fail("shape");
  assert.deepEqual(ret.value.pos, { line: 3, col: 12 });
  assert.deepEqual(ret.value.args[0]!.expr.pos, { line: 3, col: 21 });
});

test("syntax errors name what was expected, with line and column", () => {
  const r = parseProgram("x = 1;\ny = ;");
  assert.deepEqual(r, { ok: false, errors: [{ line: 2, col: 5, message: 'syntax error: expected expression, found ";"' }] });
  assert.deepEqual(errorsOf("x = }"), ['Line 1:  syntax error: expected expression, found "}"']);
  assert.deepEqual(errorsOf("x = 1\ny = 2;"), ['Line 2:  syntax error: expected operator or ";", found "y"']);
  assert.deepEqual(errorsOf("if (x) y;"), ['Line 1:  syntax error: expected expression, ";", "elseif", "else" or "endif", found end of program']);
  assert.deepEqual(errorsOf("while x"), ['Line 1:  syntax error: expected "(", found end of program']);
  assert.deepEqual(errorsOf("f(1,);"), ['Line 1:  syntax error: expected expression, found ")"']);
  assert.deepEqual(errorsOf("for 1 in (x) endfor"), ['Line 1:  syntax error: expected identifier, found "1"']);
  assert.deepEqual(errorsOf("x = a->b;"), ['Line 1:  syntax error: expected operator or ";", found "->"']);
  assert.deepEqual(errorsOf("x.if;"), ['Line 1:  syntax error: expected identifier or "(", found "if"']);
  assert.deepEqual(errorsOf("for i in [1..2, 3] endfor"), ['Line 1:  syntax error: expected operator or "]", found ","']);
  assert.deepEqual(errorsOf("x = 1;\n\n  endif"), ['Line 3:  syntax error: expected expression, ";" or end of program, found "endif"']);
  assert.deepEqual(errorsOf("{?a};"), ['Line 1:  syntax error: expected "=" after scattering pattern']);
});

test("lexical errors use LambdaMOO's messages", () => {
  assert.deepEqual(errorsOf('x = "abc;\ny = 1;'), ["Line 1:  Missing quote"]);
  assert.deepEqual(errorsOf("x = 1e;"), ["Line 1:  Malformed floating-point literal"]);
  assert.deepEqual(errorsOf("x = #abc;"), ["Line 1:  Malformed object number"]);
  assert.deepEqual(errorsOf("x = 1e999;"), ["Line 1:  Floating-point literal out of range"]);
  assert.deepEqual(errorsOf("x = 1; /* open"), ["Line 1:  End of program while in a comment"]);
});

test("LambdaMOO's semantic checks are compile errors", () => {
  assert.deepEqual(errorsOf("x = $;"), ["Line 1:  Illegal context for `$' expression."]);
  assert.deepEqual(errorsOf("x = ^ + 1;"), ["Line 1:  Illegal context for `^' expression."]);
  assert.deepEqual(errorsOf("for i in [1..$] endfor"), ["Line 1:  Illegal context for `$' expression."]);
  assert.deepEqual(errorsOf("x = [$ -> 1];"), ["Line 1:  Illegal context for `$' expression."]);
  assert.deepEqual(errorsOf("break;"), ["Line 1:  No enclosing loop for `break' statement"]);
  assert.deepEqual(errorsOf("continue;"), ["Line 1:  No enclosing loop for `continue' statement"]);
  assert.deepEqual(errorsOf("while (1)\n fork (0)\n  break;\n endfork\nendwhile"), ["Line 3:  No enclosing loop for `break' statement"]);
  assert.deepEqual(errorsOf("while a (1) fork (0) while (1) break a; endwhile endfork endwhile"),
    ["Line 1:  Invalid loop name in `break' statement: a"]);
  assert.deepEqual(errorsOf("for x in (y) continue z; endfor"), ["Line 1:  Invalid loop name in `continue' statement: z"]);
  assert.deepEqual(errorsOf("1 + 2 = 3;"), ["Line 1:  Illegal expression on left side of assignment."]);
  assert.deepEqual(errorsOf("f(x) = 3;"), ["Line 1:  Illegal expression on left side of assignment."]);
  assert.deepEqual(errorsOf("x[1..2][3] = 3;"), ["Line 1:  Illegal expression on left side of assignment."]);
  assert.deepEqual(errorsOf("a ? b | c = d;"), ["Line 1:  Illegal expression on left side of assignment."]);
  assert.deepEqual(errorsOf("{} = x;"), ["Line 1:  Empty list in scattering assignment."]);
  assert.deepEqual(errorsOf("{a.b, c} = x;"), ["Line 1:  Scattering assignment targets must be simple variables."]);
  assert.deepEqual(errorsOf("{a[1], ?c} = x;"), ["Line 1:  Scattering assignment targets must be simple variables."]);
  assert.deepEqual(errorsOf("{a, @b, @c} = x;"), ["Line 1:  More than one `@' target in scattering assignment."]);
  assert.deepEqual(errorsOf("try except (ANY) except (E_PERM) endtry"), ["Line 1:  Unreachable EXCEPT clause"]);
  assert.deepEqual(errorsOf("x = $;\nbreak;"), ["Line 1:  Illegal context for `$' expression.", "Line 2:  No enclosing loop for `break' statement"]);
  // Loop names compare without case; both `for v, k` variables are labels.
  assert.equal(parseProgram("while Outer (1) break OUTER; endwhile").ok, true);
  assert.equal(parseProgram("for v, k in (m) continue v; break k; endfor").ok, true);
  assert.equal(parseExpression("$").ok, false);
});

test("formatDiagnostic prints LambdaMOO's `Line N:  message`", () => {
  assert.equal(formatDiagnostic({ line: 7, col: 3, message: "boom" }), "Line 7:  boom");
});

function quick<T>(f: () => T): T {
  const t0 = performance.now();
  const r = f();
  assert.ok(performance.now() - t0 < 2000, "guard should answer quickly");
  return r;
}

test("guard: oversized sources are refused before parsing", () => {
  const big = "x = 1;\n".repeat(1_500_000);
  const r = quick(() => parseProgram(big));
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.errors[0]!.message, /too large/);
  const r2 = parseProgram("x = 1;", { maxBytes: 3 });
  assert.equal(r2.ok, false);
  // Multi-byte characters count in UTF-8 bytes.
  assert.equal(parseProgram('"éééé";', { maxBytes: 10 }).ok, false);
  assert.equal(parseProgram('"éééé";', { maxBytes: 11 }).ok, true);
});

test("guard: 100,000-deep nesting is refused, never a crash", () => {
  const n = 100_000;
  const cases = [
    "return " + "(".repeat(n) + "1" + ")".repeat(n) + ";",
    "return " + "{".repeat(n) + "}".repeat(n) + ";",
    "return x" + "[1".repeat(n) + "]".repeat(n) + ";",
    "return " + "!".repeat(n) + "1;",
    "return " + "- ".repeat(n) + "1;",
    "return " + "`".repeat(n) + "1" + " ! ANY'".repeat(n) + ";",
    "if (1) ".repeat(n) + "endif ".repeat(n),
    "return " + "(".repeat(n),
  ];
  for (const src of cases) {
    const r = quick(() => parseProgram(src));
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.errors[0]!.message, /too deeply nested/, src.slice(0, 20));
  }
  // Chains that nest without brackets: the stack-overflow catch or the tree-depth limit answers.
  for (const src of ["a = ".repeat(n) + "1;", "x = " + "1 + ".repeat(n) + "1;", "x = 2" + " ^ 2".repeat(n) + ";", "x = y" + "[1]".repeat(n) + ";"]) {
    const r = quick(() => parseProgram(src));
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.errors[0]!.message, /too deeply nested/, src.slice(0, 20));
  }
  const e = quick(() => parseExpression("(".repeat(n) + "1" + ")".repeat(n)));
  assert.equal(e.ok, false);
});

test("guard: nesting within the limits parses", () => {
  assert.equal(parseProgram("return " + "(".repeat(400) + "1" + ")".repeat(400) + ";").ok, true);
  assert.equal(parseProgram("return " + "{".repeat(400) + "}".repeat(400) + ";").ok, true);
  assert.equal(parseProgram("if (1) ".repeat(400) + "endif ".repeat(400)).ok, true);
  assert.equal(parseProgram("x = " + "1 + ".repeat(900) + "1;").ok, true);
  // Brackets inside strings and comments do not count.
  assert.equal(parseProgram(`x = "${"(".repeat(1000)}"; /* ${"{".repeat(1000)} */`).ok, true);
  assert.equal(parseProgram("x = ((((1))));", { maxNesting: 3 }).ok, false);
  assert.equal(parseProgram("x = 1 + 1 + 1;", { maxTreeDepth: 3 }).ok, false);
});
