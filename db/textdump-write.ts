// Writing a World as a LambdaMOO format 4 textdump, one LambdaMOO 1.8 loads
// (db_file.c write_db_file). What LambdaMOO cannot hold (maps, booleans,
// 64-bit integers, non-Latin-1 text, ToastStunt syntax) is refused, every
// problem named, rather than written in a form it would reject or misread.

import type { World } from "../objects/world.ts";
import type { MooObject, VerbDef } from "../objects/model.ts";
import { PREPOSITIONS } from "../objects/prepositions.ts";
import { writeVar, stringProblem } from "./textdump-values.ts";
import { dumpSource } from "./textdump-source.ts";
import { ARGSPEC, DOBJSHIFT, IOBJSHIFT, PERMMASK } from "./textdump-read.ts";

export interface WriteOptions {
  /**
   * The player list in the order to write it (a dump's own order, to
   * reproduce the dump); it must hold exactly the objects with the player
   * flag. Default: those objects by number.
   */
  readonly players?: readonly number[];
}

/** Everything in the world that LambdaMOO could not load, one line per problem. */
export class TextdumpWriteError extends Error {
  constructor(readonly problems: readonly string[]) {
    const shown = problems.slice(0, 20).map((p) => `  ${p}`).join("\n");
    const more = problems.length > 20 ? `\n  ... and ${problems.length - 20} more` : "";
    super(`the world cannot be written as a LambdaMOO textdump:\n${shown}${more}`);
  }
}

/** The dump's text, one character per byte: write it as Latin-1 (readTextdump reads it so). */
export const writeTextdump = (world: World, opts: WriteOptions = {}): string => {
  const problems: string[] = [];
  const links = linkedLists(world, problems);
  const players = opts.players ?? world.players();
  const flagged = world.players(), given = new Set(players);
  if (players.length !== flagged.length || !flagged.every((p) => given.has(p))) {
    problems.push(`the player list {${players.map((p) => `#${p}`).join(", ")}} is not the objects with the player flag`);
  }
  const objects: string[] = [];
  const programs: string[] = [];
  let nprogs = 0;
  for (let id = 0; id <= world.maxObject; id++) {
    const o = world.find(id);
    if (!o) { objects.push(`#${id} recycled`); continue; }
    writeObject(objects, world, o, links, problems);
    o.verbs.forEach((v, i) => { if (writeProgram(programs, o, v, i, problems)) nprogs++; });
  }
  if (problems.length > 0) throw new TextdumpWriteError(problems);
  const out = [
    "** LambdaMOO Database, Format Version 4 **",
    String(world.maxObject + 1), String(nprogs), "0", String(players.length), ...players.map(String),
    ...objects, ...programs,
    "0 clocks", "0 queued tasks", "0 suspended tasks", "0 active connections with listeners",
  ];
  return out.join("\n") + "\n";
};

interface Links { readonly next: Map<number, number>; readonly sibling: Map<number, number> }

/**
 * LambdaMOO chains contents through first-content/next and children through
 * first-child/sibling; the arrays' order becomes the chain's, so it comes
 * back unchanged. Each object must be on exactly the lists it claims.
 */
const linkedLists = (world: World, problems: string[]): Links => {
  const next = new Map<number, number>(), sibling = new Map<number, number>();
  const chain = (o: MooObject, list: readonly number[], links: Map<number, number>, kind: "contents" | "children"): void => {
    list.forEach((c, i) => {
      const up = kind === "contents" ? world.find(c)?.location : world.find(c)?.parent;
      if (up !== o.id) problems.push(`#${o.id}'s ${kind} lists #${c}, whose ${kind === "contents" ? "location" : "parent"} is not #${o.id}`);
      else if (links.has(c)) problems.push(`#${o.id}'s ${kind} list #${c} twice`);
      else links.set(c, list[i + 1] ?? -1);
    });
  };
  for (const o of world.all()) {
    chain(o, o.contents, next, "contents");
    chain(o, o.children, sibling, "children");
  }
  for (const o of world.all()) {
    if (o.location !== -1 && !next.has(o.id)) problems.push(`#${o.id} is not in the contents of its location #${o.location}`);
    if (o.parent !== -1 && !sibling.has(o.id)) problems.push(`#${o.id} is not among the children of its parent #${o.parent}`);
  }
  for (const field of ["parent", "location"] as const) {
    for (const id of cycles(world, field)) problems.push(`#${id}'s ${field} chain is a cycle`);
  }
  return { next, sibling };
};

/** One object of each cycle in the parent or location chains (LambdaMOO refuses to load those). */
const cycles = (world: World, field: "parent" | "location"): number[] => {
  const done = new Set<number>(), found: number[] = [];
  for (const o of world.all()) {
    const path = new Set<number>();
    let x: MooObject | null = o;
    while (x && !done.has(x.id) && !path.has(x.id)) { path.add(x.id); x = world.find(x[field]); }
    if (x && path.has(x.id)) found.push(x.id);
    for (const id of path) done.add(id);
  }
  return found;
};

const text = (out: string[], s: string, where: string, problems: string[]): void => {
  const p = stringProblem(s);
  if (p) problems.push(`${where}: ${p}`);
  out.push(s);
};

/** write_object: the header, the fixed fields, verb definitions, property definitions, then every slot. */
const writeObject = (out: string[], world: World, o: MooObject, links: Links, problems: string[]): void => {
  out.push(`#${o.id}`);
  text(out, o.name, `#${o.id}'s name`, problems);
  out.push(
    "", String(o.flags), String(o.owner),
    String(o.location), String(o.contents[0] ?? -1), String(links.next.get(o.id) ?? -1),
    String(o.parent), String(o.children[0] ?? -1), String(links.sibling.get(o.id) ?? -1),
    String(o.verbs.length),
  );
  o.verbs.forEach((v, i) => {
    const where = `#${o.id}:${v.names} (verb ${i})`;
    text(out, v.names, where, problems);
    if (v.prep < -2 || v.prep >= PREPOSITIONS.length) problems.push(`${where}: unknown preposition ${v.prep}`);
    const perms = (v.perms & PERMMASK) | (ARGSPEC.indexOf(v.dobj) << DOBJSHIFT) | (ARGSPEC.indexOf(v.iobj) << IOBJSHIFT);
    out.push(String(v.owner), String(perms), String(v.prep));
  });
  out.push(String(o.defs.length));
  for (const d of o.defs) text(out, d, `#${o.id}.${d}'s name`, problems);
  // Slots in LambdaMOO's order: this object's definitions, then each ancestor's, nearest first.
  const names: string[] = [];
  for (let a: MooObject | null = o, guard = 0; a && guard <= world.maxObject; a = world.find(a.parent), guard++) names.push(...a.defs);
  if (names.length !== o.props.size) problems.push(`#${o.id} has ${o.props.size} property slots for ${names.length} properties`);
  out.push(String(names.length));
  for (const name of names) {
    const slot = o.props.get(name.toLowerCase());
    if (!slot) { problems.push(`#${o.id}.${name}: no slot for an inherited property`); continue; }
    const p = writeVar(out, slot.value);
    if (p) problems.push(`#${o.id}.${name}: ${p}`);
    out.push(String(slot.owner), String(slot.perms));
  }
};

/** One "#obj:index" entry; false for a verb never programmed, which LambdaMOO leaves out too. */
const writeProgram = (out: string[], o: MooObject, v: VerbDef, index: number, problems: string[]): boolean => {
  if (v.source === "") return false;
  const src = dumpSource(v.source);
  if (!src.ok) { problems.push(`#${o.id}:${v.names} (verb ${index}): ${src.problem}`); return false; }
  out.push(`#${o.id}:${index}`, ...src.lines, ".");
  return true;
};
