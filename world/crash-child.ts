// The server side of the crash test (test/crash.test.ts; kept out of test/,
// where node --test would run it as a test of its own): boots a world database,
// and on first boot starts three tasks that forever increment #0.counter and
// suspend. Around every commit it writes to stdout, synchronously, the
// counter value being committed: "P n" before the transaction, "C n" after.
// On each start it writes "S n" (the stored counter) and "F n" (integrity
// faults found by moo check's checker) before anything runs.

import { writeSync } from "node:fs";
import { boot } from "../world/boot.ts";
import { DEFAULT_CONFIG } from "../world/config.ts";
import { checkWorld } from "../db/check.ts";
import { newVerbDef, VF, type Store } from "../objects/model.ts";

const path = process.argv[2];
if (!path) throw new Error("usage: node crash-child.js WORLD.sqlite");
const say = (line: string): void => { writeSync(1, line + "\n"); };
const b = boot(path, DEFAULT_CONFIG, { notify() {}, isConnected: () => false }, { log: (l) => say(`LOG ${l}`) });
const counter = (): unknown => b.world.get(0).props.get("counter")?.value ?? -1;

say(`S ${String(counter())}`);
say(`F ${checkWorld(b.world).filter((f) => f.severity === "error").length}`);
say(`T ${b.tasks.restored} ${b.tasks.skipped.length}`);

const store = b.world.store as Store;
const commit = store.commit.bind(store);
store.commit = (changes, read, extra) => {
  say(`P ${String(counter())}`);
  commit(changes, read, extra);
  say(`C ${String(counter())}`);
};

if (b.created) {
  const sys = b.world.get(0);
  sys.verbs.push(newVerbDef("start", 3, VF.READ | VF.EXEC | VF.DEBUG, "this", -1, "this", `
    add_property(#0, "counter", 0, {#3, "rw"});
    for i in [1..3]
      fork (0)
        while (1) #0.counter = #0.counter + 1; suspend(0); endwhile
      endfork
    endfor`));
  b.world.reshape(0);
  b.scheduler.serverTask(0, "start", [], 3);
}
