// The compiled form of a verb: plain data (clox Chunk, mooR PrgInner) that
// round-trips through a SQLite BLOB. Side tables hold bulky operands; the
// instruction's 24-bit operand indexes them.

import { type Value, T } from "./value.ts";

/** Bytecode format version: bump when the meaning of stored programs changes. */
export const PROGRAM_VERSION = 2;

/**
 * The variables a verb starts with (LambdaMOO's, then the extensions). A
 * program gets slots only for those it mentions, so a frame's environment is
 * as small as the verb; `init` says which slot starts as which.
 */
export const BUILTIN_VARS = [
  "NUM", "OBJ", "STR", "LIST", "ERR", "player", "this", "caller", "verb", "args", "argstr",
  "dobj", "dobjstr", "prepstr", "iobj", "iobjstr", "INT", "FLOAT", "MAP", "BOOL",
  "TYPE_INT", "TYPE_OBJ", "TYPE_STR", "TYPE_LIST", "TYPE_ERR", "TYPE_FLOAT", "TYPE_MAP", "TYPE_BOOL", "TYPE_NUM",
] as const;
export type BuiltinVar = (typeof BUILTIN_VARS)[number];
const BUILTIN_INDEX = new Map<string, number>(BUILTIN_VARS.map((n, i) => [n.toLowerCase(), i]));

/**
 * How a frame's variables start, worked out once per program from its names
 * so that a verb call copies one array and sets the few context slots the
 * verb mentions, instead of deciding slot by slot.
 */
export interface FrameInit {
  /** The starting variables: the type constants (NUM, OBJ, ...) set, every other slot unbound. */
  readonly template: readonly (Value | undefined)[];
  /** Slots of the context variables, -1 when the verb does not mention them. */
  readonly player: number;
  readonly self: number;
  readonly caller: number;
  readonly verb: number;
  readonly args: number;
  /** The command variables mentioned: pairs (slot, index in the command list; see host.ts commandVars). */
  readonly cmd: Int32Array;
}

const COMMAND_VARS = ["argstr", "dobj", "dobjstr", "prepstr", "iobj", "iobjstr"];
const TYPE_CODES: ReadonlyMap<string, number> = new Map([
  ["num", T.INT], ["int", T.INT], ["obj", T.OBJ], ["str", T.STR], ["list", T.LIST], ["err", T.ERR],
  ["float", T.FLOAT], ["map", T.MAP], ["bool", T.BOOL],
]);

export const frameInitOf = (names: readonly string[]): FrameInit => {
  const lower = names.map((n) => n.toLowerCase());
  const slot = (name: string): number => lower.indexOf(name);
  const cmd: number[] = [];
  const template = lower.map((n, i): Value | undefined => {
    if (!BUILTIN_INDEX.has(n)) return undefined;
    const c = COMMAND_VARS.indexOf(n);
    if (c >= 0) cmd.push(i, c);
    return TYPE_CODES.get(n.startsWith("type_") ? n.slice(5) : n);
  });
  return {
    template, player: slot("player"), self: slot("this"), caller: slot("caller"), verb: slot("verb"), args: slot("args"),
    cmd: Int32Array.from(cmd),
  };
};

/**
 * Side-table entries of the rare ops, discriminated by `t`. Hot ops keep
 * their operands in `Program.operands` instead: one Int32Array, so the VM's
 * reads stay monomorphic (object tables of mixed shapes made loops 3x slower).
 */
export type Table =
  /** TRY_EXCEPT: one arm per except clause (codes are on the stack); variable -1 when unbound. */
  | { readonly t: "except"; readonly arms: readonly { readonly pc: number; readonly variable: number }[] }
  /** FORK: body start, where the parent continues, and the variable for a named fork (-1). */
  | { readonly t: "fork"; readonly body: number; readonly after: number; readonly variable: number }
  /** SCATTER: kinds 0 required, 1 optional, 2 rest; defaultPc -1 when none. */
  | { readonly t: "scatter"; readonly items: readonly { readonly kind: 0 | 1 | 2; readonly variable: number; readonly defaultPc: number }[]; readonly done: number };

/**
 * Operand layouts in Program.operands, at the instruction's operand index:
 * FOR_LIST value slot, key slot (-1 for none), body pc; FOR_RANGE slot, body
 * pc (both fall through when done); EXIT target pc, stack depth, handler depth; ADD_VARS_PUT slots a, b, c;
 * INCR_VAR slot, k; GET_PROP_VAR and PUT_PROP_VAR slot, constant index of
 * the (lower-cased) name; BIN_VI slot, small int, BINOP code; CALL_VERB_VAR
 * slot, constant index of the verb name; IF_NOT_VI slot, small int, BINOP
 * code (a comparison), jump target; INDEX_VAR_INT slot, small int;
 * GET_PROP_VAR_PUT object slot, name constant, destination slot;
 * PUT_PROP_VAR_VAR object slot, name constant, source slot.
 */
export const OPERANDS = {
  FOR_LIST: 3, FOR_RANGE: 2, EXIT: 3, ADD_VARS_PUT: 3, INCR_VAR: 2, GET_PROP_VAR: 2, BIN_VI: 3, PUT_PROP_VAR: 2,
  CALL_VERB_VAR: 2, IF_NOT_VI: 4, INDEX_VAR_INT: 2, GET_PROP_VAR_PUT: 3, PUT_PROP_VAR_VAR: 3,
} as const;

export interface ProgramRuntime { vm: unknown; bound: unknown[] | null; sites: unknown[] | null }
export const newRuntime = (): ProgramRuntime => ({ vm: null, bound: null, sites: null });

export interface Program {
  readonly version: number;
  readonly code: Int32Array;
  readonly consts: readonly Value[];
  /** Variable names by slot, in order of first mention. */
  readonly names: readonly string[];
  /** frameInitOf(names): derived, not stored. */
  readonly init: FrameInit;
  /**
   * What a VM works out once per program (its builtins bound, its cache
   * sites), kept here because a lookup by program on every frame switch
   * (a WeakMap) cost more than the call itself. Runtime only, never stored;
   * `vm` says which VM filled it.
   */
  readonly runtime: ProgramRuntime;
  /** Builtin function names, bound to implementations when the program loads. */
  readonly funcs: readonly string[];
  readonly tables: readonly Table[];
  /** Operands of the hot ops (see OPERANDS). */
  readonly operands: Int32Array;
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
