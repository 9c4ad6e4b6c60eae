// Dispatch of typed lines against the object model: the found verb runs with
// LambdaMOO's variables; otherwise the location's huh; otherwise nothing.

import { test } from "node:test";
import assert from "node:assert/strict";
import { testWorld, WIZARD, PROGRAMMER } from "../objects/test-world.ts";
import { PF, VF, type MooObject } from "../objects/model.ts";
import { toLiteral } from "../verbs/value.ts";
import type { Frame } from "../verbs/task.ts";
import { planCommand, doCommandFrame } from "./commands.ts";

const verb = (o: MooObject, names: string, dobj: "this" | "none" | "any", prep: number, iobj: "this" | "none" | "any", source: string) =>
  o.verbs.push({ names, owner: WIZARD, perms: VF.READ | VF.EXEC | VF.DEBUG, dobj, prep, iobj, source, program: null, code: null });

const setup = () => {
  const t = testWorld();
  const box = t.world.create(1, WIZARD);
  box.name = "wooden box";
  t.world.addProperty(box, "aliases", t.value('return {"box", "crate"};'), WIZARD, PF.READ);
  t.world.setLocation(box, 2);
  const ball = t.world.create(1, WIZARD);
  ball.name = "red ball";
  t.world.setLocation(ball, WIZARD);
  const report = `return {this, verb, args, argstr, dobj, dobjstr, prepstr, iobj, iobjstr, player, caller};`;
  verb(box, "op*en", "this", -1, "none", report);
  verb(ball, "put", "this", 3, "this", report); // put ball in ball: never fits "in box"
  verb(ball, "put", "this", 3, "any", report);  // prep 3 is in/inside/into
  const run = (frame: Frame): string => {
    const o = t.vm.run({ id: 1, frames: [frame], ticksUsed: 0, maxDepth: 50 }, 1e6);
    return o.kind === "done" ? toLiteral(o.value) : `! ${o.kind}`;
  };
  return { t, box, ball, run };
};

test("a command runs the matching verb with LambdaMOO's variables", () => {
  const { t, box, run } = setup();
  const plan = planCommand(t.host, WIZARD, "open crate");
  assert.equal(plan.kind, "run");
  if (plan.kind !== "run") return;
  assert.equal(run(plan.frame), `{#${box.id}, "open", {"crate"}, "crate", #${box.id}, "crate", "", #-1, "", #3, #3}`);
});

test("prepositions and both objects; `this` is the object the verb was found on", () => {
  const { t, box, ball, run } = setup();
  const plan = planCommand(t.host, WIZARD, "put red into wooden");
  assert.equal(plan.kind, "run");
  if (plan.kind !== "run") return;
  assert.equal(run(plan.frame), `{#${ball.id}, "put", {"red", "into", "wooden"}, "red into wooden", #${ball.id}, "red", "into", #${box.id}, "wooden", #3, #3}`);
});

test("no verb: the location's huh runs with the same variables; without huh, nothing", () => {
  const { t, run } = setup();
  assert.equal(planCommand(t.host, PROGRAMMER, "dance wildly").kind, "unknown");
  verb(t.world.get(2), "huh", "any", -2, "any", `return {"huh", verb, args, dobjstr};`);
  const plan = planCommand(t.host, PROGRAMMER, "dance wildly");
  assert.equal(plan.kind, "run");
  if (plan.kind === "run") assert.equal(run(plan.frame), '{"huh", "dance", {"wildly"}, "wildly"}');
  assert.equal(planCommand(t.host, PROGRAMMER, "   ").kind, "empty");
});

test("shortcuts become say, emote and eval verbs", () => {
  const { t, run } = setup();
  verb(t.world.get(WIZARD), "say", "any", -2, "any", `return {"said", argstr};`);
  const plan = planCommand(t.host, WIZARD, `"hello there`);
  assert.equal(plan.kind, "run");
  if (plan.kind === "run") assert.equal(run(plan.frame), '{"said", "hello there"}');
});

test("#0:do_command is offered each line first, with the words as args and the raw line as argstr", () => {
  const { t, run } = setup();
  assert.equal(doCommandFrame(t.host, WIZARD, "open box"), null);
  verb(t.world.get(0), "do_command", "this", -1, "this", `return {args, argstr, player, this};`);
  const frame = doCommandFrame(t.host, WIZARD, `say "hi there" now`);
  assert.ok(frame);
  assert.equal(run(frame!), `{{"say", "hi there", "now"}, "say \\"hi there\\" now", #3, #0}`);
  assert.equal(doCommandFrame(t.host, WIZARD, "   "), null);
});

test("any typed line parses and dispatches without an exception", () => {
  const { t } = setup();
  verb(t.world.get(0), "do_command", "this", -1, "this", `return 0;`);
  const pieces = ["open", "box", "crate", "put", "red", "in", "into", "on top of", "off of", "#", "#-3", "#99", "#0",
    "me", "here", '"', '\\', ";", ":", "  ", "\t", "é", "😀", "\u0000", "@", "*", "$", "wooden", "ball"];
  let seed = 3;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  for (let i = 0; i < 3000; i++) {
    const line = Array.from({ length: rand(8) }, () => pieces[rand(pieces.length)]!).join(rand(2) ? " " : "");
    assert.doesNotThrow(() => { doCommandFrame(t.host, WIZARD, line); planCommand(t.host, WIZARD, line); }, JSON.stringify(line));
  }
});
