// Generated programs on the VM: every run ends in a value or a MOO error,
// never a host exception, with the `d` flag on and off. With it off every
// failing instruction takes the error-as-value path, which checks that each
// instruction's stack effect on failure is right. Deterministic.

import { test } from "node:test";
import assert from "node:assert/strict";
import { VM } from "./vm.ts";
import { EmptyHost } from "./host.ts";
import { DEFAULT_LIMITS, builtinMap } from "./builtin-spec.ts";
import { languageBuiltins } from "./builtins/index.ts";
import { compileSource, evalCompiler } from "./compile-source.ts";
import { toLiteral } from "./value.ts";
import type { Outcome } from "./task.ts";
import { ProgramGenerator } from "./gen-programs.ts";

const run = (vm: VM, src: string, debug: boolean, slice: number): Outcome => {
  const r = compileSource(src);
  assert.ok(r.ok, src);
  const t = vm.newTask(1, r.program, 3);
  t.frames[0]!.debug = debug;
  let o: Outcome;
  let slices = 0;
  while ((o = vm.run(t, slice)).kind === "ticks" && ++slices < 2000);
  return o;
};

test("generated programs end in a value or a MOO error, d flag on or off, in any slice size", () => {
  const vm = new VM({ builtins: builtinMap(languageBuiltins), host: new EmptyHost(DEFAULT_LIMITS), compileEval: evalCompiler });
  const gen = new ProgramGenerator(99);
  const kinds = new Map<string, number>();
  for (let i = 0; i < 1200; i++) {
    // Half raw (errors end the task), half with each statement guarded (errors caught, runs finish).
    const src = i % 2 === 0 ? gen.program()
      : `x = {}; y = 0; try ${gen.stmt(2)} except (ANY) endtry try ${gen.stmt(2)} except e (ANY) x = e[1]; endtry return \`${gen.expr(3)} ! ANY => "caught"';`;
    const whole = run(vm, src, true, 1e7);
    assert.notEqual(whole.kind, "bug", `${src}\n${whole.kind === "bug" ? whole.stack : ""}`);
    kinds.set(whole.kind, (kinds.get(whole.kind) ?? 0) + 1);
    const quiet = run(vm, src, false, 1e7);
    assert.notEqual(quiet.kind, "bug", `without d: ${src}\n${quiet.kind === "bug" ? quiet.stack : ""}`);
    // Slicing never changes a result. (The d flag may: without it a caught error
    // becomes a value instead, as in LambdaMOO, so those results are not compared.)
    if (whole.kind === "done") {
      const sliced = run(vm, src, true, 7);
      assert.equal(sliced.kind, "done", src);
      if (sliced.kind === "done") assert.equal(toLiteral(sliced.value), toLiteral(whole.value), `sliced: ${src}`);
    }
  }
  assert.ok((kinds.get("done") ?? 0) > 100 && (kinds.get("error") ?? 0) > 100, JSON.stringify([...kinds]));
});
