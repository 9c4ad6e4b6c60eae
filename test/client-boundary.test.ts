// STYLE.md 1: the browser client talks to the server over the wire only.
// Its source may import its own files, the bundled npm packages, and the
// one import-free protocol file; nothing else of the server's.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, dirname, resolve, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PACKAGES = /^(codemirror|@codemirror\/[a-z-]+|@lezer\/[a-z-]+)$/;
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|(?:^|\n)\s*import\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g;

const sources = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
});

test("client/ imports only its own files, its npm packages and world/protocol.ts", () => {
  const bad: string[] = [];
  for (const file of sources(join(root, "client"))) {
    for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      if (!spec.startsWith(".")) { if (!PACKAGES.test(spec)) bad.push(`${relative(root, file)}: ${spec}`); continue; }
      const target = relative(root, resolve(dirname(file), spec));
      if (!target.startsWith("client/") && target !== "world/protocol.ts") bad.push(`${relative(root, file)}: ${spec}`);
    }
  }
  assert.deepEqual(bad, []);
});

test("world/protocol.ts imports nothing, so the client can bundle it", () => {
  const text = readFileSync(join(root, "world", "protocol.ts"), "utf8");
  assert.equal([...text.matchAll(IMPORT)].length, 0);
});
