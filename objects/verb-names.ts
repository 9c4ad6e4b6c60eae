// Verb-name matching for verb calls, verb_info-style lookups and the command
// parser: one names string holds space-separated aliases, each with at most
// one meaningful `*` (LambdaMOO verbcasecmp). Pure string logic.

/**
 * Case folding for one UTF-16 unit. LambdaMOO folds ASCII only (its `cmap`); we also fold
 * BMP letters whose lowercase is a single unit, as MOO string equality does in verbs/value.ts,
 * while keeping one unit per unit so that lengths (and so prefix tests) never change.
 */
export const foldUnit = (c: number): number => {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
};

/** Whole-string equality ignoring case, unit by unit (LambdaMOO mystrcasecmp). */
export const sameIgnoringCase = (a: string, b: string): boolean => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (foldUnit(a.charCodeAt(i)) !== foldUnit(b.charCodeAt(i))) return false;
  }
  return true;
};

/** Does `text` begin with `prefix`, ignoring case (LambdaMOO mystrncasecmp over the prefix)? */
export const startsIgnoringCase = (text: string, prefix: string): boolean => {
  if (prefix.length > text.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    if (foldUnit(text.charCodeAt(i)) !== foldUnit(prefix.charCodeAt(i))) return false;
  }
  return true;
};

const SPACE = 32;
const STAR = 42;
/** Where the last `*` seen in the current alias was: none, before more letters, or at its end. */
const NO_STAR = 0;
const INNER_STAR = 1;
const END_STAR = 2;

/**
 * True when `word` matches one of the aliases in `names`.
 *
 * The rules fall out of one left-to-right scan per alias, as in verbcasecmp:
 * - no star: the whole alias, exactly (`look` matches only "look");
 * - `foo*bar`: "foo" followed by any prefix of "bar" ("foo", "foob", ..., "foobar");
 * - `foo*`: "foo" followed by anything at all;
 * - `*` alone: anything, including the empty word;
 * - `*foo`: any prefix of "foo", the empty word included (the star is before every letter).
 * With several stars the last one seen before the word runs out decides; `**` at the end
 * still counts as a trailing star. Aliases are separated by runs of spaces; a leading space
 * makes an empty alias, which the empty word matches. An empty names string matches nothing.
 */
export function verbNameMatches(names: string, word: string): boolean {
  const n = names.length;
  const wl = word.length;
  let v = 0;
  while (v < n) {
    let w = 0;
    let star = NO_STAR;
    for (;;) {
      while (v < n && names.charCodeAt(v) === STAR) {
        v++;
        star = v >= n || names.charCodeAt(v) === SPACE ? END_STAR : INNER_STAR;
      }
      if (v >= n || names.charCodeAt(v) === SPACE || w >= wl) break;
      if (foldUnit(word.charCodeAt(w)) !== foldUnit(names.charCodeAt(v))) break;
      w++;
      v++;
    }
    const aliasDone = v >= n || names.charCodeAt(v) === SPACE;
    // Word used up: fine if a star allowed the alias to stop early, or the alias ended too.
    // Word left over: only a trailing star can absorb it.
    if (w >= wl ? star !== NO_STAR || aliasDone : star === END_STAR) return true;
    while (v < n && names.charCodeAt(v) !== SPACE) v++;
    while (v < n && names.charCodeAt(v) === SPACE) v++;
  }
  return false;
}
