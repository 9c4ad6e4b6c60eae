// $server_options.protect_<name>: protected built-in properties and builtins
// are wizard-only, and a protected builtin goes to #0:bf_<name> when defined.

import { test } from "node:test";
import assert from "node:assert/strict";
import { testWorld, WIZARD, PROGRAMMER } from "../test-world.ts";
import { PF, VF } from "../model.ts";
import { mkObj } from "../../verbs/value.ts";
import { serverBuiltins } from "./server.ts";

const withOptions = (opts: Record<string, number>) => {
  const t = testWorld(serverBuiltins);
  const so = t.world.create(1, WIZARD);
  t.world.addProperty(t.world.get(0), "server_options", mkObj(so.id), WIZARD, PF.READ);
  for (const [k, v] of Object.entries(opts)) t.world.addProperty(so, k, v, WIZARD, PF.READ);
  assert.equal(t.run("load_server_options();"), "0");
  return t;
};

test("protect_<property>: a built-in property becomes wizard-only to read", () => {
  const t = withOptions({ protect_location: 1, protect_name: 0 });
  assert.equal(t.run("return #4.location;", PROGRAMMER), "! E_PERM");
  assert.equal(t.run("return #4.location;", WIZARD), "#2");
  assert.equal(t.run("return #4.name;", PROGRAMMER), '"Programmer"');
});

test("protect_<builtin>: wizard-only, unless #0:bf_<builtin> stands in", () => {
  const t = withOptions({ protect_tostr: 1 });
  assert.equal(t.run("return tostr(1);", PROGRAMMER), "! E_PERM");
  assert.equal(t.run("return tostr(1);", WIZARD), '"1"');
  t.world.get(0).verbs.push({ names: "bf_tostr", owner: WIZARD, perms: VF.READ | VF.EXEC | VF.DEBUG, dobj: "this", prep: -1, iobj: "this", source: `return "wrapped:" + tostr(@args);`, program: null, code: null });
  assert.equal(t.run("return tostr(7);", PROGRAMMER), '"wrapped:7"');
});

test("load_server_options is wizard-only", () => {
  const t = withOptions({});
  assert.equal(t.run("load_server_options();", PROGRAMMER), "! E_PERM");
});
