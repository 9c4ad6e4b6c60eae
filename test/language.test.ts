// Language transcripts (STYLE.md 8): each `; program` line runs as a verb body
// in an empty world; the next line is the expected toliteral, or `! E_X` for
// an uncaught error with that code.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { EvalRunner } from "../world/eval-runner.ts";
import { toLiteral } from "../verbs/value.ts";

const dir = join(dirname(fileURLToPath(import.meta.url)), "../../test/language");

interface Case { readonly line: number; readonly source: string; readonly expect: string }

const parseTranscript = (text: string): Case[] => {
  const cases: Case[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.startsWith("; ")) continue;
    const expect = lines[i + 1];
    if (expect === undefined) throw new Error(`line ${i + 1}: program without expected value`);
    cases.push({ line: i + 1, source: l.slice(2), expect });
  }
  return cases;
};

for (const file of readdirSync(dir).filter((f) => f.endsWith(".txt")).sort()) {
  test(`transcript ${file}`, async (t) => {
    const runner = new EvalRunner({ ticks: 5_000_000 });
    for (const c of parseTranscript(readFileSync(join(dir, file), "utf8"))) {
      await t.test(`${file}:${c.line} ${c.source}`, async () => {
        const r = await runner.run(c.source);
        const got = r.ok ? toLiteral(r.value) : `! ${r.error}`;
        assert.equal(got, c.expect, r.ok ? undefined : r.traceback.join("\n"));
      });
    }
  });
}
