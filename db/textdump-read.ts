// Reading LambdaMOO textdumps (formats 0-4; 4 is what LambdaMOO 1.8 writes):
// objects, property definitions and values, verbs and their code, then the
// task sections (textdump-tasks.ts). Errors name the line, so a broken file
// gets a clear message.

import { type MooObject, type ArgSpec, type PropSlot, newVerbDef } from "../objects/model.ts";
import { TextdumpError, Lines, readVar, UNBOUND, HANDLER } from "./textdump-values.ts";
import { type ImportedFork, type SkippedTask, type CheckpointedConnection, readTaskSections } from "./textdump-tasks.ts";

export { TextdumpError };
export type { ImportedFork, SkippedTask, CheckpointedConnection };

export interface Textdump {
  readonly objects: MooObject[];
  readonly maxObject: number;
  /** The player list in the dump's order (LambdaMOO keeps the order players were made). */
  readonly players: number[];
  /** Verbs whose program text did not come with the dump (LambdaMOO allows fewer programs than verbs). */
  readonly unprogrammed: number;
  /** Forked tasks waiting to run. */
  readonly forks: ImportedFork[];
  /** Suspended tasks, and forked tasks that could not be converted, each with the reason. */
  readonly skippedTasks: SkippedTask[];
  /** Connections open at the dump; LambdaMOO calls their listener's user_disconnected when it starts. */
  readonly connections: CheckpointedConnection[];
}

/** Verb argument specifiers by their number in the perms word (db.h): append only. */
export const ARGSPEC: readonly ArgSpec[] = ["none", "any", "this"];
export const DOBJSHIFT = 4, IOBJSHIFT = 6, PERMMASK = 0xf;

interface RawObject {
  o: MooObject;
  firstContent: number; nextContent: number; firstChild: number; sibling: number;
  propvals: PropSlot[];
}

export const readTextdump = (text: string): Textdump => {
  const r = new Lines(text);
  const header = r.next("the header");
  const m = /^\*\* LambdaMOO Database, Format Version (\d+) \*\*$/.exec(header);
  if (!m) throw new TextdumpError(1, "not a LambdaMOO textdump (no format header)");
  // Versions 0-4 share this layout; they differ in what the language had (exceptions, break, floats).
  if (Number(m[1]) > 4) throw new TextdumpError(1, `format version ${m[1]} is not supported (0 to 4 are)`);
  r.format = Number(m[1]);
  const nobjs = r.num("the object count");
  const nprogs = r.num("the program count");
  r.num("the dummy line");
  const players: number[] = [];
  for (let n = r.num("the player count"); n > 0; n--) players.push(r.num("a player"));

  const raw = new Map<number, RawObject>();
  for (let i = 0; i < nobjs; i++) {
    const head = r.next("an object header");
    const hm = /^#(\d+)( recycled)?$/.exec(head);
    if (!hm || Number(hm[1]) !== i) throw r.fail(`expected object #${i}, found ${JSON.stringify(head)}`);
    if (hm[2]) continue;
    const o: MooObject = {
      id: i, name: r.next("a name"), owner: -1, flags: 0, parent: -1, children: [], location: -1, contents: [],
      defs: [], props: new Map(), verbs: [],
    };
    r.next("the old handles line");
    o.flags = r.num("flags");
    o.owner = r.num("owner");
    o.location = r.num("location");
    const firstContent = r.num("contents"), nextContent = r.num("next");
    o.parent = r.num("parent");
    const firstChild = r.num("child"), sibling = r.num("sibling");
    for (let n = r.num("the verb count"); n > 0; n--) {
      const names = r.next("a verb name"), owner = r.num("a verb owner"), perms = r.num("verb perms"), prep = r.num("a verb preposition");
      o.verbs.push(newVerbDef(names, owner, perms & PERMMASK,
        ARGSPEC[(perms >> DOBJSHIFT) & 3] ?? "none", prep, ARGSPEC[(perms >> IOBJSHIFT) & 3] ?? "none"));
    }
    for (let n = r.num("the property definition count"); n > 0; n--) o.defs.push(r.next("a property name"));
    const propvals: PropSlot[] = [];
    for (let n = r.num("the property value count"); n > 0; n--) {
      let value = readVar(r);
      if (value === UNBOUND) value = 0; // TYPE_NONE: only in slots nothing reads
      if (value === HANDLER) throw r.fail("a property value cannot be a handler marker");
      propvals.push({ value, owner: r.num("a property owner"), perms: r.num("property perms") });
    }
    raw.set(i, { o, firstContent, nextContent, firstChild, sibling, propvals });
  }

  // Linked lists of contents and children become arrays; property values meet their names.
  const get = (n: number): RawObject | undefined => raw.get(n);
  for (const x of raw.values()) {
    for (let c = x.firstContent, guard = 0; c !== -1 && guard <= nobjs; c = get(c)?.nextContent ?? -1, guard++) x.o.contents.push(c);
    for (let c = x.firstChild, guard = 0; c !== -1 && guard <= nobjs; c = get(c)?.sibling ?? -1, guard++) x.o.children.push(c);
    const names: string[] = [];
    for (let a: RawObject | undefined = x, guard = 0; a && guard <= nobjs; a = get(a.o.parent), guard++) names.push(...a.o.defs);
    if (names.length !== x.propvals.length) {
      throw new TextdumpError(r.line, `#${x.o.id} has ${x.propvals.length} property values for ${names.length} properties`);
    }
    names.forEach((name, i) => x.o.props.set(name.toLowerCase(), x.propvals[i]!));
  }

  let programmed = 0;
  for (let n = 0; n < nprogs; n++) {
    const head = r.next("a program header");
    const pm = /^#(\d+):(\d+)$/.exec(head);
    if (!pm) throw r.fail(`expected #object:verb, found ${JSON.stringify(head)}`);
    const verb = get(Number(pm[1]))?.o.verbs[Number(pm[2])];
    if (!verb) throw r.fail(`program for a verb that does not exist: ${head}`);
    verb.source = r.program("program text");
    programmed++;
  }
  const tasks = readTaskSections(r);

  const objects = [...raw.values()].map((x) => x.o);
  let verbs = 0;
  for (const o of objects) verbs += o.verbs.length;
  return { objects, maxObject: nobjs - 1, players, unprogrammed: verbs - programmed, ...tasks };
};
