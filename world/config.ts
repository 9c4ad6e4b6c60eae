// config.yaml, read once into a typed, frozen Config that is passed down
// (STYLE.md 1). A bad file or value stops start-up with one message naming
// the key; unknown keys are refused too, so a typo cannot silently do nothing.

import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { type Limits, DEFAULT_LIMITS } from "../verbs/builtin-spec.ts";

export interface Quotas {
  /** Objects one non-wizard player may own; 0 for no limit. */
  readonly objectsPerOwner: number;
  /** Ticks per second each player's bucket refills with. */
  readonly ticksPerSecond: number;
  /** Most ticks a player's bucket holds. */
  readonly burstTicks: number;
  /** Forked, suspended and reading tasks one player may have queued. */
  readonly queuedTasks: number;
  /** Bytes one player's running and queued tasks may hold. */
  readonly taskBytes: number;
  /** Whether tasks running with wizard rights skip the queued-task and task-memory quotas. */
  readonly wizardsExempt: boolean;
  /** A player over its rate waits even when the server has nothing else to run (a hard cap on its CPU). */
  readonly strictRate: boolean;
}

/** Per-task limits, used where $server_options does not set them (LambdaMOO's defaults). */
export interface TaskLimits {
  readonly fgTicks: number;
  readonly bgTicks: number;
  readonly fgSeconds: number;
  readonly bgSeconds: number;
  readonly maxStackDepth: number;
}

export interface SchedulerSettings {
  /** Ticks a task runs before the scheduler looks at the clock and its limits again. */
  readonly sliceTicks: number;
  /** Milliseconds of MOO code per event-loop turn before network I/O gets its turn. */
  readonly turnMs: number;
  /** Ticks each player's turn adds to its credit (deficit round robin between players). */
  readonly quantumTicks: number;
}

export interface DatabaseSettings {
  /** The world's SQLite file; created from the built-in core when missing. */
  readonly path: string;
  /** PRAGMA synchronous: "normal" survives a crashed server, "full" also a crashed machine (slower commits). */
  readonly synchronous: "normal" | "full";
  /** Where online backups go. */
  readonly backupDir: string;
  /** Minutes between scheduled backups; 0 for none (dump_database() still makes one). */
  readonly backupIntervalMinutes: number;
  /** Backups kept in backup_dir; older ones are deleted. */
  readonly backupsKept: number;
}

export interface NetworkSettings {
  /** Address the listeners bind to. */
  readonly host: string;
  /** Telnet port; 0 turns telnet off. */
  readonly telnetPort: number;
  /** HTTP/websocket port; 0 turns it off. */
  readonly httpPort: number;
  /** Longest input line, in bytes. */
  readonly maxLineBytes: number;
  /** Output a client may leave unread before it is disconnected, in bytes. */
  readonly maxQueuedOutput: number;
  /** Seconds an unlogged connection may stay idle. */
  readonly connectTimeoutSeconds: number;
  readonly maxConnectionsPerAddress: number;
  readonly maxUnloggedConnections: number;
  /** PEM certificate and key files; when both are set, telnet speaks TLS and HTTP is https (wss). "" for off. */
  readonly tlsCert: string;
  readonly tlsKey: string;
  /** Seconds a web client that dropped may reconnect with its session token and get its player back. */
  readonly sessionGraceSeconds: number;
  /** Longest message of the web client's structured protocol, in bytes (a verb's code is saved in one). */
  readonly maxMessageBytes: number;
  /** Hosts open_network_connection() may reach ("*": any); empty: none, every call is refused (E_PERM). */
  readonly outboundHosts: readonly string[];
}

export interface Config {
  readonly network: NetworkSettings;
  readonly database: DatabaseSettings;
  readonly limits: Limits;
  readonly quotas: Quotas;
  readonly tasks: TaskLimits;
  readonly scheduler: SchedulerSettings;
}

export const DEFAULT_QUOTAS: Quotas = Object.freeze({
  objectsPerOwner: 0, ticksPerSecond: 5_000_000, burstTicks: 20_000_000, queuedTasks: 1000, taskBytes: 64 * 1024 * 1024, wizardsExempt: true, strictRate: false,
});
export const DEFAULT_TASK_LIMITS: TaskLimits = Object.freeze({ fgTicks: 30000, bgTicks: 15000, fgSeconds: 5, bgSeconds: 3, maxStackDepth: 50 });
export const DEFAULT_SCHEDULER: SchedulerSettings = Object.freeze({ sliceTicks: 50_000, turnMs: 5, quantumTicks: 1000 });
export const DEFAULT_DATABASE: DatabaseSettings = Object.freeze({
  path: "data/world.sqlite", synchronous: "normal", backupDir: "data/backups", backupIntervalMinutes: 60, backupsKept: 24,
});
export const DEFAULT_NETWORK: NetworkSettings = Object.freeze({
  host: "127.0.0.1", telnetPort: 7777, httpPort: 8080, maxLineBytes: 16384, maxQueuedOutput: 1 << 20,
  connectTimeoutSeconds: 300, maxConnectionsPerAddress: 20, maxUnloggedConnections: 100, tlsCert: "", tlsKey: "", sessionGraceSeconds: 300,
  maxMessageBytes: 1 << 20,
  outboundHosts: Object.freeze([]),
});
export const DEFAULT_CONFIG: Config = Object.freeze({
  network: DEFAULT_NETWORK, database: DEFAULT_DATABASE, limits: DEFAULT_LIMITS, quotas: DEFAULT_QUOTAS, tasks: DEFAULT_TASK_LIMITS, scheduler: DEFAULT_SCHEDULER,
});

export class ConfigError extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

type Check = (key: string, v: unknown) => number | boolean | string | readonly string[];
const text: Check = (key, v) => {
  if (typeof v !== "string" || v === "") throw new ConfigError(`${key}: must be a non-empty string (got ${JSON.stringify(v)})`);
  return v;
};
const optionalText: Check = (key, v) => {
  if (v === null || v === undefined) return "";
  if (typeof v !== "string") throw new ConfigError(`${key}: must be a string (got ${JSON.stringify(v)})`);
  return v;
};
const hostList: Check = (key, v) => {
  if (v === null || v === undefined) return Object.freeze([]);
  if (!Array.isArray(v) || !v.every((h) => typeof h === "string" && h !== "")) {
    throw new ConfigError(`${key}: must be a list of host names or addresses (got ${JSON.stringify(v)})`);
  }
  return Object.freeze(v.map((h: string) => h.toLowerCase()));
};
const oneOf = (...allowed: string[]): Check => (key, v) => {
  if (typeof v !== "string" || !allowed.includes(v)) throw new ConfigError(`${key}: must be one of ${allowed.join(", ")} (got ${JSON.stringify(v)})`);
  return v;
};
const positiveInt: Check = (key, v) => {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v <= 0) {
    throw new ConfigError(`${key}: must be a positive integer (got ${JSON.stringify(v)})`);
  }
  return v;
};
const countOrZero: Check = (key, v) => {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
    throw new ConfigError(`${key}: must be 0 or a positive integer (got ${JSON.stringify(v)})`);
  }
  return v;
};
/** A TCP port, or 0 for "off". */
export const port: Check = (key, v) => {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 65535) throw new ConfigError(`${key}: must be a port number 0-65535, 0 for off (got ${JSON.stringify(v)})`);
  return v;
};
const flag: Check = (key, v) => {
  if (typeof v !== "boolean") throw new ConfigError(`${key}: must be true or false (got ${JSON.stringify(v)})`);
  return v;
};

/** Each section of config.yaml: its defaults, and for each key the field it sets and its check. */
const SECTIONS: Record<string, { defaults: object; keys: Record<string, [field: string, check: Check]> }> = {
  network: {
    defaults: DEFAULT_NETWORK,
    keys: {
      host: ["host", text],
      telnet_port: ["telnetPort", port],
      http_port: ["httpPort", port],
      max_line_bytes: ["maxLineBytes", positiveInt],
      max_queued_output: ["maxQueuedOutput", positiveInt],
      connect_timeout_seconds: ["connectTimeoutSeconds", countOrZero],
      max_connections_per_address: ["maxConnectionsPerAddress", positiveInt],
      max_unlogged_connections: ["maxUnloggedConnections", positiveInt],
      tls_cert: ["tlsCert", optionalText],
      tls_key: ["tlsKey", optionalText],
      session_grace_seconds: ["sessionGraceSeconds", countOrZero],
      max_message_bytes: ["maxMessageBytes", positiveInt],
      outbound_hosts: ["outboundHosts", hostList],
    },
  },
  database: {
    defaults: DEFAULT_DATABASE,
    keys: {
      path: ["path", text],
      synchronous: ["synchronous", oneOf("normal", "full")],
      backup_dir: ["backupDir", text],
      backup_interval_minutes: ["backupIntervalMinutes", countOrZero],
      backups_kept: ["backupsKept", positiveInt],
    },
  },
  limits: {
    defaults: DEFAULT_LIMITS,
    keys: {
      max_string_length: ["maxStringLength", positiveInt],
      max_list_length: ["maxListLength", positiveInt],
      max_map_size: ["maxMapSize", positiveInt],
    },
  },
  quotas: {
    defaults: DEFAULT_QUOTAS,
    keys: {
      objects_per_owner: ["objectsPerOwner", countOrZero],
      ticks_per_second: ["ticksPerSecond", positiveInt],
      burst_ticks: ["burstTicks", positiveInt],
      queued_tasks: ["queuedTasks", countOrZero],
      task_bytes: ["taskBytes", positiveInt],
      wizards_exempt: ["wizardsExempt", flag],
      strict_rate: ["strictRate", flag],
    },
  },
  tasks: {
    defaults: DEFAULT_TASK_LIMITS,
    keys: {
      fg_ticks: ["fgTicks", positiveInt],
      bg_ticks: ["bgTicks", positiveInt],
      fg_seconds: ["fgSeconds", positiveInt],
      bg_seconds: ["bgSeconds", positiveInt],
      max_stack_depth: ["maxStackDepth", positiveInt],
    },
  },
  scheduler: {
    defaults: DEFAULT_SCHEDULER,
    keys: {
      slice_ticks: ["sliceTicks", positiveInt],
      turn_ms: ["turnMs", positiveInt],
      quantum_ticks: ["quantumTicks", positiveInt],
    },
  },
};

/** Build a Config from parsed YAML; `file` names the source in messages. */
export const configFrom = (doc: unknown, file = "config.yaml"): Config => {
  if (doc === null || doc === undefined) return DEFAULT_CONFIG;
  if (!isRecord(doc)) throw new ConfigError(`${file}: the top level must be a mapping of settings`);
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, section] of Object.entries(SECTIONS)) out[name] = { ...section.defaults };
  for (const [key, value] of Object.entries(doc)) {
    const section = Object.hasOwn(SECTIONS, key) ? SECTIONS[key]! : undefined;
    if (!section) throw new ConfigError(`${file}: ${key}: unknown setting`);
    if (value === null) continue;
    if (!isRecord(value)) throw new ConfigError(`${file}: ${key}: must be a mapping`);
    for (const [k, v] of Object.entries(value)) {
      const entry = Object.hasOwn(section.keys, k) ? section.keys[k]! : undefined;
      if (!entry) throw new ConfigError(`${file}: ${key}.${k}: unknown setting`);
      out[key]![entry[0]] = entry[1](`${file}: ${key}.${k}`, v);
    }
  }
  for (const name of Object.keys(out)) Object.freeze(out[name]);
  return Object.freeze(out) as unknown as Config;
};

/** Read and check a config file. A missing file means all defaults only when `optional`. */
export const loadConfig = (path: string, optional = false): Config => {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (optional && (e as NodeJS.ErrnoException).code === "ENOENT") return DEFAULT_CONFIG;
    throw new ConfigError(`${path}: cannot read: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new ConfigError(`${path}: not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  return configFrom(doc, path);
};
