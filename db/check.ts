// The integrity check of a loaded world (`moo check`): inheritance and
// containment agree both ways and have no cycles, owners exist, property
// slots match the definitions above them, and every verb compiles.
// It reports and never throws or repairs; its cost is linear in the world.

import type { World } from "../objects/world.ts";
import { type MooObject, CLEAR } from "../objects/model.ts";
import { compileSource } from "../verbs/compile-source.ts";

/**
 * "error": the server would misbehave on it, or LambdaMOO could never produce it.
 * "warning": LambdaMOO tolerates it and old cores have it (an owner recycled
 * long ago: recycle() leaves the owners of what the recycled object owned).
 */
export type Severity = "error" | "warning";

export type FaultKind =
  | "parent" | "children" | "parent-cycle"
  | "location" | "contents" | "location-cycle"
  | "owner" | "property" | "verb" | "internal";

export interface Fault {
  readonly severity: Severity;
  readonly kind: FaultKind;
  /** The object the fault is reported on. */
  readonly object: number;
  /** One sentence for a person. */
  readonly what: string;
}

export const formatFault = (f: Fault): string => `${f.severity} #${f.object}: ${f.what}`;

const NOTHING = -1;

/** Every fault found in the world, errors and warnings, ordered by object number. */
export const checkWorld = (world: World): Fault[] => {
  const faults: Fault[] = [];
  const add = (severity: Severity, kind: FaultKind, object: number, what: string): void => {
    faults.push({ severity, kind, object, what });
  };
  const objs: MooObject[] = [];
  let top = -1;
  try {
    for (const o of world.all()) { objs.push(o); if (o.id > top) top = o.id; }
  } catch (e) {
    add("error", "internal", NOTHING, `the world could not be listed: ${describe(e)}`);
    return faults;
  }
  const ctx: Ctx = { world, objs, top: Math.max(top, world.maxObject), add };
  const phases: [string, (c: Ctx) => void][] = [
    ["inheritance", checkParents], ["containment", checkLocations],
    ["owners", checkOwners], ["properties", checkProperties], ["verbs", checkVerbs],
  ];
  for (const [name, phase] of phases) {
    try {
      phase(ctx);
    } catch (e) {
      add("error", "internal", NOTHING, `the ${name} check stopped early: ${describe(e)}`);
    }
  }
  // Stable: within one object, faults keep the order of the phases.
  return faults.sort((a, b) => a.object - b.object);
};

interface Ctx {
  readonly world: World;
  readonly objs: readonly MooObject[];
  /** The highest object number the world has used. */
  readonly top: number;
  readonly add: (severity: Severity, kind: FaultKind, object: number, what: string) => void;
}

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** One tree relation: parent/children or location/contents. */
interface Tree {
  readonly up: (o: MooObject) => number;
  readonly down: (o: MooObject) => readonly number[];
  readonly upName: string;
  readonly downName: string;
  readonly upKind: FaultKind;
  readonly downKind: FaultKind;
  readonly cycleKind: FaultKind;
}

const PARENTS: Tree = {
  up: (o) => o.parent, down: (o) => o.children, upName: "parent", downName: "children",
  upKind: "parent", downKind: "children", cycleKind: "parent-cycle",
};
const LOCATIONS: Tree = {
  up: (o) => o.location, down: (o) => o.contents, upName: "location", downName: "contents",
  upKind: "location", downKind: "contents", cycleKind: "location-cycle",
};

const checkParents = (c: Ctx): void => checkTree(c, PARENTS);
const checkLocations = (c: Ctx): void => checkTree(c, LOCATIONS);

/**
 * Both directions of one relation, then its cycles. `listed[n]` counts how
 * often n appears, correctly, in the down list of its up object; each entry
 * of every list is visited once, so this is linear.
 */
const checkTree = (c: Ctx, t: Tree): void => {
  const { world, objs, add } = c;
  const listed = new Int32Array(c.top + 1);
  for (const o of objs) {
    for (const n of t.down(o)) {
      const x = world.find(n);
      if (!x) add("error", t.downKind, o.id, `lists #${n} among its ${t.downName}, but #${n} does not exist`);
      else if (t.up(x) !== o.id) add("error", t.downKind, o.id, `lists #${n} among its ${t.downName}, but the ${t.upName} of #${n} is #${t.up(x)}`);
      else listed[n]!++;
    }
  }
  for (const o of objs) {
    const u = t.up(o);
    if (u === NOTHING) continue;
    if (!world.find(u)) { add("error", t.upKind, o.id, `its ${t.upName} #${u} does not exist`); continue; }
    const k = listed[o.id]!;
    if (k === 0) add("error", t.downKind, o.id, `its ${t.upName} is #${u}, but #${u} does not list it among its ${t.downName}`);
    else if (k > 1) add("error", t.downKind, o.id, `#${u} lists it ${k} times among its ${t.downName}`);
  }
  for (const cycle of findCycles(c, t.up)) {
    const start = cycle.indexOf(Math.min(...cycle));
    const ring = [...cycle.slice(start), ...cycle.slice(0, start)];
    add("error", t.cycleKind, ring[0]!, `${t.upName} cycle: ${[...ring, ring[0]!].map((n) => `#${n}`).join(" -> ")}`);
  }
};

/**
 * The cycles of the `up` function, each as its members in order. Each
 * object is walked once: a walk stops at an object an earlier walk finished.
 */
const findCycles = (c: Ctx, up: (o: MooObject) => number): number[][] => {
  const ON_PATH = 1, DONE = 2;
  const state = new Uint8Array(c.top + 1);
  const cycles: number[][] = [];
  for (const o of c.objs) {
    if (state[o.id]) continue;
    const path: number[] = [];
    let x: MooObject | null = o;
    while (x && !state[x.id]) {
      state[x.id] = ON_PATH;
      path.push(x.id);
      x = c.world.find(up(x));
    }
    if (x && state[x.id] === ON_PATH) cycles.push(path.slice(path.indexOf(x.id)));
    for (const n of path) state[n] = DONE;
  }
  return cycles;
};

/**
 * What is wrong with an owner, if anything. LambdaMOO checks an owner only
 * when set_verb_info or set_property_info sets it; `.owner = #-1` and
 * recycling the owner both leave an invalid one, which the server tolerates
 * (the thing then just has no owner with rights), so those are warnings. A
 * number above max_object() was never an object: that is an error.
 */
const ownerFault = (c: Ctx, owner: number): [Severity, string] | null => {
  if (c.world.find(owner)) return null;
  if (owner === NOTHING) return ["warning", "#-1 (nothing)"];
  if (Number.isInteger(owner) && owner >= 0 && owner <= c.top) return ["warning", `#${owner}, which was recycled`];
  return ["error", `#${owner}, which was never an object`];
};

const checkOwners = (c: Ctx): void => {
  for (const o of c.objs) {
    const f = ownerFault(c, o.owner);
    if (f) c.add(f[0], "owner", o.id, `it is owned by ${f[1]}`);
    o.verbs.forEach((v, i) => {
      const g = ownerFault(c, v.owner);
      if (g) c.add(g[0], "owner", o.id, `verb ${i} ${JSON.stringify(v.names)} is owned by ${g[1]}`);
    });
    for (const [name, slot] of o.props) {
      const g = ownerFault(c, slot.owner);
      if (g) c.add(g[0], "owner", o.id, `its slot for property ${JSON.stringify(name)} is owned by ${g[1]}`);
    }
  }
};

/**
 * Slots against definitions. Each object's expected slots (lower-cased name
 * to definer) are its parent's plus its own definitions, built parent first
 * and kept once per object: the work and memory are those of the slots
 * themselves. Objects whose ancestry is broken (a missing parent or a cycle
 * above them) are checked only against their own definitions.
 */
const checkProperties = (c: Ctx): void => {
  const { world, add } = c;
  const expected = new Map<number, ReadonlyMap<string, number> | null>();
  const ROOT: ReadonlyMap<string, number> = new Map();

  /** o's expected slots, or null when its ancestry is broken. */
  const expectedOf = (o: MooObject): ReadonlyMap<string, number> | null => {
    const chain: MooObject[] = [];
    const onChain = new Set<number>();
    let base: ReadonlyMap<string, number> | null = ROOT;
    for (let x: MooObject | null = o; x; ) {
      const known = expected.get(x.id);
      if (known !== undefined) { base = known; break; }
      if (onChain.has(x.id)) { base = null; break; }
      chain.push(x);
      onChain.add(x.id);
      if (x.parent === NOTHING) { base = ROOT; break; }
      const p = world.find(x.parent);
      if (!p) { base = null; break; }
      x = p;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const x = chain[i]!;
      if (base !== null) {
        const m = new Map(base);
        for (const d of x.defs) { const l = d.toLowerCase(); if (!m.has(l)) m.set(l, x.id); }
        base = m;
      }
      expected.set(x.id, base);
    }
    return expected.get(o.id)!;
  };

  for (const o of c.objs) {
    const parent = world.find(o.parent);
    const above = o.parent === NOTHING ? ROOT : parent ? expectedOf(parent) : null;
    const own = new Set<string>();
    for (const d of o.defs) {
      const l = d.toLowerCase();
      const prop = JSON.stringify(d);
      if (own.has(l)) { add("error", "property", o.id, `it defines property ${prop} twice`); continue; }
      own.add(l);
      const earlier = above?.get(l);
      if (earlier !== undefined) add("error", "property", o.id, `it defines property ${prop}, which its ancestor #${earlier} already defines`);
      const slot = o.props.get(l);
      if (!slot) add("error", "property", o.id, `it defines property ${prop} but has no slot for it`);
      else if (slot.value === CLEAR) add("error", "property", o.id, `it defines property ${prop} but its value is clear (the definer must hold a value)`);
    }
    if (!above) continue;
    for (const [l, definer] of above) {
      if (!o.props.has(l)) add("error", "property", o.id, `it has no slot for property ${JSON.stringify(l)}, inherited from #${definer}`);
    }
    for (const l of o.props.keys()) {
      if (!own.has(l) && !above.has(l)) add("error", "property", o.id, `it has a slot for property ${JSON.stringify(l)}, which neither it nor any ancestor defines`);
    }
  }
};

const checkVerbs = (c: Ctx): void => {
  for (const o of c.objs) {
    o.verbs.forEach((v, i) => {
      if (v.source === "") return;
      const verb = `verb ${i} ${JSON.stringify(v.names)}`;
      try {
        const r = compileSource(v.source);
        if (r.ok) return;
        const e = r.errors[0];
        c.add("error", "verb", o.id, e ? `${verb} does not compile: line ${e.line}, column ${e.col}: ${e.message}` : `${verb} does not compile`);
      } catch (e) {
        c.add("error", "internal", o.id, `${verb}: the compiler failed: ${describe(e)}`);
      }
    });
  }
};
