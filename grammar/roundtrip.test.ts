// Round trips: parse, unparse, parse again must give the same tree (ignoring
// positions) for a corpus of varied programs and for every verb of the
// shipped textdumps; LambdaCore's verbs, printed by LambdaMOO itself, must
// come back as exactly the same text.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Arg, Expr, Pos, Program } from "./ast.ts";
import { formatDiagnostic, parseProgram } from "./parse.ts";
import { stripPos } from "./strip-pos.ts";
import { unparseProgram, type UnparseOptions } from "./unparse.ts";

function parseOk(src: string, what: string): Program {
  const r = parseProgram(src);
  if (!r.ok) assert.fail(`${what}: ${r.errors.map(formatDiagnostic).join("; ")}\n${src}`);
  return r.program;
}

function roundTrip(src: string, opts: UnparseOptions, what: string): string[] {
  const first = parseOk(src, what);
  const text = unparseProgram(first, opts);
  const second = parseOk(text.join("\n"), `${what} (reparsed)`);
  assert.deepEqual(stripPos(second), stripPos(first), `${what}\n${text.join("\n")}`);
  // Canonical text is a fixed point.
  assert.deepEqual(unparseProgram(second, opts), text, what);
  return text;
}

const CORPUS: readonly string[] = [
  "return 1;",
  "return;",
  "x = 1; y = -2; z = 3.5; w = -0.25; v = 1e300; u = \"str\\\"ing\\\\\"; t = #12; s = #-1; r = E_PERM;",
  "x = {}; y = {1, {2, {3}}, @z}; m = []; n = [\"a\" -> 1, 2 -> [3 -> {}]];",
  "a = b + c - d * e / f % g ^ h ^ i;",
  "a = (b + c) * (d - e) ^ (f ^ g);",
  "a = -b + !c - ~d;",
  "a = --b; c = !!d; e = -(-1); f = -(2 ^ 3);",
  "if (a == b || c != d && e < f) g; endif",
  "x = a <= b >= c > d < e in f;",
  "x = a |. b &. c ^. d << 1 >> 2;",
  "x = (a |. b) + (c << 2) * ~d;",
  "x = a ? b | c; y = (a ? b | c) ? d | e; z = a ? b ? c | d | e;",
  "x = a ? b | (c ? d | e);",
  "x = y = z = 0;",
  "x = (y = 1) + (z = 2);",
  "x.y = 1; x.(y) = 2; x.y.z = 3; $foo = 4; $foo.bar = 5;",
  "x[1] = 1; x[1][2] = 2; x[1..2] = {}; x.y[$] = 3; x[1][2..$] = {};",
  "{a, b} = c; {a, ?b, @c} = d; {?a = 1, ?b = a + 1} = e; {@a} = f;",
  "x = foo:bar(1, @args); y = foo:(verb)(); z = $util:thing(this);",
  "x = $foo(1); y = #0:(\"if\")(); z = #0.(\"two words\"); w = #0.(\"3x\");",
  "x = length(args) + max(1, 2, @rest) - random();",
  "x = l[$]; y = l[^]; z = l[^..$ - 1]; w = l[f($)..g(^)];",
  "x = `a.b ! ANY'; y = `c:d() ! E_VERBNF, E_PERM => 0'; z = `e ! @errs => `f ! ANY''; ",
  "for x in (l) y = x; endfor",
  "for v, k in (m) r[k] = v; endfor",
  "for i in [1..10] continue; break; endfor",
  "for i in [a[1]..b[$]] endfor",
  "while (x < 10) x = x + 1; endwhile",
  "while outer (1) while inner (1) break outer; continue inner; endwhile endwhile",
  "fork (0) player:tell(\"hi\"); endfork",
  "fork tid (60 * 5) $scheduler:run(); endfork return tid;",
  "try x = 1; except (ANY) x = 2; endtry",
  "try x(); except e (E_PERM, E_TYPE) raise(e[1]); except (E_RANGE) return; endtry",
  "try risky(); finally cleanup(); endtry",
  "try try a(); except (ANY) endtry finally b(); endtry",
  "if (a) b; elseif (c) d; elseif (e) f; else g; endif",
  "if (a) if (b) c; else d; endif elseif (e) endif",
  "\"This is a comment\"; \"And another with \\\"quotes\\\"\"; return 0;",
  "x = (1).foo; y = 1.5.bar; z = x[1].y:z()[2];",
  "x = {1, 2}[1]; y = \"abc\"[2..3]; z = (a + b)[1]; w = [1 -> 2][1];",
  "x = -a.b; y = -a[1]; z = !a:b(); w = -(a.b);",
  "x = -2 ^ 2; y = (-2) ^ 2; z = 2 ^ -2; w = -x ^ -y;",
  "x = 1 + {?a} = b;",
  "if (typeof(x = y) == LIST) return x[1]; endif",
  "return {toint(\"12\"), tofloat(3), tostr(1.0, \" \", #3)};",
  "x = 9223372036854775807; y = -9223372036854775807; z = 0.000001; w = 123456789012345678;",
  "x = [#1 -> {[\"k\" -> \"v\"]}, E_PERM -> 1.5];",
  "while (1) fork (1) while (1) break; endwhile endfork break; endwhile",
  "return x in y in z;",
  "return !(a && b) || !(c || d) && e;",
];

test(`corpus of ${CORPUS.length} programs round-trips in every unparse mode`, () => {
  assert.ok(CORPUS.length >= 40);
  CORPUS.forEach((src, i) => {
    for (const opts of [{}, { fullyParen: true }, { indent: false }, { fullyParen: true, indent: false }]) {
      roundTrip(src, opts, `corpus[${i}] ${JSON.stringify(opts)}`);
    }
  });
});

// Random expression trees, printed and reparsed: the printer's parentheses
// must agree with the parser's precedence for every operator pairing. Trees
// avoid what LambdaMOO itself cannot round-trip: `-` on a numeric literal
// (it folds), a negative literal under a postfix operator (`-1 .x` reads
// as `-(1 .x)`), `^` under a postfix operator (ToastStunt's lexer reads
// `^.x` as xor), floats with more than 15 digits, and `$` outside brackets.
const P: Pos = { line: 1, col: 1 };
const OPS = ["+", "-", "*", "/", "%", "^", "==", "!=", "<", "<=", ">", ">=", "in", "&&", "||", "|.", "&.", "^.", "<<", ">>"] as const;

function randomExpr(rand: () => number, depth: number, inBrackets: boolean): Expr {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sub = (b = inBrackets): Expr => randomExpr(rand, depth - 1, b);
  const args = (): Arg[] => Array.from({ length: Math.floor(rand() * 3) }, () => ({ splice: rand() < 0.2, expr: sub() }));
  const base = (): Expr => {
    const e = sub();
    const negative = (e.kind === "int" || e.kind === "float") && (e.value < 0 || Object.is(e.value, -0));
    return negative || e.kind === "first" ? { kind: "id", name: "b", pos: P } : e;
  };
  const name = (): Expr => (rand() < 0.7 ? { kind: "str", value: pick(["foo", "if", "x y", "e_perm", "_z9"]), pos: P } : sub());
  const leaf = (): Expr => {
    switch (Math.floor(rand() * (inBrackets ? 9 : 7))) {
      case 0: return { kind: "int", value: BigInt(Math.floor(rand() * 2000) - 1000), pos: P };
      case 1: return { kind: "float", value: pick([0.5, -2.25, 1e20, 1.5e-7, 100, -0, 3.14159265358979]), pos: P };
      case 2: return { kind: "str", value: pick(["", "a\"b", "back\\slash", "it's"]), pos: P };
      case 3: return { kind: "obj", value: pick([0, -1, 42]), pos: P };
      case 4: return { kind: "err", code: pick(["E_PERM", "E_INTRPT"]), pos: P };
      case 7: return { kind: "length", pos: P };
      case 8: return { kind: "first", pos: P };
      default: return { kind: "id", name: pick(["a", "b", "foo"]), pos: P };
    }
  };
  if (depth <= 0) return leaf();
  switch (Math.floor(rand() * 16)) {
    case 0: case 1: case 2: case 3:
      return { kind: "binary", op: pick(OPS), left: sub(), right: sub(), pos: P };
    case 4: {
      const operand = sub();
      const op = pick(["-", "!", "~"] as const);
      if (op === "-" && (operand.kind === "int" || operand.kind === "float")) return { kind: "unary", op: "!", operand, pos: P };
      return { kind: "unary", op, operand, pos: P };
    }
    case 5: return { kind: "prop", obj: base(), name: name(), pos: P };
    case 6: return { kind: "verb", obj: base(), name: name(), args: args(), pos: P };
    case 7: return rand() < 0.5
      ? { kind: "index", base: base(), index: sub(true), pos: P }
      : { kind: "range", base: base(), from: sub(true), to: sub(true), pos: P };
    case 8: return { kind: "cond", cond: sub(), then: sub(), else: sub(), pos: P };
    case 9: {
      const target: Expr = pick<Expr>([
        { kind: "id", name: "a", pos: P },
        { kind: "prop", obj: { kind: "id", name: "b", pos: P }, name: { kind: "str", value: "p", pos: P }, pos: P },
        { kind: "index", base: { kind: "id", name: "a", pos: P }, index: sub(true), pos: P },
        { kind: "scatter", items: [{ kind: "required", name: "a", default: null }, { kind: "optional", name: "b", default: rand() < 0.5 ? null : sub() }, { kind: "rest", name: "foo", default: null }], pos: P },
        { kind: "scatter", items: [{ kind: "required", name: "a", default: null }, { kind: "rest", name: "b", default: null }], pos: P },
      ]);
      return { kind: "assign", target, value: sub(), pos: P };
    }
    case 10: return { kind: "list", items: args(), pos: P };
    case 11: return { kind: "map", entries: Array.from({ length: Math.floor(rand() * 3) }, () => [sub(), sub()] as const), pos: P };
    case 12: return { kind: "call", func: pick(["length", "tostr"]), args: args(), pos: P };
    case 13: {
      const codes = rand() < 0.4 ? null : [{ splice: false, expr: sub() }, ...args()];
      return { kind: "catch", expr: sub(), codes, default: rand() < 0.5 ? null : sub(), pos: P };
    }
    default: return leaf();
  }
}

test("random expression trees print with the parentheses the parser needs", () => {
  let seed = 12345;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < 600; i++) {
    const expr = randomExpr(rand, 1 + (i % 6), false);
    const program: Program = { body: [{ kind: "return", value: expr, pos: P }] };
    for (const fullyParen of [false, true]) {
      const text = unparseProgram(program, { fullyParen, canonicalNames: false });
      const again = parseOk(text.join("\n"), `random tree ${i}`);
      assert.deepEqual(stripPos(again), stripPos(program), text.join("\n"));
    }
  }
});

/** Verb programs of a textdump: the lines after `#OBJ:VERB` up to a lone `.`. */
function textdumpVerbs(path: string): { name: string; lines: string[] }[] {
  const all = readFileSync(path, "latin1").split("\n");
  const verbs: { name: string; lines: string[] }[] = [];
  for (let i = 0; i < all.length; i++) {
    if (!/^#\d+:\d+$/.test(all[i]!)) continue;
    const name = all[i]!;
    const lines: string[] = [];
    for (i++; i < all.length && all[i] !== "."; i++) lines.push(all[i]!);
    verbs.push({ name, lines });
  }
  return verbs;
}

const DATA = fileURLToPath(new URL("../../../shared/data/", import.meta.url));

for (const file of ["Minimal.db", "LambdaCore-latest.db"]) {
  const path = DATA + file;
  test(`every verb of ${file} parses, round-trips, and unparses to its own text`, { skip: !existsSync(path) && `${path} not found` }, (t) => {
    const verbs = textdumpVerbs(path);
    assert.ok(verbs.length > 0);
    let exact = 0;
    const mismatches: string[] = [];
    for (const v of verbs) {
      // Textdumps hold verbs as LambdaMOO writes them: fully parenthesized, not indented.
      const text = roundTrip(v.lines.join("\n"), { fullyParen: true, indent: false }, `${file} ${v.name}`);
      const want = v.lines.map((l) => l.trimEnd());
      if (text.length === want.length && text.every((l, i) => l.trimEnd() === want[i])) exact++;
      else mismatches.push(v.name);
    }
    t.diagnostic(`${verbs.length} verbs parsed and round-tripped; ${exact} unparse to exactly their source text`);
    assert.deepEqual(mismatches, [], `${exact}/${verbs.length} verbs of ${file} matched exactly`);
  });
}
