// The compiled form of a verb: plain data (clox Chunk, mooR PrgInner) that
// round-trips through a SQLite BLOB. Side tables hold bulky operands; the
// instruction's 24-bit operand indexes them.

import type { Value } from "./value.ts";

/** Bytecode format version: bump when the meaning of stored programs changes. */
export const PROGRAM_VERSION = 1;

/**
 * Variables every frame starts with, in slot order. Stored programs depend on
 * this order: append only.
 */
export const BUILTIN_VARS = [
  "NUM", "OBJ", "STR", "LIST", "ERR", "player", "this", "caller", "verb", "args", "argstr",
  "dobj", "dobjstr", "prepstr", "iobj", "iobjstr", "INT", "FLOAT", "MAP", "BOOL",
  "TYPE_INT", "TYPE_OBJ", "TYPE_STR", "TYPE_LIST", "TYPE_ERR", "TYPE_FLOAT", "TYPE_MAP", "TYPE_BOOL", "TYPE_NUM",
] as const;
export const VAR = Object.fromEntries(BUILTIN_VARS.map((n, i) => [n, i])) as { [K in (typeof BUILTIN_VARS)[number]]: number };

/** Side-table entries, discriminated by `t`. */
export type Table =
  /** FOR_LIST: loop variables and exit. key is -1 for `for v in`. */
  | { readonly t: "list"; readonly value: number; readonly key: number; readonly exit: number }
  /** FOR_RANGE: loop variable and exit. */
  | { readonly t: "range"; readonly variable: number; readonly exit: number }
  /** TRY_EXCEPT: one arm per except clause (codes are on the stack); variable -1 when unbound. */
  | { readonly t: "except"; readonly arms: readonly { readonly pc: number; readonly variable: number }[] }
  /** EXIT (break/continue): target pc, the stack depth and handler depth to unwind to. */
  | { readonly t: "exit"; readonly pc: number; readonly sp: number; readonly handlers: number }
  /** FORK: body start, where the parent continues, and the variable for a named fork (-1). */
  | { readonly t: "fork"; readonly body: number; readonly after: number; readonly variable: number }
  /** SCATTER: kinds 0 required, 1 optional, 2 rest; defaultPc -1 when none. */
  | { readonly t: "scatter"; readonly items: readonly { readonly kind: 0 | 1 | 2; readonly variable: number; readonly defaultPc: number }[]; readonly done: number }
  /** ADD_VARS_PUT: env[c] = env[a] + env[b]. */
  | { readonly t: "add"; readonly a: number; readonly b: number; readonly c: number }
  /** INCR_VAR: env[v] = env[v] + k. */
  | { readonly t: "incr"; readonly variable: number; readonly k: number }
  /** GET_PROP_VAR: env[v].name. */
  | { readonly t: "prop"; readonly variable: number; readonly name: string };

export interface Program {
  readonly version: number;
  readonly code: Int32Array;
  readonly consts: readonly Value[];
  /** Variable names by slot (BUILTIN_VARS first). */
  readonly names: readonly string[];
  /** Builtin function names, bound to implementations when the program loads. */
  readonly funcs: readonly string[];
  readonly tables: readonly Table[];
  /** pc-to-line: pairs (first pc of a statement, its line in the canonical listing), sorted by pc. */
  readonly lines: Int32Array;
  /** Deepest value stack the code can reach. */
  readonly maxStack: number;
}

/** Line of the statement containing pc (LambdaMOO's find_line_number). */
export const lineOf = (p: Program, pc: number): number => {
  const l = p.lines;
  let line = l.length > 1 ? l[1]! : 1;
  for (let i = 0; i < l.length; i += 2) {
    if (l[i]! > pc) break;
    line = l[i + 1]!;
  }
  return line;
};
