// Shared helpers of the world builtins (objects, properties, verbs): argument
// decoding, LambdaMOO's permission predicates, perms strings, and calling a
// verb from a builtin through the VM's callVerb request. No state of its own.

import { type Value, type Box, T, E, typeOf, listOf, mkObj } from "../../verbs/value.ts";
import { type BuiltinCtx, Request } from "../../verbs/builtin-spec.ts";
import { MooError } from "../../verbs/errors.ts";
import type { Task } from "../../verbs/task.ts";
import type { WorldHost } from "../world-host.ts";
import type { World } from "../world.ts";
import { type MooObject, type PropSlot, PF, VF } from "../model.ts";

export const fail = (code: number): never => { throw new MooError(code); };

/** The host a world builtin runs against (ctx.world is typed unknown in verbs/). */
export const hostOf = (ctx: BuiltinCtx): WorldHost => ctx.world as WorldHost;
/** The object model behind the host. */
export const worldOf = (ctx: BuiltinCtx): World => (ctx.world as WorldHost).model;

/** The number of an OBJ argument; the builtin table has already checked the type. */
export const objArg = (v: Value): number => (v as Box).n;

/** Object n when valid, else raise `err` (E_INVARG is LambdaMOO's usual answer; some builtins use E_INVIND). */
export const validObject = (world: World, n: number, err: number = E.E_INVARG): MooObject => world.find(n) ?? fail(err);

/** LambdaMOO controls(): a wizard, or the object's owner. */
export const controls = (world: World, progr: number, o: MooObject): boolean =>
  progr === o.owner || world.isWizard(progr);

/** LambdaMOO db_object_allows(): the owner, a wizard, or anyone when the object has `flag` (FLAG.READ/WRITE/FERTILE). */
export const objectAllows = (world: World, progr: number, o: MooObject, flag: number): boolean =>
  progr === o.owner || world.isWizard(progr) || (o.flags & flag) !== 0;

/** LambdaMOO db_property_allows(): the slot has bit `pf`, or progr owns the slot, or is a wizard. */
export const propAllows = (world: World, progr: number, slot: PropSlot, pf: number): boolean =>
  (slot.perms & pf) !== 0 || progr === slot.owner || world.isWizard(progr);

// ---- perms strings ----

const PROP_CHARS: readonly (readonly [string, number])[] = [["r", PF.READ], ["w", PF.WRITE], ["c", PF.CHOWN]];
const VERB_CHARS: readonly (readonly [string, number])[] = [["r", VF.READ], ["w", VF.WRITE], ["x", VF.EXEC], ["d", VF.DEBUG]];

const parseFlags = (s: string, chars: readonly (readonly [string, number])[]): number => {
  let bits = 0;
  for (const ch of s.toLowerCase()) {
    const hit = chars.find(([c]) => c === ch);
    if (!hit) fail(E.E_INVARG);
    bits |= hit![1];
  }
  return bits;
};
const formatFlags = (bits: number, chars: readonly (readonly [string, number])[]): string =>
  chars.filter(([, b]) => bits & b).map(([c]) => c).join("");

/** "rwc" in any order and case to PF bits; any other letter is E_INVARG (LambdaMOO validate_prop_info). */
export const parsePropPerms = (s: string): number => parseFlags(s, PROP_CHARS);
/** PF bits as LambdaMOO prints them: r, w, c in that order. */
export const formatPropPerms = (bits: number): string => formatFlags(bits, PROP_CHARS);
/** "rwxd" in any order and case to VF bits; any other letter is E_INVARG (LambdaMOO validate_verb_info). */
export const parseVerbPerms = (s: string): number => parseFlags(s, VERB_CHARS);
/** VF bits as LambdaMOO prints them: r, w, x, d in that order. */
export const formatVerbPerms = (bits: number): string => formatFlags(bits, VERB_CHARS);

export interface PropInfo { readonly owner: number; readonly perms: number; readonly name: string | undefined }

/**
 * LambdaMOO validate_prop_info: {owner, perms [, new-name]}. E_TYPE for any
 * other shape, E_INVARG for an invalid owner or a perms letter outside rwc.
 */
export const parsePropInfo = (world: World, info: Value): PropInfo => {
  const xs = typeOf(info) === T.LIST ? listOf(info as Box) : [];
  const [ownerv, permsv, namev] = xs;
  if ((xs.length !== 2 && xs.length !== 3) || typeOf(ownerv!) !== T.OBJ || typeof permsv !== "string" ||
      (xs.length === 3 && typeof namev !== "string")) {
    return fail(E.E_TYPE);
  }
  const owner = (ownerv as Box).n;
  if (!world.valid(owner)) fail(E.E_INVARG);
  return { owner, perms: parsePropPerms(permsv), name: namev as string | undefined };
};

// ---- calling verbs from builtins ----

/**
 * Whether the task has room for one more frame. LambdaMOO's call_verb fails
 * with E_MAXREC when it has not; recycle() treats that as "no such verb" and
 * carries on, which is why it asks first instead of letting the VM raise.
 */
export const roomForCall = (ctx: BuiltinCtx): boolean => {
  const task = ctx.task as Task | null;
  return task === null || task.frames.length < task.maxDepth;
};

/**
 * A request calling obj:name(@args) (callable verbs only, as LambdaMOO's
 * call_verb), after which the VM runs the builtin's resume(value, state).
 * Null when obj is invalid or has no such verb: the builtin then goes on at
 * once, without a frame, so a loop over many objects never nests requests.
 * `missing` covers a verb that exists but cannot run (compile errors).
 */
export const callIfDefined = (ctx: BuiltinCtx, obj: number, name: string, args: Value[], state: Value, missing: Value = 0): Request | null => {
  const world = worldOf(ctx);
  const o = world.find(obj);
  if (!o || !world.findVerb(o, name, true)) return null;
  return new Request({ kind: "callVerb", obj: mkObj(obj), name, args, then: state, missing });
};
