// The SQLite schema and its migrations. PRAGMA user_version numbers the
// schema; each migration moves it up by one, inside a transaction, at start.
// The meta row `magic` tells our databases from any other SQLite file.

import type { Database } from "better-sqlite3";

export const MAGIC = "moo-server world";

/** Migrations in order: migration i takes user_version i to i + 1. Append only. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE objects (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    owner INTEGER NOT NULL,
    flags INTEGER NOT NULL,
    parent INTEGER NOT NULL,
    location INTEGER NOT NULL,
    -- Orders matter to MOO code (contents, children) and to listings (defs): JSON arrays.
    children TEXT NOT NULL,
    contents TEXT NOT NULL,
    defs TEXT NOT NULL
  );
  -- Every property slot of an object (defined there or inherited): names,
  -- values or clear, owners, perms, packed in one row per object (db/slots.ts).
  -- Start-up reads a hundred rows instead of fifteen thousand, and a commit
  -- rewrites one row per changed object.
  CREATE TABLE properties (obj INTEGER PRIMARY KEY, slots BLOB NOT NULL);
  CREATE TABLE verbs (
    obj INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    names TEXT NOT NULL,
    owner INTEGER NOT NULL,
    perms INTEGER NOT NULL,
    dobj TEXT NOT NULL,
    prep INTEGER NOT NULL,
    iobj TEXT NOT NULL,
    source TEXT NOT NULL,
    -- Compiled code and its format version; older versions are recompiled from source on load.
    bytecode BLOB,
    bytecode_version INTEGER,
    PRIMARY KEY (obj, idx)
  ) WITHOUT ROWID;
  -- Forked, suspended and reading tasks: their continuations, resumed after a restart.
  CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    state TEXT NOT NULL,
    wake_at REAL NOT NULL,
    charged INTEGER NOT NULL,
    data BLOB NOT NULL
  );
  CREATE VIEW players AS SELECT id FROM objects WHERE flags & 1;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class DbError extends Error {}

/**
 * Bring a database to the current schema. A fresh (empty) file gets the
 * whole schema and the magic; anything else must already be ours.
 */
export const migrate = (db: Database, path: string): void => {
  const version = db.pragma("user_version", { simple: true }) as number;
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master").get() as { n: number };
  if (version === 0 && tables.n > 0) throw new DbError(`${path} is an SQLite database, but not a MOO world (it has tables of its own)`);
  if (version > SCHEMA_VERSION) {
    throw new DbError(`${path} was written by a newer server (schema ${version}; this server knows up to ${SCHEMA_VERSION})`);
  }
  if (version > 0) {
    const magic = db.prepare("SELECT value FROM meta WHERE key = 'magic'").get() as { value: string } | undefined;
    if (magic?.value !== MAGIC) throw new DbError(`${path} is not a MOO world (no magic marker)`);
  }
  for (let v = version; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      if (v === 0) db.prepare("INSERT INTO meta (key, value) VALUES ('magic', ?)").run(MAGIC);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
};
