// The server's listening points and its outbound connections: what
// listen(), unlisten(), listeners() and open_network_connection() act on.
// serve.ts registers the configured listeners here; MOO code (wizards) may
// add telnet points of its own, each with the object whose hooks its
// connections call, as LambdaMOO's listen() does.

import { connect as tcpConnect } from "node:net";
import { E } from "../verbs/value.ts";
import { MooError } from "../verbs/errors.ts";
import type { Listener, LineLimits } from "./listener.ts";
import type { ConnectionManager } from "./connections.ts";
import { serveTelnet } from "./telnet.ts";

/** Makes a telnet listener on `port` whose connections call `object`'s hooks. */
export type TelnetFactory = (port: number, object: number, printMessages: boolean) => Listener;

/** An outbound connection that has not connected within this long fails (ms). */
const CONNECT_TIMEOUT_MS = 10_000;

/** What the network builtins see (the scheduler holds it once the server is up). */
export interface NetworkControl {
  readonly listeners: readonly Listener[];
  /** Start listening; resolves with the port bound, rejects with a MooError. */
  listen(object: number, port: number, printMessages: boolean): Promise<number>;
  /** Stop listening on port (its connections stay); false when nothing listens there. */
  unlisten(port: number): boolean;
  /** Whether config lets MOO code connect to host. */
  mayConnect(host: string): boolean;
  /** Open a connection out; resolves with its (negative) connection number, rejects with a MooError. */
  connect(host: string, port: number, object: number): Promise<number>;
}

export class Network implements NetworkControl {
  private readonly all: Listener[] = [];

  constructor(
    private readonly connections: ConnectionManager,
    private readonly telnet: TelnetFactory,
    private readonly limits: LineLimits,
    /** config network.outbound_hosts, lower-cased; "*" allows any. */
    private readonly outboundHosts: readonly string[],
    private readonly log: (line: string) => void,
  ) {}

  get listeners(): readonly Listener[] { return this.all; }

  /** A listener serve.ts started from config. */
  add(l: Listener): void { this.all.push(l); }

  async listen(object: number, port: number, printMessages: boolean): Promise<number> {
    if (port !== 0 && this.all.some((l) => l.port === port)) throw new MooError(E.E_INVARG, `Already listening on port ${port}`);
    const l = this.telnet(port, object, printMessages);
    try {
      await l.start();
    } catch (e) {
      throw new MooError(E.E_QUOTA, `Cannot listen on port ${port}: ${(e as Error).message}`);
    }
    this.all.push(l);
    this.log(`LISTEN: #${object} now listening on port ${l.port}`);
    return l.port;
  }

  unlisten(port: number): boolean {
    const i = this.all.findIndex((l) => l.port === port);
    if (i < 0) return false;
    const [l] = this.all.splice(i, 1);
    void l!.stop(false);
    this.log(`UNLISTEN: no longer listening on port ${port}`);
    return true;
  }

  /** Whether config lets MOO code connect to host. */
  mayConnect(host: string): boolean {
    return this.outboundHosts.includes("*") || this.outboundHosts.includes(host.toLowerCase());
  }

  connect(host: string, port: number, object: number): Promise<number> {
    if (!this.mayConnect(host)) return Promise.reject(new MooError(E.E_PERM, `Outbound connections to ${host} are not allowed (config network.outbound_hosts)`));
    const outbound: Listener = {
      kind: "outbound", object, port: 0, printMessages: false, start: async () => {}, stop: async () => {},
    };
    return new Promise((resolve, reject) => {
      const socket = tcpConnect({ host, port, timeout: CONNECT_TIMEOUT_MS });
      const fail = (why: string) => { socket.destroy(); reject(new MooError(E.E_INVARG, `Cannot connect to ${host} port ${port}: ${why}`)); };
      socket.once("timeout", () => fail("timed out"));
      socket.once("error", (e) => fail(e.message));
      socket.once("connect", () => {
        socket.removeAllListeners("timeout").removeAllListeners("error").setTimeout(0);
        let conn = 0;
        serveTelnet(socket, this.limits, socket.localPort ?? 0, (t) => {
          const o = this.connections.openOutbound(t, outbound);
          conn = o.conn;
          return o.events;
        });
        resolve(conn);
      });
    });
  }

  /** Shutdown: every listener stops, with its connections. */
  async stopAll(): Promise<void> {
    for (const l of this.all.splice(0)) await l.stop();
  }
}
