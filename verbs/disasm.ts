// Disassembler: a readable listing of a Program, for compiler tests and
// debugging (clox debug.c, LambdaMOO disassemble()).

import { toLiteral } from "./value.ts";
import { OP_NAMES, Op } from "./opcodes.ts";
import type { Program } from "./program.ts";

const VAR_OPS = new Set<number>([
  Op.ADD_TO_VAR,
  Op.PUSH_VAR, Op.RETURN_VAR, Op.PUT_VAR, Op.PUT_VAR_POP, Op.OWN_PUT_POP, Op.APPEND_VAR, Op.APPEND_VAR_MANY, Op.INDEX_SET_VAR, Op.INDEX_VAR,
]);
const JUMP_OPS = new Set<number>([
  Op.JUMP, Op.IF_FALSE, Op.IF_TRUE, Op.COND_FALSE, Op.AND, Op.OR, Op.TRY_CATCH, Op.END_CATCH, Op.END_EXCEPT, Op.TRY_FINALLY,
]);
const TABLE_OPS = new Set<number>([Op.TRY_EXCEPT, Op.FORK, Op.SCATTER]);
const OPERAND_OPS = new Set<number>([
  Op.FOR_LIST, Op.FOR_RANGE, Op.EXIT, Op.ADD_VARS_PUT, Op.INCR_VAR, Op.GET_PROP_VAR, Op.BIN_VI, Op.PUT_PROP_VAR,
  Op.CALL_VERB_VAR, Op.IF_NOT_VI, Op.INDEX_VAR_INT, Op.GET_PROP_VAR_PUT, Op.PUT_PROP_VAR_VAR, Op.SCATTER_VAR, Op.CALL_VERB_VAR_N,
]);
const BINOP_TEXT = ["+", "-", "*", "%", "==", "!=", "<", "<=", ">", ">="];

/** One line per instruction: `pc  OPNAME operand  ; comment`. */
export const disassemble = (p: Program): string[] => {
  const out: string[] = [];
  for (let pc = 0; pc < p.code.length; pc++) {
    const w = p.code[pc]!;
    const op = w & 0xff, arg = w >> 8;
    const name = OP_NAMES[op] ?? `OP_${op}`;
    let text = name;
    if (op === Op.PUSH_CONST) text += ` ${toLiteral(p.consts[arg]!)}`;
    else if (op === Op.PUSH_INT || op === Op.LIST_NEW || op === Op.MAP_NEW || op === Op.LENGTH || op === Op.FIRST) text += ` ${arg}`;
    else if (VAR_OPS.has(op)) text += ` ${p.names[arg]}`;
    else if (JUMP_OPS.has(op)) text += ` ->${arg}`;
    else if (op === Op.CALL_BUILTIN) text += ` ${p.funcs[arg]}`;
    else if (TABLE_OPS.has(op)) text += ` ${describeTable(p, arg)}`;
    else if (OPERAND_OPS.has(op)) text += ` ${describeOperands(p, op, arg)}`;
    out.push(`${String(pc).padStart(4)}  ${text}`);
  }
  return out;
};

const slotName = (p: Program, slot: number): string => (slot >= 0 ? p.names[slot]! : "-");

const describeOperands = (p: Program, op: number, k: number): string => {
  const o = p.operands, v = (i: number) => slotName(p, o[k + i]!);
  switch (op) {
    case Op.FOR_LIST: return `${v(0)},${v(1)} body->${o[k + 2]}`;
    case Op.FOR_RANGE: return `${v(0)} body->${o[k + 1]}`;
    case Op.EXIT: return `->${o[k]} sp=${o[k + 1]} handlers=${o[k + 2]}`;
    case Op.ADD_VARS_PUT: return `${v(2)} = ${v(0)} + ${v(1)}`;
    case Op.INCR_VAR: return `${v(0)} += ${o[k + 1]}`;
    case Op.BIN_VI: return `${v(0)} ${BINOP_TEXT[o[k + 2]!]} ${o[k + 1]}`;
    case Op.IF_NOT_VI: return `${v(0)} ${BINOP_TEXT[o[k + 2]!]} ${o[k + 1]} else->${o[k + 3]}`;
    case Op.INDEX_VAR_INT: return `${v(0)}[${o[k + 1]}]`;
    case Op.CALL_VERB_VAR: return `${v(0)}:${toLiteral(p.consts[o[k + 1]!]!)}`;
    case Op.GET_PROP_VAR_PUT: return `${v(2)} = ${v(0)}.${toLiteral(p.consts[o[k + 1]!]!)}`;
    case Op.PUT_PROP_VAR_VAR: return `${v(0)}.${toLiteral(p.consts[o[k + 1]!]!)} = ${v(2)}`;
    case Op.CALL_VERB_VAR_N: return `${v(0)}:${toLiteral(p.consts[o[k + 1]!]!)} (${o[k + 2]} args)`;
    case Op.SCATTER_VAR: return `${describeTable(p, o[k + 1]!)} <- ${v(0)}`;
    default: return `${v(0)}.${toLiteral(p.consts[o[k + 1]!]!)}`;
  }
};

const describeTable = (p: Program, i: number): string => {
  const t = p.tables[i]!;
  const v = (slot: number) => slotName(p, slot);
  switch (t.t) {
    case "except": return t.arms.map((a) => `${v(a.variable)}->${a.pc}`).join(" ");
    case "fork": return `body->${t.body} after->${t.after} ${v(t.variable)}`;
    case "scatter": return t.items.map((it) => `${"=?@"[it.kind]}${v(it.variable)}${it.defaultPc >= 0 ? `(${it.defaultPc})` : ""}`).join(" ") + ` done->${t.done}`;
  }
};
