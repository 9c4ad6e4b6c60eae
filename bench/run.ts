// `npm run bench`: runs every *.bench.js under dist/ in its own process, one
// after another, so one benchmark's garbage or JIT state never skews another.

import { readdirSync, statSync } from "node:fs";
import { join, dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..");

const find = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "node_modules" ? [] : find(p);
    return name.endsWith(".bench.js") ? [p] : [];
  });

const only = process.argv.slice(2);
let failed = 0;
for (const file of find(dist).sort()) {
  const name = relative(dist, file);
  if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
  console.log(`\n== ${name}`);
  const r = spawnSync(process.execPath, [file], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
