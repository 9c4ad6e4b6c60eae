// `moo serve`: the running server. Loads the world from its database (or
// creates one), starts the scheduler, runs #0:server_started, opens the
// listeners (with the web client, its editor and console), and shuts down cleanly on SIGINT, SIGTERM or shutdown():
// listeners closed, connections told, everything committed.

import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { createSecureContext, type TlsOptions } from "node:tls";
import { loadConfig, ConfigError, type Config, port as portCheck } from "./config.ts";
import { boot, type Booted } from "./boot.ts";
import { ConnectionManager } from "./connections.ts";
import { TelnetListener } from "./telnet.ts";
import { WebSocketListener } from "./websocket.ts";
import type { Listener } from "./listener.ts";
import { Network } from "./network.ts";
import { DbError } from "../db/sqlite-store.ts";
import { CoreError } from "./core-loader.ts";
import { ClientProtocol } from "./client-protocol.ts";
import { clientBuiltins } from "./client-builtins.ts";
import { PlayerRequests } from "./player-requests.ts";
import { VerbEditor } from "./editor.ts";
import { OperatorConsole } from "./console.ts";
import { ServerStats } from "./server-stats.ts";
import { LogTail } from "./log-tail.ts";
import { staticFiles } from "./static-files.ts";

export interface Server {
  readonly booted: Booted;
  readonly connections: ConnectionManager;
  readonly listeners: readonly Listener[];
  /** Stop everything; resolves when closed and committed. */
  shutdown(message?: string): Promise<void>;
  /** Resolves once the server has shut down, however that was asked for. */
  readonly closed: Promise<void>;
}

/** The built web client: dist/client beside dist/world (client/build.mjs writes it). */
const CLIENT_DIR = fileURLToPath(new URL("../client/", import.meta.url));

const timestamp = (): string => new Date().toISOString().replace("T", " ").slice(0, 19);

/** Start a server; throws ConfigError or DbError with a message for the operator. */
export const startServer = async (config: Config, dbPath: string, out: (l: string) => void = (l) => { process.stderr.write(`${timestamp()}: ${l}\n`); }): Promise<Server> => {
  const net = config.network;
  // The operator console shows the newest lines of the log.
  const tail = new LogTail();
  const log = (l: string): void => { tail.push(`${timestamp()}: ${l}`); out(l); };
  const connections = new ConnectionManager(
    { connectTimeoutSeconds: net.connectTimeoutSeconds, maxPerAddress: net.maxConnectionsPerAddress, maxUnlogged: net.maxUnloggedConnections,
      sessionGraceSeconds: net.sessionGraceSeconds, maxQueuedOutput: net.maxQueuedOutput }, log);
  const clients = new ClientProtocol(net.maxLineBytes, net.maxMessageBytes);
  let server: Server | null = null;
  const booted = boot(dbPath, config, connections, {
    log,
    loggedIn: (conn, value, before) => connections.loggedIn(conn, value, before),
    // shutdown() returns to its task first; the server stops on the next turn.
    shutdown: (message) => { setImmediate(() => { void server?.shutdown(message); }); },
    builtins: [clientBuiltins(clients)],
  });
  connections.attach(booted.scheduler);
  const stats = new ServerStats(() => ({ ...booted.scheduler.counters, commits: booted.store.commits }), dbPath);
  stats.start();
  const requests = new PlayerRequests(booted.scheduler);
  clients.attach({
    world: booted.world,
    editor: new VerbEditor(requests),
    console: new OperatorConsole({ world: booted.world, scheduler: booted.scheduler, connections, stats, backups: booted.backups, log: tail }, requests),
  });
  log(`LOADED ${dbPath}${booted.created ? " (created from the built-in core)" : ""}: ${[...booted.world.all()].length} objects, ` +
    `${booted.tasks.restored} tasks restored${booted.tasks.skipped.length ? `, ${booted.tasks.skipped.length} skipped` : ""}`);
  booted.scheduler.start();
  const limits = { maxLineBytes: net.maxLineBytes, maxQueuedOutput: net.maxQueuedOutput };
  let tls: TlsOptions | null = null;
  // listen() opens telnet points like the configured one: same address, same TLS.
  const network = new Network(connections,
    (port, object, print) => new TelnetListener(connections, limits, net.host, port, tls, object, print), limits, net.outboundHosts, log);
  const listeners = network.listeners;
  try {
    tls = tlsOptions(net.tlsCert, net.tlsKey);
    if (net.telnetPort > 0) {
      const telnet = new TelnetListener(connections, limits, net.host, net.telnetPort, tls);
      await telnet.start();
      network.add(telnet);
      log(`LISTEN: telnet${tls ? " (TLS)" : ""} on ${net.host} port ${telnet.port}`);
    }
    if (net.httpPort > 0) {
      const web = new WebSocketListener(connections, limits, net.host, net.httpPort, tls, { page: staticFiles(CLIENT_DIR), clients });
      await web.start();
      network.add(web);
      log(`LISTEN: ${tls ? "https and wss" : "http and websocket"} (/ws) on ${net.host} port ${web.port}`);
    }
  } catch (e) {
    await network.stopAll();
    booted.scheduler.stop(); booted.backups.stop(); stats.stop(); booted.store.close();
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`cannot listen on ${net.host}: ${(e as Error).message}`);
  }
  booted.scheduler.network = network;
  let stopping: Promise<void> | null = null;
  let markClosed = (): void => {};
  const closed = new Promise<void>((r) => { markClosed = r; });
  server = {
    booted, connections, listeners, closed,
    shutdown(message = "") {
      stopping ??= (async () => {
        log(`SHUTDOWN${message ? `: ${message}` : ""}`);
        // Let a task that is mid-run finish (it is bounded by its limits), so it is committed whole.
        await booted.scheduler.settle();
        connections.closeAll(`*** Shutting down${message ? `: ${message}` : ""} ***`);
        await network.stopAll();
        booted.scheduler.stop();
        booted.backups.stop();
        stats.stop();
        booted.store.close();
        markClosed();
      })();
      return stopping;
    },
  };
  return server;
};

/** The certificate and key for TLS, read now so a bad path stops start-up with its name; null when not configured. */
const tlsOptions = (cert: string, key: string): TlsOptions | null => {
  if (cert === "" && key === "") return null;
  if (cert === "" || key === "") throw new ConfigError("network.tls_cert and network.tls_key: set both, or neither");
  const read = (k: string, p: string): Buffer => {
    try { return readFileSync(p); } catch (e) { throw new ConfigError(`network.${k}: cannot read ${p}: ${(e as Error).message}`); }
  };
  const opts = { cert: read("tls_cert", cert), key: read("tls_key", key) };
  try { createSecureContext(opts); } catch (e) { throw new ConfigError(`network.tls_cert/tls_key: not a usable certificate and key: ${(e as Error).message}`); }
  return opts;
};

const numberFlag = (name: string, v: string | undefined): number => {
  const n = Number(v);
  portCheck(name, n);
  return n;
};

/** The `moo serve` command line: flags override config.yaml. */
export const runServe = async (args: string[]): Promise<number> => {
  const o: { configPath?: string; db?: string; telnet?: number; http?: number } = {};
  try {
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!, v = args[i + 1];
      if (a === "--config") { o.configPath = v; i++; }
      else if (a === "--db") { o.db = v; i++; }
      else if (a === "--telnet") { o.telnet = numberFlag("--telnet", v); i++; }
      else if (a === "--http") { o.http = numberFlag("--http", v); i++; }
      else throw new ConfigError(`unknown option ${a}`);
      if (v === undefined) throw new ConfigError(`${a} needs a value`);
    }
    const base = loadConfig(o.configPath ?? "config.yaml", o.configPath === undefined);
    const config: Config = {
      ...base,
      network: { ...base.network, telnetPort: o.telnet ?? base.network.telnetPort, httpPort: o.http ?? base.network.httpPort },
    };
    const dbPath = resolve(o.db ?? config.database.path);
    const { mkdirSync } = await import("node:fs");
    mkdirSync(resolve(dbPath, ".."), { recursive: true });
    const server = await startServer(config, dbPath);
    // Before saying we are running: a supervisor may signal as soon as it reads that line.
    process.once("SIGINT", () => { void server.shutdown("signal SIGINT"); });
    process.once("SIGTERM", () => { void server.shutdown("signal SIGTERM"); });
    console.log(`MOO server running on ${dbPath}.`);
    for (const l of server.listeners) {
      const web = config.network.tlsCert ? "https" : "http";
      console.log(l.kind === "telnet" ? `  telnet ${config.network.host} ${l.port}${config.network.tlsCert ? " (TLS)" : ""}` : `  ${web}://${config.network.host}:${l.port}/ (websocket at /ws)`);
    }
    if (server.listeners.length === 0) console.log("  no listeners (both ports are 0)");
    // The server runs until shut down, even with no listener open (its tasks still run).
    const keepAlive = setInterval(() => {}, 1 << 30);
    await server.closed;
    clearInterval(keepAlive);
    return 0;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof DbError || e instanceof CoreError) { console.error(`moo serve: ${e.message}`); return 1; }
    throw e;
  }
};
