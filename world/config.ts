// config.yaml, read once into a typed, frozen Config that is passed down
// (STYLE.md 1). A bad file or value stops start-up with one message naming
// the key; unknown keys are refused too, so a typo cannot silently do nothing.

import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { type Limits, DEFAULT_LIMITS } from "../verbs/builtin-spec.ts";

export interface Quotas {
  /** Objects one non-wizard player may own; 0 for no limit. */
  readonly objectsPerOwner: number;
}

export interface Config {
  readonly limits: Limits;
  readonly quotas: Quotas;
}

export const DEFAULT_QUOTAS: Quotas = Object.freeze({ objectsPerOwner: 0 });
export const DEFAULT_CONFIG: Config = Object.freeze({ limits: DEFAULT_LIMITS, quotas: DEFAULT_QUOTAS });

export class ConfigError extends Error {}

/** key in config.yaml -> field of Limits */
const LIMIT_KEYS: Record<string, keyof Limits> = {
  max_string_length: "maxStringLength",
  max_list_length: "maxListLength",
  max_map_size: "maxMapSize",
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const positiveInt = (key: string, v: unknown): number => {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v <= 0) {
    throw new ConfigError(`${key}: must be a positive integer (got ${JSON.stringify(v)})`);
  }
  return v;
};
const countOrZero = (key: string, v: unknown): number => {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
    throw new ConfigError(`${key}: must be 0 or a positive integer (got ${JSON.stringify(v)})`);
  }
  return v;
};
const QUOTA_KEYS: Record<string, keyof Quotas> = { objects_per_owner: "objectsPerOwner" };

/** Build a Config from parsed YAML; `file` names the source in messages. */
export const configFrom = (doc: unknown, file = "config.yaml"): Config => {
  if (doc === null || doc === undefined) return DEFAULT_CONFIG;
  if (!isRecord(doc)) throw new ConfigError(`${file}: the top level must be a mapping of settings`);
  const limits: { -readonly [K in keyof Limits]: number } = { ...DEFAULT_LIMITS };
  const quotas: { -readonly [K in keyof Quotas]: number } = { ...DEFAULT_QUOTAS };
  for (const [key, value] of Object.entries(doc)) {
    if (key !== "limits" && key !== "quotas") throw new ConfigError(`${file}: ${key}: unknown setting`);
    if (value === null) continue;
    if (!isRecord(value)) throw new ConfigError(`${file}: ${key}: must be a mapping`);
    for (const [k, v] of Object.entries(value)) {
      if (key === "limits") {
        const field = LIMIT_KEYS[k];
        if (!field) throw new ConfigError(`${file}: limits.${k}: unknown setting`);
        limits[field] = positiveInt(`${file}: limits.${k}`, v);
      } else {
        const field = QUOTA_KEYS[k];
        if (!field) throw new ConfigError(`${file}: quotas.${k}: unknown setting`);
        quotas[field] = countOrZero(`${file}: quotas.${k}`, v);
      }
    }
  }
  return Object.freeze({ limits: Object.freeze(limits), quotas: Object.freeze(quotas) });
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
