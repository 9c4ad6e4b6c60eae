// World builtins for verb definitions: verbs, verb_info, set_verb_info,
// verb_args, set_verb_args, add_verb, delete_verb, verb_code, set_verb_code,
// disassemble, with LambdaMOO verbs.c's checks in its order. Calling verbs is world-host.ts's job.

import { type Value, type Box, T, E, mkObj, mkList, listOf, bigOf, isTrue, EMPTY_LIST } from "../../verbs/value.ts";
import { type BuiltinSpec, type BuiltinCtx, ANY, chargeWork } from "../../verbs/builtin-spec.ts";
import { compileSource } from "../../verbs/compile-source.ts";
import { BUILTIN_VARS } from "../../verbs/program.ts";
import { disassemble } from "../../verbs/disasm.ts";
import { parseProgram, formatDiagnostic } from "../../grammar/parse.ts";
import { unparseProgram } from "../../grammar/unparse.ts";
import { type MooObject, type VerbDef, type ArgSpec, FLAG, VF, newVerbDef } from "../model.ts";
import { verbNameMatches } from "../verb-names.ts";
import { prepByName, prepName } from "../prepositions.ts";
import { fail, hostOf, worldOf, objArg, validObject, objectAllows, parseVerbPerms, formatVerbPerms } from "./perms.ts";

/** An OBJ argument's object, or E_INVARG when it is not valid (every verb builtin's rule). */
const objectArg = (ctx: BuiltinCtx, v: Value): MooObject => validObject(worldOf(ctx), objArg(v));

/** LambdaMOO db_verb_allows: the verb's owner, a wizard, or anyone when the verb has the bit. */
const verbAllows = (ctx: BuiltinCtx, v: VerbDef, bit: number): boolean =>
  (v.perms & bit) !== 0 || ctx.progr === v.owner || worldOf(ctx).isWizard(ctx.progr);

/**
 * validate_verb_descriptor: a name, or a 1-based index (E_INVARG when not
 * positive); E_TYPE for any other type. Checked before the object is.
 */
const checkDesc = (desc: Value): void => {
  if (typeof desc === "string") return;
  if (typeof desc === "number") { if (desc <= 0) fail(E.E_INVARG); return; }
  if (desc.tag !== T.INT) fail(E.E_TYPE);
  if (bigOf(desc) <= 0n) fail(E.E_INVARG);
};

/**
 * find_described_verb: the nth verb defined on o, or the first whose names
 * match (wildcards, no x-bit check, ancestors not searched). A numeric string
 * is only a name: LambdaMOO's support_numeric_verbname_strings option is off
 * by default and not offered here.
 */
const describedVerb = (o: MooObject, desc: Value): VerbDef => {
  if (typeof desc === "string") return o.verbs.find((v) => verbNameMatches(v.names, desc)) ?? fail(E.E_VERBNF);
  const i = typeof desc === "number" ? desc : Infinity;
  return o.verbs[i - 1] ?? fail(E.E_VERBNF);
};

/** The checks verb_info, verb_args, verb_code and disassemble share: descriptor, object, verb, read access. */
const readableVerb = (args: Value[], ctx: BuiltinCtx): VerbDef => {
  checkDesc(args[1]!);
  const v = describedVerb(objectArg(ctx, args[0]!), args[1]!);
  if (!verbAllows(ctx, v, VF.READ)) fail(E.E_PERM);
  return v;
};

interface VerbInfo { owner: number; perms: number; names: string }

/**
 * validate_verb_info: {owner, perms, names}. E_TYPE for the wrong shape;
 * E_INVARG for an invalid owner, a perms letter other than rwxd (any case)
 * or names that are empty after leading spaces (which are dropped).
 */
const parseVerbInfo = (ctx: BuiltinCtx, info: Value): VerbInfo => {
  const xs = listOf(info as Box);
  const [ownerv, permsv, namesv] = xs;
  if (xs.length !== 3 || typeof ownerv !== "object" || ownerv.tag !== T.OBJ || typeof permsv !== "string" || typeof namesv !== "string") {
    return fail(E.E_TYPE);
  }
  if (!worldOf(ctx).valid(ownerv.n)) fail(E.E_INVARG);
  const perms = parseVerbPerms(permsv);
  const names = namesv.replace(/^ +/, "");
  if (names === "") fail(E.E_INVARG);
  return { owner: ownerv.n, perms, names };
};

const argSpecOf = (s: string): ArgSpec | undefined => {
  const l = s.toLowerCase();
  return l === "none" || l === "any" || l === "this" ? l : undefined;
};

interface VerbArgs { dobj: ArgSpec; prep: number; iobj: ArgSpec }

/** validate_verb_args: {dobj, prep, iobj}, three strings (E_TYPE), each one that names a spec (E_INVARG). */
const parseVerbArgs = (spec: Value): VerbArgs => {
  const xs = listOf(spec as Box);
  const [d, p, i] = xs;
  if (xs.length !== 3 || typeof d !== "string" || typeof p !== "string" || typeof i !== "string") return fail(E.E_TYPE);
  const dobj = argSpecOf(d), prep = prepByName(p), iobj = argSpecOf(i);
  if (dobj === undefined || prep === undefined || iobj === undefined) return fail(E.E_INVARG);
  return { dobj, prep, iobj };
};

/** verbs(obj): the names of the verbs defined on obj; needs read access to the object. */
const bf_verbs = (args: Value[], ctx: BuiltinCtx): Value => {
  const o = objectArg(ctx, args[0]!);
  if (!objectAllows(worldOf(ctx), ctx.progr, o, FLAG.READ)) fail(E.E_PERM);
  return mkList(o.verbs.map((v) => v.names));
};

/** verb_info(obj, desc): {owner, perms, names}. */
const bf_verb_info = (args: Value[], ctx: BuiltinCtx): Value => {
  const v = readableVerb(args, ctx);
  return mkList([mkObj(v.owner), formatVerbPerms(v.perms), v.names]);
};

/**
 * set_verb_info(obj, desc, {owner, perms, names}): needs write access to the
 * verb, and only a wizard may change its owner.
 */
const bf_set_verb_info = (args: Value[], ctx: BuiltinCtx): Value => {
  checkDesc(args[1]!);
  const o = objectArg(ctx, args[0]!);
  const info = parseVerbInfo(ctx, args[2]!);
  const v = describedVerb(o, args[1]!);
  if (!verbAllows(ctx, v, VF.WRITE) || (!worldOf(ctx).isWizard(ctx.progr) && v.owner !== info.owner)) fail(E.E_PERM);
  v.owner = info.owner;
  v.perms = info.perms;
  v.names = info.names;
  worldOf(ctx).reshape(o.id);
  worldOf(ctx).verbsChanged();
  return 0;
};

/** verb_args(obj, desc): {dobj, prep, iobj}, the preposition in its full "with/using" form. */
const bf_verb_args = (args: Value[], ctx: BuiltinCtx): Value => {
  const v = readableVerb(args, ctx);
  return mkList([v.dobj, prepName(v.prep), v.iobj]);
};

/** set_verb_args(obj, desc, {dobj, prep, iobj}): needs write access to the verb. */
const bf_set_verb_args = (args: Value[], ctx: BuiltinCtx): Value => {
  checkDesc(args[1]!);
  const o = objectArg(ctx, args[0]!);
  const spec = parseVerbArgs(args[2]!);
  const v = describedVerb(o, args[1]!);
  if (!verbAllows(ctx, v, VF.WRITE)) fail(E.E_PERM);
  v.dobj = spec.dobj;
  v.prep = spec.prep;
  v.iobj = spec.iobj;
  worldOf(ctx).reshape(o.id);
  return 0;
};

/**
 * add_verb(obj, {owner, perms, names}, {dobj, prep, iobj}): a new verb at the
 * end of obj's list, unprogrammed; returns its 1-based index (LambdaMOO
 * 1.8.1+). Needs write access to obj, and a non-wizard may only make verbs
 * owned by itself. The programmer bit is not needed (as in LambdaMOO).
 */
const bf_add_verb = (args: Value[], ctx: BuiltinCtx): Value => {
  const info = parseVerbInfo(ctx, args[1]!);
  const spec = parseVerbArgs(args[2]!);
  const o = objectArg(ctx, args[0]!);
  if (!objectAllows(worldOf(ctx), ctx.progr, o, FLAG.WRITE) || (ctx.progr !== info.owner && !worldOf(ctx).isWizard(ctx.progr))) fail(E.E_PERM);
  o.verbs.push(newVerbDef(info.names, info.owner, info.perms, spec.dobj, spec.prep, spec.iobj));
  worldOf(ctx).reshape(o.id);
  worldOf(ctx).verbsChanged();
  return o.verbs.length;
};

/** delete_verb(obj, desc): needs write access to the object (checked before the verb is looked up). */
const bf_delete_verb = (args: Value[], ctx: BuiltinCtx): Value => {
  checkDesc(args[1]!);
  const o = objectArg(ctx, args[0]!);
  if (!objectAllows(worldOf(ctx), ctx.progr, o, FLAG.WRITE)) fail(E.E_PERM);
  const v = describedVerb(o, args[1]!);
  o.verbs.splice(o.verbs.indexOf(v), 1);
  worldOf(ctx).reshape(o.id);
  worldOf(ctx).verbsChanged();
  return 0;
};

/**
 * verb_code(obj, desc [, fully-paren [, indent]]): the canonical listing of
 * the verb (LambdaMOO unparses its program, so layout and comments-as-strings
 * come out normalized), indented unless indent is false. A stored source
 * that no longer parses (a damaged import) comes back as its raw lines, so
 * it can still be read and fixed.
 */
const bf_verb_code = (args: Value[], ctx: BuiltinCtx): Value => {
  const v = readableVerb(args, ctx);
  const fullyParen = args.length >= 3 && isTrue(args[2]!);
  const indent = args.length < 4 || isTrue(args[3]!);
  chargeWork(ctx, v.source.length);
  const parsed = parseProgram(v.source);
  if (!parsed.ok) return mkList(v.source === "" ? [] : v.source.split("\n"));
  return mkList(unparseProgram(parsed.program, { fullyParen, indent, builtinVariables: BUILTIN_VARS }));
};

/**
 * set_verb_code(obj, desc, lines): compile the lines; on success store the
 * source and program and return {}, else return the errors as LambdaMOO
 * prints them ("Line N:  message") and leave the verb as it was. Needs the
 * programmer bit itself (is_programmer: a wizard without it is refused, as
 * in LambdaMOO) and write access to the verb.
 */
const bf_set_verb_code = (args: Value[], ctx: BuiltinCtx): Value => {
  const lines = listOf(args[2] as Box);
  for (const l of lines) if (typeof l !== "string") fail(E.E_TYPE);
  checkDesc(args[1]!);
  const o = objectArg(ctx, args[0]!);
  const v = describedVerb(o, args[1]!);
  if (!worldOf(ctx).isProgrammer(ctx.progr) || !verbAllows(ctx, v, VF.WRITE)) fail(E.E_PERM);
  const source = (lines as string[]).join("\n");
  chargeWork(ctx, source.length);
  const r = compileSource(source);
  if (!r.ok) return mkList(r.errors.map(formatDiagnostic));
  v.source = source;
  v.program = r.program;
  v.code = null;
  worldOf(ctx).reshape(o.id);
  return EMPTY_LIST;
};

/** disassemble(obj, desc): this server's bytecode listing of the verb, one string per instruction. */
const bf_disassemble = (args: Value[], ctx: BuiltinCtx): Value => {
  const v = readableVerb(args, ctx);
  const lines = disassemble(hostOf(ctx).programOf(v));
  chargeWork(ctx, lines.length);
  return mkList(lines);
};

export const verbBuiltins: BuiltinSpec[] = [
  { name: "verbs", min: 1, max: 1, types: [T.OBJ], perm: "anyone", fn: bf_verbs },
  { name: "verb_info", min: 2, max: 2, types: [T.OBJ, ANY], perm: "anyone", fn: bf_verb_info },
  { name: "set_verb_info", min: 3, max: 3, types: [T.OBJ, ANY, T.LIST], perm: "anyone", fn: bf_set_verb_info },
  { name: "verb_args", min: 2, max: 2, types: [T.OBJ, ANY], perm: "anyone", fn: bf_verb_args },
  { name: "set_verb_args", min: 3, max: 3, types: [T.OBJ, ANY, T.LIST], perm: "anyone", fn: bf_set_verb_args },
  { name: "add_verb", min: 3, max: 3, types: [T.OBJ, T.LIST, T.LIST], perm: "anyone", fn: bf_add_verb },
  { name: "delete_verb", min: 2, max: 2, types: [T.OBJ, ANY], perm: "anyone", fn: bf_delete_verb },
  { name: "verb_code", min: 2, max: 4, types: [T.OBJ, ANY, ANY, ANY], perm: "anyone", fn: bf_verb_code },
  { name: "set_verb_code", min: 3, max: 3, types: [T.OBJ, ANY, T.LIST], perm: "anyone", fn: bf_set_verb_code },
  { name: "disassemble", min: 2, max: 2, types: [T.OBJ, ANY], perm: "anyone", fn: bf_disassemble },
];
