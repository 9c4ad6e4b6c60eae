// config.yaml: defaults, the shipped file, and one clear message per bad input.

import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig, configFrom, ConfigError, DEFAULT_CONFIG } from "./config.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const tmp = mkdtempSync(join(tmpdir(), "moo-config-"));
const file = (text: string): string => {
  const p = join(tmp, `c${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(p, text);
  return p;
};

test("the shipped config.yaml loads and states the defaults", () => {
  assert.deepEqual(loadConfig(join(root, "config.yaml")), DEFAULT_CONFIG);
});

test("an empty or missing optional file gives the defaults", () => {
  assert.deepEqual(loadConfig(file("")), DEFAULT_CONFIG);
  assert.deepEqual(loadConfig(join(tmp, "absent.yaml"), true), DEFAULT_CONFIG);
  assert.throws(() => loadConfig(join(tmp, "absent.yaml")), /cannot read/);
});

test("values override defaults and the result is frozen", () => {
  const c = configFrom({ limits: { max_string_length: 100 } });
  assert.equal(c.limits.maxStringLength, 100);
  assert.equal(c.limits.maxListLength, DEFAULT_CONFIG.limits.maxListLength);
  assert.ok(Object.isFrozen(c) && Object.isFrozen(c.limits));
});

test("bad input: one message naming the key", () => {
  assert.throws(() => loadConfig(file("limits: [1, 2")), (e: Error) => e instanceof ConfigError && /not valid YAML/.test(e.message));
  assert.throws(() => loadConfig(file("limits:\n  max_string_length: -5\n")), /limits\.max_string_length: must be a positive integer \(got -5\)/);
  assert.throws(() => loadConfig(file("limits:\n  max_list_length: lots\n")), /limits\.max_list_length: must be a positive integer \(got "lots"\)/);
  assert.throws(() => loadConfig(file("limits:\n  max_strng_length: 5\n")), /limits\.max_strng_length: unknown setting/);
  assert.throws(() => loadConfig(file("telnet_port: 7777\n")), /telnet_port: unknown setting/);
  assert.throws(() => loadConfig(file("- a\n- b\n")), /top level must be a mapping/);
});

test("quotas: objects_per_owner takes 0 (no limit) or a positive count", () => {
  assert.equal(configFrom({ quotas: { objects_per_owner: 50 } }).quotas.objectsPerOwner, 50);
  assert.equal(configFrom({}).quotas.objectsPerOwner, 0);
  assert.throws(() => configFrom({ quotas: { objects_per_owner: -1 } }), /quotas\.objects_per_owner: must be 0 or a positive integer/);
  assert.throws(() => configFrom({ quotas: { objects: 5 } }), /quotas\.objects: unknown setting/);
});

test("scheduler settings: tasks, scheduler and the per-player quotas, each checked", () => {
  const c = configFrom({ tasks: { fg_ticks: 100 }, scheduler: { turn_ms: 2 }, quotas: { queued_tasks: 0, wizards_exempt: false } });
  assert.equal(c.tasks.fgTicks, 100);
  assert.equal(c.tasks.bgTicks, DEFAULT_CONFIG.tasks.bgTicks);
  assert.equal(c.scheduler.turnMs, 2);
  assert.equal(c.quotas.queuedTasks, 0);
  assert.equal(c.quotas.wizardsExempt, false);
  assert.throws(() => configFrom({ tasks: { fg_ticks: 0 } }), /tasks\.fg_ticks: must be a positive integer \(got 0\)/);
  assert.throws(() => configFrom({ quotas: { wizards_exempt: "yes" } }), /quotas\.wizards_exempt: must be true or false/);
  assert.throws(() => configFrom({ scheduler: { slices: 1 } }), /scheduler\.slices: unknown setting/);
  assert.throws(() => configFrom(JSON.parse('{"tasks": {"__proto__": 1}}')), /tasks\.__proto__: unknown setting/);
});
