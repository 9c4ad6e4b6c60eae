// Opcode numbers and instruction encoding. These numbers are stored in the
// database inside compiled programs: append only; never renumber or reuse.
// One Int32 word per instruction: low 8 bits opcode, high 24 bits signed operand.

export const Op = {
  // operand: stack effect.                                             ticks
  PUSH_CONST: 1, //   k: push consts[k]                                  0
  PUSH_INT: 2, //     n: push small int n                                0
  PUSH_VAR: 3, //     slot: push env[slot] (E_VARNF if unbound)          0
  PUT_VAR: 4, //      slot: env[slot] = top (top stays)                  1
  POP: 5, //          -: drop top                                        0
  PUT_VAR_POP: 6, //  slot: env[slot] = pop                              1
  OWN_PUT_POP: 7, //  slot: env[slot] = pop, a fresh list becomes OWNED  1
  ADD: 8, //          -: a b -> a+b                                      1
  SUB: 9, //         -: a b -> a-b                                      1
  MUL: 10, //         -: a b -> a*b                                      1
  DIV: 11, //         -: a b -> a/b                                      1
  MOD: 12, //         -: a b -> a%b                                      1
  POW: 13, //         -: a b -> a^b                                      1
  NEG: 14, //         -: a -> -a                                         1
  NOT: 15, //         -: a -> !a                                         1
  EQ: 16, NE: 17, LT: 18, LE: 19, GT: 20, GE: 21, // a b -> bool         1
  IN: 22, //          -: a b -> position of a in b                       1
  AND: 23, //         pc: if !top jump (top stays), else pop             1
  OR: 24, //          pc: if top jump (top stays), else pop              1
  BITAND: 25, BITOR: 26, BITXOR: 27, SHL: 28, SHR: 29, // a b -> r       1
  COMPL: 30, //       -: a -> ~a                                         1
  JUMP: 31, //        pc: jump                                           0
  IF_FALSE: 32, //    pc: pop; jump if false (if/elseif/while)           1
  COND_FALSE: 33, //  pc: pop; jump if false (?| expression)             1
  FOR_LIST: 34, //    k: operands; stack [list idx]: next -> body, or pop 2   1
  FOR_RANGE: 35, //   k: operands; stack [cur to]: next -> body, or pop 2    1
  LIST_NEW: 36, //    n: n values -> list                                0
  LIST_PUSH: 37, //   -: list v -> list with v appended (fresh list)     0
  LIST_SPLICE: 38, // -: list v -> list with v's elements (fresh list)   1
  MAP_NEW: 39, //     n: k1 v1 .. kn vn -> map                           0
  INDEX: 40, //       -: base i -> base[i]                               1
  RANGE: 41, //       -: base a b -> base[a..b]                          1
  LENGTH: 42, //      d: push length of stack[top-d] (`$`)               0
  FIRST: 43, //       d: push first index of stack[top-d] (`^`)          0
  GET_PROP: 44, //    -: obj name -> value                               1
  PUSH_GET_PROP: 45, // -: obj name -> obj name value                    1
  PUT_PROP: 46, //    -: obj name v -> v                                 1
  INDEX_SET: 47, //   -: base i v -> base'                               1
  RANGE_SET: 48, //   -: base a b v -> base'                             1
  PUSH_REF: 49, //    -: base i -> base i base[i]                        1
  PUSH_RANGE_REF: 50, // -: base a b -> base a b base[a..b]             1
  PUT_TEMP: 51, //    -: temp = top                                      0
  PUSH_TEMP: 52, //   -: push temp                                       0
  CALL_VERB: 53, //   -: obj name args -> result                         1
  CALL_BUILTIN: 54, // f: args -> result (funcs[f])                      1
  RETURN: 55, //      -: pop value, return it                            0
  RETURN0: 56, //     -: return 0                                        0
  DONE: 57, //        -: end of program / fork body: return 0            0
  TRY_CATCH: 58, //   pc: codes -> (handler pushed)                      1
  END_CATCH: 59, //   pc: pop handler, jump                              0
  TRY_EXCEPT: 60, //  t: n code lists -> (handler pushed)                1
  END_EXCEPT: 61, //  pc: pop handler, jump                              0
  TRY_FINALLY: 62, // pc: push finally handler                           1
  END_FINALLY_BODY: 63, // -: pop handler, push FALLTHRU marker          0
  END_FINALLY: 64, // -: continue the unwinding the marker records       0
  EXIT: 65, //        t: break/continue via exit table[t]                1
  FORK: 66, //        t: delay -> (new task from fork table[t])          1
  SCATTER: 67, //     t: list -> list (assigns per scatter table[t])     1
  DUP: 68, //         -: a -> a a                                        0
  CATCH_VALUE: 69, // -: replace caught error list by its code          0
  SWAP: 70, //        -: a b -> b a                                      0
  // Fused instructions for hot shapes (same ticks as the ops they replace).
  ADD_VARS_PUT: 71, // t: env[c] = env[a] + env[b]  (fused table[t])     2
  INCR_VAR: 72, //    t: env[a] = env[a] + k                             2
  APPEND_VAR: 73, //  slot: v -> ; env[slot] = {@env[slot], v}          2
  INDEX_SET_VAR: 74, // slot: i v -> ; env[slot][i] = v                  2
  INDEX_VAR: 75, //   slot: i -> env[slot][i]                            1
  GET_PROP_VAR: 76, // t: push env[a].name (prop table[t])               1
  PUT_PROP_POP: 77, // -: obj name v -> (property set, nothing left)     1
  APPEND_VAR_MANY: 78, // slot: list of values -> ; env[slot] = {@env[slot], @list}  2
  IF_TRUE: 79, //     pc: pop; jump if true (while loop test)            1
  BIN_VI: 80, //      k: operands [slot, int, BINOP]: push env[slot] op int  1
  USHR: 81, //        -: a b -> a >>> b (logical shift right, 64 bits)  1
  PUT_PROP_VAR: 82, // k: operands [slot, name const]: v -> ; env[slot].name = v  1
  CALL_VERB_VAR: 83, // k: operands [slot, name const]: args -> env[slot]:name(@args)  1
  IF_NOT_VI: 84, //   k: operands [slot, int, BINOP, pc]: jump unless env[slot] op int  2
  INDEX_VAR_INT: 85, // k: operands [slot, int]: push env[slot][int]               1
  GET_PROP_VAR_PUT: 86, // k: operands [slot, name const, dest]: env[dest] = env[slot].name  2
  PUT_PROP_VAR_VAR: 87, // k: operands [slot, name const, src]: env[slot].name = env[src]    1
  ADD_TO_VAR: 88, //  slot: v -> ; env[slot] = env[slot] + v (slot certainly bound)  2
  SCATTER_VAR: 89, // k: operands [slot, table]: ; scatter env[slot] per table (a statement)  1
  CALL_VERB_VAR_N: 90, // k: operands [slot, name const, n]: n values -> env[slot]:name(values)  1
  RETURN_VAR: 91, //  slot: return env[slot] (PUSH_VAR + RETURN)                     0
} as const;

/** The operators BIN_VI fuses (its third operand). Stored in programs: append only. */
export const BINOP = { ADD: 0, SUB: 1, MUL: 2, MOD: 3, EQ: 4, NE: 5, LT: 6, LE: 7, GT: 8, GE: 9 } as const;
export type OpName = keyof typeof Op;

export const OP_NAMES: string[] = [];
for (const [k, v] of Object.entries(Op)) if (OP_NAMES[v] === undefined) OP_NAMES[v] = k;

/** Ticks charged per opcode, as LambdaMOO charges them (statement control, arithmetic, calls, assignment). */
export const OP_TICKS = new Uint8Array(256);
for (const name of [
  "PUT_VAR", "PUT_VAR_POP", "OWN_PUT_POP", "ADD", "SUB", "MUL", "DIV", "MOD", "POW", "NEG", "NOT",
  "EQ", "NE", "LT", "LE", "GT", "GE", "IN", "AND", "OR", "BITAND", "BITOR", "BITXOR", "SHL", "SHR", "COMPL",
  "IF_FALSE", "IF_TRUE", "COND_FALSE", "FOR_LIST", "FOR_RANGE", "LIST_SPLICE", "INDEX", "RANGE", "GET_PROP", "PUSH_GET_PROP",
  "PUT_PROP", "INDEX_SET", "RANGE_SET", "PUSH_REF", "PUSH_RANGE_REF", "CALL_VERB", "CALL_BUILTIN",
  "TRY_CATCH", "TRY_EXCEPT", "TRY_FINALLY", "EXIT", "FORK", "SCATTER", "INDEX_VAR", "GET_PROP_VAR", "PUT_PROP_POP", "BIN_VI", "USHR", "PUT_PROP_VAR", "CALL_VERB_VAR", "INDEX_VAR_INT", "PUT_PROP_VAR_VAR",
  "SCATTER_VAR", "CALL_VERB_VAR_N",
] as const) OP_TICKS[Op[name]] = 1;
for (const name of ["ADD_VARS_PUT", "INCR_VAR", "APPEND_VAR", "INDEX_SET_VAR", "APPEND_VAR_MANY", "IF_NOT_VI", "GET_PROP_VAR_PUT", "ADD_TO_VAR"] as const) OP_TICKS[Op[name]] = 2;

export const word = (op: number, arg = 0): number => (arg << 8) | op;
export const opOf = (w: number): number => w & 0xff;
export const argOf = (w: number): number => w >> 8;
export const MAX_ARG = (1 << 23) - 1;
