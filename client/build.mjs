// Builds the browser client into dist/client with esbuild: main.js and
// main.css for the play view, and the editor (CodeMirror) and console in
// chunks loaded when first opened, so a player on a phone downloads only
// the terminal. Run by `npm run build` (and so by npm install); the output
// is never committed. Prints the sizes, gzipped, as a browser fetches them.

import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "dist", "client");
const started = performance.now();

// Old chunks carry old hashes: start from an empty folder so none linger.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { main: join(here, "main.ts") },
  outdir: out,
  bundle: true,
  splitting: true,
  format: "esm",
  target: ["es2022"],
  minify: true,
  sourcemap: "linked",
  // main.js and main.css keep their names (index.html points at them); chunks are named by content.
  entryNames: "[name]",
  chunkNames: "chunks/[name]-[hash]",
  legalComments: "linked",
  logLevel: "warning",
});
copyFileSync(join(here, "index.html"), join(out, "index.html"));
copyFileSync(join(here, "favicon.svg"), join(out, "favicon.svg"));

const files = (dir) => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? files(p) : [p];
});
const shipped = files(out).filter((f) => /\.(js|css|html|svg)$/.test(f));
const raw = shipped.reduce((n, f) => n + statSync(f).size, 0);
const gz = shipped.reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0);
const first = ["main.js", "main.css", "index.html"].reduce((n, f) => n + gzipSync(readFileSync(join(out, f))).length, 0);
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`client: ${relative(process.cwd(), out)} in ${Math.round(performance.now() - started)} ms: ` +
  `${kb(raw)} (${kb(gz)} gzipped) in ${shipped.length} files; the play view loads ${kb(first)} gzipped`);
