// From MOO source text to a Program: parse, then compile, with every problem
// reported as a Diagnostic. The one entry point verb code and eval() use.

import { parseProgram, formatDiagnostic } from "../grammar/parse.ts";
import type { Diagnostic } from "../grammar/ast.ts";
import { compile, CompileError } from "./compiler.ts";
import type { Program } from "./program.ts";
import type { EvalCompiler } from "./vm.ts";

export type CompileResult = { ok: true; program: Program } | { ok: false; errors: Diagnostic[] };

export const compileSource = (source: string): CompileResult => {
  const parsed = parseProgram(source);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, program: compile(parsed.program) };
  } catch (e) {
    if (e instanceof CompileError) return { ok: false, errors: e.diagnostics };
    throw e;
  }
};

/** eval()'s compiler: errors as LambdaMOO prints them (`Line N:  message`). */
export const evalCompiler: EvalCompiler = (source) => {
  const r = compileSource(source);
  return r.ok ? r : { ok: false, errors: r.errors.map(formatDiagnostic) };
};

/**
 * evalCompiler with a cache of recently compiled sources: the same `;`
 * line typed again, or a verb calling eval() on a fixed string, skips
 * parsing. Programs are immutable, so tasks can share one. Sources are
 * evicted oldest first; long ones are not kept.
 */
export const cachingEvalCompiler = (capacity = 256, maxSource = 4096): EvalCompiler => {
  const cache = new Map<string, ReturnType<EvalCompiler>>();
  return (source) => {
    const hit = cache.get(source);
    if (hit) return hit;
    const r = evalCompiler(source);
    if (source.length <= maxSource) {
      if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
      cache.set(source, r);
    }
    return r;
  };
};
