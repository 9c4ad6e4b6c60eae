// The web client's wire protocol (STYLE.md 1): the websocket subprotocol,
// every structured message's numeric code and shape, and the out-of-band
// lines. It imports nothing, so client/ bundles it as it is and the server
// and the browser agree by construction. Codes are part of the protocol:
// append only, never renumber or reuse.
//
// A websocket that does not ask for SUBPROTOCOL stays a plain line client
// (one text frame per line each way). One that asks for it sends and
// receives JSON objects instead, one per text frame, each with its code in
// `c`: typed lines travel as C.INPUT, output lines as S.OUTPUT, and editor
// and console requests beside them, each answered by S.REPLY or S.FAILED
// with the request's `id`.

/** The websocket subprotocol a structured client asks for (Sec-WebSocket-Protocol). */
export const SUBPROTOCOL = "moo-client.1";

/**
 * Out-of-band lines (LambdaMOO's `#$#` prefix, as MCP uses it), sent as
 * ordinary output lines; a client that does not know one ignores it.
 */
export const OOB = {
  /** `#$#moo-session TOKEN`: reconnect with /ws?session=TOKEN to get the player back after a drop. */
  SESSION: "#$#moo-session",
  /** `#$#moo-edit {"obj":"#12","verb":"look"}`: open the verb editor (the open_editor() builtin). */
  EDIT: "#$#moo-edit",
} as const;

/** Client to server. */
export const C = {
  /** A line typed: exactly what a plain client's text frame is. */
  INPUT: 1,
  // The verb editor: programmers only; each runs as a task with the player's rights.
  VERB_LOAD: 10,
  VERB_SAVE: 11,
  VERB_SET_INFO: 12,
  OBJECT_LOAD: 13,
  // The operator console: wizards only, checked on every request.
  CONSOLE_STATUS: 20,
  TASK_KILL: 21,
  QUOTA_SET: 22,
  BACKUP: 23,
  SHUTDOWN: 24,
} as const;

/** Server to client. */
export const S = {
  /** A line of output. */
  OUTPUT: 1,
  /** The connection now speaks for this player (after login or reconnection). */
  PLAYER: 2,
  /** A request succeeded; `result` is Results[the request's code]. */
  REPLY: 3,
  /** A request failed (`id` is null when the frame could not be read at all). */
  FAILED: 4,
} as const;

export type ClientCode = (typeof C)[keyof typeof C];
export type ServerCode = (typeof S)[keyof typeof S];

/** A verb as verb_info() and friends take it: a name, or its 1-based index on the object. */
export type VerbDesc = string | number;
/** {dobj, prep, iobj}, as verb_args() gives it. */
export type ArgSpec = readonly [string, string, string];
/** An object as the editor names it: "#12", "me", "here" or "$name". */
export type ObjRef = string;

export type Request =
  | { readonly c: typeof C.VERB_LOAD; readonly id: number; readonly obj: ObjRef; readonly verb: VerbDesc }
  | { readonly c: typeof C.VERB_SAVE; readonly id: number; readonly obj: ObjRef; readonly verb: VerbDesc; readonly code: readonly string[] }
  | {
    readonly c: typeof C.VERB_SET_INFO; readonly id: number; readonly obj: ObjRef; readonly verb: VerbDesc;
    readonly names: string; readonly perms: string; readonly args: ArgSpec;
  }
  | { readonly c: typeof C.OBJECT_LOAD; readonly id: number; readonly obj: ObjRef }
  /** `since`: the time of the newest chart sample the client has (0 for all). */
  | { readonly c: typeof C.CONSOLE_STATUS; readonly id: number; readonly since: number }
  | { readonly c: typeof C.TASK_KILL; readonly id: number; readonly task: number }
  /** An empty quota restores the configured defaults (set_task_quota's rule). */
  | { readonly c: typeof C.QUOTA_SET; readonly id: number; readonly player: number; readonly quota: Partial<QuotaValues> }
  | { readonly c: typeof C.BACKUP; readonly id: number }
  | { readonly c: typeof C.SHUTDOWN; readonly id: number; readonly message: string };

export type ClientMessage = { readonly c: typeof C.INPUT; readonly line: string } | Request;
export type RequestCode = Request["c"];

/** What each request's REPLY carries. */
export interface Results {
  [C.VERB_LOAD]: VerbData;
  [C.VERB_SAVE]: SaveResult;
  [C.VERB_SET_INFO]: VerbData;
  [C.OBJECT_LOAD]: ObjectData;
  [C.CONSOLE_STATUS]: ConsoleStatus;
  [C.TASK_KILL]: null;
  [C.QUOTA_SET]: null;
  [C.BACKUP]: null;
  [C.SHUTDOWN]: null;
}

export type ServerMessage =
  | { readonly c: typeof S.OUTPUT; readonly line: string }
  | { readonly c: typeof S.PLAYER; readonly player: number; readonly name: string; readonly programmer: boolean; readonly wizard: boolean }
  | { readonly c: typeof S.REPLY; readonly id: number; readonly result: Results[RequestCode] }
  /** `error`: a MOO error name (E_PERM, E_VERBNF, ...) or BAD_REQUEST, BUSY, NOT_LOGGED_IN, FAILED. */
  | { readonly c: typeof S.FAILED; readonly id: number | null; readonly error: string; readonly message: string };

// ---- the editor's data ----

export interface VerbData {
  /** The object that defines the verb (the one asked for, or the ancestor it inherits it from). */
  readonly obj: number;
  readonly objName: string;
  /** The verb's 1-based index on obj; 0 when obj's verbs cannot be listed (then names identify it). */
  readonly index: number;
  readonly names: string;
  readonly owner: number;
  readonly ownerName: string;
  readonly perms: string;
  readonly args: ArgSpec;
  readonly code: readonly string[];
}

export interface CompileError { readonly line: number; readonly col: number; readonly message: string }
/** No errors: saved. */
export interface SaveResult { readonly errors: readonly CompileError[] }

export interface VerbEntry {
  readonly definer: number;
  readonly index: number;
  readonly names: string;
  /** Null when the verb cannot be read (its owner, perms and args are then unknown). */
  readonly owner: number | null;
  readonly perms: string;
  readonly args: ArgSpec | null;
}

export interface PropEntry {
  readonly definer: number;
  readonly name: string;
  readonly owner: number | null;
  readonly perms: string;
  /** The value on the object browsed, as a (shortened) MOO literal; null when not readable. */
  readonly value: string | null;
}

export interface ObjectData {
  readonly obj: number;
  readonly name: string;
  readonly owner: number;
  /** The object itself first, then its parent, and so on up. */
  readonly chain: readonly { readonly obj: number; readonly name: string; readonly readable: boolean }[];
  /** Verbs and properties of the whole chain; definer !== obj marks an inherited one. */
  readonly verbs: readonly VerbEntry[];
  readonly props: readonly PropEntry[];
}

// ---- the console's data ----

/** A player's quotas, by set_task_quota()'s key names. */
export interface QuotaValues {
  readonly ticks_per_second: number;
  readonly burst_ticks: number;
  readonly queued_tasks: number;
  readonly task_bytes: number;
}

/** One point of the console's chart; rates are per second over the sample's interval. */
export interface Sample {
  /** ms since the epoch */
  readonly t: number;
  readonly ticks: number;
  readonly tasks: number;
  readonly commits: number;
  /** Resident memory of the server process, bytes. */
  readonly rss: number;
}

export interface ServerFigures {
  readonly startedAt: number;
  readonly objects: number;
  readonly heapUsed: number;
  readonly dbBytes: number;
  readonly lastBackup: { readonly at: number; readonly path: string } | null;
}

export interface ConnectionRow {
  /** A player, or an unlogged connection's negative number. */
  readonly player: number;
  readonly name: string;
  /** connection_name(): port and address. */
  readonly address: string;
  readonly idleSeconds: number;
  readonly connectedSeconds: number;
}

export interface TaskRow {
  readonly id: number;
  readonly state: "ready" | "running" | "sleeping" | "suspended" | "reading";
  /** Whose rights its current verb runs with. */
  readonly owner: number;
  readonly ownerName: string;
  /** "#4:look", or "eval" and the like for tasks outside verbs. */
  readonly verb: string;
  readonly line: number;
  /** Ticks used since it last started running. */
  readonly ticks: number;
  readonly bytes: number;
  /** When it wakes (ms), sleeping tasks only. */
  readonly wakeAt: number | null;
}

export interface PlayerRow {
  readonly player: number;
  readonly name: string;
  readonly quota: QuotaValues;
  /** True when a wizard set this player's quota (else the configured defaults). */
  readonly overridden: boolean;
  /** Ticks per second over the last sample. */
  readonly tickRate: number;
  /** Ticks in the bucket now (negative: in debt). */
  readonly tokens: number;
  readonly queued: number;
  /** Bytes the player's queued tasks hold. */
  readonly bytes: number;
}

export interface ConsoleStatus {
  readonly now: number;
  readonly server: ServerFigures;
  /** Chart samples newer than the request's `since`, oldest first. */
  readonly samples: readonly Sample[];
  readonly connections: readonly ConnectionRow[];
  /** All tasks by state; `rows` lists at most a few hundred of them. */
  readonly tasks: { readonly total: number; readonly rows: readonly TaskRow[] };
  readonly players: readonly PlayerRow[];
  /** The newest lines of the server log, oldest first. */
  readonly log: readonly string[];
}
