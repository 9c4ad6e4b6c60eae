// The text format of the default core (world/core/README.md): object files
// (`.obj`) and verb files (`.moo`) read into plain specs, and MOO literals
// read into values. Text in, specs out; core-loader.ts builds the world.
// Problems are collected as "file:line: message", never thrown one by one.

import { parseExpression } from "../grammar/parse.ts";
import type { Expr } from "../grammar/ast.ts";
import { type Value, MooMap, mkObj, mkErr, mkFloat, mkList, mkMap, mkBigInt, errorByName, validMapKey } from "../verbs/value.ts";
import { type ArgSpec, FLAG, PF, VF } from "../objects/model.ts";
import { prepByName } from "../objects/prepositions.ts";
import { compileSource } from "../verbs/compile-source.ts";
import type { Program } from "../verbs/program.ts";

/** Where a statement starts: for messages. */
export interface At { readonly file: string; readonly line: number }
/** MOO literal text, read into a value once #0's `$names` are known. */
export interface Lit { readonly text: string; readonly at: At }

export interface PropSpec { readonly name: string; readonly perms: number; readonly owner: Lit | null; readonly value: Lit; readonly at: At }
export interface SetSpec { readonly name: string; readonly value: Lit; readonly at: At }
export interface VerbSpec {
  readonly names: string; readonly dobj: ArgSpec; readonly prep: number; readonly iobj: ArgSpec;
  readonly perms: number; readonly owner: Lit | null; readonly source: string; readonly program: Program;
  /** The header line; the source starts on the next. */
  readonly at: At;
}
export interface ObjectSpec {
  readonly at: At;
  readonly fields: Map<string, Lit>;
  readonly flags: number;
  readonly props: PropSpec[];
  readonly sets: SetSpec[];
  readonly verbs: VerbSpec[];
}

export class Problems {
  readonly list: string[] = [];
  /** Line 0: a problem of the whole file. */
  add(at: At, message: string): void { this.list.push(`${at.file}${at.line > 0 ? `:${at.line}` : ""}: ${message}`); }
}

export const FIELDS = ["id", "name", "parent", "owner", "location", "flags"] as const;
const FLAG_WORDS = new Map<string, number>([
  ["player", FLAG.PLAYER], ["programmer", FLAG.PROGRAMMER], ["wizard", FLAG.WIZARD],
  ["r", FLAG.READ], ["w", FLAG.WRITE], ["f", FLAG.FERTILE],
]);

/** Permission letters ("rc", "rxd"; "-" for none) to bits, or null when a letter is not allowed. */
const permBits = (text: string, letters: Record<string, number>): number | null => {
  if (text === "-") return 0;
  let bits = 0;
  for (const ch of text) {
    const b = letters[ch];
    if (b === undefined || bits & b) return null;
    bits |= b;
  }
  return bits;
};
const PROP_LETTERS: Record<string, number> = { r: PF.READ, w: PF.WRITE, c: PF.CHOWN };
const VERB_LETTERS: Record<string, number> = { r: VF.READ, w: VF.WRITE, x: VF.EXEC, d: VF.DEBUG };

/**
 * Statements of an object file: a line at column 0 starts one; indented
 * lines continue it; blank lines and lines starting with `#` are skipped.
 */
const statements = (text: string, file: string, problems: Problems): { text: string; at: At }[] => {
  const out: { text: string; at: At }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    if (/^\s/.test(line)) {
      const last = out[out.length - 1];
      if (last) last.text += "\n" + line;
      else problems.add({ file, line: i + 1 }, "an indented line continues a statement, but none came before it");
      return;
    }
    out.push({ text: line, at: { file, line: i + 1 } });
  });
  return out;
};

const PROPERTY = /^property\s+([^\s=]+)\s+([^\s=]+)(?:\s+([^\s=]+))?\s*=([^]*)$/;
const SET = /^set\s+([^\s=]+)\s*=([^]*)$/;
const FIELD = /^([a-z_]+):([^]*)$/;

export const parseObjectFile = (text: string, file: string, problems: Problems): ObjectSpec => {
  const spec: ObjectSpec = { at: { file, line: 1 }, fields: new Map(), flags: 0, props: [], sets: [], verbs: [] };
  let flags = 0;
  for (const st of statements(text, file, problems)) {
    let m: RegExpExecArray | null;
    if ((m = PROPERTY.exec(st.text))) {
      const perms = permBits(m[2]!, PROP_LETTERS);
      if (perms === null) problems.add(st.at, `property ${m[1]}: permissions are letters from "rwc", or "-" for none (not "${m[2]}")`);
      spec.props.push({ name: m[1]!, perms: perms ?? 0, owner: m[3] ? { text: m[3], at: st.at } : null, value: { text: m[4]!, at: st.at }, at: st.at });
    } else if ((m = SET.exec(st.text))) {
      spec.sets.push({ name: m[1]!, value: { text: m[2]!, at: st.at }, at: st.at });
    } else if ((m = FIELD.exec(st.text)) && (FIELDS as readonly string[]).includes(m[1]!)) {
      const key = m[1]!, value = m[2]!.trim();
      if (spec.fields.has(key)) problems.add(st.at, `${key} is given twice`);
      spec.fields.set(key, { text: value, at: st.at });
      if (key !== "flags") continue;
      for (const w of value.split(/\s+/).filter((x) => x !== "")) {
        const bit = FLAG_WORDS.get(w);
        if (bit === undefined) problems.add(st.at, `unknown flag "${w}" (flags are: ${[...FLAG_WORDS.keys()].join(" ")})`);
        else flags |= bit;
      }
    } else {
      const word = st.text.split(/[\s:=]/)[0];
      problems.add(st.at, m ? `unknown field "${word}" (fields are: ${FIELDS.join(", ")})`
        : `expected "field: value", "property <name> <perms> [<owner>] = <value>" or "set <name> = <value>", not "${st.text.split("\n")[0]}"`);
    }
  }
  return { ...spec, flags };
};

/** Header words: MOO string literals ("get take") or runs of non-space characters. */
const headerWords = (line: string): string[] =>
  (line.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? []).map((w) => (w.startsWith('"') ? w.slice(1, -1).replace(/\\(.)/g, "$1") : w));

const ARG_SPECS: readonly string[] = ["this", "none", "any"];
const VERB_HEADER = 'verb <names> <dobj> <prep> <iobj> <perms> [<owner>], as in: verb "get take" this none none rxd';

/** A verb file: its first line is the header, the rest is the verb's MOO source (compiled here). */
export const parseVerbFile = (text: string, file: string, problems: Problems): VerbSpec | null => {
  const at = { file, line: 1 };
  const nl = text.indexOf("\n");
  const header = (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, "");
  const source = nl < 0 ? "" : text.slice(nl + 1).replace(/\r\n/g, "\n").replace(/\n+$/, "");
  const w = headerWords(header);
  if (w[0] !== "verb" || w.length < 6 || w.length > 7) { problems.add(at, `the first line must be: ${VERB_HEADER}`); return null; }
  const [, names, dobj, prepName, iobj, permText, ownerText] = w as [string, string, string, string, string, string, string?];
  const prep = prepByName(prepName);
  const perms = permBits(permText, VERB_LETTERS);
  let ok = true;
  const bad = (what: string): void => { problems.add(at, what); ok = false; };
  if (names.trim() === "") bad("the verb needs a name");
  if (!ARG_SPECS.includes(dobj)) bad(`dobj must be this, none or any (not "${dobj}")`);
  if (!ARG_SPECS.includes(iobj)) bad(`iobj must be this, none or any (not "${iobj}")`);
  if (prep === undefined) bad(`"${prepName}" is not a preposition (none, any, with, at, in, on, from, ...)`);
  if (perms === null) bad(`permissions are letters from "rwxd", or "-" for none (not "${permText}")`);
  const r = compileSource(source);
  // Source line n is line n + 1 of the file, after the header.
  if (!r.ok) for (const e of r.errors) problems.add({ file, line: e.line + 1 }, e.message);
  if (!ok || !r.ok) return null;
  return {
    names, dobj: dobj as ArgSpec, prep: prep!, iobj: iobj as ArgSpec, perms: perms!,
    owner: ownerText === undefined ? null : { text: ownerText, at }, source, program: r.program, at,
  };
};

/**
 * A MOO literal: numbers, strings, objects, errors, lists and maps, where
 * `$name` stands for the value of #0's property `name` (resolved by `dollar`).
 * Undefined (with the problem reported) when it is anything else.
 */
export const readLiteral = (lit: Lit, dollar: (name: string) => Value | undefined, problems: Problems): Value | undefined => {
  const r = parseExpression(lit.text.trim() === "" ? "" : lit.text);
  const lineOf = (l: number): At => ({ file: lit.at.file, line: lit.at.line + l - 1 });
  if (!r.ok) {
    for (const e of r.errors) problems.add(lineOf(e.line), `not a MOO literal: ${e.message}`);
    return undefined;
  }
  let failed = false;
  const fail = (e: Expr, what: string): Value => { if (!failed) problems.add(lineOf(e.pos.line), what); failed = true; return 0; };
  const value = (e: Expr): Value => {
    switch (e.kind) {
      case "int": { const n = Number(e.value); return Number.isSafeInteger(n) ? n : mkBigInt(e.value); }
      case "float": return mkFloat(e.value);
      case "str": return e.value;
      case "obj": return mkObj(e.value);
      case "err": { const code = errorByName(e.code); return code === undefined ? fail(e, `unknown error ${e.code}`) : mkErr(code); }
      case "unary":
        if (e.op === "-" && e.operand.kind === "int") return value({ ...e.operand, value: -e.operand.value });
        if (e.op === "-" && e.operand.kind === "float") return mkFloat(-e.operand.value);
        return fail(e, "not a MOO literal: only numbers may have a sign");
      case "list":
        return mkList(e.items.map((a) => (a.splice ? fail(a.expr, "not a MOO literal: @ splices a list") : value(a.expr))));
      case "map": {
        const m = new MooMap();
        for (const [k, v] of e.entries) {
          const key = value(k);
          if (!validMapKey(key)) return fail(k, "a map key cannot be a list or a map");
          m.setMut(key, value(v));
        }
        return mkMap(m);
      }
      case "prop":
        // `$name` parses as #0.name.
        if (e.obj.kind === "obj" && e.obj.value === 0 && e.name.kind === "str") {
          return dollar(e.name.value) ?? fail(e, `$${e.name.value}: #0 has no such property in the core`);
        }
        return fail(e, "not a MOO literal: a property reference other than $name");
      default:
        return fail(e, `not a MOO literal: ${e.kind === "id" ? `the name ${e.name} (strings need quotes)` : `an expression (${e.kind})`}`);
    }
  };
  const v = value(r.expr);
  return failed ? undefined : v;
};
