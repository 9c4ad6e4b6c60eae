// World builtins for properties: properties, property_info, set_property_info,
// add_property, delete_property, clear_property, is_clear_property, with
// LambdaMOO property.c's checks in its order. Values are read and written by the VM (world-host.ts).

import { type Value, T, E, mkObj, mkList } from "../../verbs/value.ts";
import { type BuiltinSpec, type BuiltinCtx, ANY, chargeWork } from "../../verbs/builtin-spec.ts";
import type { World } from "../world.ts";
import { type MooObject, type PropSlot, FLAG, PF, CLEAR, isBuiltinProp } from "../model.ts";
import { fail, worldOf, objArg, validObject, objectAllows, propAllows, formatPropPerms, parsePropInfo } from "./perms.ts";

/** Whether o itself defines lname (rather than inheriting it). */
const definesHere = (o: MooObject, lname: string): boolean => o.defs.some((d) => d.toLowerCase() === lname);

/**
 * LambdaMOO property_defined_at_or_below: o or a descendant defines lname.
 * Charges a tick per 64 objects walked.
 */
const definedAtOrBelow = (ctx: BuiltinCtx, world: World, o: MooObject, lname: string): boolean => {
  const work = [o];
  let seen = 0;
  try {
    while (work.length > 0) {
      const x = work.pop()!;
      seen++;
      if (definesHere(x, lname)) return true;
      for (const c of x.children) work.push(world.get(c));
    }
    return false;
  } finally {
    chargeWork(ctx, seen);
  }
};

/** Whether a new property lname may go on o: not built in, not on o or an ancestor, not below (db_add_propdef). */
const nameTaken = (ctx: BuiltinCtx, world: World, o: MooObject, lname: string): boolean =>
  isBuiltinProp(lname) || o.props.has(lname) || definedAtOrBelow(ctx, world, o, lname);

/**
 * db_find_property for the info builtins: built-in names (name, owner, ...)
 * are E_PROPNF here, since they have no owner or perms to report.
 */
const ordinarySlot = (o: MooObject, lname: string): PropSlot =>
  (isBuiltinProp(lname) ? undefined : o.props.get(lname)) ?? fail(E.E_PROPNF);

/** Objects in o's subtree, for charging the walks World makes when a definition changes. */
const subtreeSize = (world: World, o: MooObject): number => {
  let n = 0;
  const work = [o];
  while (work.length > 0) {
    const x = work.pop()!;
    n++;
    for (const c of x.children) work.push(world.get(c));
  }
  return n;
};

/** properties(obj): the names defined on obj itself, in definition order and original spelling. */
const bf_properties = (args: Value[], ctx: BuiltinCtx): Value => {
  const world = worldOf(ctx);
  const o = validObject(world, objArg(args[0]!));
  if (!objectAllows(world, ctx.progr, o, FLAG.READ)) fail(E.E_PERM);
  chargeWork(ctx, o.defs.length);
  return mkList(o.defs.slice());
};

/** property_info(obj, name): {owner, perms} of obj's own slot, which may differ from the definer's. */
const bf_property_info = (args: Value[], ctx: BuiltinCtx): Value => {
  const world = worldOf(ctx);
  const o = validObject(world, objArg(args[0]!));
  const slot = ordinarySlot(o, (args[1] as string).toLowerCase());
  if (!propAllows(world, ctx.progr, slot, PF.READ)) fail(E.E_PERM);
  return mkList([mkObj(slot.owner), formatPropPerms(slot.perms)]);
};

/**
 * set_property_info(obj, name, {owner, perms [, new-name]}): changes obj's own
 * slot only. Without wizardry the owner must stay as it is. Renaming works
 * only where the property is defined and only to a name free on obj, its
 * ancestors and descendants; a change of case alone is always allowed.
 */
const bf_set_property_info = (args: Value[], ctx: BuiltinCtx): Value => {
  const world = worldOf(ctx);
  const o = validObject(world, objArg(args[0]!));
  const info = parsePropInfo(world, args[2]!);
  const lname = (args[1] as string).toLowerCase();
  let slot = ordinarySlot(o, lname);
  if (!propAllows(world, ctx.progr, slot, PF.WRITE) || (!ctx.wizard && slot.owner !== info.owner)) fail(E.E_PERM);
  if (info.name !== undefined) {
    const nl = info.name.toLowerCase();
    if (!definesHere(o, lname)) fail(E.E_INVARG);
    if (nl !== lname && nameTaken(ctx, world, o, nl)) fail(E.E_INVARG);
    chargeWork(ctx, subtreeSize(world, o));
    world.renameProperty(o, lname, info.name);
    slot = o.props.get(nl)!;
  }
  slot.owner = info.owner;
  slot.perms = info.perms;
  world.reshape(o.id);
  return 0;
};

/**
 * add_property(obj, name, value, {owner, perms}). As in LambdaMOO, a `c`
 * property's slot on obj itself is owned by obj's owner, not by the owner
 * given (insert_prop applies the chown rule to the definer too).
 */
const bf_add_property = (args: Value[], ctx: BuiltinCtx): Value => {
  const world = worldOf(ctx);
  const info = parsePropInfo(world, args[3]!);
  if (info.name !== undefined) fail(E.E_TYPE);
  const o = validObject(world, objArg(args[0]!));
  if (!objectAllows(world, ctx.progr, o, FLAG.WRITE) || (ctx.progr !== info.owner && !ctx.wizard)) fail(E.E_PERM);
  const name = args[1] as string;
  if (nameTaken(ctx, world, o, name.toLowerCase())) fail(E.E_INVARG);
  world.addProperty(o, name, args[2]!, info.perms & PF.CHOWN ? o.owner : info.owner, info.perms);
  return 0;
};

/** delete_property(obj, name): only where it is defined; every descendant loses it too. */
const bf_delete_property = (args: Value[], ctx: BuiltinCtx): Value => {
  const world = worldOf(ctx);
  const o = validObject(world, objArg(args[0]!));
  if (!objectAllows(world, ctx.progr, o, FLAG.WRITE)) fail(E.E_PERM);
  const lname = (args[1] as string).toLowerCase();
  if (!definesHere(o, lname)) fail(E.E_PROPNF);
  chargeWork(ctx, subtreeSize(world, o));
  world.deleteProperty(o, lname);
  return 0;
};

/**
 * clear_property(obj, name): obj inherits the value again. Only the slot's
 * owner or a wizard may (the w bit is not enough); built-in properties are
 * E_PERM and the definer's own value E_INVARG, since it has nothing to inherit.
 */
const bf_clear_property = (args: Value[], ctx: BuiltinCtx): Value => {
  const world = worldOf(ctx);
  const o = validObject(world, objArg(args[0]!));
  const lname = (args[1] as string).toLowerCase();
  if (isBuiltinProp(lname)) fail(E.E_PERM);
  const slot = o.props.get(lname) ?? fail(E.E_PROPNF);
  if (ctx.progr !== slot.owner && !ctx.wizard) fail(E.E_PERM);
  if (definesHere(o, lname)) fail(E.E_INVARG);
  slot.value = CLEAR;
  world.touch(o.id);
  return 0;
};

/** is_clear_property(obj, name): built-in properties are never clear and need no read access. */
const bf_is_clear_property = (args: Value[], ctx: BuiltinCtx): Value => {
  const world = worldOf(ctx);
  const o = validObject(world, objArg(args[0]!));
  const lname = (args[1] as string).toLowerCase();
  if (isBuiltinProp(lname)) return 0;
  const slot = o.props.get(lname) ?? fail(E.E_PROPNF);
  if (!propAllows(world, ctx.progr, slot, PF.READ)) fail(E.E_PERM);
  return slot.value === CLEAR ? 1 : 0;
};

export const propertyBuiltins: BuiltinSpec[] = [
  { name: "properties", min: 1, max: 1, types: [T.OBJ], perm: "anyone", fn: bf_properties },
  { name: "property_info", min: 2, max: 2, types: [T.OBJ, T.STR], perm: "anyone", fn: bf_property_info },
  { name: "set_property_info", min: 3, max: 3, types: [T.OBJ, T.STR, T.LIST], perm: "anyone", fn: bf_set_property_info },
  { name: "add_property", min: 4, max: 4, types: [T.OBJ, T.STR, ANY, T.LIST], perm: "anyone", fn: bf_add_property },
  { name: "delete_property", min: 2, max: 2, types: [T.OBJ, T.STR], perm: "anyone", fn: bf_delete_property },
  { name: "clear_property", min: 2, max: 2, types: [T.OBJ, T.STR], perm: "anyone", fn: bf_clear_property },
  { name: "is_clear_property", min: 2, max: 2, types: [T.OBJ, T.STR], perm: "anyone", fn: bf_is_clear_property },
];
