// The web client's requests as MOO tasks: each editor or console action is
// a fixed MOO program, compiled once, run by the scheduler as a task of the
// requesting player with that player's rights, so every read and change
// goes through the builtins and their permission checks, exactly as the
// player's own code would. There is no side door: this file never touches
// the world itself.

import { type Value, type Box, T, mkList, mkMap, MooMap, listOf, errorName } from "../verbs/value.ts";
import { compileSource } from "../verbs/compile-source.ts";
import { formatDiagnostic } from "../grammar/parse.ts";
import type { Program } from "../verbs/program.ts";
import type { Scheduler } from "./scheduler.ts";

/** A request's answer: its value, or the MOO error it raised (E_PERM, ...) with the error's message. */
export type Answer = { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly error: string; readonly message: string };

/** JSON a request carries, and the MOO values it becomes: numbers, strings, lists, and objects as maps. */
export type Json = number | string | boolean | null | readonly Json[] | { readonly [k: string]: Json };

export class PlayerRequests {
  constructor(private readonly scheduler: Scheduler) {}

  /**
   * Compile `body` (statements that `return` the answer), wrapped so that any
   * error it raises comes back as a value rather than a traceback printed to
   * the player: {1, value} or {0, code, message}.
   */
  static program(body: string): Program {
    const c = compileSource(`try\n${body}\nexcept e (ANY)\nreturn {0, e[1], e[2]};\nendtry`);
    if (!c.ok) throw new Error(`a client request program does not compile: ${c.errors.map(formatDiagnostic).join("; ")}`);
    return c.program;
  }

  /** Run a program from program() as `player` with `args`; `verb` names it in queued_tasks() and tracebacks. */
  async run(player: number, program: Program, args: Value[], verb: string): Promise<Answer> {
    const v = await this.scheduler.runAs(player, program, args, verb);
    if (v === undefined || typeof v !== "object" || v.tag !== T.LIST) {
      return { ok: false, error: "FAILED", message: "The request did not finish (out of ticks or seconds?)." };
    }
    const [flag, a, b] = listOf(v);
    if (flag === 1) return { ok: true, value: a ?? 0 };
    const code = typeof a === "object" && a.tag === T.ERR ? errorName(a.n) : "FAILED";
    return { ok: false, error: code, message: typeof b === "string" ? b : code };
  }
}

/** JSON from the wire as a MOO value: the request validator has already checked its shape. */
export const fromJson = (j: Json): Value => {
  if (typeof j === "number" || typeof j === "string") return j;
  if (typeof j === "boolean") return j ? 1 : 0;
  if (j === null) return 0;
  if (Array.isArray(j)) return mkList((j as readonly Json[]).map(fromJson));
  const m = new MooMap();
  for (const [k, v] of Object.entries(j as { readonly [k: string]: Json })) m.setMut(k, fromJson(v));
  return mkMap(m);
};

// ---- reading answers: the request programs' shapes are fixed, so these only guard against surprises ----

export const int = (v: Value | undefined): number => (typeof v === "number" ? v : 0);
export const str = (v: Value | undefined): string => (typeof v === "string" ? v : "");
export const obj = (v: Value | undefined): number => (typeof v === "object" && v.tag === T.OBJ ? v.n : -1);
export const list = (v: Value | undefined): Value[] => (typeof v === "object" && v.tag === T.LIST ? listOf(v as Box) : []);
export const strings = (v: Value | undefined): string[] => list(v).map(str);
