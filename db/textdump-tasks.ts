// The sections after a textdump's verb programs (tasks.c read_task_queue,
// execute.c read_activ, eval_vm.c read_vm, server.c read_active_connections):
// obsolete clocks, forked tasks, suspended tasks and checkpointed connections.
// Forked tasks are returned as source and variables; suspended tasks are
// parsed exactly but not converted, since their frames hold bytecode positions.

import type { Value } from "../verbs/value.ts";
import { parseProgram } from "../grammar/parse.ts";
import { type Lines, readVar, UNBOUND } from "./textdump-values.ts";

/** A forked task waiting to run, as LambdaMOO saved it. */
export interface ImportedFork {
  readonly id: number;
  /** When it is due to run, in Unix seconds. */
  readonly startTime: number;
  /** The line of the verb where the fork body starts (for tracebacks). */
  readonly firstLineno: number;
  readonly this: number;
  readonly player: number;
  readonly programmer: number;
  /** The object that defines the verb (LambdaMOO's vloc). */
  readonly verbLocation: number;
  /** The name the verb was called by: the `verb` variable. */
  readonly verb: string;
  /** The names of the verb's definition, as verb_info shows them. */
  readonly verbNames: string;
  /** The verb's d flag when the fork was made. */
  readonly debug: boolean;
  /** The fork body alone, as LambdaMOO unparsed it (fully parenthesized). */
  readonly source: string;
  /** Every assigned variable, by lower-cased name; never-assigned ones are absent. */
  readonly variables: ReadonlyMap<string, Value>;
}

export interface SkippedTask { readonly id: number; readonly reason: string }

/** A connection open when the dump was made; the server tells the core it was dropped. */
export interface CheckpointedConnection { readonly player: number; readonly listener: number }

export interface TaskSections {
  readonly forks: ImportedFork[];
  readonly skippedTasks: SkippedTask[];
  readonly connections: CheckpointedConnection[];
}

const INT = "(-?\\d+)";
const line = (...parts: string[]): RegExp => new RegExp(`^${parts.join(" ")}$`);

/** Reads every section from "N clocks" to the end of the file. */
export const readTaskSections = (r: Lines): TaskSections => {
  const forks: ImportedFork[] = [], skippedTasks: SkippedTask[] = [], connections: CheckpointedConnection[] = [];

  for (let n = count(r, "clocks"); n > 0; n--) r.match(line(INT, INT, INT), "a clock (three numbers)");

  for (let n = count(r, "queued tasks"); n > 0; n--) {
    const head = r.match(line(INT, INT, INT, INT), "a queued task header (0, line, start time, id)");
    const [firstLineno, startTime, id] = [Number(head[2]), Number(head[3]), Number(head[4])];
    const a = readActivationInfo(r);
    const variables = readVariables(r);
    const source = r.program("the forked program");
    const parsed = parseProgram(source);
    if (!parsed.ok) {
      const e = parsed.errors[0]!;
      skippedTasks.push({ id, reason: `forked task in #${a.verbLocation}:${a.verbNames}: its body does not parse (line ${e.line}: ${e.message})` });
      continue;
    }
    forks.push({ id, startTime, firstLineno, ...a, source, variables });
  }

  // Each later section is absent from dumps older than it (LambdaMOO stops at the end of the file).
  if (atEnd(r)) return { forks, skippedTasks, connections };
  for (let n = count(r, "suspended tasks"); n > 0; n--) skippedTasks.push(readSuspendedTask(r));

  if (atEnd(r)) return { forks, skippedTasks, connections };
  const conns = r.match(/^(\d+) active connections( with listeners)?$/, "\"N active connections with listeners\"");
  for (let n = Number(conns[1]); n > 0; n--) {
    if (conns[2]) {
      const m = r.match(line(INT, INT), "a connection (player and listener)");
      connections.push({ player: Number(m[1]), listener: Number(m[2]) });
    } else connections.push({ player: r.num("a connected player"), listener: 0 });
  }
  if (!atEnd(r)) {
    const text = r.next("the end of the file");
    throw r.fail(`unexpected text after the last section: ${JSON.stringify(text.slice(0, 60))}`);
  }
  return { forks, skippedTasks, connections };
};

/** Blank lines after the last section are harmless; LambdaMOO never reads them. */
const atEnd = (r: Lines): boolean => {
  while (r.peek() === "") r.next("a blank line");
  return r.atEnd;
};

const count = (r: Lines, what: string): number =>
  Number(r.match(new RegExp(`^(\\d+) ${what}$`), `"N ${what}"`)[1]);

interface ActivationInfo {
  readonly this: number; readonly player: number; readonly programmer: number; readonly verbLocation: number;
  readonly verb: string; readonly verbNames: string; readonly debug: boolean;
}

/** read_activ_as_pi: a dummy value, nine numbers (four of them placeholders), four old parse strings, two names. */
const readActivationInfo = (r: Lines): ActivationInfo => {
  readVar(r); // LambdaMOO 1.8 writes -111 here, older servers the parse info it replaced
  const m = r.match(line(INT, INT, INT, INT, INT, INT, INT, INT, INT), "an activation's nine numbers");
  for (const what of ["argstr", "dobjstr", "iobjstr", "prepstr"]) r.next(`the old ${what} line`);
  return {
    this: Number(m[1]), player: Number(m[4]), programmer: Number(m[6]), verbLocation: Number(m[7]),
    verb: r.next("the verb name"), verbNames: r.next("the verb's names"), debug: Number(m[9]) !== 0,
  };
};

/** read_rt_env: "N variables", then each name and its value. */
const readVariables = (r: Lines): Map<string, Value> => {
  const vars = new Map<string, Value>();
  for (let n = count(r, "variables"); n > 0; n--) {
    const name = r.next("a variable name");
    const v = readVar(r);
    if (v === UNBOUND) continue;
    if (typeof v === "symbol") throw r.fail(`variable ${name} holds a marker, not a value`);
    vars.set(name.toLowerCase(), v);
  }
  return vars;
};

/** A suspended task (write_suspended_task, write_vm), parsed to its end so the sections after it can be read. */
const readSuspendedTask = (r: Lines): SkippedTask => {
  const head = r.match(/^(-?\d+) (-?\d+)(?: (-?\d+))?$/, "a suspended task header (start time, id[, value type])");
  const [startTime, id] = [Number(head[1]), Number(head[2])];
  if (head[3] !== undefined) readVar(r, Number(head[3]));
  const vm = r.match(/^(\d+) (-?\d+) (\d+)(?: (\d+))?$/, "a task's frame header (top, vector, function id[, max depth])");
  const frames: ActivationInfo[] = [];
  for (let i = Number(vm[1]); i >= 0; i--) frames.push(readFrame(r));
  const top = frames[frames.length - 1]!;
  return {
    id,
    reason: `suspended task in #${top.verbLocation}:${top.verbNames} (due at ${startTime}): `
      + "its frames hold LambdaMOO bytecode positions, which this server cannot convert",
  };
};

/** read_activ: one frame of a suspended task. */
const readFrame = (r: Lines): ActivationInfo => {
  // Formats before 2 (DBV_Float) have no per-frame language version.
  if (r.format >= 2) {
    const v = Number(r.match(/^language version (\d+)$/, "\"language version N\"")[1]);
    if (v > 4) throw r.fail(`language version ${v} is not one LambdaMOO 1.8 writes`);
  }
  r.program("a suspended frame's program");
  readVariables(r);
  for (let n = count(r, "rt_stack slots in use"); n > 0; n--) readVar(r);
  const info = readActivationInfo(r);
  readVar(r);
  const pcs = r.match(/^(\d+) (\d+)(?: (\d+))?$/, "a frame's pc, builtin pc[ and error pc]");
  if (Number(pcs[2]) !== 0) readBuiltinState(r, r.next("a builtin function name"));
  return info;
};

/**
 * The saved state of the builtin a frame was inside. Only these four of
 * LambdaMOO 1.8's builtins save any (their bf_*_write functions); the rest
 * save nothing after their name.
 */
const readBuiltinState = (r: Lines, name: string): void => {
  switch (name) {
    case "move": r.match(/^bf_move data: what = -?\d+, where = -?\d+$/, "move()'s saved state"); return;
    case "create": r.match(/^bf_create data: oid = -?\d+$/, "create()'s saved state"); return;
    case "recycle": r.match(/^bf_recycle data: oid = -?\d+, cont = -?\d+$/, "recycle()'s saved state"); return;
    case "call_function": {
      const m = r.match(/^bf_call_function data: fname = (.*)$/, "call_function()'s saved state");
      readBuiltinState(r, m[1]!);
      return;
    }
    default: return;
  }
};
