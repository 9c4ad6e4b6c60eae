// Runs MOO programs to completion outside the server: the engine of
// `moo eval` and of the language tests. A small loop over VM outcomes:
// ticks slices, real-time suspends, forks run after their parent.

import { VM } from "../verbs/vm.ts";
import { EmptyHost } from "../verbs/host.ts";
import { type Limits, DEFAULT_LIMITS, builtinMap } from "../verbs/builtin-spec.ts";
import { languageBuiltins } from "../verbs/builtins/index.ts";
import { compileSource, evalCompiler } from "../verbs/compile-source.ts";
import { formatDiagnostic } from "../grammar/parse.ts";
import { type Value, E, mkErr, toLiteral } from "../verbs/value.ts";
import type { Task } from "../verbs/task.ts";

export type EvalResult =
  | { readonly ok: true; readonly value: Value }
  | { readonly ok: false; readonly error: string; readonly traceback: readonly string[] };

export interface EvalOptions {
  /** Ticks a program may use in all (default 30,000,000). */
  readonly ticks?: number;
  readonly limits?: Limits;
  readonly maxDepth?: number;
}

const SLICE = 1_000_000;
const PROGRAMMER = 3; // the object number eval programs run as; only its programmer bit matters here

export class EvalRunner {
  readonly vm: VM;
  private readonly host: EmptyHost;
  private nextId = 1;
  constructor(private readonly opts: EvalOptions = {}) {
    this.host = new EmptyHost(opts.limits ?? DEFAULT_LIMITS);
    this.vm = new VM({ builtins: builtinMap(languageBuiltins), host: this.host, compileEval: evalCompiler });
  }

  async run(source: string): Promise<EvalResult> {
    const c = compileSource(source);
    if (!c.ok) return { ok: false, error: "compile error", traceback: c.errors.map(formatDiagnostic) };
    const task = this.vm.newTask(this.nextId++, c.program, PROGRAMMER, { maxDepth: this.opts.maxDepth ?? 50 });
    task.frames[0]!.verb = "eval";
    const r = await this.drive(task);
    // Forked tasks have nothing to report in an empty world, but they must not be lost silently.
    while (this.host.forks.length > 0) {
      const f = this.host.forks.shift()!;
      await this.drive({ id: f.id, frames: [f.frame], ticksUsed: 0, maxDepth: task.maxDepth });
    }
    return r;
  }

  private async drive(task: Task): Promise<EvalResult> {
    const limit = this.opts.ticks ?? 30_000_000;
    for (;;) {
      const out = this.vm.run(task, Math.min(SLICE, Math.max(0, limit - task.ticksUsed)));
      switch (out.kind) {
        case "done": return { ok: true, value: out.value };
        case "error": return { ok: false, error: toLiteral(out.raised.code), traceback: out.traceback };
        case "bug": return { ok: false, error: "server bug", traceback: [out.message] };
        case "ticks":
          if (task.ticksUsed >= limit) return { ok: false, error: "E_QUOTA", traceback: ["Task ran out of ticks"] };
          await new Promise((r) => setImmediate(r));
          break;
        case "suspend":
          if (out.seconds === null) return { ok: false, error: "suspended", traceback: ["suspend() with no resume possible here"] };
          await new Promise((r) => setTimeout(r, Math.min(out.seconds! * 1000, 2 ** 31 - 1)));
          this.vm.resume(task, 0);
          break;
        case "read": {
          const again = this.vm.resumeWithError(task, { code: mkErr(E.E_INVARG), message: "No connection to read from", value: 0 });
          if (again && again.kind === "error") return { ok: false, error: toLiteral(again.raised.code), traceback: again.traceback };
          break;
        }
      }
    }
  }
}

/** One line for `moo eval`: the value as toliteral prints it, or the error and its traceback. */
export const formatEvalResult = (r: EvalResult): string =>
  r.ok ? toLiteral(r.value) : `! ${r.error}: ${r.traceback.filter((l) => l !== "(End of traceback)").join(" | ")}`;
