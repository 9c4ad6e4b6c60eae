// Language benchmarks (issue 2): each MOO workload beside the same work in
// plain JS, run in this process; prints medians and the ratio. Every MOO
// program checks its own answer before it is timed.

import { readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { VM } from "../verbs/vm.ts";
import { EmptyHost } from "../verbs/host.ts";
import { VerbHost } from "../verbs/verb-host.ts";
import { DEFAULT_LIMITS, builtinMap } from "../verbs/builtin-spec.ts";
import { languageBuiltins } from "../verbs/builtins/index.ts";
import { compileSource } from "../verbs/compile-source.ts";
import { type Value, toLiteral } from "../verbs/value.ts";
import type { Program } from "../verbs/program.ts";

const RUNS = Number(process.env["BENCH_RUNS"] ?? 5);
const WARMUP = 3;
const here = dirname(fileURLToPath(import.meta.url));

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const time = (f: () => void): number => { const t = process.hrtime.bigint(); f(); return Number(process.hrtime.bigint() - t) / 1e6; };
const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1)) + " ms";
const rate = (n: number, ms: number): string => {
  const r = n / (ms / 1000);
  return r >= 1e6 ? `${(r / 1e6).toFixed(1)} M/s` : `${(r / 1e3).toFixed(1)} k/s`;
};

const compile = (src: string): Program => {
  const r = compileSource(src);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return r.program;
};

const runMoo = (vm: VM, p: Program): Value => {
  const t = vm.newTask(1, p, 3, { maxDepth: 1000 });
  const o = vm.run(t, 1e13);
  if (o.kind !== "done") throw new Error(`benchmark program did not finish: ${JSON.stringify(o)}`);
  return o.value;
};

interface Row { name: string; work: number; unit: string; moo: number; js: number }
const rows: Row[] = [];

const bench = (name: string, work: number, unit: string, vm: VM, src: string, expect: string, js: () => unknown): void => {
  const p = compile(src);
  const got = toLiteral(runMoo(vm, p));
  if (got !== expect) throw new Error(`${name}: MOO answer ${got}, expected ${expect}`);
  // A server runs in steady state: let the JIT settle on both sides before timing.
  for (let i = 0; i < WARMUP; i++) { runMoo(vm, p); js(); }
  const moo: number[] = [], base: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    moo.push(time(() => runMoo(vm, p)));
    base.push(time(() => { js(); }));
  }
  const row = { name, work, unit, moo: median(moo), js: median(base) };
  rows.push(row);
  console.log(`${name.padEnd(34)} moo ${fmt(row.moo).padStart(11)} (${rate(work, row.moo)} ${unit})   js ${fmt(row.js).padStart(10)}   ratio ${(row.moo / row.js).toFixed(1)}x`);
};

const vm = new VM({ builtins: builtinMap(languageBuiltins), host: new EmptyHost(DEFAULT_LIMITS) });

const N_LOOP = 10_000_000;
bench("(a) integer loop x = x + i", N_LOOP, "iter", vm,
  `x = 0; for i in [1..${N_LOOP}] x = x + i; endfor return x;`, String((N_LOOP * (N_LOOP + 1)) / 2),
  () => { let x = 0; for (let i = 1; i <= N_LOOP; i++) x = x + i; return x; });

// The same work with a body the VM does not fuse into the loop instruction:
// the speed of ordinary instruction dispatch.
bench("(a) integer loop x = x + i * 2", N_LOOP, "iter", vm,
  `x = 0; for i in [1..${N_LOOP}] x = x + i * 2; endfor return x;`, String(N_LOOP * (N_LOOP + 1)),
  () => { let x = 0; for (let i = 1; i <= N_LOOP; i++) x = x + i * 2; return x; });

const fibJs = (n: number): number => (n < 2 ? n : fibJs(n - 1) + fibJs(n - 2));
const fibVm = new VM({
  builtins: builtinMap(languageBuiltins),
  host: new VerbHost({ fib: `n = args[1]; if (n < 2) return n; endif return this:fib(n - 1) + this:fib(n - 2);` }),
});
const FIB = 25;
bench(`(b) fib(${FIB}) as verb calls`, 2 * fibJs(FIB + 1) - 1, "calls", fibVm,
  `return #1:fib(${FIB});`, String(fibJs(FIB)), () => fibJs(FIB));

const N_STR = 100_000;
bench("(c) string s = s + \"x\" to 100,000", N_STR, "appends", vm,
  `s = ""; for i in [1..${N_STR}] s = s + "x"; endfor return length(s);`, String(N_STR),
  () => { let s = ""; for (let i = 0; i < N_STR; i++) s = s + "x"; return s.length; });

const N_LIST = 100_000;
bench("(d) list l = {@l, i} to 100,000", N_LIST, "appends", vm,
  `l = {}; for i in [1..${N_LIST}] l = {@l, i}; endfor return l[$];`, String(N_LIST),
  () => { const l: number[] = []; for (let i = 1; i <= N_LIST; i++) l.push(i); return l.length; });

bench("(d) list l[i] = i over 100,000", N_LIST, "stores", vm,
  `l = {}; for i in [1..${N_LIST}] l = {@l, 0}; endfor for i in [1..${N_LIST}] l[i] = i; endfor return l[$];`, String(N_LIST),
  () => { const l: number[] = []; for (let i = 1; i <= N_LIST; i++) l.push(0); for (let i = 0; i < N_LIST; i++) l[i] = i + 1; return l.length; });

// (e) compile speed over every verb of LambdaCore (or a synthetic corpus when the file is absent).
const corpus = (): string[] => {
  const path = join(here, "../../../shared/data/LambdaCore-latest.db");
  if (!existsSync(path)) return Array.from({ length: 2000 }, (_, i) => `x = ${i};\nif (x > 3)\n  return {x, "a", x * 2};\nendif\nfor y in [1..x]\n  x = x + y;\nendfor`);
  const lines = readFileSync(path, "latin1").split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^#\d+:\d+$/.test(lines[i]!)) continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== "."; i++) body.push(lines[i]!);
    out.push(body.join("\n"));
  }
  return out;
};
const verbs = corpus();
const srcLines = verbs.reduce((n, v) => n + v.split("\n").length, 0);
let failures = 0;
for (const v of verbs) if (!compileSource(v).ok) failures++;
const compileTimes: number[] = [];
for (let i = 0; i < RUNS; i++) compileTimes.push(time(() => { for (const v of verbs) compileSource(v); }));
const cms = median(compileTimes);
console.log(`${"(e) compile LambdaCore verbs".padEnd(34)} ${verbs.length} verbs, ${srcLines} lines in ${fmt(cms)}: ${Math.round(srcLines / (cms / 1000)).toLocaleString("en")} lines/s (${failures} failed)`);

const loop = rows[0]!;
console.log(`\ninteger loop: ${(N_LOOP / (loop.moo / 1000) / 1e6).toFixed(1)} M iter/s (LambdaMOO 49.4, ToastStunt 51.2; target 55)`);
