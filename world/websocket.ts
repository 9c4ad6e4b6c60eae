// The web front end: an HTTP server (node:http) with the websocket (ws) at
// /ws, where each text frame is one input line and each output line one
// text frame. Frames over the line limit and binary frames close that
// connection with a reason; ws itself closes on invalid UTF-8 (1007). The
// built browser client will be served at `/` (next issue); until then `/`
// says where to connect.

import { createServer, type Server, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { TlsOptions } from "node:tls";
import { WebSocketServer, type WebSocket } from "ws";
import { type Listener, type ConnectionSink, type Transport, type TransportEvents, type LineLimits, listenOn, closeServer } from "./listener.ts";
import { binaryToBytes, bytesToBinary } from "../verbs/builtins/strings.ts";

/** RFC 6455 close code for data the endpoint cannot accept (ws sends 1009 itself for oversized frames). */
const UNSUPPORTED = 1003;

class WebSocketTransport implements Transport {
  readonly kind = "websocket";
  readonly name: string;
  readonly address: string;
  binary = false;
  private closing = false;

  constructor(private readonly ws: WebSocket, req: IncomingMessage, private readonly limits: LineLimits, localPort: number) {
    this.address = req.socket.remoteAddress ?? "?";
    this.name = `port ${localPort} from ${this.address}, port ${req.socket.remotePort ?? 0} (websocket)`;
  }

  get buffered(): number { return this.ws.bufferedAmount; }

  send(line: string): void {
    if (this.closing || this.ws.readyState !== this.ws.OPEN) return;
    if (this.binary) this.ws.send(binaryToBytes(line) ?? new Uint8Array(0), { binary: true });
    else this.ws.send(line);
    // A browser tab that stopped reading must not make the server hold its output forever.
    if (this.ws.bufferedAmount > this.limits.maxQueuedOutput) this.ws.terminate();
  }

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
  private wss: WebSocketServer | null = null;
  private actualPort = 0;

  constructor(
    private readonly sink: ConnectionSink,
    private readonly limits: LineLimits,
    private readonly host: string,
    private readonly wantedPort: number,
    /** Certificate and key: https and wss:// instead of http and ws://. */
    private readonly tls: TlsOptions | null = null,
    /** Serves everything that is not /ws (the web client); a plain page until it exists. */
    private readonly page: (req: IncomingMessage, res: ServerResponse) => void = placeholder,
    readonly object = 0,
    readonly printMessages = true,
  ) {}

  get port(): number { return this.actualPort; }

  start(): Promise<void> {
    const handler = (req: IncomingMessage, res: ServerResponse) => this.page(req, res);
    const http: Server = this.tls ? createHttpsServer(this.tls, handler) : createServer(handler);
    // ws accepts 100 MiB messages unless told otherwise; a MOO line is much smaller.
    const wss = new WebSocketServer({ server: http, path: "/ws", maxPayload: this.limits.maxLineBytes });
    wss.on("connection", (ws, req) => this.accept(ws, req));
    this.http = http;
    this.wss = wss;
    return listenOn(http, this.wantedPort, this.host).then((port) => { this.actualPort = port; });
  }

  async stop(dropConnections = true): Promise<void> {
    const http = this.http;
    this.http = null;
    // unlisten(): stop accepting; the connections it took stay.
    if (!dropConnections) { http?.close(); return; }
    // Connections the connection layer already closed (with a goodbye) finish their close handshake.
    for (const ws of this.wss?.clients ?? []) if (ws.readyState === ws.OPEN) ws.terminate();
    this.wss?.close();
    await closeServer(http);
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const t = new WebSocketTransport(ws, req, this.limits, this.actualPort);
    let ended = false;
    const session = new URL(req.url ?? "/", "http://x").searchParams.get("session") ?? undefined;
    const events: TransportEvents = this.sink.open(t, this, session);
    ws.on("message", (data, isBinary) => {
      if (ended) return;
      // Binary mode: each frame's bytes, unsplit, as a binary string.
      if (t.binary) { events.line(bytesToBinary(Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]))); return; }
      if (isBinary) { ws.close(UNSUPPORTED, "send text frames: one line each"); return; }
      const text = data.toString();
      // One frame is one line; a frame holding several lines is taken line by line.
      for (const line of text.split(/\r\n|\r|\n/)) events.line(line);
    });
    ws.on("error", () => { /* 'close' follows */ });
    ws.on("close", () => {
      if (ended) return;
      ended = true;
      events.closed();
    });
  }
}

const placeholder = (_req: IncomingMessage, res: ServerResponse): void => {
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  res.end("This MOO's web client is not built yet. Connect a websocket to /ws (one text frame per line), or use telnet.\n");
};
