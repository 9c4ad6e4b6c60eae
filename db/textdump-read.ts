// Reading LambdaMOO textdumps (formats 0-4; 4 is what LambdaMOO 1.8 writes):
// objects, property definitions and values, verbs and their code. Task
// sections come with the persistence issue; a dump holding tasks is refused.
// Errors name the line, so a broken file gets a clear message.

import {
  type Value, mkObj, mkErr, mkFloat, mkList, mkMap, MooMap, mkBigInt,
} from "../verbs/value.ts";
import { type MooObject, type ArgSpec, type PropSlot, CLEAR, newVerbDef } from "../objects/model.ts";

export class TextdumpError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

export interface Textdump {
  readonly objects: MooObject[];
  readonly maxObject: number;
  readonly players: number[];
  /** Verbs whose program text did not come with the dump (LambdaMOO allows fewer programs than verbs). */
  readonly unprogrammed: number;
}

const ARGSPEC: readonly ArgSpec[] = ["none", "any", "this"];
const DOBJSHIFT = 4, IOBJSHIFT = 6, PERMMASK = 0xf;

class Lines {
  private i = 0;
  private readonly lines: string[];
  constructor(text: string) {
    this.lines = text.split("\n");
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] === "") this.lines.pop();
  }
  get line(): number { return this.i + 1; }
  get atEnd(): boolean { return this.i >= this.lines.length; }
  next(what: string): string {
    if (this.i >= this.lines.length) throw new TextdumpError(this.i + 1, `the file ends where ${what} was expected`);
    return this.lines[this.i++]!.replace(/\r$/, "");
  }
  num(what: string): number {
    const s = this.next(what);
    if (!/^-?\d+$/.test(s.trim())) throw new TextdumpError(this.i, `${what}: expected a number, found ${JSON.stringify(s.slice(0, 40))}`);
    return Number(s.trim());
  }
  peek(): string | undefined { return this.lines[this.i]; }
}

/** One value as dbio_read_var reads it; iterative so deep lists cannot overflow the stack. */
const readValue = (r: Lines): Value | typeof CLEAR => {
  interface Open { items: Value[]; left: number; map: boolean }
  const open: Open[] = [];
  for (;;) {
    const type = r.num("a value type");
    let v: Value | typeof CLEAR;
    switch (type) {
      case 0: v = mkBigInt(BigInt(r.num("an integer"))); break;
      case 1: v = mkObj(r.num("an object number")); break;
      case 2: v = r.next("a string"); break;
      case 3: v = mkErr(r.num("an error code")); break;
      case 5: v = CLEAR; break;
      case 6: v = 0; break; // TYPE_NONE: only in unused slots
      case 9: {
        const s = r.next("a float");
        const x = Number(s.trim());
        if (!Number.isFinite(x)) throw new TextdumpError(r.line - 1, `bad float ${JSON.stringify(s)}`);
        v = mkFloat(x);
        break;
      }
      case 4: case 10: {
        const n = r.num("a length");
        const map = type === 10;
        if (n > 0) { open.push({ items: [], left: map ? 2 * n : n, map }); continue; }
        v = map ? mkMap(new MooMap()) : mkList([]);
        break;
      }
      default: throw new TextdumpError(r.line - 1, `unknown value type ${type}`);
    }
    for (;;) {
      const top = open[open.length - 1];
      if (!top) return v;
      if (v === CLEAR) throw new TextdumpError(r.line, "a clear value inside a list");
      top.items.push(v);
      if (--top.left > 0) break;
      open.pop();
      if (top.map) {
        const m = new MooMap();
        for (let i = 0; i < top.items.length; i += 2) m.setMut(top.items[i]!, top.items[i + 1]!);
        v = mkMap(m);
      } else v = mkList(top.items);
    }
  }
};

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
  const nobjs = r.num("the object count");
  const nprogs = r.num("the program count");
  r.num("the dummy line");
  const players: number[] = [];
  for (let n = r.num("the player count"); n > 0; n--) players.push(r.num("a player"));

  const raw = new Map<number, RawObject>();
  for (let i = 0; i < nobjs; i++) {
    const head = r.next("an object header");
    const hm = /^#(\d+)( recycled)?$/.exec(head);
    if (!hm || Number(hm[1]) !== i) throw new TextdumpError(r.line - 1, `expected object #${i}, found ${JSON.stringify(head)}`);
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
      const value = readValue(r);
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
    if (!pm) throw new TextdumpError(r.line - 1, `expected #object:verb, found ${JSON.stringify(head)}`);
    const verb = get(Number(pm[1]))?.o.verbs[Number(pm[2])];
    if (!verb) throw new TextdumpError(r.line - 1, `program for a verb that does not exist: ${head}`);
    const body: string[] = [];
    for (let l = r.next("program text"); l !== "."; l = r.next("program text")) body.push(l);
    verb.source = body.join("\n");
    programmed++;
  }
  const clocks = /^(\d+) clocks$/.exec(r.peek() ?? "0 clocks");
  if (clocks && Number(clocks[1]) > 0) throw new TextdumpError(r.line, "dumps with clocks are not supported yet");

  const objects = [...raw.values()].map((x) => x.o);
  let verbs = 0;
  for (const o of objects) verbs += o.verbs.length;
  return { objects, maxObject: nobjs - 1, players, unprogrammed: verbs - programmed };
};
