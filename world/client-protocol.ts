// The structured side of the websocket (protocol.ts): reads each JSON
// frame, checks its shape, and hands typed lines to the connection layer,
// editor requests to editor.ts (programmers) and console requests to
// console.ts (wizards). Bad frames get a FAILED answer and the connection
// goes on. It also knows which players have a structured client, for
// open_editor() (client-builtins.ts).

import type { TransportEvents } from "./listener.ts";
import type { ClientLink, ClientSession, ClientProtocolHandler } from "./websocket.ts";
import type { World } from "../objects/world.ts";
import { C, S, type ClientMessage, type Request, type ServerMessage } from "./protocol.ts";
import type { VerbEditor, EditorRequest } from "./editor.ts";
import type { OperatorConsole } from "./console.ts";

/** Requests one connection may have waiting at once: each is a task, and a client has no reason to pile them up. */
const MAX_PENDING = 16;

/** The back ends, known once the world is booted (the protocol exists before, for the listener). */
export interface ClientBackends {
  readonly world: World;
  readonly editor: VerbEditor;
  readonly console: OperatorConsole;
}

type Failure = { readonly id: number | null; readonly error: string; readonly message: string };

export class ClientProtocol implements ClientProtocolHandler {
  private backends: ClientBackends | null = null;
  /** Structured connections by the player each speaks for. */
  private readonly links = new Map<number, Set<ClientLink>>();

  constructor(private readonly maxLineBytes: number, readonly maxMessageBytes: number) {}

  attach(b: ClientBackends): void { this.backends = b; }

  /** Whether `player` has a connection that speaks this protocol (and so can open the editor). */
  speaks(player: number): boolean { return (this.links.get(player)?.size ?? 0) > 0; }

  open(link: ClientLink, events: TransportEvents): ClientSession {
    let player = -1, pending = 0, open = true;
    const forget = () => {
      const set = this.links.get(player);
      set?.delete(link);
      if (set?.size === 0) this.links.delete(player);
    };
    const fail = (f: Failure) => link.sendMessage({ c: S.FAILED, ...f });
    return {
      frame: (text) => {
        const m = parseMessage(text);
        if ("error" in m) return fail(m);
        if (m.c === C.INPUT) return events.line(this.fitLine(m.line, link));
        if (player < 0) return fail({ id: m.id, error: "NOT_LOGGED_IN", message: "Log in first." });
        if (pending >= MAX_PENDING) return fail({ id: m.id, error: "BUSY", message: "Too many requests at once." });
        pending++;
        void this.request(player, m).then((reply) => {
          pending--;
          if (open) link.sendMessage(reply);
        });
      },
      loggedIn: (p) => {
        forget();
        player = p;
        let set = this.links.get(p);
        if (!set) this.links.set(p, set = new Set());
        set.add(link);
        const w = this.backends?.world;
        link.sendMessage({ c: S.PLAYER, player: p, name: w?.find(p)?.name ?? "", programmer: w?.isProgrammer(p) ?? false, wizard: w?.isWizard(p) ?? false });
      },
      closed: () => { open = false; forget(); },
    };
  }

  /** A typed line over the line limit is cut and the client told, as telnet does. */
  private fitLine(line: string, link: ClientLink): string {
    if (line.length <= this.maxLineBytes / 4 || Buffer.byteLength(line) <= this.maxLineBytes) return line;
    link.sendMessage({ c: S.OUTPUT, line: `*** Input line too long: cut to ${this.maxLineBytes} bytes ***` });
    return Buffer.from(line).subarray(0, this.maxLineBytes).toString().replace(/\uFFFD$/, "");
  }

  private async request(player: number, r: Request): Promise<ServerMessage> {
    const b = this.backends;
    if (!b) return { c: S.FAILED, id: r.id, error: "FAILED", message: "The server is starting." };
    const a = isEditor(r)
      ? b.world.isProgrammer(player) ? await b.editor.handle(player, r) : { ok: false as const, error: "E_PERM", message: "The verb editor is for programmers." }
      : await b.console.handle(player, r);
    return a.ok ? { c: S.REPLY, id: r.id, result: a.result } : { c: S.FAILED, id: r.id, error: a.error, message: a.message };
  }
}

const isEditor = (r: Request): r is EditorRequest =>
  r.c === C.VERB_LOAD || r.c === C.VERB_SAVE || r.c === C.VERB_SET_INFO || r.c === C.OBJECT_LOAD;

// ---- reading frames ----

/** "#12", "#-1", "me", "here", "$room": what the editor may name an object by. */
const OBJ_REF = /^(#-?\d{1,15}|me|here|\$[A-Za-z_][A-Za-z0-9_]*)$/;
const PERMS = /^[rwxdRWXD]*$/;

type Field = "int" | "str" | "ref" | "desc" | "lines" | "args" | "quota" | "perms";
const SHAPES: Readonly<Record<number, Readonly<Record<string, Field>>>> = {
  [C.INPUT]: { line: "str" },
  [C.VERB_LOAD]: { id: "int", obj: "ref", verb: "desc" },
  [C.VERB_SAVE]: { id: "int", obj: "ref", verb: "desc", code: "lines" },
  [C.VERB_SET_INFO]: { id: "int", obj: "ref", verb: "desc", names: "str", perms: "perms", args: "args" },
  [C.OBJECT_LOAD]: { id: "int", obj: "ref" },
  [C.CONSOLE_STATUS]: { id: "int", since: "int" },
  [C.TASK_KILL]: { id: "int", task: "int" },
  [C.QUOTA_SET]: { id: "int", player: "int", quota: "quota" },
  [C.BACKUP]: { id: "int" },
  [C.SHUTDOWN]: { id: "int", message: "str" },
};
const QUOTA_KEYS = new Set(["ticks_per_second", "burst_ticks", "queued_tasks", "task_bytes"]);

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v);

const fits = (kind: Field, v: unknown): boolean => {
  switch (kind) {
    case "int": return isInt(v);
    case "str": return typeof v === "string";
    case "ref": return typeof v === "string" && OBJ_REF.test(v);
    case "desc": return (typeof v === "string" && v !== "") || (isInt(v) && v > 0);
    case "lines": return Array.isArray(v) && v.every((l) => typeof l === "string");
    case "args": return Array.isArray(v) && v.length === 3 && v.every((l) => typeof l === "string");
    case "perms": return typeof v === "string" && PERMS.test(v);
    case "quota":
      return typeof v === "object" && v !== null && !Array.isArray(v) &&
        Object.entries(v).every(([k, x]) => QUOTA_KEYS.has(k) && isInt(x));
  }
};

/** A frame as a ClientMessage, or why not (with the request's id when it had a readable one). */
export const parseMessage = (text: string): ClientMessage | Failure => {
  let m: unknown;
  try { m = JSON.parse(text); } catch { return { id: null, error: "BAD_REQUEST", message: "A frame must be one JSON message." }; }
  if (typeof m !== "object" || m === null || Array.isArray(m)) return { id: null, error: "BAD_REQUEST", message: "A message is a JSON object." };
  const o = m as Record<string, unknown>;
  const id = isInt(o["id"]) ? o["id"] : null;
  const shape = isInt(o["c"]) ? SHAPES[o["c"]] : undefined;
  if (!shape) return { id, error: "BAD_REQUEST", message: `Unknown message code ${JSON.stringify(o["c"])}.` };
  for (const [k, kind] of Object.entries(shape)) {
    if (!fits(kind, o[k])) return { id, error: "BAD_REQUEST", message: `Field ${k} is missing or not ${kind === "ref" ? "#number, me, here or $name" : `a valid ${kind}`}.` };
  }
  return o as unknown as ClientMessage;
};
