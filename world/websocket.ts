// The web front end: an HTTP server (node:http) serving the web client's
// files, and the websocket (ws) at /ws. A plain websocket is a line client:
// each text frame is one input line and each output line one text frame.
// Frames over the line limit and binary frames close that connection with
// a reason; ws itself closes on invalid UTF-8 (1007). A websocket that asks
// for the client subprotocol (protocol.ts) exchanges JSON messages instead,
// which the client protocol (client-protocol.ts) reads.

import { createServer, type Server, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { Duplex } from "node:stream";
import type { TlsOptions } from "node:tls";
import { WebSocketServer, type WebSocket } from "ws";
import { type Listener, type ConnectionSink, type Transport, type TransportEvents, type LineLimits, listenOn, stopListening } from "./listener.ts";
import { SUBPROTOCOL, S, type ServerMessage } from "./protocol.ts";
import { binaryToBytes, bytesToBinary } from "../verbs/builtins/strings.ts";

/** A structured connection, as the client protocol drives it. */
export interface ClientLink {
  sendMessage(msg: ServerMessage): void;
}

/** What the client protocol does with one structured connection. */
export interface ClientSession {
  /** A text frame arrived: one JSON message. */
  frame(text: string): void;
  /** The connection now speaks for `player` (login, reconnection). */
  loggedIn(player: number): void;
  closed(): void;
}

/** The structured side of the web listener (client-protocol.ts). */
export interface ClientProtocolHandler {
  /** Longest structured frame accepted, in bytes: a verb's whole code arrives in one. */
  readonly maxMessageBytes: number;
  open(link: ClientLink, events: TransportEvents): ClientSession;
}

/** What the HTTP listener serves besides plain line connections. */
export interface WebApp {
  /** Every request that is not a websocket: the web client's files. */
  page(req: IncomingMessage, res: ServerResponse): void;
  /** Structured connections; without it, a client asking for the subprotocol is served as a plain one. */
  readonly clients?: ClientProtocolHandler;
}

/** RFC 6455 close code for data the endpoint cannot accept (ws sends 1009 itself for oversized frames). */
const UNSUPPORTED = 1003;

class WebSocketTransport implements Transport {
  readonly kind = "websocket";
  readonly name: string;
  readonly address: string;
  binary = false;
  private closing = false;

  /** Set for a structured connection: its messages go to the client protocol. */
  session: ClientSession | null = null;

  constructor(private readonly ws: WebSocket, req: IncomingMessage, private readonly limits: LineLimits, localPort: number) {
    this.address = req.socket.remoteAddress ?? "?";
    this.name = `port ${localPort} from ${this.address}, port ${req.socket.remotePort ?? 0} (websocket)`;
  }

  get buffered(): number { return this.ws.bufferedAmount; }

  send(line: string): void {
    if (this.session) this.sendMessage({ c: S.OUTPUT, line });
    else if (this.binary) this.sendFrame(binaryToBytes(line) ?? new Uint8Array(0));
    else this.sendFrame(line);
  }

  sendMessage(msg: ServerMessage): void { this.sendFrame(JSON.stringify(msg)); }

  private sendFrame(data: string | Uint8Array): void {
    if (this.closing || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(data, { binary: typeof data !== "string" });
    // A browser tab that stopped reading must not make the server hold its output forever.
    if (this.ws.bufferedAmount > this.limits.maxQueuedOutput) this.ws.terminate();
  }

  loggedIn(player: number): void { this.session?.loggedIn(player); }
  /** Binary mode is for plain connections: a structured client's frames stay JSON text. */
  setBinary(on: boolean): void { this.binary = on; }
  /** A browser's input line is the page's to mask; nothing to tell it over a plain line protocol. */
  setEcho(): void {}

  /** An out-of-band line (MCP-style `#$#`), so clients that do not know it can ignore it. */
  offerSession(token: string): void { this.send(`#$#moo-session ${token}`); }

  close(reason = "closed by the server"): void {
    if (this.closing) return;
    this.closing = true;
    this.ws.close(1000, reason.slice(0, 120));
    setTimeout(() => this.ws.terminate(), 2000).unref();
  }
}

export class WebSocketListener implements Listener {
  readonly kind = "websocket";
  private http: Server | null = null;
  /** Plain line connections, and structured ones: each with its own frame size limit. */
  private lines: WebSocketServer | null = null;
  private structured: WebSocketServer | null = null;
  private actualPort = 0;

  constructor(
    private readonly sink: ConnectionSink,
    private readonly limits: LineLimits,
    private readonly host: string,
    private readonly wantedPort: number,
    /** Certificate and key: https and wss:// instead of http and ws://. */
    private readonly tls: TlsOptions | null = null,
    /** The web client's files and its structured protocol; a plain page and line connections only by default. */
    private readonly app: WebApp = { page: placeholder },
    readonly object = 0,
    readonly printMessages = true,
  ) {}

  get port(): number { return this.actualPort; }

  start(): Promise<void> {
    const handler = (req: IncomingMessage, res: ServerResponse) => this.app.page(req, res);
    const http: Server = this.tls ? createHttpsServer(this.tls, handler) : createServer(handler);
    // ws accepts 100 MiB messages unless told otherwise; a MOO line is much smaller.
    this.lines = new WebSocketServer({ noServer: true, maxPayload: this.limits.maxLineBytes });
    this.lines.on("connection", (ws, req) => this.accept(ws, req, false));
    const clients = this.app.clients;
    if (clients) {
      this.structured = new WebSocketServer({
        noServer: true, maxPayload: Math.max(clients.maxMessageBytes, this.limits.maxLineBytes), handleProtocols: () => SUBPROTOCOL,
      });
      this.structured.on("connection", (ws, req) => this.accept(ws, req, true));
    }
    http.on("upgrade", (req, socket, head) => this.upgrade(req, socket, head));
    this.http = http;
    return listenOn(http, this.wantedPort, this.host).then((port) => { this.actualPort = port; });
  }

  stop(dropConnections = true): Promise<void> {
    const http = this.http;
    this.http = null;
    // Connections the connection layer already closed (with a goodbye) finish their close handshake.
    return stopListening(http, dropConnections, () => {
      for (const wss of [this.lines, this.structured]) {
        for (const ws of wss?.clients ?? []) if (ws.readyState === ws.OPEN) ws.terminate();
        wss?.close();
      }
    });
  }

  /** /ws only; a client that asks for the subprotocol (among others) gets a structured connection. */
  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path !== "/ws" || !this.lines) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const asked = (req.headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim());
    const wss = this.structured && asked.includes(SUBPROTOCOL) ? this.structured : this.lines;
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  }

  private accept(ws: WebSocket, req: IncomingMessage, structured: boolean): void {
    const t = new WebSocketTransport(ws, req, this.limits, this.actualPort);
    let ended = false;
    const token = new URL(req.url ?? "/", "http://x").searchParams.get("session") ?? undefined;
    // The session exists before the connection layer hears of the connection: opening it may log it straight in (a reconnection).
    let events: TransportEvents = { line() {}, closed() {} };
    const relay: TransportEvents = { line: (l) => events.line(l), closed: () => events.closed() };
    if (structured) t.session = this.app.clients!.open(t, relay);
    events = this.sink.open(t, this, token);
    ws.on("message", (data, isBinary) => {
      if (ended) return;
      // Binary mode (a plain connection's option): each frame's bytes, unsplit, as a binary string.
      if (t.binary && !t.session) { events.line(bytesToBinary(Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]))); return; }
      if (isBinary) { ws.close(UNSUPPORTED, structured ? "send text frames: one JSON message each" : "send text frames: one line each"); return; }
      const text = data.toString();
      if (t.session) { t.session.frame(text); return; }
      // One frame is one line; a frame holding several lines is taken line by line.
      for (const line of text.split(/\r\n|\r|\n/)) events.line(line);
    });
    ws.on("error", () => { /* 'close' follows */ });
    ws.on("close", () => {
      if (ended) return;
      ended = true;
      t.session?.closed();
      events.closed();
    });
  }
}

const placeholder = (_req: IncomingMessage, res: ServerResponse): void => {
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  res.end("This MOO's web client is not built yet. Connect a websocket to /ws (one text frame per line), or use telnet.\n");
};
