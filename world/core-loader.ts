// The default core: a fresh world built from the text files in world/core/
// (the format is in world/core/README.md). Every problem is reported with
// its file and line, all of them at once, in one CoreError; a world that
// had problems must be thrown away, never stored.

import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { join, dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type Value, T } from "../verbs/value.ts";
import type { World } from "../objects/world.ts";
import { type MooObject, isBuiltinProp, newVerbDef } from "../objects/model.ts";
import { type ObjectSpec, Problems, parseObjectFile, parseVerbFile, readLiteral } from "./core-format.ts";

export class CoreError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the core has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n  ${problems.join("\n  ")}`);
  }
}

/**
 * world/core in the source tree, from this file compiled (dist/world/) or
 * not (world/): the text files are not copied into dist/.
 */
export const defaultCoreDir = (): string => {
  const here = dirname(fileURLToPath(import.meta.url));
  const source = join(here, "core");
  return existsSync(join(source, "system.obj")) ? source : join(here, "../../world/core");
};

/** Every object file under dir, with the verbs in the folder of the same name beside it. */
export const readCore = (dir: string, problems: Problems): ObjectSpec[] => {
  const base = dirname(dirname(dir));
  const specs: ObjectSpec[] = [];
  const walk = (d: string): void => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch (e) {
      problems.add({ file: relative(base, d), line: 0 }, `cannot read the folder: ${(e as Error).message}`);
      return;
    }
    for (const name of names) {
      const path = join(d, name), file = relative(base, path);
      if (statSync(path).isDirectory()) {
        if (!names.includes(`${name}.obj`)) walk(path);
      } else if (name.endsWith(".obj")) {
        const spec = parseObjectFile(readFileSync(path, "utf8"), file, problems);
        if (names.includes(name.slice(0, -4))) readVerbs(path.slice(0, -4), spec);
        specs.push(spec);
      } else if (!name.endsWith(".md")) {
        problems.add({ file, line: 0 }, name.endsWith(".moo")
          ? "a verb file belongs in the folder named after its object's .obj file"
          : "unexpected file (the core holds .obj files, folders of .moo verbs, and .md notes)");
      }
    }
  };
  const readVerbs = (d: string, spec: ObjectSpec): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name), file = relative(base, path);
      if (!name.endsWith(".moo") || statSync(path).isDirectory()) {
        problems.add({ file, line: 0 }, "an object's verb folder holds only .moo files");
        continue;
      }
      const v = parseVerbFile(readFileSync(path, "utf8"), file, problems);
      if (v) spec.verbs.push(v);
    }
  };
  if (!existsSync(join(dir, "system.obj"))) problems.add({ file: relative(base, dir), line: 0 }, "no system.obj here: this is not a core");
  else walk(dir);
  return specs;
};

interface Resolved { readonly spec: ObjectSpec; readonly id: number; readonly parent: number; readonly owner: number; readonly location: number }
type Dollar = (name: string) => Value | undefined;

/** Build the core into `world`, which must be empty. Throws CoreError listing every problem. */
export const loadCore = (world: World, dir = defaultCoreDir()): World => {
  if (world.maxObject !== -1) throw new Error("loadCore needs an empty world");
  const problems = new Problems();
  const specs = readCore(dir, problems);
  const done = (): void => { if (problems.list.length > 0) throw new CoreError(problems.list); };

  // #0's properties give the $names every other literal may use.
  const sys = specs.find((s) => s.fields.get("id")?.text === "#0");
  const names = new Map<string, Value>();
  if (!sys) problems.add({ file: relative(dirname(dirname(dir)), dir), line: 0 }, "no object file has id: #0");
  for (const p of sys?.props ?? []) {
    const v = readLiteral(p.value, noDollar, problems);
    if (v !== undefined) names.set(p.name.toLowerCase(), v);
  }
  const dollar: Dollar = (n) => names.get(n.toLowerCase());

  // Problems in the text so far are reported with the rest; problems in the
  // object graph (ids, parents, owners, locations) stop the build here.
  const before = problems.list.length;
  const byId = resolveGraph(specs, dollar, problems);
  if (problems.list.length > before) done();

  // Parents before children, so each addProperty reaches the descendants.
  const byNumber = [...byId.values()].sort((a, b) => a.id - b.id);
  const order: Resolved[] = [];
  const placed = new Set<number>();
  const place = (r: Resolved): void => {
    if (placed.has(r.id)) return;
    placed.add(r.id);
    const p = byId.get(r.parent);
    if (p) place(p);
    order.push(r);
  };
  byNumber.forEach(place);
  for (const r of byNumber) {
    const o = world.create(-1, r.owner, r.id);
    const name = readLiteral(r.spec.fields.get("name")!, dollar, problems);
    if (typeof name === "string") o.name = name;
    else if (name !== undefined) problems.add(r.spec.fields.get("name")!.at, "name must be a string");
    o.flags = r.spec.flags;
  }
  for (const r of order) if (r.parent !== -1) world.setParent(world.get(r.id), r.parent);
  for (const r of order) addProperties(world, world.get(r.id), r.spec, dollar, problems);
  for (const r of order) setValues(world.get(r.id), r.spec, dollar, problems);
  for (const r of order) addVerbs(world.get(r.id), r.spec, dollar, problems);
  for (const r of byNumber) if (r.location !== -1) world.setLocation(world.get(r.id), r.location);
  done();
  return world;
};

const noDollar: Dollar = () => undefined;

/** An object-valued field (id, parent, owner, location) as a number; undefined after reporting why not. */
const objField = (spec: ObjectSpec, field: string, dollar: Dollar, problems: Problems): number | undefined => {
  const lit = spec.fields.get(field);
  if (!lit) { problems.add(spec.at, `${field} is missing`); return undefined; }
  const v = readLiteral(lit, dollar, problems);
  if (v === undefined) return undefined;
  if (typeof v === "object" && v.tag === T.OBJ) return v.n;
  problems.add(lit.at, `${field} must be an object (#N or $name)`);
  return undefined;
};

/** Each object's number, parent, owner and location, checked to exist and to form no cycles. */
const resolveGraph = (specs: readonly ObjectSpec[], dollar: Dollar, problems: Problems): Map<number, Resolved> => {
  const byId = new Map<number, Resolved>();
  for (const spec of specs) {
    const id = objField(spec, "id", noDollar, problems);
    const parent = objField(spec, "parent", dollar, problems);
    const owner = objField(spec, "owner", dollar, problems);
    const location = spec.fields.has("location") ? objField(spec, "location", dollar, problems) : -1;
    if (!spec.fields.has("name")) problems.add(spec.at, "name is missing");
    if (id === undefined || parent === undefined || owner === undefined || location === undefined) continue;
    const at = spec.fields.get("id")!.at;
    if (id < 0) { problems.add(at, "id must be #0 or above"); continue; }
    const other = byId.get(id);
    if (other) { problems.add(at, `#${id} is also the id in ${other.spec.at.file}`); continue; }
    byId.set(id, { spec, id, parent, owner, location });
  }
  const exists = (r: Resolved, field: "parent" | "owner" | "location"): void => {
    const n = r[field];
    if (!byId.has(n) && (n !== -1 || field === "owner")) problems.add(r.spec.fields.get(field)!.at, `${field} #${n} is not an object of the core`);
  };
  for (const r of byId.values()) for (const f of ["parent", "owner", "location"] as const) exists(r, f);
  for (const rel of ["parent", "location"] as const) {
    for (const r of byId.values()) {
      const seen = new Set<number>();
      for (let x: Resolved | undefined = r; x; x = byId.get(x[rel])) {
        if (seen.has(x.id)) { problems.add(r.spec.fields.get(rel)!.at, `#${r.id}'s ${rel} chain comes back to #${x.id}`); break; }
        seen.add(x.id);
      }
    }
  }
  return byId;
};

const addProperties = (world: World, o: MooObject, spec: ObjectSpec, dollar: Dollar, problems: Problems): void => {
  for (const p of spec.props) {
    const lname = p.name.toLowerCase();
    if (isBuiltinProp(lname)) { problems.add(p.at, `${p.name} is a built-in property: give it as a field, or pick another name`); continue; }
    if (o.props.has(lname)) { problems.add(p.at, `property ${p.name} is already defined on #${world.definerOf(o, lname)?.id ?? o.id}`); continue; }
    const value = readLiteral(p.value, dollar, problems);
    let owner = o.owner;
    if (p.owner) {
      const v = readLiteral(p.owner, dollar, problems);
      if (typeof v === "object" && v.tag === T.OBJ && world.valid(v.n)) owner = v.n;
      else if (v !== undefined) problems.add(p.at, `property ${p.name}: the owner must be an object of the core`);
    }
    if (value !== undefined) world.addProperty(o, p.name, value, owner, p.perms);
  }
};

const setValues = (o: MooObject, spec: ObjectSpec, dollar: Dollar, problems: Problems): void => {
  for (const s of spec.sets) {
    const lname = s.name.toLowerCase();
    const slot = o.props.get(lname);
    if (!slot) { problems.add(s.at, `set ${s.name}: #${o.id} inherits no property of that name`); continue; }
    if (o.defs.some((d) => d.toLowerCase() === lname)) { problems.add(s.at, `set ${s.name}: the property is defined here; give the value on its property line`); continue; }
    const value = readLiteral(s.value, dollar, problems);
    if (value !== undefined) slot.value = value;
  }
};

const addVerbs = (o: MooObject, spec: ObjectSpec, dollar: Dollar, problems: Problems): void => {
  for (const v of spec.verbs) {
    let owner = o.owner;
    if (v.owner) {
      const ov = readLiteral(v.owner, dollar, problems);
      if (typeof ov === "object" && ov.tag === T.OBJ) owner = ov.n;
      else if (ov !== undefined) problems.add(v.at, "the verb's owner must be an object");
    }
    const def = newVerbDef(v.names, owner, v.perms, v.dobj, v.prep, v.iobj, v.source);
    def.program = v.program;
    o.verbs.push(def);
  }
};
