// A world of one object, #1, whose verbs are given as source: enough for
// language tests and benchmarks that need real MOO verb calls before the
// object model exists. Not used by the server.

import { type Value, type Box, E } from "./value.ts";
import { MooError } from "./errors.ts";
import { EmptyHost, newFrame, type FrameContext } from "./host.ts";
import { DEFAULT_LIMITS } from "./builtin-spec.ts";
import { compileSource } from "./compile-source.ts";
import type { Program } from "./program.ts";
import type { Frame, Task } from "./task.ts";

export class VerbHost extends EmptyHost {
  private readonly verbs = new Map<string, Program>();
  constructor(verbs: Record<string, string>) {
    super(DEFAULT_LIMITS);
    for (const [name, source] of Object.entries(verbs)) {
      const r = compileSource(source);
      if (!r.ok) throw new Error(`verb ${name}: ${r.errors.map((d) => d.message).join("; ")}`);
      this.verbs.set(name.toLowerCase(), r.program);
    }
  }
  override callVerb(_task: Task, frame: Frame, obj: Value, name: Value, args: Box): Frame {
    if (typeof obj !== "object" || obj.tag !== 1 || obj.n !== 1) throw new MooError(E.E_INVIND);
    const p = typeof name === "string" ? this.verbs.get(name.toLowerCase()) : undefined;
    if (!p) throw new MooError(E.E_VERBNF);
    const c: FrameContext = { player: frame.player, self: obj, caller: frame.self, verb: name as string, args, cmd: frame.cmd };
    return newFrame(p, c, 3, true, obj);
  }
}
