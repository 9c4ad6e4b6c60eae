// `npm run conformance`: the conformance transcripts (../shared/conformance,
// `.moot` format) run over telnet, each file against a fresh server on a copy
// of Test.db (moot-runner.ts). Files are reported in the README's groups: the
// ones LambdaMOO itself passes, then the extensions we aim for, then the rest.
// The last line is always `N passed, M failed` (assertions). Usage:
//   node dist/test/conformance.js [--verbose] [FILE_OR_DIR...]

import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runMoot, type FileResult } from "./moot-runner.ts";

/** README.md, "Which files we must pass": the 26 files LambdaMOO 1.8 passes (paths without `.moot`). */
const LAMBDAMOO_COMPATIBLE: readonly string[] = [
  "kernel/algorithms", "kernel/basic/arithmetic", "kernel/basic/object", "kernel/basic/property", "kernel/equality",
  "kernel/eval/nonprogrammer", "kernel/eval/nonprogrammer_bf", "kernel/example", "kernel/moocode_parsing",
  "kernel/objects/test_clear_properties", "kernel/objects/test_command_verbs_and_inheritance",
  "kernel/objects/test_create_errors", "kernel/objects/test_move", "kernel/objects/test_parent_chparent_errors",
  "kernel/objects/test_pass", "kernel/objects/test_properties_and_inheritance",
  "kernel/objects/test_various_things_that_can_go_wrong", "kernel/objects/test_verbs_and_invocation_and_inheritance",
  "kernel/objects/test_ways_of_specifying_nothing",
  "kernel/regression/change_programmer_wizard_flags", "kernel/regression/parentless_pass_invind",
  "kernel/regression/player_assignment_propagation", "kernel/regression/properties_does_not_list_parent_props",
  "kernel/regression/setting_undefined_property_fails",
  "telnet/echo", "telnet/huh",
];

/**
 * The README's extension files (DESIGN.md's extensions), and last the three
 * it lists as dialect differences: we keep LambdaMOO's `is_member()` there,
 * so they fail on purpose and are reported, not hidden.
 */
const EXTENSIONS: readonly string[] = [
  "kernel/basic/list", "kernel/basic/string", "kernel/string_operations", "kernel/basic/value", "kernel/create",
  "kernel/recycle", "kernel/bitwise", "kernel/looping", "kernel/map", "kernel/truthiness", "kernel/eval/eval_initial_env",
  "kernel/math", "kernel/objects/test_isa", "kernel/time", "kernel/uuid", "telnet/suspend_read_notify",
  "kernel/objects/test_create", "kernel/objects/test_parent_chparent", "kernel/objects/test_recycle",
];

interface Group { readonly title: string; readonly members: readonly string[] | null }
const GROUPS: readonly Group[] = [
  { title: "LambdaMOO-compatible", members: LAMBDAMOO_COMPATIBLE },
  { title: "Extensions", members: EXTENSIONS },
  { title: "Not targeted", members: null },
];

const findMoot = (p: string): string[] =>
  statSync(p).isDirectory() ? readdirSync(p).sort().flatMap((n) => findMoot(join(p, n))) : p.endsWith(".moot") ? [p] : [];

/** A file's name as the README writes it: relative to the conformance folder (else to here), without `.moot`. */
const nameOf = (base: string, file: string): string => {
  const inBase = relative(base, file);
  return (inBase.startsWith("..") ? relative(process.cwd(), file) : inBase).replace(/\.moot$/, "");
};

/** The files of each group, in the group's order (the listed ones) or by path (the rest). */
const grouped = (base: string, files: readonly string[]): { group: Group; files: string[] }[] => {
  const byName = new Map(files.map((f) => [nameOf(base, f), f]));
  const listed = new Set([...LAMBDAMOO_COMPATIBLE, ...EXTENSIONS]);
  return GROUPS.map((group) => ({
    group,
    files: group.members
      ? group.members.flatMap((n) => byName.get(n) ?? [])
      : files.filter((f) => !listed.has(nameOf(base, f))),
  }));
};

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  const verbose = args.includes("--verbose");
  const base = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/conformance");
  const roots = args.filter((a) => a !== "--verbose");
  const dumpPath = join(base, "Test.db");
  if (!existsSync(dumpPath)) { console.error(`no Test.db at ${dumpPath}`); process.exitCode = 2; return; }
  const dump = readFileSync(dumpPath, "latin1");
  const files = (roots.length > 0 ? roots.map((r) => resolve(r)) : [base]).flatMap(findMoot);
  const t0 = performance.now();
  let passed = 0, total = 0;
  for (const { group, files: members } of grouped(base, files)) {
    if (members.length === 0) continue;
    console.log(`== ${group.title}`);
    let filesPassed = 0, groupPassed = 0, groupTotal = 0;
    for (const f of members) {
      const r: FileResult = await runMoot(f, dump);
      const ok = r.passed === r.total && r.failures.length === 0;
      if (ok) filesPassed++;
      groupPassed += r.passed; groupTotal += r.total;
      console.log(`${ok ? "PASS" : "FAIL"} ${nameOf(base, f).padEnd(62)} ${`${r.passed}/${r.total}`.padStart(7)} ${(r.ms / 1000).toFixed(1)}s`);
      if (verbose) for (const x of r.failures) console.log(`     ${x}`);
    }
    // Of the whole conformance folder, a listed file that is missing counts as not passed.
    const wanted = roots.length === 0 && group.members ? group.members.length : members.length;
    console.log(`${group.title}: ${filesPassed}/${wanted} files, ${groupPassed}/${groupTotal} assertions\n`);
    passed += groupPassed; total += groupTotal;
  }
  console.log(`${files.length} files in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${total - passed} failed`);
};

// node --test runs every file under a test/ folder, this one too, with the file as argv[1]: it marks
// its children with NODE_TEST_CONTEXT, and there this file is only a module.
if (import.meta.url === `file://${process.argv[1]}` && process.env["NODE_TEST_CONTEXT"] === undefined) void main();
