// The shapes of the world: objects, property slots, verb definitions, and
// the flag bits LambdaMOO stores in its databases (numbers kept so textdumps
// round-trip). Data only; world.ts holds the operations.

import type { Value } from "../verbs/value.ts";
import type { Program } from "../verbs/program.ts";

/** Object flag bits, as LambdaMOO numbers them in textdumps: append only. */
export const FLAG = { PLAYER: 1 << 0, PROGRAMMER: 1 << 1, WIZARD: 1 << 2, READ: 1 << 4, WRITE: 1 << 5, FERTILE: 1 << 7 } as const;

/** Property permission bits (LambdaMOO PF_*): r, w, c. */
export const PF = { READ: 1, WRITE: 2, CHOWN: 4 } as const;

/** Verb permission bits (LambdaMOO VF_*): r, w, x, d. */
export const VF = { READ: 1, WRITE: 2, EXEC: 4, DEBUG: 8 } as const;

/** Verb argument specifiers for dobj and iobj. */
export type ArgSpec = "none" | "any" | "this";
/** Preposition of a verb's argument spec: an index into the preposition table, or these. */
export const PREP_ANY = -2;
export const PREP_NONE = -1;

/** A property's value on one object: its own value, or CLEAR to inherit. */
export const CLEAR: unique symbol = Symbol("clear");
export type SlotValue = Value | typeof CLEAR;

export interface PropSlot {
  value: SlotValue;
  owner: number;
  /** PF bits. */
  perms: number;
}

export interface VerbDef {
  /** Space-separated aliases, each possibly with one `*`. */
  names: string;
  owner: number;
  /** VF bits. */
  perms: number;
  dobj: ArgSpec;
  prep: number;
  iobj: ArgSpec;
  /** The verb's source as last set; "" for a verb never programmed. */
  source: string;
  /** Compiled lazily from source (or `code`); null until first call or when source changes. */
  program: Program | null;
  /** Bytecode as the store kept it, decoded on first call: start-up does not decode 1,700 verbs. */
  code: Buffer | null;
}

/**
 * Every VerbDef is made here, so all share one field order and V8 sees one
 * object shape on the call path (literals in different orders are different shapes).
 */
export const newVerbDef = (
  names: string, owner: number, perms: number, dobj: ArgSpec, prep: number, iobj: ArgSpec, source = "",
): VerbDef => ({ names, owner, perms, dobj, prep, iobj, source, program: null, code: null });

export interface MooObject {
  readonly id: number;
  name: string;
  owner: number;
  /** FLAG bits. */
  flags: number;
  parent: number;
  children: number[];
  location: number;
  contents: number[];
  /** Names of the properties defined on this object, in definition order (original spelling). */
  defs: string[];
  /** Every property this object has (defined here or inherited), by lower-cased name. */
  props: Map<string, PropSlot>;
  verbs: VerbDef[];
}

/** LambdaMOO's built-in properties, readable on every object. */
export const BUILTIN_PROPS = ["name", "owner", "location", "contents", "programmer", "wizard", "r", "w", "f"] as const;
export type BuiltinProp = (typeof BUILTIN_PROPS)[number];
const BUILTIN_SET: ReadonlySet<string> = new Set(BUILTIN_PROPS);
export const isBuiltinProp = (lname: string): lname is BuiltinProp => BUILTIN_SET.has(lname);

/** What tasks changed since the last commit (the Store writes these). */
export interface ChangeSet {
  /** Objects whose fields or property values changed, or that were created. */
  readonly objects: ReadonlySet<number>;
  /** Of those, objects whose property slots or verbs changed beyond values: rewrite them whole. */
  readonly reshaped: ReadonlySet<number>;
  /** Objects recycled. */
  readonly recycled: ReadonlySet<number>;
}

/** A queued task as stored: the scheduler encodes it, the store keeps the row. */
export interface StoredTask {
  readonly id: number;
  /** "ready", "sleeping", "suspended" or "reading". */
  readonly state: string;
  /** When a sleeping task wakes (ms since the epoch); 0 otherwise. */
  readonly wakeAt: number;
  /** The player whose share pays for it. */
  readonly charged: number;
  readonly data: Buffer;
}

/** Committed beside the world's changes, in the same transaction. */
export interface CommitExtra {
  /** Tasks that started waiting or changed how they wait. */
  readonly saveTasks?: readonly StoredTask[];
  /** Tasks that ended, or now run (their stored continuation is stale). */
  readonly dropTasks?: readonly number[];
  /** Server metadata (next task id, quota overrides...). */
  readonly meta?: ReadonlyMap<string, string>;
}

/** Where the world is kept between runs. db/ implements it with SQLite; tests use MemoryStore. */
export interface Store {
  /** Whether it keeps queued tasks: without it, the scheduler does not encode them. */
  readonly keepsTasks: boolean;
  /** Make changes durable, all or nothing. The world passes a reader of its current state. */
  commit(changes: ChangeSet, read: (id: number) => MooObject | null, extra?: CommitExtra): void;
}

/** A Store that keeps nothing: the world lives in memory only. */
export class MemoryStore implements Store {
  readonly keepsTasks = false;
  commits = 0;
  commit(): void { this.commits++; }
}
