// A real server for one transcript: the textdump imported into a new SQLite
// world in a temporary folder (a pristine copy every time: transcripts change
// flags and #0's properties), started in this process with telnet on a free
// port and HTTP off. Everything it writes goes away with close().

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importTextdump } from "../world/cli-db.ts";
import { startServer, type Server } from "../world/serve.ts";
import { ConfigError } from "../world/config.ts";
import { configWith } from "../world/scheduler-harness.ts";
import { freePort } from "../world/net-harness.ts";

export interface MootServer {
  readonly port: number;
  readonly server: Server;
  /** What the server logged (for a failing file's report). */
  readonly log: readonly string[];
  /** Shut the server down and delete its folder. */
  close(): Promise<void>;
}

/** Tries before giving up on a port: freePort() can lose a race with another process taking the port. */
const PORT_TRIES = 5;

export const startMootServer = async (dumpText: string): Promise<MootServer> => {
  for (let attempt = 1; ; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), "moo-moot-"));
    const log: string[] = [];
    try {
      const db = join(dir, "world.sqlite");
      const imported = importTextdump(dumpText, db);
      if (imported.failures.length > 0) throw new Error(`textdump verbs failed to compile: ${JSON.stringify(imported.failures)}`);
      const config = configWith({
        network: { telnetPort: await freePort(), httpPort: 0 },
        database: { path: db, backupDir: join(dir, "backups"), backupIntervalMinutes: 0 },
      });
      const server = await startServer(config, db, (l) => { log.push(l); });
      return {
        port: server.listeners[0]!.port, server, log,
        async close() {
          await server.shutdown();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      if (!(e instanceof ConfigError) || attempt >= PORT_TRIES) throw e;
    }
  }
};
