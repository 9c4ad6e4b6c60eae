// World benchmarks (issue 3): verb calls through the real object model and
// property reads and writes in a loop, each beside plain JS doing the same
// work; medians after warm-up. Each MOO program checks its own answer.

import { testWorld, WIZARD } from "../objects/test-world.ts";
import { PF, VF } from "../objects/model.ts";
import { toLiteral } from "../verbs/value.ts";

const RUNS = Number(process.env["BENCH_RUNS"] ?? 5);
const WARMUP = 3;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const time = (f: () => void): number => { const t = process.hrtime.bigint(); f(); return Number(process.hrtime.bigint() - t) / 1e6; };
const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1)) + " ms";

const t = testWorld();
const o = t.world.create(1, WIZARD);
t.world.addProperty(o, "counter", 0, WIZARD, PF.READ | PF.WRITE);
o.verbs.push({
  names: "fib", owner: WIZARD, perms: VF.READ | VF.EXEC | VF.DEBUG, dobj: "this", prep: -1, iobj: "this",
  source: "n = args[1]; if (n < 2) return n; endif return this:fib(n - 1) + this:fib(n - 2);", program: null,
});
const ref = `#${o.id}`;

const bench = (name: string, work: number, unit: string, code: string, expect: string, js: () => unknown): void => {
  const got = t.run(code);
  if (got !== expect) throw new Error(`${name}: MOO answer ${got}, expected ${expect}`);
  for (let i = 0; i < WARMUP; i++) { t.run(code); js(); }
  const moo: number[] = [], base: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    moo.push(time(() => t.run(code)));
    base.push(time(() => { js(); }));
  }
  const m = median(moo), b = median(base);
  console.log(`${name.padEnd(34)} moo ${fmt(m).padStart(10)} (${(work / (m / 1000) / 1e6).toFixed(2)} M ${unit}/s)   js ${fmt(b).padStart(9)}   ratio ${(m / b).toFixed(1)}x`);
};

const fibJs = (n: number): number => (n < 2 ? n : fibJs(n - 1) + fibJs(n - 2));
const FIB = 25;
bench(`fib(${FIB}) as this:fib verb calls`, 2 * fibJs(FIB + 1) - 1, "calls", `return ${ref}:fib(${FIB});`, String(fibJs(FIB)), () => fibJs(FIB));

const N = 5_000_000;
const holder = { counter: 7 };
bench("property read x = o.counter", N, "reads",
  `o = ${ref}; o.counter = 7; x = 0; for i in [1..${N}] x = o.counter; endfor return x;`, "7",
  () => { let x = 0; for (let i = 1; i <= N; i++) x = holder.counter; return x; });
bench("property write o.counter = i", N, "writes",
  `o = ${ref}; for i in [1..${N}] o.counter = i; endfor return o.counter;`, String(N),
  () => { for (let i = 1; i <= N; i++) holder.counter = i; return holder.counter; });
void toLiteral;
