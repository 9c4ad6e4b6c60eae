// World builtins for objects: create, recycle, chparent, move, the hierarchy
// and player queries, renumber (LambdaMOO objects.c and server.c, in their
// order of checks), and ToastStunt's isa, locations, occupants.

import { type Value, type Box, T, E, mkObj, mkList, listOf, isTrue, isInt, bigOf, mkBigInt, typeOf, valueBytes, NOTHING as NOTHING_OBJ } from "../../verbs/value.ts";
import { type BuiltinSpec, type BuiltinCtx, type Request, ANY, chargeWork } from "../../verbs/builtin-spec.ts";
import type { World } from "../world.ts";
import { type MooObject, FLAG, CLEAR } from "../model.ts";
import { fail, worldOf, objArg, validObject, controls, objectAllows, roomForCall, callIfDefined, hostOf } from "./perms.ts";

const NOTHING = -1;

// ---- ownership quota (LambdaMOO quota.c) ----

const QUOTA = "ownership_quota";

/**
 * decr_quota: when the owner has an INT ownership_quota, false if it is used
 * up, else one is taken. Anything else (no such property, not an INT) means
 * "no quota", which is why LambdaCore can switch quotas off per player.
 */
const takeQuota = (world: World, owner: number): boolean => {
  const o = world.find(owner);
  const slot = o?.props.get(QUOTA);
  if (!o || !slot) return true;
  const v = world.valueOf(o, slot, QUOTA);
  if (!isInt(v)) return true;
  const n = bigOf(v);
  if (n <= 0n) return false;
  slot.value = mkBigInt(n - 1n);
  world.touch(o.id);
  return true;
};

/** incr_quota: give one back when the owner has an INT ownership_quota. */
const returnQuota = (world: World, owner: number): void => {
  const o = world.find(owner);
  const slot = o?.props.get(QUOTA);
  if (!o || !slot) return;
  const v = world.valueOf(o, slot, QUOTA);
  if (!isInt(v)) return;
  slot.value = mkBigInt(bigOf(v) + 1n);
  world.touch(o.id);
};

// ---- create ----

/**
 * create(parent [, owner] [, anonymous] [, init-args]): ToastStunt tells the
 * optional arguments apart by type (OBJ owner only second; INT and LIST once
 * each). Anonymous objects are not offered: a true flag is E_INVARG.
 */
const createOptions = (args: Value[], progr: number): { owner: number; init: Value[] } => {
  let owner = progr, anon: Value | undefined, init: Value[] | undefined;
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!, t = typeOf(a);
    if (i === 1 && t === T.OBJ) owner = (a as Box).n;
    else if (t === T.INT && anon === undefined) anon = a;
    else if (t === T.LIST && init === undefined) init = listOf(a as Box).slice();
    else fail(E.E_TYPE);
  }
  if (anon !== undefined && isTrue(anon)) fail(E.E_INVARG);
  return { owner, init: init ?? [] };
};

const bf_create = (args: Value[], ctx: BuiltinCtx): Value | Request => {
  const world = worldOf(ctx);
  const progr = ctx.progr;
  const parent = objArg(args[0]!);
  const { owner, init } = createOptions(args, progr);
  const p = world.find(parent);
  if ((p ? !objectAllows(world, progr, p, FLAG.FERTILE) : parent !== NOTHING) || (owner !== progr && !ctx.wizard)) fail(E.E_PERM);
  // LambdaMOO charges the intended owner's quota whoever creates, wizards included (manual, create()).
  if (world.valid(owner) && !takeQuota(world, owner)) fail(E.E_QUOTA);
  const quota = hostOf(ctx).objectQuota;
  if (quota > 0 && world.valid(owner) && !world.isWizard(owner) && world.ownedBy(owner) >= quota) fail(E.E_QUOTA);
  const id = world.maxObject + 1;
  // Owner #-1 means the object owns itself; set before the parent so `c` properties go to it.
  const o = world.create(parent, owner === NOTHING ? id : owner, id);
  const made = mkObj(o.id);
  return callIfDefined(ctx, o.id, "initialize", init, made, made) ?? made;
};

/** After :initialize, create() returns the new object whatever the verb returned. */
const resume_create = (_v: Value, state: Value): Value => state;

// ---- recycle ----

const bf_recycle = (args: Value[], ctx: BuiltinCtx): Value | Request => {
  const world = worldOf(ctx);
  const o = validObject(world, objArg(args[0]!));
  if (!controls(world, ctx.progr, o)) fail(E.E_PERM);
  // LambdaMOO ignores E_MAXREC from :recycle and demolishes anyway.
  const r = roomForCall(ctx) ? callIfDefined(ctx, o.id, "recycle", [], mkObj(o.id)) : null;
  return r ?? demolish(ctx, o.id);
};

/**
 * The rest of recycle() (LambdaMOO's `moving_contents` loop): every content,
 * then the object itself, goes to #-1 one at a time, each followed by its old
 * location's :exitfunc. An exitfunc may move things back in, so the loop starts
 * over after each call; it ends when the object holds nothing and is nowhere.
 */
const demolish = (ctx: BuiltinCtx, id: number): Value | Request => {
  const world = worldOf(ctx);
  const o = world.find(id);
  if (!o) return 0; // :recycle or an :exitfunc recycled it already
  const state = mkObj(id);
  while (o.contents.length > 0 || o.location !== NOTHING) {
    const x = world.get(o.contents.length > 0 ? o.contents[0]! : id);
    const from = x.location;
    world.setLocation(x, NOTHING);
    const r = roomForCall(ctx) ? callIfDefined(ctx, from, "exitfunc", [mkObj(x.id)], state) : null;
    if (r) return r;
  }
  const owner = o.owner;
  chargeWork(ctx, o.children.length);
  world.recycle(o); // children go to o's parent
  returnQuota(world, owner);
  return 0;
};

const resume_recycle = (_v: Value, state: Value, ctx: BuiltinCtx): Value | Request => demolish(ctx, objArg(state));

// ---- chparent, parent, children ----

const bf_chparent = (args: Value[], ctx: BuiltinCtx): Value => {
  const world = worldOf(ctx);
  const what = objArg(args[0]!), parent = objArg(args[1]!);
  const o = validObject(world, what);
  const p = world.find(parent);
  if (!p && parent !== NOTHING) fail(E.E_INVARG);
  if (!controls(world, ctx.progr, o) || (p && !objectAllows(world, ctx.progr, p, FLAG.FERTILE))) fail(E.E_PERM);
  const conflict = world.parentConflict(o, parent); // E_RECMOVE first, then clashing property names
  if (conflict !== 0) fail(conflict);
  chargeWork(ctx, o.children.length + o.defs.length);
  world.setParent(o, parent);
  return 0;
};

const bf_parent = (args: Value[], ctx: BuiltinCtx): Value => mkObj(validObject(worldOf(ctx), objArg(args[0]!)).parent);

const bf_children = (args: Value[], ctx: BuiltinCtx): Value => {
  const o = validObject(worldOf(ctx), objArg(args[0]!));
  chargeWork(ctx, o.children.length);
  return mkList(o.children.map(mkObj));
};

const bf_valid = (args: Value[], ctx: BuiltinCtx): Value => (worldOf(ctx).valid(objArg(args[0]!)) ? 1 : 0);

const bf_max_object = (_: Value[], ctx: BuiltinCtx): Value => mkObj(worldOf(ctx).maxObject);

// ---- move ----

/** Where move() stands while a verb it called runs (plain data: it is saved with suspended tasks). */
const MOVE_ACCEPT = 2, MOVE_EXITED = 3, MOVE_ENTERED = 4;
const moveState = (what: number, where: number, step: number): Value => mkList([mkObj(what), mkObj(where), step]);

const bf_move = (args: Value[], ctx: BuiltinCtx): Value | Request => {
  const world = worldOf(ctx);
  const what = objArg(args[0]!), where = objArg(args[1]!);
  if (!world.valid(what) || (!world.valid(where) && where !== NOTHING)) fail(E.E_INVARG);
  if (!controls(world, ctx.progr, world.get(what))) fail(E.E_PERM);
  if (where === NOTHING) return moveDecided(ctx, what, where, true);
  // No :accept means refusal. Wizards are asked too; their move goes ahead whatever it says.
  return callIfDefined(ctx, where, "accept", [mkObj(what)], moveState(what, where, MOVE_ACCEPT), 0)
    ?? moveDecided(ctx, what, where, false);
};

/** LambdaMOO do_move from `accepts_decided`: the move itself, then old-location:exitfunc. */
const moveDecided = (ctx: BuiltinCtx, what: number, where: number, accepts: boolean): Value | Request => {
  const world = worldOf(ctx);
  if (!accepts && !ctx.wizard) fail(E.E_NACC);
  // :accept may have recycled either object or made the move already.
  const o = world.find(what);
  if (!o || (where !== NOTHING && !world.valid(where)) || o.location === where) return 0;
  if (world.isInside(where, what)) fail(E.E_RECMOVE);
  const from = o.location;
  world.setLocation(o, where);
  return callIfDefined(ctx, from, "exitfunc", [mkObj(what)], moveState(what, where, MOVE_EXITED)) ?? moveEntered(ctx, what, where);
};

/** Then where:enterfunc, unless the exitfunc moved things on in the meantime. */
const moveEntered = (ctx: BuiltinCtx, what: number, where: number): Value | Request => {
  const world = worldOf(ctx);
  if (world.valid(where) && world.find(what)?.location === where) {
    const r = callIfDefined(ctx, where, "enterfunc", [mkObj(what)], moveState(what, where, MOVE_ENTERED));
    if (r) return r;
  }
  return 0;
};

const resume_move = (v: Value, state: Value, ctx: BuiltinCtx): Value | Request => {
  const [whatv, wherev, step] = listOf(state as Box);
  const what = objArg(whatv!), where = objArg(wherev!);
  switch (step) {
    case MOVE_ACCEPT: return moveDecided(ctx, what, where, isTrue(v));
    case MOVE_EXITED: return moveEntered(ctx, what, where);
    default: return 0;
  }
};

// ---- players ----

const bf_players = (_: Value[], ctx: BuiltinCtx): Value => {
  const ps = worldOf(ctx).players();
  chargeWork(ctx, ps.length);
  return mkList(ps.map(mkObj));
};

const bf_is_player = (args: Value[], ctx: BuiltinCtx): Value => {
  const o = validObject(worldOf(ctx), objArg(args[0]!));
  return o.flags & FLAG.PLAYER ? 1 : 0;
};

/**
 * set_player_flag(obj, value): validity before permission, as LambdaMOO, so
 * the table says "anyone". LambdaMOO also boots a player whose flag is
 * cleared; connections are world/'s, which sees the flag on its next read.
 */
const bf_set_player_flag = (args: Value[], ctx: BuiltinCtx): Value => {
  const world = worldOf(ctx);
  const o = validObject(world, objArg(args[0]!));
  if (!ctx.wizard) fail(E.E_PERM);
  o.flags = isTrue(args[1]!) ? o.flags | FLAG.PLAYER : o.flags & ~FLAG.PLAYER;
  world.touch(o.id);
  return 0;
};

// ---- sizes and numbering (wizard tools) ----

/** Sizes in the spirit of LambdaMOO db_object_bytes (a 64-bit build's structs); only comparisons matter. */
const OBJECT_BYTES = 96, VERBDEF_BYTES = 48, PROPDEF_BYTES = 16, PVAL_BYTES = 8, VAR_BYTES = 16;

const objectBytes = (o: MooObject): number => {
  let n = OBJECT_BYTES + o.name.length + 1;
  // Verb programs are counted by their source, which is what a verb stores.
  for (const v of o.verbs) n += VERBDEF_BYTES + v.names.length + 1 + v.source.length;
  for (const d of o.defs) n += PROPDEF_BYTES + d.length + 1;
  for (const s of o.props.values()) n += PVAL_BYTES + (s.value === CLEAR ? VAR_BYTES : valueBytes(s.value));
  return n;
};

const bf_object_bytes = (args: Value[], ctx: BuiltinCtx): Value => {
  const o = validObject(worldOf(ctx), objArg(args[0]!), E.E_INVIND);
  chargeWork(ctx, o.props.size + o.verbs.length);
  return objectBytes(o);
};

/**
 * LambdaMOO db_renumber_object: move o to the lowest free number below its
 * own, keeping its places in its parent's children and its location's
 * contents, and rewrite owners everywhere (owners that were the reused
 * number, a recycled object, become #-1). Its own number if none is free.
 */
const renumber = (world: World, o: MooObject): number => {
  const old = o.id;
  let n = 0;
  while (n < old && world.valid(n)) n++;
  if (n >= old) return old;
  const x = world.create(NOTHING, o.owner, n);
  x.name = o.name; x.flags = o.flags; x.defs = o.defs; x.props = o.props; x.verbs = o.verbs;
  const swap = (list: number[] | undefined): void => {
    if (!list) return;
    const i = list.indexOf(old);
    if (i >= 0) list[i] = n;
  };
  const parent = world.find(o.parent), location = world.find(o.location);
  x.parent = o.parent;
  if (parent) { swap(parent.children); world.touch(parent.id); }
  x.location = o.location;
  if (location) { swap(location.contents); world.touch(location.id); }
  x.children = o.children; for (const c of x.children) { world.get(c).parent = n; world.touch(c); }
  x.contents = o.contents; for (const c of x.contents) { world.get(c).location = n; world.touch(c); }
  // Leave a barren orphan behind, so recycling it disturbs nothing it used to hold.
  o.parent = NOTHING; o.children = []; o.location = NOTHING; o.contents = [];
  o.defs = []; o.props = new Map(); o.verbs = [];
  world.recycle(o);
  const fix = (owner: number): number => (owner === n ? NOTHING : owner === old ? n : owner);
  for (const y of world.all()) {
    y.owner = fix(y.owner);
    for (const v of y.verbs) v.owner = fix(v.owner);
    for (const s of y.props.values()) s.owner = fix(s.owner);
    world.reshape(y.id);
  }
  return n;
};

/** renumber(obj): validity before permission, as LambdaMOO, so the table says "anyone". */
const bf_renumber = (args: Value[], ctx: BuiltinCtx): Value => {
  const world = worldOf(ctx);
  const o = validObject(world, objArg(args[0]!));
  if (!ctx.wizard) fail(E.E_PERM);
  chargeWork(ctx, world.maxObject + 1);
  return mkObj(renumber(world, o));
};

/** reset_max_object(): max_object() drops to the highest valid object; numbers above it are used again. */
const bf_reset_max_object = (_: Value[], ctx: BuiltinCtx): Value => {
  const world = worldOf(ctx);
  const before = world.maxObject;
  while (world.maxObject >= 0 && !world.valid(world.maxObject)) world.maxObject--;
  chargeWork(ctx, before - world.maxObject);
  return 0;
};

// ---- ToastStunt conveniences ----

/** An OBJ or a list of OBJs as numbers; E_TYPE otherwise. */
const objOrObjList = (v: Value): number[] => {
  if (typeOf(v) === T.OBJ) return [(v as Box).n];
  if (typeOf(v) !== T.LIST) return fail(E.E_TYPE);
  return listOf(v as Box).map((x) => (typeOf(x) === T.OBJ ? (x as Box).n : fail(E.E_TYPE)));
};

/** isa(obj, parent or parents [, return-object]): obj is a parent or descends from one; invalid objects never are. */
const bf_isa = (args: Value[], ctx: BuiltinCtx): Value => {
  const world = worldOf(ctx);
  const obj = objArg(args[0]!);
  const parents = objOrObjList(args[1]!);
  const wantObj = args.length > 2 && isTrue(args[2]!);
  if (world.valid(obj)) {
    for (const p of parents) if (world.isDescendant(obj, p)) return wantObj ? mkObj(p) : 1;
  }
  return wantObj ? NOTHING_OBJ : 0;
};

/**
 * locations(obj [, base [, base-is-parent]]): obj's location, its location,
 * and so on out to #-1, or until `base` (or a descendant of it). ToastStunt
 * treats base #0 as "no base", and so do we.
 */
const bf_locations = (args: Value[], ctx: BuiltinCtx): Value => {
  const world = worldOf(ctx);
  const o = validObject(world, objArg(args[0]!), E.E_INVIND);
  const base = args.length > 1 ? objArg(args[1]!) : 0;
  const byParent = args.length > 2 && isTrue(args[2]!);
  const out: Value[] = [];
  const seen = new Set<number>();
  for (let loc = o.location; world.valid(loc) && !seen.has(loc); loc = world.get(loc).location) {
    if (base !== 0 && (byParent ? world.isDescendant(loc, base) : loc === base)) break;
    seen.add(loc);
    out.push(mkObj(loc));
  }
  chargeWork(ctx, out.length);
  return mkList(out);
};

/**
 * occupants(objects [, parent(s) [, players-only [, inverse]]]): the objects
 * that descend from a parent (or, inverse, do not) and, when asked (or when
 * only the list is given), are players. All must be valid (E_INVARG).
 */
const bf_occupants = (args: Value[], ctx: BuiltinCtx): Value => {
  const world = worldOf(ctx);
  const parents = args.length > 1 ? objOrObjList(args[1]!) : null;
  const playersOnly = args.length === 1 || (args.length > 2 && isTrue(args[2]!));
  const inverse = args.length > 3 && isTrue(args[3]!);
  const objs = listOf(args[0] as Box).map((x) => (typeOf(x) === T.OBJ ? (x as Box).n : fail(E.E_INVARG)));
  if (!objs.every((n) => world.valid(n))) fail(E.E_INVARG);
  chargeWork(ctx, objs.length * (parents ? parents.length : 1));
  const out = objs.filter((n) => {
    if (parents && parents.some((p) => world.isDescendant(n, p)) === inverse) return false;
    return !playersOnly || world.isPlayer(n);
  });
  return mkList(out.map(mkObj));
};

export const objectBuiltins: BuiltinSpec[] = [
  { name: "create", min: 1, max: 4, types: [T.OBJ, ANY, ANY, ANY], perm: "anyone", fn: bf_create, resume: resume_create },
  { name: "recycle", min: 1, max: 1, types: [T.OBJ], perm: "anyone", fn: bf_recycle, resume: resume_recycle },
  { name: "chparent", min: 2, max: 2, types: [T.OBJ, T.OBJ], perm: "anyone", fn: bf_chparent },
  { name: "parent", min: 1, max: 1, types: [T.OBJ], perm: "anyone", fn: bf_parent },
  { name: "children", min: 1, max: 1, types: [T.OBJ], perm: "anyone", fn: bf_children },
  { name: "valid", min: 1, max: 1, types: [T.OBJ], perm: "anyone", fn: bf_valid },
  { name: "max_object", min: 0, max: 0, types: [], perm: "anyone", fn: bf_max_object },
  { name: "move", min: 2, max: 2, types: [T.OBJ, T.OBJ], perm: "anyone", fn: bf_move, resume: resume_move },
  { name: "players", min: 0, max: 0, types: [], perm: "anyone", fn: bf_players },
  { name: "is_player", min: 1, max: 1, types: [T.OBJ], perm: "anyone", fn: bf_is_player },
  { name: "set_player_flag", min: 2, max: 2, types: [T.OBJ, ANY], perm: "anyone", fn: bf_set_player_flag },
  { name: "object_bytes", min: 1, max: 1, types: [T.OBJ], perm: "wizard", fn: bf_object_bytes },
  { name: "renumber", min: 1, max: 1, types: [T.OBJ], perm: "anyone", fn: bf_renumber },
  { name: "reset_max_object", min: 0, max: 0, types: [], perm: "wizard", fn: bf_reset_max_object },
  { name: "isa", min: 2, max: 3, types: [T.OBJ, ANY, T.INT], perm: "anyone", fn: bf_isa },
  { name: "locations", min: 1, max: 3, types: [T.OBJ, T.OBJ, T.INT], perm: "anyone", fn: bf_locations },
  { name: "occupants", min: 1, max: 4, types: [T.LIST, ANY, T.INT, T.INT], perm: "anyone", fn: bf_occupants },
];
