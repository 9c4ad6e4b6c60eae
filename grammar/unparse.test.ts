// Unparser tests: the exact canonical text LambdaMOO's unparse.c (and
// ToastStunt's unparse.cc for its extensions) would print, the fully-paren
// and indent options, float formatting and variable spellings.

import { test } from "node:test";
import assert from "node:assert/strict";
import type { Expr, Program } from "./ast.ts";
import { formatDiagnostic, parseExpression, parseProgram } from "./parse.ts";
import { formatFloat, isPlainIdentifier, quoteString, unparseExpr, unparseProgram, type UnparseOptions } from "./unparse.ts";

function program(src: string): Program {
  const r = parseProgram(src);
  if (!r.ok) assert.fail(`${src}: ${r.errors.map(formatDiagnostic).join("; ")}`);
  return r.program;
}

function lines(src: string, opts?: UnparseOptions): string[] {
  return unparseProgram(program(src), opts);
}

/** Unparses a one-expression statement and returns its text without the `;`. */
function ex(src: string, opts?: UnparseOptions): string {
  const out = lines(`${src};`, opts);
  assert.equal(out.length, 1);
  return out[0]!.slice(0, -1);
}

test("statements print as LambdaMOO's verb_code() does", () => {
  assert.deepEqual(lines("x=1;y  =  x+2*3;"), ["x = 1;", "y = x + 2 * 3;"]);
  assert.deepEqual(lines("if(a)b;elseif(c)d;elseif(e)else f;endif"),
    ["if (a)", "  b;", "elseif (c)", "  d;", "elseif (e)", "else", "  f;", "endif"]);
  assert.deepEqual(lines("if (a) else endif"), ["if (a)", "endif"], "an empty else is not printed");
  assert.deepEqual(lines("return;return 1;"), ["return;", "return 1;"]);
  assert.deepEqual(lines("for x in (l) for i in [1..$x] y; endfor endfor"),
    ["for x in (l)", "  for i in [1..$x]", "    y;", "  endfor", "endfor"]);
  assert.deepEqual(lines("for v, k in (m) endfor"), ["for v, k in (m)", "endfor"]);
  assert.deepEqual(lines("while (1) break; endwhile while loop (x) continue loop; endwhile"),
    ["while (1)", "  break;", "endwhile", "while loop (x)", "  continue loop;", "endwhile"]);
  assert.deepEqual(lines("fork (0) x; endfork fork t (5) endfork"), ["fork (0)", "  x;", "endfork", "fork t (5)", "endfork"]);
  assert.deepEqual(lines("try x; except e (E_PERM, E_TYPE) y; except (ANY) z; endtry"),
    ["try", "  x;", "except e (E_PERM, E_TYPE)", "  y;", "except (ANY)", "  z;", "endtry"]);
  assert.deepEqual(lines("try finally endtry"), ["try", "finally", "endtry"]);
  assert.deepEqual(lines('"a comment"; /* dropped */ ;;'), ['"a comment";']);
  assert.deepEqual(lines(""), []);
});

test("literals", () => {
  assert.equal(ex("42"), "42");
  assert.equal(ex("-42"), "-42");
  assert.equal(ex("- 42"), "-42");
  assert.equal(ex("9223372036854775807"), "9223372036854775807");
  assert.equal(ex("#-1"), "#-1");
  assert.equal(ex("e_perm"), "E_PERM");
  assert.equal(ex("E_INTRPT"), "E_INTRPT");
  assert.equal(ex(String.raw`"a\"b\\c\qd"`), String.raw`"a\"b\\cqd"`);
  assert.equal(ex("1.0"), "1.0");
  assert.equal(ex("5."), "5.0");
  assert.equal(ex(".5"), "0.5");
  assert.equal(ex("1e20"), "1e+20");
  assert.equal(ex("1.5e-7"), "1.5e-07");
  assert.equal(ex("-2.5"), "-2.5");
  assert.equal(ex("{1, @x, {}}"), "{1, @x, {}}");
  assert.equal(ex('["a" -> 1, 2 -> {}]'), '["a" -> 1, 2 -> {}]');
  assert.equal(ex("[]"), "[]");
});

test("formatFloat is C's %.15g plus .0", () => {
  const cases: [number, string][] = [
    [0, "0.0"], [-0, "-0.0"], [1, "1.0"], [100, "100.0"], [0.1, "0.1"], [1 / 3, "0.333333333333333"],
    [3.14159265358979323, "3.14159265358979"], [123456789012345, "123456789012345.0"],
    [1234567890123456, "1.23456789012346e+15"], [1e15, "1e+15"], [1e100, "1e+100"],
    [0.0001, "0.0001"], [0.00001, "1e-05"], [1.5e-300, "1.5e-300"], [2 ** 53, "9.00719925474099e+15"],
    [-1e-10, "-1e-10"], [0.5, "0.5"], [1e14, "100000000000000.0"],
  ];
  for (const [x, want] of cases) assert.equal(formatFloat(x), want, String(x));
  assert.equal(quoteString('say "hi" \\o/'), String.raw`"say \"hi\" \\o/"`);
});

test("$names, properties and verbs", () => {
  assert.equal(ex("#0.foo"), "$foo");
  assert.equal(ex("#0:foo(1, 2)"), "$foo(1, 2)");
  assert.equal(ex("#0.(\"foo\")"), "$foo");
  assert.equal(ex("#0.(\"if\")"), '#0.("if")');
  assert.equal(ex("#0.(\"two words\")"), '#0.("two words")');
  assert.equal(ex("#0:(\"e_perm\")()"), '#0:("e_perm")()');
  assert.equal(ex("#1.foo"), "#1.foo");
  assert.equal(ex("$foo:bar(@args)"), "$foo:bar(@args)");
  assert.equal(ex("x.(\"foo bar\")"), 'x.("foo bar")');
  assert.equal(ex("x.(y)"), "x.(y)");
  assert.equal(ex("x:(y)()"), "x:(y)()");
  assert.equal(ex("x.(1)"), "x.(1)");
  assert.equal(ex("(1).foo"), "1 .foo");
  assert.equal(ex("(1.5).foo"), "1.5.foo");
  assert.equal(ex("x[1][2..$]"), "x[1][2..$]");
  assert.equal(ex("x[^..$]"), "x[^..$]");
  assert.equal(ex("(x + 1)[2]"), "(x + 1)[2]");
  assert.equal(ex("{1, 2}[1]"), "{1, 2}[1]");
  assert.equal(ex("[1 -> 2][1]"), "([1 -> 2])[1]", "maps lack a precedence in ToastStunt's table");
  assert.equal(ex("[] + 1"), "([]) + 1");
  assert.equal(ex("NOTIFY(player, \"x\")"), 'notify(player, "x")');
});

test("operators take parentheses only where precedence needs them", () => {
  assert.equal(ex("(a + b) * c"), "(a + b) * c");
  assert.equal(ex("a + (b * c)"), "a + b * c");
  assert.equal(ex("a - (b - c)"), "a - (b - c)");
  assert.equal(ex("(a - b) - c"), "a - b - c");
  assert.equal(ex("2 ^ 3 ^ 2"), "2 ^ 3 ^ 2");
  assert.equal(ex("(2 ^ 3) ^ 2"), "(2 ^ 3) ^ 2");
  assert.equal(ex("-2 ^ 2"), "-2 ^ 2");
  assert.equal(ex("-(2 ^ 2)"), "-(2 ^ 2)");
  assert.equal(ex("-x ^ 2"), "-x ^ 2");
  assert.equal(ex("!a.b"), "!a.b");
  assert.equal(ex("(!a).b"), "(!a).b");
  assert.equal(ex("-x[1]"), "-x[1]");
  assert.equal(ex("!(a && b)"), "!(a && b)");
  assert.equal(ex("- -x"), "--x");
  assert.equal(ex("a - -1"), "a - -1");
  assert.equal(ex("1 || 2 && 3"), "1 || 2 && 3");
  assert.equal(ex("1 || (2 && 3)"), "1 || (2 && 3)");
  assert.equal(ex("1 < 2 < 3"), "1 < 2 < 3");
  assert.equal(ex("a = b = c"), "a = b = c");
  assert.equal(ex("x = (y = 1) + 2"), "x = (y = 1) + 2");
  assert.equal(ex("a = b ? c | d"), "a = b ? c | d");
  assert.equal(ex("(a ? b | c) ? d | e"), "(a ? b | c) ? d | e");
  assert.equal(ex("a ? b | (c ? d | e)"), "a ? b | (c ? d | e)");
  assert.equal(ex("a ? (b ? c | d) | e"), "a ? b ? c | d | e");
  assert.equal(ex("(a || b) ? c | d"), "a || b ? c | d");
  assert.equal(ex("x in {1} == 0"), "x in {1} == 0");
  assert.equal(ex("a |. b &. c ^. d"), "a |. b &. c ^. d");
  assert.equal(ex("a |. (b &. c)"), "a |. (b &. c)");
  assert.equal(ex("a << 1 + 2"), "a << 1 + 2");
  assert.equal(ex("(a << 1) + 2"), "(a << 1) + 2");
  assert.equal(ex("~(a + 1)"), "~(a + 1)");
  assert.equal(ex("~a >> 2"), "~a >> 2");
  assert.equal(ex("`x.y ! E_PROPNF, E_PERM => 0'"), "`x.y ! E_PROPNF, E_PERM => 0'");
  assert.equal(ex("`x ! ANY'"), "`x ! ANY'");
  assert.equal(ex("{a, ?b = 2, @c} = args"), "{a, ?b = 2, @c} = args");
  assert.equal(ex("{a, b} = c"), "{a, b} = c");
});

test("fully-paren parenthesizes every operand below postfix precedence", () => {
  const fp = { fullyParen: true };
  assert.equal(ex("a + b * c", fp), "a + (b * c)");
  assert.equal(ex("1 + 2 + 3", fp), "(1 + 2) + 3");
  assert.equal(ex("-a + b", fp), "(-a) + b");
  assert.equal(ex("-1 + b", fp), "-1 + b");
  assert.equal(ex("!a.b", fp), "!a.b");
  assert.equal(ex("!(a == b)", fp), "!(a == b)");
  assert.equal(ex("x = a || b", fp), "x = a || b");
  assert.equal(ex("(a + b) ? c + d | e + f", fp), "(a + b) ? c + d | (e + f)");
  assert.equal(ex("f(a + b)[c * d]", fp), "f(a + b)[c * d]");
  assert.equal(ex("(a + b).c", fp), "(a + b).c");
  assert.equal(ex("a || b && !c", fp), "(a || b) && (!c)");
  assert.equal(ex("[1 -> 2][1]", fp), "([1 -> 2])[1]");
  assert.equal(unparseExpr(parsed("a * b + c"), fp), "(a * b) + c");
});

test("indent: false prints every statement flush left", () => {
  assert.deepEqual(lines("if (a) while (b) x; endwhile else y; endif", { indent: false }),
    ["if (a)", "while (b)", "x;", "endwhile", "else", "y;", "endif"]);
  assert.deepEqual(lines("if (a) while (b) x; endwhile else y; endif"),
    ["if (a)", "  while (b)", "    x;", "  endwhile", "else", "  y;", "endif"]);
  assert.deepEqual(lines("if ((a || b) && c) x = -y + 1; endif", { indent: false, fullyParen: true }),
    ["if ((a || b) && c)", "x = (-y) + 1;", "endif"]);
});

test("variables take one spelling each, as LambdaMOO's name table gives them", () => {
  assert.deepEqual(lines("PLAYER:tell(Foo); foo = Args; Num = 1;"), ["player:tell(Foo);", "Foo = args;", "NUM = 1;"]);
  // LambdaMOO registers a loop variable only after the loop's body.
  assert.deepEqual(lines("for X in (l) x = 1; endfor"), ["for x in (l)", "  x = 1;", "endfor"]);
  assert.deepEqual(lines("for X in (l) endfor x = 1;"), ["for X in (l)", "endfor", "X = 1;"]);
  assert.deepEqual(lines("while Loop (1) break LOOP; endwhile loop = 1;"), ["while LOOP (1)", "  break LOOP;", "endwhile", "LOOP = 1;"]);
  assert.deepEqual(lines("try except E (ANY) e = 1; endtry"), ["try", "except e (ANY)", "  e = 1;", "endtry"]);
  assert.deepEqual(lines("{A, ?b = a} = B;"), ["{A, ?b = A} = b;"]);
  assert.deepEqual(lines("PLAYER = 1;", { canonicalNames: false }), ["PLAYER = 1;"]);
  assert.deepEqual(lines("Map = 1; foo = 2;", { builtinVariables: ["FOO"] }), ["Map = 1;", "FOO = 2;"]);
  assert.equal(unparseExpr(parsed("Player.Name")), "Player.Name");
});

function parsed(src: string): Expr {
  const r = parseExpression(src);
  if (!r.ok) assert.fail(r.errors.map(formatDiagnostic).join("; "));
  return r.expr;
}

test("unparseExpr prints a lone expression", () => {
  assert.equal(unparseExpr(parsed("x[1 + 2] = {a, b ? c | d}")), "x[1 + 2] = {a, b ? c | d}");
  assert.equal(unparseExpr(parsed("$foo:bar(#0.baz, #0:qux())")), "$foo:bar($baz, $qux())");
});

test("the unparser's keywords are exactly the words the parser refuses as identifiers", () => {
  const keywords = ["if", "else", "elseif", "endif", "for", "in", "endfor", "fork", "endfork", "return",
    "while", "endwhile", "try", "except", "finally", "endtry", "any", "break", "continue",
    "e_none", "e_type", "e_div", "e_perm", "e_propnf", "e_verbnf", "e_varnf", "e_invind", "e_recmove",
    "e_maxrec", "e_range", "e_args", "e_nacc", "e_invarg", "e_quota", "e_float", "e_file", "e_exec", "e_intrpt"];
  for (const w of [...keywords, ...keywords.map((k) => k.toUpperCase())]) {
    assert.equal(isPlainIdentifier(w), false, w);
    assert.equal(parseProgram(`${w} = 1;`).ok, false, w);
    assert.equal(parseProgram(`x.${w} = 1;`).ok, false, w);
  }
  for (const w of ["iff", "e_", "e_permx", "anything", "_", "x1", "In2"]) {
    assert.equal(isPlainIdentifier(w), true, w);
    assert.equal(parseProgram(`${w} = x.${w};`).ok, true, w);
  }
  assert.equal(isPlainIdentifier("1x"), false);
  assert.equal(isPlainIdentifier(""), false);
});
