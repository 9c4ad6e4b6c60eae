// Verb names: a verb's name string holds space-separated aliases, each with
// at most one meaningful `*` (LambdaMOO's verbcasecmp). Used for verb calls,
// verb_info-style lookups and command dispatch alike.

const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/**
 * Whether `word` matches one of the aliases in `names`. `foo*bar` matches
 * foo, foob, fooba, foobar; a trailing `*` matches any extension; a lone `*`
 * matches anything. ASCII case is ignored, as LambdaMOO does.
 */
export const verbNameMatches = (names: string, word: string): boolean => {
  const n = names.length, m = word.length;
  let v = 0;
  while (v < n) {
    let w = 0;
    let star = 0; // 0 none, 1 inner, 2 at the end of the alias
    for (;;) {
      while (v < n && names.charCodeAt(v) === 42 /* * */) {
        v++;
        star = v >= n || names.charCodeAt(v) === 32 ? 2 : 1;
      }
      if (v >= n || names.charCodeAt(v) === 32 || w >= m || lower(names.charCodeAt(v)) !== lower(word.charCodeAt(w))) break;
      w++;
      v++;
    }
    if (w >= m ? star !== 0 || v >= n || names.charCodeAt(v) === 32 : star === 2) return true;
    while (v < n && names.charCodeAt(v) !== 32) v++;
    while (v < n && names.charCodeAt(v) === 32) v++;
  }
  return false;
};
