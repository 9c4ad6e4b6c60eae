// The conformance transcript runner (../shared/conformance, `.moot` format).
// This first version runs transcripts in-process against the language alone,
// the way Test.db's #2:eval would print them; lines that need objects or a
// connection fail until the world and listeners exist. Usage:
//   node dist/test/conformance.js [--verbose] [FILE_OR_DIR...]

import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { EvalRunner } from "../world/eval-runner.ts";
import { toLiteral, mkList } from "../verbs/value.ts";

export interface Step {
  readonly line: number;
  /** `;` evaluate, `&` evaluate and ignore, `%` a typed command. */
  readonly kind: ";" | "&" | "%";
  readonly text: string;
  /** Expected outputs, in order: `expr` values to evaluate, or `exact` text. */
  readonly expect: readonly { readonly kind: "expr" | "exact"; readonly text: string; readonly line: number }[];
}

/** Parse a .moot transcript into steps (player switches are kept as no-op markers). */
export const parseMoot = (text: string): Step[] => {
  const steps: { line: number; kind: ";" | "&" | "%"; text: string; expect: Step["expect"][number][] }[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, "");
    const last = steps[steps.length - 1];
    if (raw.startsWith("//") || raw.trim() === "") continue;
    if (/^@(wizard|programmer|nonprogrammer)\s*$/.test(raw)) continue;
    const m = /^([;&%])\s?(.*)$/.exec(raw);
    if (m) { steps.push({ line: i + 1, kind: m[1] as ";" | "&" | "%", text: m[2]!, expect: [] }); continue; }
    if (raw.startsWith(">") && last && last.expect.length === 0) { last.text += " " + raw.slice(1).trim(); continue; }
    if (!last) continue;
    if (raw.startsWith("=")) last.expect.push({ kind: "exact", text: raw.slice(1), line: i + 1 });
    else last.expect.push({ kind: "expr", text: raw.replace(/^<\s?/, ""), line: i + 1 });
  }
  return steps;
};

export interface FileResult { readonly file: string; readonly passed: number; readonly total: number; readonly failures: string[] }

/** What Test.db's #2:eval prints for `; code`: toliteral of the value, or of the raised error's code. */
const printed = async (runner: EvalRunner, code: string): Promise<string> => {
  const r = await runner.run(code + ";");
  if (r.ok) return toLiteral(r.value);
  if (r.error === "compile error") return toLiteral(mkList([...r.traceback]));
  return r.error;
};

export const runFile = async (path: string): Promise<FileResult> => {
  const runner = new EvalRunner({ ticks: 5_000_000 });
  const failures: string[] = [];
  let passed = 0, total = 0;
  for (const step of parseMoot(readFileSync(path, "utf8"))) {
    if (step.kind === "%") {
      total += Math.max(1, step.expect.length);
      failures.push(`line ${step.line}: command lines need a connection: % ${step.text}`);
      continue;
    }
    const out = await printed(runner, step.text);
    if (step.kind === "&") continue;
    const expects = step.expect.length > 0 ? step.expect : [{ kind: "expr" as const, text: "0", line: step.line }];
    for (const [i, e] of expects.entries()) {
      total++;
      // Only the first expected line reads this step's output; the eval prints one line.
      const got = i === 0 ? out : "<no more output>";
      const want = e.kind === "exact" ? e.text : await printed(runner, `return ${e.text};`);
      if (got === want) passed++;
      else failures.push(`line ${e.line}: ; ${step.text}\n    expected ${want}\n    got      ${got}`);
    }
  }
  return { file: path, passed, total, failures };
};

const findMoot = (p: string): string[] =>
  statSync(p).isDirectory() ? readdirSync(p).sort().flatMap((n) => findMoot(join(p, n))) : p.endsWith(".moot") ? [p] : [];

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  const verbose = args.includes("--verbose");
  const base = join(dirname(fileURLToPath(import.meta.url)), "../../../shared/conformance");
  const roots = args.filter((a) => a !== "--verbose");
  if (roots.length === 0 && !existsSync(base)) { console.error(`no transcripts at ${base}`); process.exitCode = 2; return; }
  const files = (roots.length > 0 ? roots : [base]).flatMap(findMoot);
  let filesPassed = 0, passed = 0, total = 0;
  for (const f of files) {
    const r = await runFile(f);
    passed += r.passed; total += r.total;
    if (r.passed === r.total) filesPassed++;
    console.log(`${r.passed === r.total ? "PASS" : "FAIL"} ${relative(base, f).padEnd(60)} ${r.passed}/${r.total}`);
    if (verbose) for (const x of r.failures) console.log(`     ${x}`);
  }
  console.log(`\n${filesPassed}/${files.length} files pass; ${passed}/${total} assertions pass`);
};

if (import.meta.url === `file://${process.argv[1]}`) void main();
