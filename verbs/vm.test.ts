// VM tests: continuations are data (suspend, serialize, resume in a fresh VM),
// MOO recursion never uses the JS stack, tick accounting, deep values.

import { test } from "node:test";
import assert from "node:assert/strict";
import { VM } from "./vm.ts";
import { EmptyHost } from "./host.ts";
import { VerbHost } from "./verb-host.ts";
import { DEFAULT_LIMITS, builtinMap } from "./builtin-spec.ts";
import { languageBuiltins } from "./builtins/index.ts";
import { compileSource, evalCompiler } from "./compile-source.ts";
import { encodeTask, decodeTask, encodeProgram, decodeProgram, encodeValue, decodeValue } from "./codec.ts";
import { type Value, type Box, E, mkErr, mkList, toLiteral, equals, valueBytes, listOf } from "./value.ts";
import type { Program } from "./program.ts";
import type { Frame, Outcome, Task } from "./task.ts";

const prog = (src: string): Program => {
  const r = compileSource(src);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.program;
};

const vmWith = (host = new EmptyHost(DEFAULT_LIMITS)) =>
  new VM({ builtins: builtinMap(languageBuiltins), host, compileEval: evalCompiler });

const runAll = (vm: VM, t: Task, slice = 1e9): Outcome => {
  for (;;) {
    const o = vm.run(t, slice);
    if (o.kind !== "ticks") return o;
  }
};

const LOOP = `x = 0; l = {}; for i in [1..500] x = x + i * 2; l = {@l, x % 7}; endfor return {x, length(l), l[$]};`;

test("a task stopped after 1,000 ticks, serialised and resumed in a fresh VM gives the same result", () => {
  const straight = runAll(vmWith(), vmWith().newTask(1, prog(LOOP), 3));
  assert.equal(straight.kind, "done");
  const vm1 = vmWith();
  const t = vm1.newTask(1, prog(LOOP), 3);
  assert.equal(vm1.run(t, 1000).kind, "ticks");
  const bytes = encodeTask(t);
  assert.ok(Buffer.isBuffer(bytes));
  const vm2 = vmWith();
  const t2 = decodeTask(bytes);
  const resumed = runAll(vm2, t2, 777);
  assert.equal(resumed.kind, "done");
  assert.equal(toLiteral((resumed as { value: Value }).value), toLiteral((straight as { value: Value }).value));
});

test("suspend() inside a verb call: serialise the suspended task, resume it elsewhere", () => {
  const host = new VerbHost({ inner: `suspend(5); return args[1] * 2;` });
  const vm1 = vmWith(host);
  const t = vm1.newTask(7, prog(`x = 20; y = #1:inner(x + 1); return {x, y};`), 3);
  const o = vm1.run(t, 1e6);
  assert.deepEqual(o, { kind: "suspend", seconds: 5 });
  const t2 = decodeTask(encodeTask(t));
  assert.equal(t2.frames.length, 2);
  const vm2 = vmWith(new VerbHost({ inner: `return 0;` }));
  vm2.resume(t2, 0);
  const done = runAll(vm2, t2);
  assert.equal(done.kind, "done");
  assert.equal(toLiteral((done as { value: Value }).value), "{20, 42}");
});

test("MOO recursion 10,000 frames deep does not touch the JS stack", () => {
  const host = new VerbHost({ rec: `n = args[1]; return n == 0 ? 0 | 1 + #1:rec(n - 1);` });
  const vm = vmWith(host);
  const t = vm.newTask(1, prog(`return #1:rec(10000);`), 3, { maxDepth: 20000 });
  const o = runAll(vm, t);
  assert.equal(o.kind, "done");
  assert.equal((o as { value: Value }).value, 10000);
});

test("recursion past max depth raises E_MAXREC with a traceback", () => {
  const host = new VerbHost({ rec: `return #1:rec();` });
  const vm = vmWith(host);
  const o = runAll(vm, vm.newTask(1, prog(`return #1:rec();`), 3, { maxDepth: 30 }));
  assert.equal(o.kind, "error");
  if (o.kind !== "error") return;
  assert.equal(toLiteral(o.raised.code), "E_MAXREC");
  assert.match(o.traceback[0]!, /#1:rec, line 1:  Too many verb calls/);
  assert.equal(o.traceback.at(-1), "(End of traceback)");
});

test("errors propagate out of verb calls to the caller's handlers", () => {
  const host = new VerbHost({ bad: `return 1 / 0;` });
  const vm = vmWith(host);
  const o = runAll(vm, vm.newTask(1, prog(`try #1:bad(); except e (E_DIV) return e[4][1][2]; endtry`), 3));
  assert.equal(o.kind, "done");
  assert.equal((o as { value: Value }).value, "bad");
});

test("ticks: the integer loop costs 3 ticks per iteration, as LambdaMOO counts", () => {
  const vm = vmWith();
  const t = vm.newTask(1, prog(`x = 0; for i in [1..1000] x = x + i; endfor`), 3);
  assert.equal(runAll(vm, t).kind, "done");
  assert.ok(t.ticksUsed >= 3000 && t.ticksUsed <= 3010, `ticks ${t.ticksUsed}`);
});

test("a task out of ticks stops at an op boundary and continues exactly", () => {
  const vm = vmWith();
  const p = prog(`s = ""; for i in [1..50] s = s + tostr(i); endfor return s;`);
  const expected = Array.from({ length: 50 }, (_, i) => String(i + 1)).join("");
  for (const slice of [1, 2, 3, 17]) { // 1 is raised to the dearest instruction's 2
    const o = runAll(vm, vm.newTask(1, p, 3), slice);
    assert.equal((o as { value: Value }).value, expected);
  }
});

test("forked bodies reach the host with their start pc; named forks get the id", () => {
  const host = new EmptyHost(DEFAULT_LIMITS);
  const vm = vmWith(host);
  const o = runAll(vm, vm.newTask(1, prog(`x = 1; fork t (2) x = 3; endfork return t;`), 3));
  assert.equal(host.forks.length, 1);
  assert.equal((o as { value: Value }).value, host.forks[0]!.id);
  assert.equal(host.forks[0]!.delay, 2);
});

test("programs round-trip through their byte encoding", () => {
  const p = prog(`{a, ?b = 2, @c} = args; m = [1 -> 2.5, "k" -> {#3, E_PERM}]; fork (0) return 1; endfork try try return a; except e (ANY) return e; endtry finally x = 9007199254740993; endtry`);
  const q = decodeProgram(encodeProgram(p));
  assert.ok(q);
  assert.deepEqual(Array.from(q.code), Array.from(p.code));
  assert.deepEqual(q.tables, p.tables);
  assert.equal(q.consts.map(toLiteral).join(), p.consts.map(toLiteral).join());
});

test("values nested 100,000 deep: encode, decode, equality, toliteral, value_bytes", () => {
  let v: Value = mkList([]);
  for (let i = 0; i < 100_000; i++) v = mkList([v]);
  const back = decodeValue(encodeValue(v));
  assert.ok(equals(v, back));
  assert.equal(toLiteral(back).length, 200_002);
  assert.ok(valueBytes(v) > 100_000 * 16);
  let depth = 0;
  let cur: Value = back;
  while (listOf(cur as Box).length > 0) { cur = listOf(cur as Box)[0]!; depth++; }
  assert.equal(depth, 100_000);
});

test("a host exception is reported as a bug, not disguised as a MOO error", () => {
  class BrokenHost extends EmptyHost {
    override getProp(_f: Frame, _o: Value, _n: Value): Value { throw new TypeError("host broke"); }
  }
  const vm = vmWith(new BrokenHost(DEFAULT_LIMITS));
  const o = vm.run(vm.newTask(1, prog(`return #1.x;`), 3), 1e6);
  assert.equal(o.kind, "bug");
});

test("verbs without the d flag turn errors into values", () => {
  const vm = vmWith();
  const t = vm.newTask(1, prog(`x = 1 / 0; y = {1}[5]; z = 1; z = z + "a"; l = {1}; l[3] = 0; return {x, y, z, l, length(5)};`), 3);
  t.frames[0]!.debug = false;
  const o = runAll(vm, t);
  assert.equal(toLiteral((o as { value: Value }).value), "{E_DIV, E_RANGE, E_TYPE, E_RANGE, E_TYPE}");
});

test("tracebacks name each frame's own line, callers at their call", () => {
  const host = new VerbHost({ inner: `x = 1;\nreturn x / 0;`, outer: `y = 2;\nz = #1:inner();\nreturn z;` });
  const vm = vmWith(host);
  const o = runAll(vm, vm.newTask(1, prog(`a = 1;\nb = #1:outer();\nreturn b;`), 3));
  assert.equal(o.kind, "error");
  if (o.kind !== "error") return;
  assert.deepEqual(o.traceback, [
    "#1:inner, line 2:  Division by zero",
    "... called from #1:outer, line 2",
    "... called from #-1:, line 2",
    "(End of traceback)",
  ]);
});

test("a suspended task resumed with an error: handlers see it, else the traceback names the suspend line", () => {
  const vm = vmWith();
  const caught = vm.newTask(1, prog(`try\n  suspend(1);\nexcept e (E_INTRPT)\n  return {"caught", e[2]};\nendtry`), 3);
  assert.equal(vm.run(caught, 1e6).kind, "suspend");
  assert.equal(vm.resumeWithError(caught, { code: mkErr(E.E_INTRPT), message: "stopped", value: 0 }), null);
  assert.equal(toLiteral((runAll(vm, caught) as { value: Value }).value), `{"caught", "stopped"}`);

  const uncaught = vm.newTask(2, prog(`x = 1;\nsuspend(1);\nreturn x;`), 3);
  assert.equal(vm.run(uncaught, 1e6).kind, "suspend");
  const o = vm.resumeWithError(uncaught, { code: mkErr(E.E_INTRPT), message: "stopped", value: 0 });
  assert.equal(o?.kind, "error");
  if (o?.kind === "error") assert.equal(o.traceback[0], "#-1:, line 2:  stopped");
});

test("a named fork's variable holds the task id in the parent and in the forked copy", () => {
  const host = new EmptyHost(DEFAULT_LIMITS);
  const vm = vmWith(host);
  const o = runAll(vm, vm.newTask(1, prog(`x = 5; fork t (0) return {t, x}; endfork x = 6; return t;`), 3));
  const f = host.forks[0]!;
  assert.equal((o as { value: Value }).value, f.id);
  const child = runAll(vm, { id: f.id, frames: [f.frame], ticksUsed: 0, maxDepth: 50 });
  assert.equal(toLiteral((child as { value: Value }).value), `{${f.id}, 5}`);
});

// Fused loops must be indistinguishable from the ordinary instructions: same
// values, same tick counts, same stopping points. A comment statement in the
// body costs no ticks and keeps the loop unfused, which gives the reference.
const FUSABLE = [
  "x = 0; for i in [1..200] x = x + i; BODY endfor return {x, i};",
  "x = 5; for i in [1..200] x = i + x; BODY endfor return {x, i};",
  "x = 1; y = 7; for i in [1..200] x = x + y; BODY endfor return {x, y, i};",
  "n = 0; for i in [-5..190] n = n + 3; BODY endfor return {n, i};",
  "a = 2; b = 3; for i in [1..200] c = a + b; BODY endfor return {c, i};",
  "x = 0; for i in [1..200] x = i + i; BODY endfor return {x, i};",
  "for i in [1..200] i = i + 10; BODY endfor return i;",
  "x = 9007199254740000; for i in [1..200] x = x + i; BODY endfor return {x, i};",
  "x = 1073741000; for i in [1..200] x = x + i; BODY endfor return {x, i};",
  "x = 0; for i in [5..4] x = x + i; BODY endfor return x;",
];

test("fused for-range loops: same values and ticks as unfused code, for every slice size", () => {
  for (const src of FUSABLE) {
    const fused = prog(src.replace("BODY ", ""));
    const plain = prog(src.replace("BODY", `"no fusion";`));
    for (const slice of [2, 3, 4, 5, 7, 50, 1e9]) {
      const vmA = vmWith(), vmB = vmWith();
      const a = vmA.newTask(1, fused, 3), b = vmB.newTask(1, plain, 3);
      let stopsA = 0, stopsB = 0;
      let oa: Outcome, ob: Outcome;
      while ((oa = vmA.run(a, slice)).kind === "ticks") stopsA++;
      while ((ob = vmB.run(b, slice)).kind === "ticks") stopsB++;
      assert.equal(toLiteral((oa as { value: Value }).value), toLiteral((ob as { value: Value }).value), `${src} slice ${slice}`);
      assert.equal(a.ticksUsed, b.ticksUsed, `ticks of ${src} slice ${slice}`);
      assert.equal(stopsA, stopsB, `stops of ${src} slice ${slice}`);
    }
  }
});

test("fused loops hand errors to the ordinary instructions: right error, right line", () => {
  const vm = vmWith();
  for (const [src, code] of [
    [`x = "a";\nfor i in [1..3]\n  x = x + i;\nendfor`, "E_TYPE"],
    [`x = 0.5;\nfor i in [1..3]\n  x = x + i;\nendfor`, "E_TYPE"],
    [`y = 1;\nfor i in [1..3]\n  x = x + i;\nendfor`, "E_VARNF"],
  ] as const) {
    const o = runAll(vm, vm.newTask(1, prog(src), 3));
    assert.equal(o.kind, "error");
    if (o.kind !== "error") continue;
    assert.equal(toLiteral(o.raised.code), code);
    assert.match(o.traceback[0]!, /line 3:/);
  }
});

test("a fused loop past 2^53 continues exactly in 64-bit arithmetic", () => {
  const vm = vmWith();
  const o = runAll(vm, vm.newTask(1, prog(`x = 9223372036854775000; for i in [1..100] x = x + i; endfor return x;`), 3));
  assert.equal(toLiteral((o as { value: Value }).value), String(BigInt.asIntN(64, 9223372036854775000n + 5050n)));
});

test("frames called from verbs share the task's value stack; suspended mid-call it serialises and resumes", () => {
  const host = new VerbHost({ inner: `x = {1, 2}; suspend(1); return {@x, @args};`, outer: `a = 10; b = #1:inner(a, a + 1); return {a, b, 99};` });
  const vm = vmWith(host);
  const t = vm.newTask(1, prog(`try return {#1:outer(), 7}; except e (ANY) return e; endtry`), 3);
  assert.equal(vm.run(t, 1e6).kind, "suspend");
  const t2 = decodeTask(encodeTask(t));
  assert.equal(t2.frames.length, 3);
  vm.resume(t2, 0);
  const o = runAll(vm, t2);
  assert.equal(toLiteral((o as { value: Value }).value), "{{10, {1, 2, 10, 11}, 99}, 7}");
});

test("scatter from a variable, calls with plain arguments, conditional values, returns of a variable: values and errors as before", () => {
  const host = new VerbHost({ echo: `return args;`, mk: `l = {}; l = {@l, 1}; return l;`, fib: `{n} = args;\nreturn n < 2 ? n | this:fib(n - 1) + this:fib(n - 2);` });
  const run = (src: string, debug = true): string => {
    const vm = vmWith(host);
    const t = vm.newTask(1, prog(src), 3);
    t.frames[0]!.debug = debug;
    const o = runAll(vm, t);
    return o.kind === "done" ? toLiteral(o.value) : o.kind === "error" ? `! ${toLiteral(o.raised.code)}` : o.kind;
  };
  const cases: [string, string, boolean?][] = [
    [`l = {1, 2}; {a, ?b = 5, ?c = 6, @rest} = l; return {a, b, c, rest};`, `{1, 2, 6, {}}`],
    [`l = {1, 2, 3, 4}; {a, @rest} = l; return {a, rest};`, `{1, {2, 3, 4}}`],
    [`l = {1}; {a, b} = l;`, `! E_ARGS`],
    [`l = {1}; a = 0; {a, b} = l; return a;`, `0`, false],
    [`l = 5; {a} = l;`, `! E_TYPE`],
    [`{a} = nosuch;`, `! E_VARNF`],
    [`x = 1; return x < 2 ? "small" | "big";`, `"small"`],
    [`x = 3; return x < 2 ? "a" | (x < 4 ? "b" | "c");`, `"b"`],
    [`x = 9; return x < 2 ? "a" | (x < 4 ? "b" | "c");`, `"c"`],
    [`x = "s"; return x ? 1 | 2;`, `1`],
    [`x = 1; y = (x > 0 ? 10 | 20) + 1; return y;`, `11`],
    [`n = "x"; return n < 2 ? 1 | 2;`, `! E_TYPE`],
    [`n = "x"; return n < 2 ? 1 | 2;`, `2`, false],
    [`o = #1; return o:echo(1, "a", {2});`, `{1, "a", {2}}`],
    [`o = #1; return o:echo();`, `{}`],
    [`o = #1; return o:echo(@{1, 2}, 3);`, `{1, 2, 3}`],
    [`o = #1; return {o:nosuch(1, 2), 5};`, `{E_VERBNF, 5}`, false],
    [`o = #1; return o:fib(15);`, `610`],
    [`return nosuch;`, `! E_VARNF`],
    [`return nosuch;`, `E_VARNF`, false],
    [`x = {1}; return x;`, `{1}`],
    // A list returned from a variable is the caller's to change without touching anyone else's.
    [`o = #1; x = o:mk(); y = x; x = {@x, 2}; return {x, y};`, `{{1, 2}, {1}}`],
  ];
  for (const [src, want, debug] of cases) assert.equal(run(src, debug ?? true), want, src);
});
