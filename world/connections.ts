// The connection layer: every open connection, whichever front end carries
// it, logged in or not; LambdaMOO's login protocol (lines from an unlogged
// connection go to #0:do_login_command; a player it returns takes the
// connection; user_connected, user_created, user_reconnected,
// user_client_disconnected, user_disconnected); connect timeouts and limits
// per address; and the Connections the scheduler writes output through.

import type { Value } from "../verbs/value.ts";
import { T, mkObj } from "../verbs/value.ts";
import type { ConnectionInfo } from "../objects/world-host.ts";
import type { Scheduler, Connections } from "./scheduler.ts";
import type { Transport, TransportEvents, ConnectionSink, Listener } from "./listener.ts";
import { nanoid } from "nanoid";
import { sameIgnoringCase } from "../objects/verb-names.ts";
import { type ConnOptions, defaultOptions, getOption, setOption, optionList } from "./connection-options.ts";

export interface ConnectionLimits {
  /** Seconds a dropped web client may come back with its session token (0: never). */
  readonly sessionGraceSeconds: number;
  /** Seconds an unlogged connection may stay idle (LambdaMOO's connect_timeout default: 300). */
  readonly connectTimeoutSeconds: number;
  /** Connections from one address at once. */
  readonly maxPerAddress: number;
  /** Connections not yet logged in, at once. */
  readonly maxUnlogged: number;
  /** Output a client may leave unread before it is disconnected (the front ends enforce it). */
  readonly maxQueuedOutput: number;
}

interface Conn {
  /** The player, or the connection's own negative number until it logs in. */
  id: number;
  readonly t: Transport & { readonly address?: string };
  readonly listener: Listener;
  readonly openedAt: number;
  /** When it logged in (ms); 0 while unlogged. */
  connectedAt: number;
  lastInput: number;
  open: boolean;
  /** The session token this connection was given (web clients), for when it drops. */
  token: string | null;
  readonly options: ConnOptions;
}

const NOOP: TransportEvents = { line() {}, closed() {} };

export class ConnectionManager implements Connections, ConnectionSink, ConnectionInfo {
  private readonly byId = new Map<number, Conn>();
  /** Old numbers of connections that logged in, until output queued under them is sent. */
  private readonly aliases = new Map<number, Conn>();
  /** Session tokens: the player each one gives back, and until when (Infinity while connected). */
  private readonly sessions = new Map<string, { player: number; expires: number }>();
  /** boot_player() calls of the current turn: [player, message]. */
  private readonly pendingBoots: [number, string][] = [];
  private nextUnlogged = -2;
  private scheduler: Scheduler | null = null;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly limits: ConnectionLimits, private readonly log: (line: string) => void) {}

  get maxQueuedOutput(): number { return this.limits.maxQueuedOutput; }

  /** The scheduler this layer feeds (it is built with this as its Connections, hence the two steps). */
  attach(s: Scheduler): void {
    this.scheduler = s;
    this.sweeper ??= setInterval(() => this.sweep(), 5000);
    this.sweeper.unref();
  }

  // ---- ConnectionSink: the front ends ----

  open(t: Transport, listener: Listener, session?: string): TransportEvents {
    const address = (t as { address?: string }).address ?? t.name;
    const fromHere = [...this.byId.values()].filter((c) => (c.t as { address?: string }).address === address).length;
    const unlogged = [...this.byId.values()].filter((c) => c.connectedAt === 0).length;
    if (fromHere >= this.limits.maxPerAddress || unlogged >= this.limits.maxUnlogged) {
      t.send("*** Too many connections; try again later. ***");
      t.close();
      this.log(`REFUSED: ${t.name} (${fromHere >= this.limits.maxPerAddress ? "per-address" : "unlogged"} limit)`);
      return NOOP;
    }
    const c = this.newConn(t, listener);
    const back = session !== undefined ? this.sessions.get(session) : undefined;
    if (session !== undefined) this.sessions.delete(session); // good for one reconnection, whatever happens
    if (back && back.expires >= c.openedAt && !this.byId.has(back.player) && this.sched().world.isPlayer(back.player)) {
      this.resume(c, back.player);
      return this.eventsOf(c);
    }
    this.byId.set(c.id, c);
    this.log(`ACCEPT: #${c.id} on ${t.name}`);
    // LambdaMOO queues an empty line for a new connection, so the core can greet it.
    this.sched().input(c.id, "");
    return this.eventsOf(c);
  }

  /**
   * A connection the server opened (open_network_connection()): unlogged,
   * its lines go to the listener's do_login_command; no greeting line and
   * no per-address limit. Returns its number and where its input goes.
   */
  openOutbound(t: Transport, listener: Listener): { conn: number; events: TransportEvents } {
    const c = this.newConn(t, listener);
    this.byId.set(c.id, c);
    this.log(`OUTBOUND: #${c.id} to ${t.name}`);
    return { conn: c.id, events: this.eventsOf(c) };
  }

  private newConn(t: Transport, listener: Listener): Conn {
    const now = Date.now();
    return { id: this.nextUnlogged--, t, listener, openedAt: now, connectedAt: 0, lastInput: now, open: true, token: null,
      options: defaultOptions(this.defaultFlushCommand()) };
  }

  private eventsOf(c: Conn): TransportEvents { return { line: (text) => this.line(c, text), closed: () => this.closed(c) }; }

  private line(c: Conn, text: string): void {
    if (!c.open) return;
    c.lastInput = Date.now();
    // The flush command drops what was typed ahead, right away (LambdaMOO compares it ignoring case).
    const flush = c.options.flushCommand;
    if (flush !== "" && !c.options.binary && sameIgnoringCase(text, flush)) return this.flushInput(c.id, true);
    this.sched().input(c.id, text);
  }

  /** $server_options.default_flush_command when set (a non-string or "" means none), else ".flush". */
  private defaultFlushCommand(): string {
    const v = this.sched().host.serverOption("default_flush_command");
    return v === undefined ? ".flush" : typeof v === "string" ? v : "";
  }

  /** Drop what was typed ahead on conn (.flush, flush_input()), with LambdaMOO's messages when asked. */
  flushInput(conn: number, show: boolean): void {
    const pending = this.sched().queue.takeLines(conn);
    const c = this.byId.get(conn);
    if (!show || !c) return;
    if (pending.length === 0) { c.t.send(">> No pending input to flush..."); return; }
    c.t.send(">> Flushing the following pending input:");
    for (const l of pending) c.t.send(`>>     ${l}`);
    c.t.send(">> (Done flushing)");
  }

  forceInput(conn: number, line: string, atFront: boolean): void { this.sched().input(conn, line, atFront); }

  delimiters(player: number): [string, string] | undefined {
    return this.byId.has(player) ? this.sched().delimiters(player) : undefined;
  }

  private closed(c: Conn): void {
    if (!c.open) return;
    c.open = false;
    this.keepSession(c);
    this.forget(c);
    this.log(`CLIENT DISCONNECTED: #${c.id} on ${c.t.name}`);
    this.sched().serverTask(c.listener.object, "user_client_disconnected", [mkObj(c.id)], c.id);
  }

  // ---- Connections: what the scheduler writes through ----

  notify(player: number, text: string): void {
    const c = this.byId.get(player) ?? this.aliases.get(player);
    if (c?.open) c.t.send(text);
  }

  isConnected(conn: number): boolean { return this.byId.has(conn); }
  optionsOf(conn: number): ConnOptions | undefined { return this.byId.get(conn)?.options; }
  handlerOf(conn: number): number { return this.byId.get(conn)?.listener.object ?? 0; }

  afterFlush(): void {
    if (this.aliases.size > 0) this.aliases.clear();
    if (this.pendingBoots.length === 0) return;
    // Boots asked for during the turn happen now, after the booting task's output went out (LambdaMOO's disconnect_me).
    const boots = this.pendingBoots.splice(0);
    for (const [player, message] of boots) this.disconnect(player, message);
  }

  // ---- login ----

  /**
   * #0:do_login_command answered: a valid player logs the connection in
   * (LambdaMOO player_connected), taking over any connection the player
   * already had.
   */
  loggedIn(conn: number, value: Value | undefined, maxObjectBefore: number): void {
    const c = this.byId.get(conn);
    if (!c || !c.open || value === undefined || typeof value !== "object" || value.tag !== T.OBJ) return;
    const player = value.n;
    const s = this.sched();
    if (!s.world.valid(player) || !s.world.isPlayer(player)) return;
    const existing = this.byId.get(player);
    this.byId.delete(conn);
    this.aliases.set(conn, c);
    c.id = player;
    c.connectedAt = Date.now();
    this.byId.set(player, c);
    c.t.loggedIn?.(player);
    // Lines typed before the login finished are the player's commands now (LambdaMOO moves the queue too).
    s.queue.moveLines(conn, player);
    if (existing && existing !== c) {
      existing.open = false;
      if (existing.listener.printMessages) existing.t.send("*** Redirecting connection to new port ***");
      existing.t.close();
      if (c.listener.printMessages) s.notify(player, "*** Redirecting old connection to this port ***");
      this.log(`REDIRECTED: #${player} to ${c.t.name}`);
      s.serverTask(c.listener.object, "user_reconnected", [mkObj(player)], player);
      return;
    }
    const created = player > maxObjectBefore;
    this.offerSession(c);
    if (c.listener.printMessages) s.notify(player, created ? "*** Created ***" : "*** Connected ***");
    this.log(`${created ? "CREATED" : "CONNECTED"}: #${player} on ${c.t.name}`);
    s.serverTask(c.listener.object, created ? "user_created" : "user_connected", [mkObj(player)], player);
  }

  // ---- what builtins and the console ask ----

  /** Logged-in players, in connection order; unlogged connections too when asked. */
  connected(all: boolean): number[] {
    return [...this.byId.values()].filter((c) => all || c.connectedAt > 0).map((c) => c.id);
  }
  nameOf(player: number): string | undefined { return this.byId.get(player)?.t.name; }
  idleSeconds(player: number): number | undefined {
    const c = this.byId.get(player);
    return c ? Math.floor((Date.now() - c.lastInput) / 1000) : undefined;
  }
  connectedSeconds(player: number): number | undefined {
    const c = this.byId.get(player);
    return c ? Math.floor((Date.now() - (c.connectedAt || c.openedAt)) / 1000) : undefined;
  }
  bufferedOutput(player: number): number | undefined { return this.byId.get(player)?.t.buffered; }

  /** connection_option(s)(): one option's value, or all as {name, value} pairs; undefined when there is no such. */
  connectionOption(conn: number, name?: string): Value | undefined {
    const c = this.byId.get(conn);
    if (!c) return undefined;
    return name === undefined ? optionList(c.options) : getOption(c.options, name);
  }

  /** set_connection_option(): false when not connected, or for an unknown option or a value it does not take. */
  setConnectionOption(conn: number, name: string, value: Value): boolean {
    const c = this.byId.get(conn);
    if (!c) return false;
    const o = c.options, was = { binary: o.binary, echo: o.clientEcho };
    if (!setOption(o, name, value)) return false;
    if (o.binary !== was.binary) c.t.setBinary(o.binary);
    if (o.clientEcho !== was.echo) c.t.setEcho(o.clientEcho);
    // Holding follows both hold-input and disable-oob (out-of-band lines pass a hold unless disabled).
    this.sched().queue.holdInput(conn, o.holdInput, !o.disableOob);
    return true;
  }

  /**
   * boot_player() and @quit: the connection closes once the running task's
   * output has gone out. False when the player is not connected.
   */
  boot(player: number): boolean {
    if (!this.byId.has(player)) return false;
    this.pendingBoots.push([player, "*** Disconnected ***"]);
    return true;
  }

  /** Close a connection now: LambdaMOO's message, then user_disconnected. */
  private disconnect(player: number, message: string): boolean {
    const c = this.byId.get(player);
    if (!c) return false;
    c.open = false;
    this.forget(c);
    if (c.listener.printMessages) c.t.send(message);
    c.t.close();
    this.log(`DISCONNECTED: #${player} on ${c.t.name}`);
    this.sched().serverTask(c.listener.object, "user_disconnected", [mkObj(player)], player);
    return true;
  }

  /** Close everything (shutdown). */
  closeAll(message: string): void {
    for (const c of [...this.byId.values()]) { c.open = false; c.t.send(message); c.t.close(); }
    this.byId.clear();
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  /** A web client that dropped gets its player back without logging in: "*** Reconnected ***", user_reconnected. */
  private resume(c: Conn, player: number): void {
    c.id = player;
    c.connectedAt = Date.now();
    this.byId.set(player, c);
    c.t.loggedIn?.(player);
    this.offerSession(c);
    this.log(`RESUMED: #${player} on ${c.t.name}`);
    const s = this.sched();
    if (c.listener.printMessages) s.notify(player, "*** Reconnected ***");
    s.serverTask(c.listener.object, "user_reconnected", [mkObj(player)], player);
  }

  private offerSession(c: Conn): void {
    if (!c.t.offerSession || this.limits.sessionGraceSeconds <= 0) return;
    if (c.token) this.sessions.delete(c.token);
    c.token = nanoid();
    this.sessions.set(c.token, { player: c.id, expires: Infinity });
    c.t.offerSession(c.token);
  }

  /** A logged-in web client went away on its own: its token stays good for the grace period. */
  private keepSession(c: Conn): void {
    const s = c.token ? this.sessions.get(c.token) : undefined;
    if (s) s.expires = Date.now() + this.limits.sessionGraceSeconds * 1000;
  }

  private forget(c: Conn): void {
    if (this.byId.get(c.id) === c) this.byId.delete(c.id);
    this.sched().disconnected(c.id);
  }

  /** Unlogged connections idle past the connect timeout are closed, as LambdaMOO does. */
  private sweep(): void {
    const limit = this.limits.connectTimeoutSeconds * 1000, now = Date.now();
    for (const [token, s] of this.sessions) if (s.expires < now) this.sessions.delete(token);
    if (limit <= 0) return;
    for (const c of [...this.byId.values()]) {
      if (c.connectedAt !== 0 || now - c.lastInput <= limit) continue;
      this.log(`TIMEOUT: #${c.id} on ${c.t.name}`);
      this.disconnect(c.id, "*** Timed-out waiting for login. ***");
    }
  }

  private sched(): Scheduler {
    if (!this.scheduler) throw new Error("ConnectionManager used before attach()");
    return this.scheduler;
  }
}
