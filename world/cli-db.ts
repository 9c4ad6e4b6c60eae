// The database subcommands of `moo`: import a LambdaMOO textdump into a
// new SQLite world, export one back, and check a world's integrity. Each
// prints what it did and returns an exit status; bad input gets one clear
// message, never a stack trace.

import { readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { readTextdump, TextdumpError } from "../db/textdump-read.ts";
import { SqliteStore, DbError } from "../db/sqlite-store.ts";
import { checkWorld, formatFault } from "../db/check.ts";
import { World } from "../objects/world.ts";
import type { MooObject, StoredTask } from "../objects/model.ts";
import { writeTextdump, TextdumpWriteError } from "../db/textdump-write.ts";
import { forkToStored } from "./import-tasks.ts";
import { compileSource } from "../verbs/compile-source.ts";

export interface CompileFailure { readonly obj: number; readonly verb: string; readonly line: number; readonly message: string }

/** Compile every programmed verb, keeping the programs; what failed, by object, verb, line and message. */
export const compileAll = (objects: Iterable<MooObject>): { verbs: number; failures: CompileFailure[] } => {
  const failures: CompileFailure[] = [];
  let verbs = 0;
  for (const o of objects) {
    for (const v of o.verbs) {
      if (v.source === "") continue;
      verbs++;
      const r = compileSource(v.source);
      if (r.ok) v.program = r.program;
      else for (const e of r.errors) failures.push({ obj: o.id, verb: v.names, line: e.line, message: e.message });
    }
  }
  return { verbs, failures };
};

/** Flags and positional arguments: `--db PATH` and the like, each flag taking one value. */
const parseArgs = (args: string[], flags: readonly string[], bools: readonly string[] = []): { opts: Map<string, string>; rest: string[] } => {
  const opts = new Map<string, string>(), rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (bools.includes(a)) opts.set(a, "1");
    else if (flags.includes(a)) {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      opts.set(a, v);
    } else if (a.startsWith("--")) throw new UsageError(`unknown option ${a}`);
    else rest.push(a);
  }
  return { opts, rest };
};

export class UsageError extends Error {}

const fail = (cmd: string, e: unknown): number => {
  if (e instanceof UsageError || e instanceof DbError || e instanceof TextdumpError || e instanceof TextdumpWriteError) {
    console.error(`moo ${cmd}: ${e.message}`);
    return e instanceof UsageError ? 2 : 1;
  }
  throw e;
};

export interface Imported {
  readonly objects: number;
  readonly verbs: number;
  readonly failures: readonly CompileFailure[];
  readonly players: number;
  readonly tasks: number;
  readonly skipped: readonly { id: number; reason: string }[];
}

/**
 * A LambdaMOO textdump's text written as a new SQLite world at dbPath, its
 * verbs compiled and its forked tasks queued: what `moo import` does, and
 * what the transcript runner does for each fresh server.
 */
export const importTextdump = (text: string, dbPath: string): Imported => {
  const dump = readTextdump(text);
  const { verbs, failures } = compileAll(dump.objects);
  const tasks: StoredTask[] = [];
  const skipped = [...dump.skippedTasks];
  for (const f of dump.forks) {
    const t = forkToStored(f, tasks.length);
    if (typeof t === "string") skipped.push({ id: f.id, reason: t });
    else tasks.push(t);
  }
  const store = SqliteStore.open(dbPath, { create: true });
  try {
    const nextId = Math.max(1, ...dump.forks.map((f) => f.id + 1));
    store.writeAll(dump.objects, dump.maxObject, { saveTasks: tasks, meta: new Map([["next_task_id", String(nextId)]]) });
  } finally {
    store.close();
  }
  return { objects: dump.objects.length, verbs, failures, players: dump.players.length, tasks: tasks.length, skipped };
};

/** `moo import FILE.db --db world.sqlite [--replace]` */
export const runImport = (args: string[]): number => {
  try {
    const { opts, rest } = parseArgs(args, ["--db"], ["--replace"]);
    const [file] = rest;
    const dbPath = opts.get("--db");
    if (!file || !dbPath || rest.length > 1) throw new UsageError("usage: moo import FILE.db --db world.sqlite [--replace]");
    if (existsSync(dbPath) && statSync(dbPath).size > 0 && !opts.has("--replace")) {
      throw new UsageError(`${dbPath} already exists; pass --replace to import over it`);
    }
    const t0 = performance.now();
    const r = importTextdump(readFileSync(file, "latin1"), dbPath);
    const ms = performance.now() - t0;
    for (const f of r.failures) console.log(`compile error: #${f.obj}:${f.verb}, line ${f.line}: ${f.message}`);
    for (const t of r.skipped) console.log(`task ${t.id} not imported: ${t.reason}`);
    console.log(`imported ${file}: ${r.objects} objects, ${r.verbs} programmed verbs, ${r.failures.length} failed to compile, ` +
      `${r.players} players, ${r.tasks} forked tasks (${r.skipped.length} tasks skipped), in ${ms.toFixed(0)} ms`);
    return 0;
  } catch (e) {
    return fail("import", e);
  }
};

/** Open a world database and load it into memory (for export and check). */
const loadWorld = (dbPath: string): { store: SqliteStore; world: World } => {
  const store = SqliteStore.open(dbPath);
  const world = new World(store);
  const loaded = store.loadWorld();
  world.load(loaded.objects, loaded.maxObject);
  return { store, world };
};

/**
 * `moo export --db world.sqlite FILE.db`: a format 4 textdump LambdaMOO 1.8
 * loads. Queued tasks are not written (their count is reported): LambdaMOO
 * could not run our bytecode's continuations.
 */
export const runExport = (args: string[]): number => {
  let store: SqliteStore | null = null;
  try {
    const { opts, rest } = parseArgs(args, ["--db"]);
    const [file] = rest;
    const dbPath = opts.get("--db");
    if (!file || !dbPath || rest.length > 1) throw new UsageError("usage: moo export --db world.sqlite FILE.db");
    const t0 = performance.now();
    const loaded = loadWorld(dbPath);
    store = loaded.store;
    const text = writeTextdump(loaded.world);
    writeFileSync(file, text, "latin1");
    const tasks = store.loadTasks().length;
    console.log(`exported ${dbPath} to ${file}: ${[...loaded.world.all()].length} objects, ${text.length} bytes, in ` +
      `${(performance.now() - t0).toFixed(0)} ms${tasks > 0 ? `; ${tasks} queued tasks not written` : ""}`);
    return 0;
  } catch (e) {
    return fail("export", e);
  } finally {
    store?.close();
  }
};

/** `moo check --db world.sqlite`: exit 1 when any error is found (warnings are listed). */
export const runCheck = (args: string[]): number => {
  let store: SqliteStore | null = null;
  try {
    const { opts, rest } = parseArgs(args, ["--db"]);
    const dbPath = opts.get("--db");
    if (!dbPath || rest.length > 0) throw new UsageError("usage: moo check --db world.sqlite");
    const loaded = loadWorld(dbPath);
    store = loaded.store;
    const faults = checkWorld(loaded.world);
    for (const f of faults) console.log(formatFault(f));
    const errors = faults.filter((f) => f.severity === "error").length;
    console.log(`${dbPath}: ${[...loaded.world.all()].length} objects checked; ${errors} errors, ${faults.length - errors} warnings`);
    return errors > 0 ? 1 : 0;
  } catch (e) {
    return fail("check", e);
  } finally {
    store?.close();
  }
};
