// `moo emergency --db PATH`: LambdaMOO's emergency mode, for a world that
// will not start or needs repair. No listeners, no server hooks, and stored
// tasks stay stored (not run); each line typed is MOO code run with a
// wizard's rights, its value or traceback printed, its changes committed.

import { createInterface } from "node:readline";
import { World } from "../objects/world.ts";
import { SqliteStore, DbError } from "../db/sqlite-store.ts";
import { toLiteral } from "../verbs/value.ts";
import { Scheduler } from "./scheduler.ts";
import { loadConfig, ConfigError } from "./config.ts";

export const runEmergency = async (args: string[]): Promise<number> => {
  let store: SqliteStore | null = null;
  try {
    const i = args.indexOf("--db");
    const dbPath = i >= 0 ? args[i + 1] : undefined;
    if (!dbPath || args.length !== 2) { console.error("usage: moo emergency --db world.sqlite"); return 2; }
    store = SqliteStore.open(dbPath);
    const world = new World(store);
    const loaded = store.loadWorld();
    world.load(loaded.objects, loaded.maxObject);
    const wizard = [...world.all()].find((o) => world.isWizard(o.id) && world.isPlayer(o.id))?.id ?? [...world.all()].find((o) => world.isWizard(o.id))?.id;
    if (wizard === undefined) { console.error(`moo emergency: ${dbPath} has no wizard to act as`); return 1; }
    const config = loadConfig("config.yaml", true);
    const s = new Scheduler(world, config, { notify: (p, text) => { if (p === wizard) console.log(text); }, isConnected: (p) => p === wizard });
    const interactive = process.stdin.isTTY === true;
    console.log(`Emergency mode on ${dbPath}: each line is MOO code run as #${wizard}; stored tasks are not run. "quit" or Ctrl-D ends.`);
    if (interactive) process.stdout.write("MOO (#" + wizard + ")> ");
    for await (const line of createInterface({ input: process.stdin, terminal: false })) {
      const code = line.trim();
      if (code === "quit" || code === ".quit") break;
      if (code !== "") {
        const r = await s.evalAs(wizard, code);
        await s.idle();
        if ("errors" in r) console.log(r.errors.join("\n"));
        else if (r.value !== undefined) console.log(`=> ${toLiteral(r.value)}`);
      }
      if (interactive) process.stdout.write("MOO (#" + wizard + ")> ");
    }
    s.stop();
    return 0;
  } catch (e) {
    if (e instanceof DbError || e instanceof ConfigError) { console.error(`moo emergency: ${e.message}`); return 1; }
    throw e;
  } finally {
    store?.close();
  }
};
