// World benchmarks (issue 3): verb calls through the real object model,
// property reads and writes in a loop, and command parsing and dispatch,
// each beside plain JS doing the same work; medians after warm-up. Each
// workload checks its own answer.

import { testWorld, WIZARD } from "../objects/test-world.ts";
import { PF, VF } from "../objects/model.ts";
import { toLiteral } from "../verbs/value.ts";
import { planCommand } from "../world/commands.ts";

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
  // The bench kit's verb_fib.moo (../shared/bench), the source REFERENCE.md's C-server figures ran.
  source: "{n} = args;\nreturn n < 2 ? n | this:fib(n - 1) + this:fib(n - 2);", program: null, code: null,
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

// Command parsing and dispatch: parse, match the objects, find the verb, run it.
const box = t.world.create(1, WIZARD);
box.name = "wooden box";
t.world.setLocation(box, 2);
box.verbs.push({ names: "op*en", owner: WIZARD, perms: VF.READ | VF.EXEC | VF.DEBUG, dobj: "this", prep: -1, iobj: "none", source: "return 1;", program: null, code: null });
const COMMANDS = 200_000;
const dispatch = (): number => {
  let ok = 0;
  for (let i = 0; i < COMMANDS; i++) {
    const plan = planCommand(t.host, WIZARD, "open wooden box");
    if (plan.kind !== "run") throw new Error("command did not dispatch");
    const o = t.vm.run({ id: i, frames: [plan.frame], ticksUsed: 0, maxDepth: 50 }, 1000);
    if (o.kind === "done" && o.value === 1) ok++;
  }
  return ok;
};
const verbsByName = new Map([["open", () => 1]]);
const dispatchJs = (): number => {
  let ok = 0;
  for (let i = 0; i < COMMANDS; i++) {
    const words = "open wooden box".split(" ");
    const f = verbsByName.get(words[0]!);
    if (f && words.slice(1).join(" ") === "wooden box") ok += f();
  }
  return ok;
};
if (dispatch() !== COMMANDS) throw new Error("dispatch answer");
for (let i = 0; i < WARMUP; i++) { dispatch(); dispatchJs(); }
const dm: number[] = [], db: number[] = [];
for (let i = 0; i < RUNS; i++) { dm.push(time(dispatch)); db.push(time(dispatchJs)); }
const m = median(dm), b = median(db);
console.log(`${"command parse + dispatch + run".padEnd(34)} moo ${fmt(m).padStart(10)} (${(COMMANDS / (m / 1000) / 1e6).toFixed(2)} M commands/s)   js ${fmt(b).padStart(9)}   ratio ${(m / b).toFixed(1)}x`);
void toLiteral;
