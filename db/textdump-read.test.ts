// Reading the shared LambdaMOO databases: structure agrees with itself,
// every verb compiles with our compiler, and broken files name their line.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { readTextdump, TextdumpError } from "./textdump-read.ts";
import { compileSource } from "../verbs/compile-source.ts";
import { World } from "../objects/world.ts";

const shared = join(dirname(fileURLToPath(import.meta.url)), "../../../shared");
const DUMPS = ["data/Minimal.db", "conformance/Test.db", "data/Test.db", "data/LambdaCore-latest.db"];

for (const name of DUMPS) {
  const path = join(shared, name);
  test(`${name}: reads, agrees with itself, and every verb compiles`, { skip: !existsSync(path) && `${path} not found` }, () => {
    const dump = readTextdump(readFileSync(path, "latin1"));
    const byId = new Map(dump.objects.map((o) => [o.id, o]));
    for (const o of dump.objects) {
      for (const c of o.contents) assert.equal(byId.get(c)?.location, o.id, `#${c} in #${o.id}`);
      for (const c of o.children) assert.equal(byId.get(c)?.parent, o.id, `#${c} child of #${o.id}`);
      if (o.location !== -1) assert.ok(byId.get(o.location)?.contents.includes(o.id), `#${o.id} listed in its location`);
      if (o.parent !== -1) assert.ok(byId.get(o.parent)?.children.includes(o.id), `#${o.id} listed by its parent`);
    }
    const failures: string[] = [];
    for (const o of dump.objects) {
      for (const v of o.verbs) {
        const r = compileSource(v.source);
        if (!r.ok) failures.push(`#${o.id}:${v.names}: ${r.errors[0]!.message}`);
      }
    }
    assert.deepEqual(failures, []);
    const w = new World();
    w.load(dump.objects, dump.maxObject);
    assert.equal(w.valid(0), true);
    for (const p of dump.players) assert.equal(w.isPlayer(p), true, `player #${p}`);
  });
}

test("Test.db's system object and eval verb", () => {
  const dump = readTextdump(readFileSync(join(shared, "conformance/Test.db"), "latin1"));
  const sys = dump.objects.find((o) => o.id === 0)!;
  assert.equal(sys.name, "System Object");
  assert.ok(sys.props.has("nothing") && sys.props.has("wizard_player"));
  const room = dump.objects.find((o) => o.id === 2)!;
  assert.match(room.verbs[0]!.source, /notify\(player, toliteral\(eval\(argstr \+ ";"\)\[2\]\)\)/);
});

test("broken dumps: one error that names the line", () => {
  assert.throws(() => readTextdump("hello\n"), (e: Error) => e instanceof TextdumpError && /not a LambdaMOO textdump/.test(e.message));
  assert.throws(() => readTextdump("** LambdaMOO Database, Format Version 4 **\n1\n0\n0\n0\n#0\nx\n\n0\n3\n-1\n"), /line 12: the file ends/);
  assert.throws(() => readTextdump("** LambdaMOO Database, Format Version 4 **\n1\n0\n0\n0\n#5\n"), /line 6: expected object #0/);
  assert.throws(() => readTextdump("** LambdaMOO Database, Format Version 4 **\nmany\n"), /line 2: the object count: expected a number/);
});
