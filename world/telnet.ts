// The telnet front end (node:net): bytes in, lines out. Telnet negotiation
// (IAC sequences) is stripped, never answered; CR, LF and CRLF all end a
// line; input is UTF-8 (bad bytes become U+FFFD) with control characters
// dropped; a line longer than the limit is cut and the client told; a
// client that leaves too much output unread is disconnected.

import { createServer, type Server, type Socket } from "node:net";
import { createServer as createTlsServer, type TlsOptions } from "node:tls";
import { type Listener, type ConnectionSink, type Transport, type TransportEvents, type LineLimits, listenOn, stopListening } from "./listener.ts";
import { binaryToBytes, bytesToBinary } from "../verbs/builtins/strings.ts";

const IAC = 255, SB = 250, SE = 240, WILL = 251, WONT = 252, DONT = 254, CR = 13, LF = 10, ECHO = 1;

/** Splits a telnet byte stream into lines; one per connection. */
export class TelnetDecoder {
  private line: number[] = [];
  private state: "data" | "iac" | "option" | "sb" | "sb-iac" = "data";
  private afterCR = false;
  private cut = false;
  private readonly utf8 = new TextDecoder("utf-8", { fatal: false });

  constructor(private readonly maxLineBytes: number) {}

  /** Feed bytes; calls onLine for each complete line (cut: it was too long). */
  feed(bytes: Uint8Array, onLine: (text: string, cut: boolean) => void): void {
    for (const b of bytes) {
      switch (this.state) {
        case "iac":
          if (b === IAC) { this.push(b); this.state = "data"; }
          else if (b >= WILL && b <= DONT) this.state = "option";
          else this.state = b === SB ? "sb" : "data";
          continue;
        case "option": this.state = "data"; continue;
        case "sb": if (b === IAC) this.state = "sb-iac"; continue;
        case "sb-iac": this.state = b === SE ? "data" : "sb"; continue;
        case "data": break;
      }
      if (b === IAC) { this.state = "iac"; continue; }
      if (b === LF && this.afterCR) { this.afterCR = false; continue; }
      this.afterCR = b === CR;
      if (b === CR || b === LF) { this.end(onLine); continue; }
      // Control characters (other than tab) are not text a MOO wants; LambdaMOO drops them too.
      if (b < 32 && b !== 9) continue;
      if (b === 127) continue;
      this.push(b);
    }
  }

  private push(b: number): void {
    if (this.line.length < this.maxLineBytes) this.line.push(b);
    else this.cut = true;
  }

  private end(onLine: (text: string, cut: boolean) => void): void {
    const line = this.line;
    // (Spreading a very long line as arguments could overflow the stack: those go to the decoder.)
    let ascii = line.length <= 4096;
    for (let i = 0; ascii && i < line.length; i++) if (line[i]! >= 128) { ascii = false; break; }
    // Most lines are ASCII: no decoder, no copy into a typed array.
    const text = ascii ? String.fromCharCode.apply(null, line) : this.utf8.decode(Uint8Array.from(line));
    const cut = this.cut;
    this.line = [];
    this.cut = false;
    onLine(text, cut);
  }
}

class TelnetTransport implements Transport {
  readonly kind = "telnet";
  readonly name: string;
  binary = false;
  private closing = false;

  constructor(private readonly socket: Socket, private readonly limits: LineLimits, localPort: number) {
    this.name = `port ${localPort} from ${socket.remoteAddress ?? "?"}, port ${socket.remotePort ?? 0}`;
  }

  get address(): string { return this.socket.remoteAddress ?? "?"; }
  get buffered(): number { return this.socket.writableLength; }

  send(line: string): void {
    if (this.closing || this.socket.destroyed) return;
    if (this.binary) this.socket.write(binaryToBytes(line) ?? Buffer.alloc(0));
    else this.socket.write(line + "\r\n");
    // A client that does not read must not make the server hold its output forever.
    if (this.socket.writableLength > this.limits.maxQueuedOutput) this.socket.destroy();
  }

  setBinary(on: boolean): void { this.binary = on; }

  /** RFC 857: the server WONT echo (the client should), or WILL (the client should not: a password). */
  setEcho(on: boolean): void {
    if (!this.closing && !this.socket.destroyed) this.socket.write(Uint8Array.of(IAC, on ? WONT : WILL, ECHO));
  }

  close(): void {
    if (this.closing) return;
    this.closing = true;
    this.socket.end();
    // A client that never reads its last output still goes away.
    setTimeout(() => this.socket.destroy(), 2000).unref();
  }
}

export class TelnetListener implements Listener {
  readonly kind = "telnet";
  private server: Server | null = null;
  private actualPort = 0;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly sink: ConnectionSink,
    private readonly limits: LineLimits,
    private readonly host: string,
    private readonly wantedPort: number,
    /** Certificate and key: the port speaks TLS (telnet over TLS, as MUD clients call it). */
    private readonly tls: TlsOptions | null = null,
    readonly object = 0,
    readonly printMessages = true,
  ) {}

  get port(): number { return this.actualPort; }

  start(): Promise<void> {
    const server = this.tls
      ? createTlsServer(this.tls, (socket) => this.accept(socket))
      : createServer((socket) => this.accept(socket));
    this.server = server;
    return listenOn(server, this.wantedPort, this.host).then((port) => { this.actualPort = port; });
  }

  stop(dropConnections = true): Promise<void> {
    const server = this.server;
    this.server = null;
    // Connections the connection layer already closed (with a goodbye) end on their own.
    return stopListening(server, dropConnections, () => { for (const s of this.sockets) if (!s.writableEnded) s.destroy(); });
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    serveTelnet(socket, this.limits, this.actualPort, (t) => this.sink.open(t, this));
  }
}

/**
 * Carry one telnet connection (accepted, or opened by open_network_connection):
 * bytes in become lines for `open`'s events; returns the connection's transport.
 */
export const serveTelnet = (socket: Socket, limits: LineLimits, localPort: number, open: (t: Transport) => TransportEvents): Transport => {
  socket.setNoDelay(true);
  const t = new TelnetTransport(socket, limits, localPort);
  const decoder = new TelnetDecoder(limits.maxLineBytes);
  let ended = false;
  socket.on("error", () => { /* 'close' follows */ });
  socket.on("close", () => {
    if (ended) return;
    ended = true;
    events.closed();
  });
  const events = open(t);
  socket.on("data", (chunk: Buffer) => {
    // Binary mode: the bytes as they came, telnet commands and all (LambdaMOO).
    if (t.binary) { if (!ended) events.line(bytesToBinary(chunk)); return; }
    decoder.feed(chunk, (text, cut) => {
      if (cut) t.send(`*** Input line too long: cut to ${limits.maxLineBytes} bytes ***`);
      if (!ended) events.line(text);
    });
  });
  return t;
};
