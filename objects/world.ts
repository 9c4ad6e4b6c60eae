// The world model: objects by number, inheritance of properties and verbs,
// locations, and the record of what each task changed. Operations here
// assume their permission checks were made by the caller (the builtins);
// they keep the model consistent and raise only on impossible states.

import { type Value, E } from "../verbs/value.ts";
import { MooError } from "../verbs/errors.ts";
import {
  type MooObject, type PropSlot, type VerbDef, type Store, type ChangeSet, type CommitExtra, FLAG, PF, CLEAR, MemoryStore,
} from "./model.ts";
import { verbNameMatches } from "./verb-names.ts";

export const NOTHING = -1;

export interface VerbHit {
  readonly def: VerbDef;
  /** The object the verb is defined on. */
  readonly definer: MooObject;
  /** Its 0-based position among the definer's verbs. */
  readonly index: number;
}

export class World {
  private readonly objs: (MooObject | null)[] = [];
  private dirty = new Set<number>();
  private reshaped = new Set<number>();
  private gone = new Set<number>();

  constructor(readonly store: Store = new MemoryStore()) {}

  // ---- objects ----

  /** Highest object number ever allocated (max_object()). */
  maxObject = -1;

  /**
   * Bumped whenever property slots or verb lookups may change: a property
   * added, deleted or renamed, a verb added, deleted or renamed, a parent
   * changed, an object created or recycled. Cached slots and verbs (the
   * VM's caches) are good while it is unchanged.
   */
  shape = 0;

  valid(n: number): boolean {
    return n >= 0 && n < this.objs.length && this.objs[n] !== null && this.objs[n] !== undefined;
  }
  /** The object, or E_INVIND. */
  get(n: number): MooObject {
    const o = n >= 0 ? this.objs[n] : undefined;
    if (!o) throw new MooError(E.E_INVIND);
    return o;
  }
  find(n: number): MooObject | null {
    return (n >= 0 ? this.objs[n] : null) ?? null;
  }
  /** Every valid object, in number order. */
  *all(): IterableIterator<MooObject> {
    for (const o of this.objs) if (o) yield o;
  }

  isWizard(n: number): boolean { return ((this.find(n)?.flags ?? 0) & FLAG.WIZARD) !== 0; }
  isProgrammer(n: number): boolean { return ((this.find(n)?.flags ?? 0) & FLAG.PROGRAMMER) !== 0; }
  isPlayer(n: number): boolean { return ((this.find(n)?.flags ?? 0) & FLAG.PLAYER) !== 0; }
  /** How many objects `owner` owns (a scan: used only when an object quota is configured). */
  ownedBy(owner: number): number {
    let n = 0;
    for (const o of this.objs) if (o && o.owner === owner) n++;
    return n;
  }
  players(): number[] {
    const out: number[] = [];
    for (const o of this.objs) if (o && (o.flags & FLAG.PLAYER)) out.push(o.id);
    return out;
  }

  /** A new object with the given parent and owner; its properties all inherit (clear). */
  create(parent: number, owner: number, id = this.maxObject + 1): MooObject {
    const o: MooObject = {
      id, name: "", owner, flags: 0, parent: NOTHING, children: [], location: NOTHING, contents: [],
      defs: [], props: new Map(), verbs: [],
    };
    this.objs[id] = o;
    this.gone.delete(id); // a number recycled earlier in this task and now reused (renumber)
    this.shape++;
    if (id > this.maxObject) this.maxObject = id;
    this.reshape(id);
    if (parent !== NOTHING) this.setParent(o, parent);
    return o;
  }

  /**
   * Install objects built elsewhere (a database load), replacing whatever was
   * here. They must already be consistent: parents, children, locations,
   * contents and inherited property slots agree.
   */
  load(objects: Iterable<MooObject>, maxObject: number): void {
    this.objs.length = 0;
    for (const o of objects) this.objs[o.id] = o;
    this.maxObject = maxObject;
    this.shape++;
    this.takeChanges();
  }

  /** Remove an object: its children move to its parent, its contents to #-1. */
  recycle(o: MooObject): void {
    for (const c of [...o.contents]) this.setLocation(this.get(c), NOTHING);
    this.setLocation(o, NOTHING);
    for (const c of [...o.children]) this.setParent(this.get(c), o.parent);
    this.setParent(o, NOTHING);
    this.objs[o.id] = null;
    this.shape++;
    this.dirty.delete(o.id);
    this.reshaped.delete(o.id);
    this.lastTouched = -1;
    this.gone.add(o.id);
  }

  /** True when `a` is `b` or one of b's descendants. */
  isDescendant(a: number, b: number): boolean {
    for (let x = a; x !== NOTHING; x = this.find(x)?.parent ?? NOTHING) if (x === b) return true;
    return false;
  }
  /** True when `a` is `b` or inside b, at any depth. */
  isInside(a: number, b: number): boolean {
    for (let x = a; x !== NOTHING; x = this.find(x)?.location ?? NOTHING) if (x === b) return true;
    return false;
  }

  setLocation(o: MooObject, dest: number): void {
    if (o.location === dest) return;
    const old = this.find(o.location);
    if (old) { old.contents = old.contents.filter((c) => c !== o.id); this.touch(old.id); }
    o.location = dest;
    if (dest !== NOTHING) { const d = this.get(dest); d.contents.push(o.id); this.touch(d.id); }
    this.touch(o.id);
  }

  // ---- inheritance ----

  /**
   * Whether o can take newParent as parent: E_RECMOVE for a cycle, E_INVARG
   * when a property defined on o or below it would clash with one defined on
   * the new ancestors. 0 when fine.
   */
  parentConflict(o: MooObject, newParent: number): number {
    if (newParent === NOTHING) return 0;
    if (this.isDescendant(newParent, o.id)) return E.E_RECMOVE;
    const above = new Set<string>();
    for (let a = this.find(newParent); a; a = this.find(a.parent)) for (const d of a.defs) above.add(d.toLowerCase());
    const work = [o];
    while (work.length > 0) {
      const x = work.pop()!;
      for (const d of x.defs) if (above.has(d.toLowerCase())) return E.E_INVARG;
      for (const c of x.children) work.push(this.get(c));
    }
    return 0;
  }

  /** Change o's parent, reconciling the inherited property slots of o and all its descendants. */
  setParent(o: MooObject, newParent: number): void {
    const oldDefiners = this.inheritedDefiners(o.parent);
    const old = this.find(o.parent);
    if (old) { old.children = old.children.filter((c) => c !== o.id); this.touch(old.id); }
    o.parent = newParent;
    this.shape++;
    if (newParent !== NOTHING) { const p = this.get(newParent); p.children.push(o.id); this.touch(p.id); }
    const newDefiners = this.inheritedDefiners(newParent);
    // Top-down so each object copies its template slots from an already updated parent.
    const work = [o];
    while (work.length > 0) {
      const x = work.shift()!;
      const parent = this.find(x.parent);
      for (const [name, definer] of oldDefiners) {
        if (newDefiners.get(name) !== definer) x.props.delete(name);
      }
      for (const [name, definer] of newDefiners) {
        if (oldDefiners.get(name) === definer && x.props.has(name)) continue;
        const template = parent?.props.get(name);
        if (!template) continue;
        x.props.set(name, { value: CLEAR, owner: template.perms & PF.CHOWN ? x.owner : template.owner, perms: template.perms });
      }
      this.reshape(x.id);
      for (const c of x.children) work.push(this.get(c));
    }
  }

  /** lower-cased property name -> defining object, for everything obj and its ancestors define. */
  private inheritedDefiners(obj: number): Map<string, number> {
    const m = new Map<string, number>();
    for (let a = this.find(obj); a; a = this.find(a.parent)) for (const d of a.defs) m.set(d.toLowerCase(), a.id);
    return m;
  }

  // ---- properties ----

  /** The object that defines property lname as seen from o, if any. */
  definerOf(o: MooObject, lname: string): MooObject | undefined {
    for (let a: MooObject | null = o; a; a = this.find(a.parent)) {
      for (const d of a.defs) if (d.toLowerCase() === lname) return a;
    }
    return undefined;
  }

  /** o's value of a property it has: its own, or the nearest ancestor's when clear. */
  valueOf(o: MooObject, slot: PropSlot, lname: string): Value {
    let s = slot, x = o;
    while (s.value === CLEAR) {
      x = this.get(x.parent);
      s = x.props.get(lname)!;
    }
    return s.value;
  }

  /** Define a new property on o (its descendants inherit it, clear). */
  addProperty(o: MooObject, name: string, value: Value, owner: number, perms: number): void {
    const lname = name.toLowerCase();
    this.shape++;
    o.defs.push(name);
    o.props.set(lname, { value, owner, perms });
    this.reshape(o.id);
    const work = o.children.map((c) => this.get(c));
    while (work.length > 0) {
      const x = work.shift()!;
      x.props.set(lname, { value: CLEAR, owner: perms & PF.CHOWN ? x.owner : owner, perms });
      this.reshape(x.id);
      for (const c of x.children) work.push(this.get(c));
    }
  }

  /** Remove a property defined on o, from o and every descendant. */
  deleteProperty(o: MooObject, lname: string): void {
    this.shape++;
    o.defs = o.defs.filter((d) => d.toLowerCase() !== lname);
    const work = [o];
    while (work.length > 0) {
      const x = work.pop()!;
      x.props.delete(lname);
      this.reshape(x.id);
      for (const c of x.children) work.push(this.get(c));
    }
  }

  /** Rename a property defined on o (set_property_info with a new name). */
  renameProperty(o: MooObject, lname: string, newName: string): void {
    const nl = newName.toLowerCase();
    this.shape++;
    o.defs = o.defs.map((d) => (d.toLowerCase() === lname ? newName : d));
    const work = [o];
    while (work.length > 0) {
      const x = work.pop()!;
      const slot = x.props.get(lname);
      if (slot) { x.props.delete(lname); x.props.set(nl, slot); }
      this.reshape(x.id);
      for (const c of x.children) work.push(this.get(c));
    }
  }

  // ---- verbs ----

  /** The verb `name` on o or its nearest ancestor that has one; only executable ones when forCall. */
  findVerb(o: MooObject, name: string, forCall: boolean): VerbHit | null {
    for (let a: MooObject | null = o; a; a = this.find(a.parent)) {
      const vs = a.verbs;
      for (let i = 0; i < vs.length; i++) {
        const v = vs[i]!;
        if ((!forCall || (v.perms & 4)) && verbNameMatches(v.names, name)) return { def: v, definer: a, index: i };
      }
    }
    return null;
  }

  // ---- changes ----

  /**
   * A verb was added, deleted or renamed, or its flags changed: cached verb
   * lookups (the VM's call-site caches) must look again.
   */
  verbsChanged(): void { this.shape++; }

  /** The object touched last: loops writing one object's properties skip the set insertion. */
  private lastTouched = -1;

  /** Record that object n changed in the running task: its own fields or property values. */
  touch(n: number): void {
    if (n === this.lastTouched) return;
    this.lastTouched = n;
    this.dirty.add(n);
  }

  /**
   * Record that object n changed beyond values: properties added, removed,
   * renamed or re-permissioned, verbs changed, a new parent. The store
   * rewrites all of it; touch() lets it write only the values that changed.
   */
  reshape(n: number): void {
    this.touch(n);
    this.reshaped.add(n);
  }

  /** What changed since the last call, and start recording afresh. */
  takeChanges(): ChangeSet {
    const c = { objects: this.dirty, reshaped: this.reshaped, recycled: this.gone };
    this.dirty = new Set();
    this.reshaped = new Set();
    this.lastTouched = -1;
    this.gone = new Set();
    return c;
  }

  /**
   * Hand the changes so far to the store, with whatever the caller (the
   * scheduler) commits beside them: at a scheduler turn's end, when every
   * task that ran has ended or reached a suspension point.
   */
  commit(extra?: CommitExtra): void {
    const c = this.takeChanges();
    if (c.objects.size > 0 || c.recycled.size > 0 || extra) this.store.commit(c, (id) => this.find(id), extra);
  }
}
