// Parse throughput over every verb of LambdaCore (parse plus LambdaMOO's
// checks, no compile): prints source lines per second, median of runs.
// Run: node dist/grammar/parse.bench.js

import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseProgram } from "./parse.ts";
import { unparseProgram } from "./unparse.ts";

const path = fileURLToPath(new URL("../../../shared/data/LambdaCore-latest.db", import.meta.url));
if (!existsSync(path)) {
  console.log(`skipped: ${path} not found`);
  process.exit(0);
}

const all = readFileSync(path, "latin1").split("\n");
const verbs: string[] = [];
let lines = 0;
for (let i = 0; i < all.length; i++) {
  if (!/^#\d+:\d+$/.test(all[i]!)) continue;
  const body: string[] = [];
  for (i++; i < all.length && all[i] !== "."; i++) body.push(all[i]!);
  lines += body.length;
  verbs.push(body.join("\n"));
}

function median(f: () => void, runs: number): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[runs >> 1]!;
}

const programs = verbs.map((v) => {
  const r = parseProgram(v);
  if (!r.ok) throw new Error(`LambdaCore verb failed to parse: ${r.errors[0]!.message}`);
  return r.program;
});
const parseMs = median(() => { for (const v of verbs) parseProgram(v); }, 15);
const unparseMs = median(() => { for (const p of programs) unparseProgram(p, { fullyParen: true, indent: false }); }, 15);
console.log(`parse LambdaCore: ${verbs.length} verbs, ${lines} lines, ${parseMs.toFixed(1)} ms: ${Math.round(lines / (parseMs / 1000))} lines/s`);
console.log(`unparse LambdaCore: ${unparseMs.toFixed(1)} ms: ${Math.round(lines / (unparseMs / 1000))} lines/s`);
