// Compiler tests compare disassembly text (STYLE.md 8); plus the guard that
// keeps the VM's literal case labels in step with the opcode table.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { compileSource } from "./compile-source.ts";
import { disassemble } from "./disasm.ts";
import { Op, OP_TICKS } from "./opcodes.ts";
import { lineOf } from "./program.ts";
import type { Program } from "./program.ts";

const compile = (src: string): Program => {
  const r = compileSource(src);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.program;
};
const dis = (src: string): string => disassemble(compile(src)).map((l) => l.trim().replace(/^\d+\s+/, "")).join("\n");

test("the VM's literal case labels match the opcode table, and every opcode is handled", () => {
  const src = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../../verbs/vm.ts"), "utf8");
  const seen = new Set<string>();
  for (const m of src.matchAll(/case (\d+) \/\* (\w+) \*\//g)) {
    const name = m[2] as keyof typeof Op;
    assert.equal(Op[name], Number(m[1]), `case label for ${name}`);
    seen.add(name);
  }
  for (const name of Object.keys(Op)) assert.ok(seen.has(name), `opcode ${name} has no case in vm.ts`);
  // Every ticked case charges exactly its OP_TICKS.
  for (const m of src.matchAll(/case (\d+) \/\* (\w+) \*\/: if \(\(ticks -= (\d+)\) < 0\)/g)) {
    assert.equal(OP_TICKS[Number(m[1])], Number(m[3]), `tick charge of ${m[2]}`);
  }
});

test("arithmetic statement: fused add into a variable", () => {
  assert.equal(dis("x = a + b;"), "ADD_VARS_PUT x = a + b\nDONE");
  assert.equal(dis("x = x + 1;"), "INCR_VAR x += 1\nDONE");
  assert.equal(dis("x = a * b;"), "PUSH_VAR a\nPUSH_VAR b\nMUL\nPUT_VAR_POP x\nDONE");
  assert.equal(dis("return n - 1;"), "BIN_VI n - 1\nRETURN\nDONE");
  assert.equal(dis("return n < 2;"), "BIN_VI n < 2\nRETURN\nDONE");
});

test("for-range loops test at the bottom", () => {
  assert.equal(dis("for i in [1..3] x = i; endfor"), [
    "PUSH_INT 1", "PUSH_INT 3", "JUMP ->5", "PUSH_VAR i", "PUT_VAR_POP x", "FOR_RANGE i body->3", "DONE",
  ].join("\n"));
});

test("list appends and indexed stores on a variable are single instructions", () => {
  assert.equal(dis("l = {@l, 5};"), "PUSH_INT 5\nAPPEND_VAR l\nDONE");
  assert.equal(dis("l[i] = 5;"), "PUSH_VAR i\nPUSH_INT 5\nINDEX_SET_VAR l\nDONE");
  // Not fused when the new elements could assign the variable first.
  assert.match(dis("l = {@l, l = 1};"), /LIST_SPLICE/);
});

test("break and continue name their loop; unknown names are compile errors", () => {
  const r = compileSource("for x in ({1}) break y; endfor");
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.errors[0]!.message, /Invalid loop name in `break' statement: y/);
  const r2 = compileSource("continue;");
  assert.equal(r2.ok, false);
});

const pcOf = (p: Program, op: number): number => {
  for (let pc = 0; pc < p.code.length; pc++) if ((p.code[pc]! & 0xff) === op) return pc;
  throw new Error(`no op ${op}`);
};

test("line numbers follow the canonical listing", () => {
  const p = compile("x = 1;\nif (x)\n  y = 1 / 0;\nelse\n  z = 2;\nendif\nreturn 5;");
  assert.equal(lineOf(p, pcOf(p, Op.DIV)), 3);
  assert.equal(lineOf(p, pcOf(p, Op.RETURN)), 7);
  // A while test sits after the body in the code but belongs to the while line.
  const q = compile("x = 0;\nwhile (x < y)\n  x = x + 1;\nendwhile\nreturn x;");
  assert.equal(lineOf(q, pcOf(q, Op.LT)), 2);
  assert.equal(lineOf(q, pcOf(q, Op.RETURN_VAR)), 5);
});

test("one-line eval programs get one line per statement", () => {
  const p = compile("a = 1; b = 2; return a / 0;");
  assert.equal(lineOf(p, pcOf(p, Op.DIV)), 3);
});

test("x = x + <expression> is fused only when x is certainly bound", () => {
  assert.match(dis("x = 0; x = x + y * 2;"), /ADD_TO_VAR x/);
  assert.match(dis("x = 0; while (1) x = x + y * 2; endwhile"), /ADD_TO_VAR x/);
  assert.doesNotMatch(dis("x = x + y * 2;"), /ADD_TO_VAR/);
  assert.doesNotMatch(dis("if (1) x = 0; endif x = x + y * 2;"), /ADD_TO_VAR/);
  assert.doesNotMatch(dis("x = 0; x = x + (x = 2);"), /ADD_TO_VAR/);
  assert.match(dis("args = args + 1 * 1;"), /ADD_TO_VAR args/);
});
