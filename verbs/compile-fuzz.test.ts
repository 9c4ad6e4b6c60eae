// Verb source is player input: random token soup and damaged real verbs must
// come back as diagnostics, never an exception; whatever parses must compile
// and survive unparse -> parse unchanged. Deterministic: a fixed seed.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseProgram } from "../grammar/parse.ts";
import { unparseProgram } from "../grammar/unparse.ts";
import { stripPos } from "../grammar/strip-pos.ts";
import { compileSource } from "./compile-source.ts";
import { BUILTIN_VARS } from "./program.ts";
import { ProgramGenerator } from "./gen-programs.ts";

const TOKENS = [
  "if", "elseif", "else", "endif", "for", "in", "endfor", "while", "endwhile", "fork", "endfork", "try", "except",
  "finally", "endtry", "return", "break", "continue", "ANY", "E_PERM", "x", "y", "args", "this", "player",
  "(", ")", "{", "}", "[", "]", "`", "'", "!", "=>", ";", ",", ".", ":", "$", "^", "@", "?", "|", "..", "->",
  "+", "-", "*", "/", "%", "^", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "=", "&.", "|.", "<<", ">>", "~",
  "0", "1", "-7", "2.5", "1e3", '"s"', '"\\"q\\""', "#0", "#-1", "length", "notify", "x.y", "x:y()", "\n",
];

let seed = 7;
const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};

const check = (src: string): boolean => {
  const r = compileSource(src); // must not throw
  if (!r.ok) {
    assert.ok(r.errors.length > 0 && r.errors.every((e) => e.line >= 1 && typeof e.message === "string"));
    return false;
  }
  const parsed = parseProgram(src);
  assert.ok(parsed.ok);
  const again = parseProgram(unparseProgram(parsed.program, { builtinVariables: BUILTIN_VARS }).join("\n"));
  assert.ok(again.ok, `unparse of ${JSON.stringify(src)} does not parse`);
  assert.deepEqual(sameCase(stripPos(again.program)), sameCase(stripPos(parsed.program)), src);
  return true;
};

/**
 * Identifiers are case-insensitive and the unparser prints each in its
 * canonical spelling (LambdaMOO's: `err` is the builtin ERR), so compare them
 * lower-cased: variable names, loop and label names, and builtin function names.
 */
const sameCase = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(sameCase);
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) {
    const ident = k === "name" && o["kind"] === "id" || k === "variable" || k === "key" || k === "label" || k === "func"
      || (k === "value" && o["kind"] === "forList") || (k === "name" && "default" in o && !("kind" in o));
    out[k] = ident && typeof x === "string" ? x.toLowerCase() : sameCase(x);
  }
  return out;
};

test("random token soup: diagnostics, never an exception", () => {
  for (let i = 0; i < 3000; i++) {
    const n = 1 + rand(14);
    check(Array.from({ length: n }, () => TOKENS[rand(TOKENS.length)]!).join(" "));
  }
});

test("random well-formed programs compile and unparse to the same program", () => {
  let ok = 0;
  const gen = new ProgramGenerator(11);
  for (let i = 0; i < 1500; i++) if (check(gen.program())) ok++;
  assert.ok(ok > 1000, `${ok} of 1500 generated programs compiled`);
});

test("damaged LambdaCore verbs: delete, duplicate or swap a token", { skip: !existsSync(join(dirname(fileURLToPath(import.meta.url)), "../../../shared/data/LambdaCore-latest.db")) }, () => {
  const path = join(dirname(fileURLToPath(import.meta.url)), "../../../shared/data/LambdaCore-latest.db");
  const lines = readFileSync(path, "latin1").split("\n");
  const verbs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^#\d+:\d+$/.test(lines[i]!)) continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== "."; i++) body.push(lines[i]!);
    if (body.length > 0) verbs.push(body.join("\n"));
  }
  for (let i = 0; i < 800; i++) {
    const words = verbs[rand(verbs.length)]!.split(/(\s+)/);
    const at = rand(words.length);
    const op = rand(3);
    if (op === 0) words.splice(at, 1);
    else if (op === 1) words.splice(at, 0, words[at]!);
    else { const j = rand(words.length); [words[at], words[j]] = [words[j]!, words[at]!]; }
    check(words.join(""));
  }
});
