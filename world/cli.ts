// The `moo` command line: subcommands dispatch here. Later issues add
// serve, import, export; this one has eval.

import { createInterface } from "node:readline";
import { EvalRunner, formatEvalResult } from "./eval-runner.ts";
import { loadConfig, ConfigError, type Config } from "./config.ts";
import { runImport, runExport, runCheck } from "./cli-db.ts";
import { runServe } from "./serve.ts";
import { runEmergency } from "./emergency.ts";

const USAGE = `usage: moo <command> [options]
  eval [--ticks N] [--config FILE]
                     read MOO programs from standard input, one per line; print each result
  serve [--config FILE] [--db PATH] [--telnet PORT] [--http PORT]
                     start the server on the world database (created when missing); port 0 turns a listener off
  emergency --db world.sqlite
                     a wizard's MOO prompt on a stopped world, to repair it (no listeners, tasks not run)
  import FILE.db --db world.sqlite [--replace]
                     read a LambdaMOO textdump into a new SQLite world; lists verbs that fail to compile
  export --db world.sqlite FILE.db
                     write the world as a LambdaMOO format 4 textdump
  check --db world.sqlite
                     check a world's integrity (parents, locations, owners, properties, verbs compile)`;

const runEval = async (args: string[]): Promise<number> => {
  let ticks: number | undefined;
  let configPath: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--ticks") {
      ticks = Number(args[++i]);
      if (!Number.isSafeInteger(ticks) || ticks <= 0) { console.error("moo eval: --ticks needs a positive integer"); return 2; }
    } else if (args[i] === "--config") {
      configPath = args[++i];
      if (!configPath) { console.error("moo eval: --config needs a file"); return 2; }
    } else { console.error(`moo eval: unknown option ${args[i]}\n${USAGE}`); return 2; }
  }
  let config: Config;
  try {
    config = loadConfig(configPath ?? "config.yaml", configPath === undefined);
  } catch (e) {
    if (e instanceof ConfigError) { console.error(`moo eval: ${e.message}`); return 2; }
    throw e;
  }
  const runner = new EvalRunner({ ticks, limits: config.limits });
  const interactive = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, terminal: false });
  if (interactive) process.stdout.write("MOO eval: one program per line, Ctrl-D to quit.\n> ");
  try {
    for await (const line of rl) {
      if (line.trim() !== "") process.stdout.write(formatEvalResult(await runner.run(line)) + "\n");
      if (interactive) process.stdout.write("> ");
    }
  } catch (e) {
    console.error(`moo eval: cannot read input: ${e instanceof Error ? e.message : e}`);
    return 1;
  }
  return 0;
};

export const main = async (argv: string[]): Promise<number> => {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case "eval": return runEval(rest);
    case "import": return runImport(rest);
    case "export": return runExport(rest);
    case "check": return runCheck(rest);
    case "serve": return runServe(rest);
    case "emergency": return runEmergency(rest);
    case undefined: case "help": case "--help": case "-h":
      console.log(USAGE);
      return cmd === undefined ? 2 : 0;
    default:
      console.error(`moo: unknown command ${cmd}\n${USAGE}`);
      return 2;
  }
};
