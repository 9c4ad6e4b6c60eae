// The conformance transcript runner (../shared/conformance, `.moot` format).
// Each file runs against a fresh Test.db world in-process (moot-world.ts:
// the real scheduler, fake connections), lines typed and output read as a
// telnet session would, until the runner can talk to the server over
// telnet. Usage:
//   node dist/test/conformance.js [--verbose] [FILE_OR_DIR...]

import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { MootWorld } from "./moot-world.ts";

export interface Step {
  readonly line: number;
  /** `;` evaluate, `&` evaluate and ignore, `%` a typed command, `@` switch player (text is the role). */
  readonly kind: ";" | "&" | "%" | "@";
  readonly text: string;
  /** Expected outputs, in order: `expr` values to evaluate, or `exact` text. */
  readonly expect: readonly { readonly kind: "expr" | "exact"; readonly text: string; readonly line: number }[];
}

/** Parse a .moot transcript into steps (player switches are kept as no-op markers). */
export const parseMoot = (text: string): Step[] => {
  const steps: { line: number; kind: Step["kind"]; text: string; expect: Step["expect"][number][] }[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, "");
    const last = steps[steps.length - 1];
    if (raw.startsWith("//") || raw.trim() === "") continue;
    const who = /^@(wizard|programmer|nonprogrammer)\s*$/.exec(raw);
    if (who) { steps.push({ line: i + 1, kind: "@", text: who[1]!, expect: [] }); continue; }
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

const mooQuote = (s: string): string => `"${s.replace(/["\\]/g, (c) => "\\" + c)}"`;

const PLAYERS: Record<string, number> = { wizard: 3, programmer: 4, nonprogrammer: 5 };

/**
 * Run one transcript against a fresh Test.db world, as a telnet session would
 * see it: each line is typed, then each expected line is read as it arrives
 * (a task that sleeps first may print it later; see MootWorld.take).
 */
export const runFile = async (path: string, dumpPath: string): Promise<FileResult> => {
  const w = new MootWorld(dumpPath);
  try {
    const failures: string[] = [];
    let passed = 0, total = 0, player = 3;
    for (const step of parseMoot(readFileSync(path, "utf8"))) {
      if (step.kind === "@") { player = PLAYERS[step.text]!; continue; }
      const typed = step.kind === "%" ? step.text : `; ${step.text}`;
      await w.send(player, typed);
      // `&`: read what it prints (its first line, when one comes) and ignore it.
      if (step.kind === "&") { await w.take(player); w.drain(player); continue; }
      // After `;` with nothing expected, the output must evaluate to 0.
      const expects = step.expect.length > 0 || step.kind === "%" ? step.expect : [{ kind: "expr" as const, text: "0", line: step.line }];
      for (const e of expects) {
        total++;
        const got = (await w.take(player)) ?? "<no output>";
        const want = e.kind === "exact" ? e.text : await w.evaluate(player, `; return ${e.text};`);
        // After `%`, the printed line is compared as a string: with a string value's text.
        const ok = e.kind === "exact" ? got === want
          : step.kind === "%" ? want === mooQuote(got) || want === got
          : got === want || await w.evaluate(player, `; return ${got};`) === want;
        if (ok) passed++;
        else failures.push(`line ${e.line}: ${typed}\n    expected ${want}\n    got      ${got}`);
      }
      w.drain(player);
    }
    return { file: path, passed, total, failures };
  } finally {
    w.close();
  }
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
    const r = await runFile(f, join(base, "Test.db"));
    passed += r.passed; total += r.total;
    if (r.passed === r.total) filesPassed++;
    console.log(`${r.passed === r.total ? "PASS" : "FAIL"} ${relative(base, f).padEnd(60)} ${r.passed}/${r.total}`);
    if (verbose) for (const x of r.failures) console.log(`     ${x}`);
  }
  console.log(`\n${filesPassed}/${files.length} files pass; ${passed}/${total} assertions pass`);
  console.log(`${passed} passed, ${total - passed} failed`);
};

if (import.meta.url === `file://${process.argv[1]}`) void main();
