// What every network front end implements (STYLE.md 1): telnet and
// websocket hand the connection layer the same Transport, so nothing above
// can tell them apart (Colyseus's Transport).

import type { Server } from "node:net";

/** One client connection, whatever carries it. */
export interface Transport {
  /** "127.0.0.1, port 51234" and the like: what connection_name() reports. */
  readonly name: string;
  /** Which front end carries it ("telnet", "websocket"). */
  readonly kind: string;
  /** One line of output. */
  send(line: string): void;
  /** Output bytes queued and not yet taken by the client. */
  readonly buffered: number;
  /** Close the connection (after what was sent is flushed, when possible). */
  close(): void;
  /**
   * Hand the client a session token for reconnecting (websocket only:
   * telnet clients have no way to present one).
   */
  offerSession?(token: string): void;
  /** The connection now speaks for `player` (login, reconnection): the web client is told who it is. */
  loggedIn?(player: number): void;
  /**
   * Binary mode (connection option "binary"): input is passed on as it
   * arrives, as a binary string, unsplit; output lines are binary strings,
   * sent as their bytes with no line ending.
   */
  setBinary(on: boolean): void;
  /** Whether the client should echo what is typed (option "client-echo"; telnet says WONT/WILL ECHO). */
  setEcho(on: boolean): void;
}

/** What a front end tells the connection layer about one connection. */
export interface TransportEvents {
  /** A line the client typed (complete, decoded, without its line ending). */
  line(text: string): void;
  /** The client went away, or the front end closed it. Called once. */
  closed(): void;
}

/** The connection layer, as a front end sees it. */
export interface ConnectionSink {
  /**
   * A client connected; returns where its lines and its end go. `session`
   * is the token a reconnecting web client presents to get its player back.
   */
  open(t: Transport, listener: Listener, session?: string): TransportEvents;
}

export interface Listener {
  readonly kind: string;
  /** The object whose hooks its connections call (LambdaMOO's listener object; #0 by default). */
  readonly object: number;
  /** Whether the server prints its own messages (*** Connected *** and the like) on its connections. */
  readonly printMessages: boolean;
  /** The port it listens on (after start(): the real one when 0 was asked). */
  readonly port: number;
  start(): Promise<void>;
  /**
   * Stop accepting. Its connections are dropped too (shutdown), unless
   * `dropConnections` is false (unlisten(): they stay, as in LambdaMOO).
   */
  stop(dropConnections?: boolean): Promise<void>;
}

/** Limits a front end enforces on each connection (config `network`). */
export interface LineLimits {
  /** Longest input line in bytes; the excess is dropped and the client told. */
  readonly maxLineBytes: number;
  /** Output a client may leave unread before it is disconnected. */
  readonly maxQueuedOutput: number;
}

/** Listen on host:port; resolves with the port bound (the system's pick when 0 was asked). */
export const listenOn = (server: Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const a = server.address();
      resolve(typeof a === "object" && a ? a.port : port);
    });
  });

/**
 * A listener's stop(): unlisten() only stops accepting; shutdown also drops
 * the connections (`drop`) and waits until they are gone.
 */
export const stopListening = async (server: Server | null, dropConnections: boolean, drop: () => void): Promise<void> => {
  if (!dropConnections) { server?.close(); return; }
  drop();
  await closeServer(server);
};

/** Stop accepting and wait until the server's connections are gone. */
export const closeServer = (server: Server | null): Promise<void> =>
  server ? new Promise((r) => server.close(() => r())) : Promise.resolve();
