// The websocket to the server, speaking the structured protocol
// (world/protocol.ts): typed lines out, output lines in, and editor and
// console requests matched to their replies by id. When the socket drops
// it reconnects by itself (1, 2, 4 ... 15 s apart), presenting the session
// token the server gave, so the player comes back without logging in.

import {
  SUBPROTOCOL, OOB, C, S,
  type Request, type RequestCode, type Results, type ServerMessage,
} from "../world/protocol.ts";

export type Status =
  | { readonly state: "connecting" }
  | { readonly state: "open" }
  /** `retryIn`: seconds until the next attempt; null when it will not retry by itself. */
  | { readonly state: "closed"; readonly retryIn: number | null };

export interface Player { readonly player: number; readonly name: string; readonly programmer: boolean; readonly wizard: boolean }

export interface ConnectionEvents {
  line(text: string): void;
  status(s: Status): void;
  player(p: Player | null): void;
  /** An out-of-band line other than the session token: its name (#$#moo-edit) and the rest. */
  oob(name: string, rest: string): void;
}

/** A failed request: the MOO error (E_PERM, E_VERBNF, ...) or protocol error, and its message. */
export class RequestError extends Error {
  constructor(readonly code: string, message: string) { super(message); }
}

/** A request without its id (the connection numbers them). */
export type Ask<K extends RequestCode> = Extract<Request, { c: K }> extends infer R ? R extends unknown ? Omit<R, "id"> : never : never;

const TOKEN_KEY = "moo-session";
const RETRY_MAX = 15;

export class Connection {
  private ws: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private retries = 0;
  private timer: number | null = null;
  private countdown: number | null = null;
  /** Set when the server said goodbye for good (@quit): no reconnecting by ourselves. */
  private ended = false;

  constructor(private readonly url: string, private readonly on: ConnectionEvents) {}

  connect(): void {
    this.clearTimers();
    this.ended = false;
    const token = sessionStorage.getItem(TOKEN_KEY);
    // A token is good once: the server sends a new one after the reconnection.
    sessionStorage.removeItem(TOKEN_KEY);
    const ws = new WebSocket(token ? `${this.url}?session=${encodeURIComponent(token)}` : this.url, [SUBPROTOCOL]);
    this.ws = ws;
    this.on.status({ state: "connecting" });
    ws.onopen = () => {
      this.retries = 0;
      this.on.status({ state: "open" });
    };
    ws.onmessage = (e) => this.message(String(e.data));
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      for (const p of this.pending.values()) p.reject(new RequestError("DISCONNECTED", "The connection dropped."));
      this.pending.clear();
      this.on.player(null);
      this.scheduleRetry();
    };
  }

  get isOpen(): boolean { return this.ws?.readyState === WebSocket.OPEN; }

  /** A typed line; false when there is no connection to send it on. */
  send(line: string): boolean {
    if (!this.isOpen) return false;
    this.ws!.send(JSON.stringify({ c: C.INPUT, line }));
    return true;
  }

  request<K extends RequestCode>(code: K, body: Omit<Ask<K>, "c">): Promise<Results[K]> {
    if (!this.isOpen) return Promise.reject(new RequestError("DISCONNECTED", "Not connected."));
    const id = this.nextId++;
    this.ws!.send(JSON.stringify({ ...body, c: code, id }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }

  private message(text: string): void {
    let m: ServerMessage;
    try { m = JSON.parse(text) as ServerMessage; } catch { return; }
    switch (m.c) {
      case S.OUTPUT: return this.output(m.line);
      case S.PLAYER: return this.on.player({ player: m.player, name: m.name, programmer: m.programmer, wizard: m.wizard });
      case S.REPLY:
      case S.FAILED: {
        if (m.id === null) return;
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.c === S.REPLY) p.resolve(m.result);
        else p.reject(new RequestError(m.error, m.message));
      }
    }
  }

  private output(line: string): void {
    if (line.startsWith("#$#")) {
      const space = line.indexOf(" ");
      const name = space < 0 ? line : line.slice(0, space), rest = space < 0 ? "" : line.slice(space + 1);
      if (name === OOB.SESSION) sessionStorage.setItem(TOKEN_KEY, rest.trim());
      else this.on.oob(name, rest);
      return;
    }
    // LambdaMOO's goodbyes after @quit or boot_player(), and to a connection another one took over:
    // coming back by ourselves would undo what was meant.
    if (line === "*** Disconnected ***" || line === "*** Redirecting connection to new port ***") {
      this.ended = true;
      sessionStorage.removeItem(TOKEN_KEY);
    }
    this.on.line(line);
  }

  private scheduleRetry(): void {
    if (this.ended) { this.on.status({ state: "closed", retryIn: null }); return; }
    let wait = Math.min(RETRY_MAX, 2 ** this.retries++);
    this.on.status({ state: "closed", retryIn: wait });
    this.countdown = window.setInterval(() => {
      wait = Math.max(0, wait - 1);
      this.on.status({ state: "closed", retryIn: wait });
    }, 1000);
    this.timer = window.setTimeout(() => this.connect(), wait * 1000);
  }

  private clearTimers(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.countdown !== null) clearInterval(this.countdown);
    this.timer = this.countdown = null;
  }
}
