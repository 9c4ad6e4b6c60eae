// The world on disk: SQLite (better-sqlite3) in WAL mode, the source of truth
// between runs, while the working world lives in memory (objects/). Each
// commit writes what tasks changed in one transaction: an object's row and
// its slots row when it changed, and its verbs too when its shape changed.
// Verb bytecode stays encoded until a verb is first called.

import Database from "better-sqlite3";
import { existsSync, statSync } from "node:fs";
import { type MooObject, type VerbDef, type Store, type ChangeSet, type CommitExtra, type StoredTask, type ArgSpec, newVerbDef } from "../objects/model.ts";
import { encodeProgram } from "../verbs/codec.ts";
import { encodeSlots, LazySlots } from "./slots.ts";
import { PROGRAM_VERSION } from "../verbs/program.ts";
import { migrate, DbError } from "./schema.ts";

export { DbError };

export interface OpenOptions {
  /** Create the database when the file is missing or empty (never over anything else). */
  readonly create?: boolean;
  /** PRAGMA synchronous: "normal" survives a crashed process, "full" also a lost machine. */
  readonly synchronous?: "normal" | "full";
}

export interface LoadedWorld {
  readonly objects: MooObject[];
  readonly maxObject: number;
  /** Verbs whose stored bytecode was older than this server's (recompiled from source when first called). */
  readonly stale: number;
}

interface ObjectRow { id: number; name: string; owner: number; flags: number; parent: number; location: number; children: string; contents: string; defs: string }
interface PropRow { obj: number; slots: Buffer }
interface VerbRow { obj: number; idx: number; names: string; owner: number; perms: number; dobj: string; prep: number; iobj: string; source: string; bytecode: Buffer | null; bytecode_version: number | null }

const ARGSPECS: ReadonlySet<string> = new Set(["none", "any", "this"]);

export class SqliteStore implements Store {
  readonly db: Database.Database;
  /** True when open() created the file's schema just now: the caller fills it. */
  readonly fresh: boolean;
  private readonly st: ReturnType<SqliteStore["statements"]>;
  readonly keepsTasks = true;
  commits = 0;

  private constructor(db: Database.Database, fresh: boolean) {
    this.db = db;
    this.fresh = fresh;
    this.st = this.statements();
  }

  /**
   * Open (or, when allowed, create) a world database. A file that is not a
   * MOO world, is damaged, or comes from a newer server is refused with a
   * message naming it, and left exactly as it was.
   */
  static open(path: string, opts: OpenOptions = {}): SqliteStore {
    const exists = existsSync(path) && statSync(path).size > 0;
    if (!exists && !opts.create) throw new DbError(`${path}: no such database`);
    let db: Database.Database;
    try {
      db = new Database(path, { fileMustExist: exists });
      if (exists) {
        const check = db.pragma("quick_check", { simple: true });
        if (check !== "ok") throw new DbError(`${path} is damaged: ${String(check)}`);
      }
    } catch (e) {
      if (e instanceof DbError) throw e;
      throw new DbError(`${path} cannot be opened as a MOO world: ${(e as Error).message}`);
    }
    const before = db.pragma("user_version", { simple: true }) as number;
    try {
      // Only once the file is known to be ours: WAL mode rewrites the header of any SQLite file.
      migrate(db, path);
      db.pragma("journal_mode = WAL");
      db.pragma(`synchronous = ${opts.synchronous === "full" ? "FULL" : "NORMAL"}`);
    } catch (e) {
      db.close();
      throw e;
    }
    return new SqliteStore(db, before === 0);
  }

  private statements() {
    const db = this.db;
    return {
      putObject: db.prepare(`INSERT OR REPLACE INTO objects (id, name, owner, flags, parent, location, children, contents, defs)
        VALUES (@id, @name, @owner, @flags, @parent, @location, @children, @contents, @defs)`),
      dropObject: db.prepare("DELETE FROM objects WHERE id = ?"),
      putProps: db.prepare("INSERT OR REPLACE INTO properties (obj, slots) VALUES (?, ?)"),
      dropProps: db.prepare("DELETE FROM properties WHERE obj = ?"),
      putVerb: db.prepare(`INSERT INTO verbs (obj, idx, names, owner, perms, dobj, prep, iobj, source, bytecode, bytecode_version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      dropVerbs: db.prepare("DELETE FROM verbs WHERE obj = ?"),
      putTask: db.prepare("INSERT OR REPLACE INTO tasks (id, state, wake_at, charged, data) VALUES (?, ?, ?, ?, ?)"),
      dropTask: db.prepare("DELETE FROM tasks WHERE id = ?"),
      putMeta: db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"),
      getMeta: db.prepare("SELECT value FROM meta WHERE key = ?"),
    };
  }

  meta(key: string): string | undefined {
    return (this.st.getMeta.get(key) as { value: string } | undefined)?.value;
  }

  // ---- loading ----

  loadWorld(): LoadedWorld {
    const objs = new Map<number, MooObject>();
    for (const r of this.db.prepare("SELECT * FROM objects ORDER BY id").iterate() as IterableIterator<ObjectRow>) {
      objs.set(r.id, {
        id: r.id, name: r.name, owner: r.owner, flags: r.flags, parent: r.parent, children: JSON.parse(r.children) as number[],
        location: r.location, contents: JSON.parse(r.contents) as number[], defs: JSON.parse(r.defs) as string[], props: new Map(), verbs: [],
      });
    }
    for (const r of this.db.prepare("SELECT * FROM properties").iterate() as IterableIterator<PropRow>) {
      const o = objs.get(r.obj);
      if (o) o.props = new LazySlots(r.slots);
    }
    let stale = 0;
    for (const r of this.db.prepare("SELECT * FROM verbs ORDER BY obj, idx").iterate() as IterableIterator<VerbRow>) {
      const o = objs.get(r.obj);
      if (!o) continue;
      const dobj = ARGSPECS.has(r.dobj) ? (r.dobj as ArgSpec) : "none", iobj = ARGSPECS.has(r.iobj) ? (r.iobj as ArgSpec) : "none";
      const def: VerbDef = newVerbDef(r.names, r.owner, r.perms, dobj, r.prep, iobj, r.source);
      if (r.bytecode && r.bytecode_version === PROGRAM_VERSION) def.code = r.bytecode;
      else if (r.bytecode) stale++;
      o.verbs.push(def);
    }
    const max = Number(this.meta("max_object") ?? -1);
    return { objects: [...objs.values()], maxObject: Math.max(max, ...objs.keys(), -1), stale };
  }

  loadTasks(): StoredTask[] {
    return (this.db.prepare("SELECT id, state, wake_at AS wakeAt, charged, data FROM tasks ORDER BY id").all() as StoredTask[]);
  }

  // ---- writing ----

  commit(changes: ChangeSet, read: (id: number) => MooObject | null, extra?: CommitExtra): void {
    this.transaction(changes, read, extra);
    this.commits++;
  }

  /** Write a whole world at once (an import, or a fresh database). */
  writeAll(objects: Iterable<MooObject>, maxObject: number, extra?: CommitExtra): void {
    const all = new Map<number, MooObject>();
    for (const o of objects) all.set(o.id, o);
    const ids = new Set(all.keys());
    this.db.transaction(() => {
      this.db.exec("DELETE FROM objects; DELETE FROM properties; DELETE FROM verbs; DELETE FROM tasks;");
      this.transaction({ objects: ids, reshaped: ids, recycled: new Set() }, (id) => all.get(id) ?? null,
        { ...extra, meta: new Map([...(extra?.meta ?? []), ["max_object", String(maxObject)]]) });
    })();
  }

  private readonly transaction = (changes: ChangeSet, read: (id: number) => MooObject | null, extra?: CommitExtra): void => {
    this.db.transaction(() => {
      for (const id of changes.recycled) {
        this.st.dropObject.run(id);
        this.st.dropProps.run(id);
        this.st.dropVerbs.run(id);
      }
      for (const id of changes.objects) {
        const o = read(id);
        if (o) this.writeObject(o, changes.reshaped.has(id));
      }
      for (const t of extra?.saveTasks ?? []) this.st.putTask.run(t.id, t.state, t.wakeAt, t.charged, t.data);
      for (const id of extra?.dropTasks ?? []) this.st.dropTask.run(id);
      for (const [k, v] of extra?.meta ?? []) this.st.putMeta.run(k, v);
    })();
  };

  private writeObject(o: MooObject, whole: boolean): void {
    this.st.putObject.run({
      id: o.id, name: o.name, owner: o.owner, flags: o.flags, parent: o.parent, location: o.location,
      children: JSON.stringify(o.children), contents: JSON.stringify(o.contents), defs: JSON.stringify(o.defs),
    });
    const pending = o.props instanceof LazySlots ? o.props.pending : null;
    this.st.putProps.run(o.id, pending ?? encodeSlots(o.props));
    if (!whole) return;
    this.st.dropVerbs.run(o.id);
    o.verbs.forEach((v, i) => {
      const code = v.program ? encodeProgram(v.program) : v.code;
      this.st.putVerb.run(o.id, i, v.names, v.owner, v.perms, v.dobj, v.prep, v.iobj, v.source, code, code ? PROGRAM_VERSION : null);
    });
  }

  /** An online copy of the database (SQLite's backup API), safe while the server runs. */
  async backup(dest: string): Promise<void> {
    await this.db.backup(dest);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
