// Runs one `.moot` transcript against a fresh server over telnet, as mooR's
// telnet runner does: one connection per player, lines typed, output lines
// read in order, each read waiting at most READ_TIMEOUT_MS. Expected values
// are evaluated by the server on the same connection and compared as the
// text it prints, so `$object` or `{1, 2}` mean what the server says.

import { readFileSync } from "node:fs";
import { LineClient } from "./line-client.ts";
import { startMootServer, type MootServer } from "./moot-server.ts";
import { parseMoot, assertionsOf, type Step, type Expect } from "./moot-parse.ts";

/** How long a client waits for a line before deciding none is coming: the read timeout of mooR's runner. */
export const READ_TIMEOUT_MS = 1000;

/** The players a transcript types as, by role (Test.db: #3 wizard, #4 programmer, #5 non-programmer). */
const PLAYERS: ReadonlyMap<string, number> = new Map([["wizard", 3], ["programmer", 4], ["nonprogrammer", 5]]);

export interface FileResult {
  readonly file: string;
  readonly passed: number;
  readonly total: number;
  readonly failures: readonly string[];
  readonly ms: number;
}

const NO_OUTPUT = "<no output>";

const mooQuote = (s: string): string => `"${s.replace(/["\\]/g, (c) => "\\" + c)}"`;

/** The connections of one transcript run, opened and logged in on first use. */
class Players {
  private readonly clients = new Map<number, LineClient>();

  constructor(private readonly port: number) {}

  async get(player: number): Promise<LineClient> {
    const known = this.clients.get(player);
    if (known) return known;
    const c = await LineClient.open(this.port);
    this.clients.set(player, c);
    c.send(`connect #${player}`);
    // Whatever the core greets a new connection with comes first; the login ends with this line.
    for (;;) {
      const l = await c.readLine(READ_TIMEOUT_MS);
      if (l === undefined) throw new Error(`connect #${player}: no "*** Connected ***"`);
      if (l === "*** Connected ***") return c;
    }
  }

  close(): void { for (const c of this.clients.values()) c.close(); }
}

/** Type `; return EXPR;` and read what the server prints for it. */
const evaluate = async (c: LineClient, expr: string): Promise<string> => {
  c.send(`; return ${expr};`);
  return (await c.readLine(READ_TIMEOUT_MS)) ?? NO_OUTPUT;
};

/** One expected line: read it, and judge it as the step's kind asks. Returns a failure message, or null. */
const check = async (c: LineClient, step: Step, e: Expect): Promise<string | null> => {
  const got = (await c.readLine(READ_TIMEOUT_MS)) ?? NO_OUTPUT;
  if (e.kind === "exact") return got === e.text ? null : `expected =${e.text}\n    got      ${got}`;
  const want = await evaluate(c, e.text);
  // After `%`, the printed line is compared as a string: with a string value's text.
  const ok = step.kind === "%" ? want === mooQuote(got) || want === got
    : got === want || (got !== NO_OUTPUT && await evaluate(c, got) === want);
  return ok ? null : `expected ${want}\n    got      ${got}`;
};

/** Run one step's lines and assertions; pushes a message per failed assertion and returns how many passed. */
const runStep = async (c: LineClient, step: Step, failures: string[]): Promise<number> => {
  if (step.kind === "%") for (const l of step.text.split("\n")) c.send(l);
  else c.send(`; ${step.text}`);
  // `&`: what it prints first, if anything within the timeout, is read and ignored.
  if (step.kind === "&") { await c.readLine(READ_TIMEOUT_MS); return 0; }
  // After `;` with nothing expected, the output must evaluate to 0.
  const expects = step.expect.length > 0 || step.kind === "%" ? step.expect : [{ kind: "expr" as const, text: "0", line: step.line }];
  let passed = 0;
  for (const e of expects) {
    const failed = await check(c, step, e);
    if (failed === null) passed++;
    else failures.push(`line ${e.line}: ${step.kind} ${step.text}\n    ${failed}`);
  }
  return passed;
};

/** Run a transcript file against a fresh server on a copy of the textdump (its text). */
export const runMoot = async (path: string, dumpText: string): Promise<FileResult> => {
  const t0 = performance.now();
  const steps = parseMoot(readFileSync(path, "utf8"));
  const total = steps.reduce((n, s) => n + assertionsOf(s), 0);
  const failures: string[] = [];
  let passed = 0;
  let server: MootServer | null = null;
  let players: Players | null = null;
  try {
    server = await startMootServer(dumpText);
    players = new Players(server.port);
    let player = PLAYERS.get("wizard")!;
    for (const step of steps) {
      if (step.kind === "@") { player = PLAYERS.get(step.text)!; continue; }
      passed += await runStep(await players.get(player), step, failures);
    }
  } catch (e) {
    // The run could not go on (no server, no login): what was not checked counts as failed.
    failures.push(`runner: ${(e as Error).message}`);
  } finally {
    players?.close();
    await server?.close();
  }
  return { file: path, passed, total, failures, ms: performance.now() - t0 };
};
