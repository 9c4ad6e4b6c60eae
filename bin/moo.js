#!/usr/bin/env node
// The `moo` command: a thin launcher for the compiled CLI (built by `npm run build`).
import("../dist/world/cli.js").then((m) => m.main(process.argv.slice(2))).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(err instanceof Error ? err.message : err); process.exitCode = 1; },
);
