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
