// Turning a typed line into words, a verb, argstr and dobj/prep/iobj strings
// (LambdaMOO parse_cmd.c, db_find_prep); the preposition table is objects/prepositions.ts.
// Strings only: object matching and verb search live in command-match.ts.

import { sameIgnoringCase, foldUnit } from "../objects/verb-names.ts";
import { PREP_PHRASES } from "../objects/prepositions.ts";
import { PREP_NONE } from "../objects/model.ts";

const SPACE = 32;
const QUOTE = 34;
const BACKSLASH = 92;

export { PREP_NONE, PREP_ANY } from "../objects/model.ts";
export { PREPOSITIONS, prepByName, prepName } from "../objects/prepositions.ts";

export interface ParsedCommand {
  /** First word, with quotes and backslashes processed; "say"/"emote"/"eval" for shortcuts. */
  readonly verb: string;
  /** The raw text after the verb word and the spaces following it (after a shortcut: all of the rest). */
  readonly argstr: string;
  /** The words after the verb. */
  readonly args: readonly string[];
  /** Words before the preposition (or all of args when there is none), joined by one space. */
  readonly dobjstr: string;
  /** Index into PREPOSITIONS, or PREP_NONE. */
  readonly prep: number;
  /** The preposition's words as typed, joined by one space; "" when none. */
  readonly prepstr: string;
  /** Words after the preposition, joined by one space; "" when none. */
  readonly iobjstr: string;
}

/**
 * Split a line into words as LambdaMOO's parse_into_words: words end at runs of spaces
 * (only the space character; tabs are ordinary). A double quote toggles a mode in which
 * spaces are kept and is itself dropped, so quotes may open and close mid-word. A
 * backslash keeps the next character literally; a final lone backslash is dropped.
 * A quote left open runs to the end of the line. `""` gives an empty word.
 */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  const n = line.length;
  let i = 0;
  let inQuotes = false;
  while (i < n && line.charCodeAt(i) === SPACE) i++;
  while (i < n) {
    let word = "";
    let from = i; // start of the current run of ordinary characters, copied in one slice
    while (i < n && (inQuotes || line.charCodeAt(i) !== SPACE)) {
      const c = line.charCodeAt(i);
      if (c === QUOTE) {
        word += line.slice(from, i);
        inQuotes = !inQuotes;
        from = ++i;
      } else if (c === BACKSLASH) {
        word += line.slice(from, i);
        from = ++i; // the escaped character, if any, starts the next run
        if (i < n) i++;
      } else {
        i++;
      }
    }
    words.push(word + line.slice(from, i));
    while (i < n && line.charCodeAt(i) === SPACE) i++;
  }
  return words;
}

/** Index just past the first word of `line` (from `start`), honouring quotes and backslashes. */
function skipWord(line: string, start: number): number {
  const n = line.length;
  let i = start;
  let inQuotes = false;
  while (i < n && (inQuotes || line.charCodeAt(i) !== SPACE)) {
    const c = line.charCodeAt(i++);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (c === BACKSLASH && i < n) i++;
  }
  return i;
}

const SHORTCUTS: ReadonlyMap<string, string> = new Map([
  ['"', "say"],
  [":", "emote"],
  [";", "eval"],
]);

/** Does `phrase` occur in `words` at `at`, ignoring case? */
function phraseAt(words: readonly string[], at: number, phrase: readonly string[]): boolean {
  if (at + phrase.length > words.length) return false;
  for (let k = 0; k < phrase.length; k++) {
    if (!sameIgnoringCase(words[at + k]!, phrase[k]!)) return false;
  }
  return true;
}

/**
 * The first preposition in `words`, as LambdaMOO's db_find_prep: the earliest position
 * wins; at one position, table entries and then their alternatives are tried in table
 * order and the first that fits is taken. That is the longest match for every entry but
 * "off/off of", whose one-word alternative comes first: "off of" finds "off", and "of"
 * is left to start the indirect object, exactly as LambdaMOO and ToastStunt do.
 */
export function findPrep(words: readonly string[]): { prep: number; first: number; last: number } | null {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // Most words start no preposition: one map lookup tells, instead of trying every phrase.
    const candidates = w.length <= LONGEST_PREP_WORD ? PREP_STARTS.get(fold(w)) : undefined;
    if (candidates === undefined) continue;
    for (const c of candidates) {
      if (phraseAt(words, i, c.phrase)) return { prep: c.prep, first: i, last: i + c.phrase.length - 1 };
    }
  }
  return null;
}

const fold = (s: string): string => {
  let out = "";
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(foldUnit(s.charCodeAt(i)));
  return out;
};

/** Phrases by their folded first word, in table order (entries, then their alternatives). */
const PREP_STARTS = new Map<string, { prep: number; phrase: readonly string[] }[]>();
let LONGEST_PREP_WORD = 0;
PREP_PHRASES.forEach((phrases, prep) => {
  for (const phrase of phrases) {
    const key = fold(phrase[0]!);
    LONGEST_PREP_WORD = Math.max(LONGEST_PREP_WORD, key.length);
    const list = PREP_STARTS.get(key) ?? [];
    list.push({ prep, phrase });
    PREP_STARTS.set(key, list);
  }
});

/**
 * Parse one line of input, or null when it has no words (empty or all spaces).
 * Leading spaces are skipped; trailing spaces stay in argstr but never make words.
 * A first non-space `"`, `:` or `;` becomes the verb say/emote/eval and everything after
 * it, unchanged (leading spaces included), is argstr.
 */
export function parseCommand(line: string): ParsedCommand | null {
  let start = 0;
  while (start < line.length && line.charCodeAt(start) === SPACE) start++;
  const command = line.slice(start);
  const shortcut = SHORTCUTS.get(command.charAt(0));
  let words: string[];
  let argstr: string;
  if (shortcut !== undefined) {
    argstr = command.slice(1);
    words = splitWords(shortcut + " " + argstr);
  } else {
    let a = skipWord(command, 0);
    while (a < command.length && command.charCodeAt(a) === SPACE) a++;
    argstr = command.slice(a);
    words = splitWords(command);
  }
  if (words.length === 0) return null;

  const args = words.slice(1);
  const found = findPrep(args);
  if (found === null) {
    return { verb: words[0]!, argstr, args, dobjstr: args.join(" "), prep: PREP_NONE, prepstr: "", iobjstr: "" };
  }
  return {
    verb: words[0]!,
    argstr,
    args,
    dobjstr: args.slice(0, found.first).join(" "),
    prep: found.prep,
    prepstr: args.slice(found.first, found.last + 1).join(" "),
    iobjstr: args.slice(found.last + 1).join(" "),
  };
}

/** C isspace, which strtol skips before a number. */
const isCSpace = (c: number): boolean => c === SPACE || (c >= 9 && c <= 13);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Parse a leading decimal integer as C strtol does: optional white space, optional sign,
 * digits. Returns the value and where parsing stopped; with no digits, stops at 0.
 */
export function strtol(s: string): { value: number; end: number } {
  let i = 0;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  let negative = false;
  const sign = s.charCodeAt(i);
  if (sign === 43 || sign === 45) {
    negative = sign === 45;
    i++;
  }
  const digits = i;
  let value = 0;
  while (i < s.length && isDigit(s.charCodeAt(i))) value = value * 10 + (s.charCodeAt(i++) - 48);
  if (i === digits) return { value: 0, end: 0 };
  return { value: negative ? -value : value, end: i };
}
