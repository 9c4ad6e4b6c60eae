// LambdaMOO's preposition table (db_verbs.c prep_list) and the name <-> index
// mapping that verb argument specs use (add_verb, set_verb_args, verb_args).
// Pure data and string work; command parsing (world/) matches typed words against it.

import { PREP_ANY, PREP_NONE } from "./model.ts";

/**
 * The prepositions, by the index verbs store. The numbers are in every
 * database and textdump: append only, never reorder or remove. Each entry is
 * what verb_args() reports; `/` separates its alternatives.
 */
export const PREPOSITIONS: readonly string[] = Object.freeze([
  "with/using",
  "at/to",
  "in front of",
  "in/inside/into",
  "on top of/on/onto/upon",
  "out of/from inside/from",
  "over",
  "through",
  "under/underneath/beneath",
  "behind",
  "beside",
  "for/about",
  "is",
  "as",
  "off/off of",
]);

const SPACE = 32, QUOTE = 34, BACKSLASH = 92;

/**
 * LambdaMOO's parse_into_words: words end at spaces; `"` toggles a mode that
 * keeps spaces and is itself dropped; `\` keeps the next character. Prep
 * names go through it, so `"with"` (quoted) still names preposition 0.
 */
export const prepWords = (s: string): string[] => {
  const words: string[] = [];
  let i = 0;
  const n = s.length;
  for (;;) {
    while (i < n && s.charCodeAt(i) === SPACE) i++;
    if (i >= n) return words;
    let w = "", quoted = false;
    while (i < n && (quoted || s.charCodeAt(i) !== SPACE)) {
      const c = s.charCodeAt(i++);
      if (c === QUOTE) quoted = !quoted;
      else if (c === BACKSLASH) { if (i < n) w += s[i++]; }
      else w += String.fromCharCode(c);
    }
    words.push(w);
  }
};

/**
 * Each entry's alternatives, each split into lower-cased words, in the order
 * LambdaMOO tries them (table order, then alternatives as written). Command
 * matching walks this same table.
 */
export const PREP_PHRASES: readonly (readonly (readonly string[])[])[] = Object.freeze(
  PREPOSITIONS.map((entry) => Object.freeze(entry.split("/").map((alt) => Object.freeze(prepWords(alt.toLowerCase()))))),
);

/** ASCII-only case folding, as C's tolower in mystrcasecmp. */
const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isCSpace = (c: number): boolean => c === SPACE || (c >= 9 && c <= 13);

/**
 * Whether all of `s` is one decimal integer as C strtol reads it (leading
 * white space and a sign allowed); its value, or null.
 */
const wholeStrtol = (s: string): number | null => {
  let i = 0;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  if (s[i] === "+" || s[i] === "-") i++;
  const digits = i;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  // strtol with no digits consumes nothing: the whole string counts only when it is empty.
  if (i === digits) return s.length === 0 ? 0 : null;
  return i === s.length ? Number(s.trim()) : null;
};

/**
 * The prep spec a name gives (LambdaMOO match_prep_spec + db_match_prep):
 * "none" and "any" in any case; a table index in decimal, optionally after
 * `#` ("3", "#3"; it must start with a digit, so " 3" and "-1" fail); or a
 * whole entry or one alternative, compared word by word ignoring case
 * ("with/using", "using", "in front of"). Only the text before the first `/`
 * counts, so "with/anything" means "with". undefined when nothing fits.
 */
export const prepByName = (name: string): number | undefined => {
  const lname = asciiLower(name);
  if (lname === "none") return PREP_NONE;
  if (lname === "any") return PREP_ANY;
  const s = lname.startsWith("#") ? lname.slice(1) : lname;
  const num = wholeStrtol(s);
  if (num !== null) return s.length > 0 && isDigit(s.charCodeAt(0)) && num < PREPOSITIONS.length ? num : undefined;
  const slash = s.indexOf("/");
  const words = prepWords(slash >= 0 ? s.slice(0, slash) : s);
  if (words.length === 0) return undefined;
  for (let j = 0; j < PREP_PHRASES.length; j++) {
    for (const phrase of PREP_PHRASES[j]!) {
      if (phrase.length === words.length && phrase.every((w, k) => w === words[k])) return j;
    }
  }
  return undefined;
};

/** What verb_args() reports for a stored prep spec: "none", "any" or the full entry. */
export const prepName = (index: number): string => {
  if (index === PREP_NONE) return "none";
  if (index === PREP_ANY) return "any";
  const entry = Number.isInteger(index) ? PREPOSITIONS[index] : undefined;
  if (entry === undefined) throw new RangeError(`no preposition with index ${index}`);
  return entry;
};
