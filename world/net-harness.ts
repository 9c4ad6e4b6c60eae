// What the network tests share: a free port, and a server on a fresh
// database whose login needs no password ("connect NAME" makes the player
// on first use) and whose `;` prints "=> value", so they exercise the
// connection layer rather than the core's commands.

import { createServer, connect, type Socket } from "node:net";
import { StringDecoder } from "node:string_decoder";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type Server } from "./serve.ts";
import { configWith, EVAL_VERB } from "./scheduler-harness.ts";
import type { Config } from "./config.ts";
import { newVerbDef, VF, PREP_ANY } from "../objects/model.ts";

/** A port nobody listens on now (config's 0 means "off", so tests ask the system). */
export const freePort = (): Promise<number> => new Promise((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => resolve(p));
  });
});

/** A server for tests; new players are programmers, and wizards too when `wizards`. */
export const startTestServer = async (
  name: string, patch: Parameters<typeof configWith>[0], wizards = false,
): Promise<Server> => {
  const dir = mkdtempSync(join(tmpdir(), `moo-${name}-`));
  const config: Config = configWith({ ...patch, database: { backupDir: join(dir, "b"), ...patch.database } });
  const server = await startServer(config, join(dir, "w.sqlite"), () => {});
  const w = server.booted.world;
  w.get(0).verbs = [newVerbDef("do_login_command", 3, VF.READ | VF.EXEC | VF.DEBUG, "this", -1, "this", `
    if (length(args) < 2 || args[1] != "connect") return 0; endif
    for p in (players()) if (p.name == args[2]) return p; endif endfor
    p = create(#1); p.name = args[2]; set_player_flag(p, 1); p.programmer = 1; ${wizards ? "p.wizard = 1; " : ""}move(p, #2);
    return p;`)];
  w.get(2).verbs = [newVerbDef("eval", 3, VF.READ | VF.EXEC | VF.DEBUG, "any", PREP_ANY, "any", EVAL_VERB)];
  w.reshape(0);
  w.reshape(2);
  return server;
};

/** A telnet client for tests: lines in order, a way to wait for one, and every byte it got. */
export const telnetClient = (port: number) => {
  const sock: Socket = connect(port, "127.0.0.1");
  const got: string[] = [], raw: Buffer[] = [];
  const utf8 = new StringDecoder("utf8");
  let buf = "", closed = false;
  sock.on("data", (d: Buffer) => {
    raw.push(d);
    buf += utf8.write(d);
    for (let i; (i = buf.indexOf("\r\n")) >= 0;) { got.push(buf.slice(0, i)); buf = buf.slice(i + 2); }
  });
  sock.on("close", () => { closed = true; });
  sock.on("error", () => {});
  return {
    sock, got,
    /** Everything received so far, as bytes. */
    bytes: (): Buffer => Buffer.concat(raw),
    get closed() { return closed; },
    send: (line: string) => sock.write(line + "\r\n"),
    async wait(re: RegExp, ms = 3000): Promise<string> {
      const end = Date.now() + ms;
      for (;;) {
        const i = got.findIndex((l) => re.test(l));
        if (i >= 0) return got.splice(0, i + 1)[i]!;
        if (Date.now() > end) throw new Error(`no line matching ${re}; got ${JSON.stringify(got)}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
  };
};
