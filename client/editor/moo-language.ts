// MOO for CodeMirror: a stream tokenizer (keywords, strings, numbers,
// #objects, $names, E_ errors, /* comments */, property and verb names
// after . and :) and indentation by block depth, with end*, else, elseif,
// except and finally lining up with the statement that opened the block.

import { StreamLanguage, LanguageSupport, HighlightStyle, syntaxHighlighting, type StreamParser } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";

const OPEN = new Set(["if", "for", "while", "fork", "try"]);
const CLOSE = new Set(["endif", "endfor", "endwhile", "endfork", "endtry"]);
const MIDDLE = new Set(["else", "elseif", "except", "finally"]);
const OTHER = new Set(["in", "return", "break", "continue", "any"]);

interface State { depth: number; comment: boolean }

const comment = (stream: Parameters<StreamParser<State>["token"]>[0], state: State): string => {
  const end = stream.string.indexOf("*/", stream.pos);
  if (end < 0) { stream.skipToEnd(); state.comment = true; }
  else { stream.pos = end + 2; state.comment = false; }
  return "comment";
};

const parser: StreamParser<State> = {
  name: "moo",
  startState: () => ({ depth: 0, comment: false }),
  copyState: (s) => ({ ...s }),
  token(stream, state) {
    if (state.comment) return comment(stream, state);
    if (stream.eatSpace()) return null;
    if (stream.match("/*")) return comment(stream, state);
    const ch = stream.peek()!;
    if (ch === '"') {
      stream.next();
      for (let c = stream.next(); c !== undefined; c = stream.next()) {
        if (c === "\\") stream.next();
        else if (c === '"') break;
      }
      return "string";
    }
    if (stream.match(/^#-?\d+/)) return "atom";
    if (stream.match(/^\$[A-Za-z_]\w*/)) return "variableName.special";
    // "1..3" is a range, so a number's dot must have a digit after it.
    if (stream.match(/^(\d+(\.\d+)?([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)/)) return "number";
    if (stream.match(/^[A-Za-z_]\w*/)) {
      const word = stream.current().toLowerCase();
      const before = stream.string.slice(0, stream.start).trimEnd();
      if (before.endsWith(".") && !before.endsWith("..") || before.endsWith(":")) return "propertyName";
      if (/^e_[a-z]+$/.test(word)) return "atom";
      if (OPEN.has(word)) { state.depth++; return "keyword"; }
      if (CLOSE.has(word)) { state.depth = Math.max(0, state.depth - 1); return "keyword"; }
      if (MIDDLE.has(word) || OTHER.has(word)) return "keyword";
      if (stream.peek() === "(") return "variableName.function";
      return "variableName";
    }
    if (stream.match(/^(==|!=|<=|>=|&&|\|\||=>|\.\.|&\.|\|\.|\^\.|<<|>>|[-+*/%^<>=!?|@.:~`'])/)) return "operator";
    stream.next();
    return /[()[\]{}]/.test(ch) ? "bracket" : null;
  },
  indent(state, textAfter, cx) {
    const first = /^\s*([A-Za-z]+)/.exec(textAfter)?.[1]?.toLowerCase() ?? "";
    const back = CLOSE.has(first) || MIDDLE.has(first) ? 1 : 0;
    return Math.max(0, state.depth - back) * cx.unit;
  },
  languageData: {
    commentTokens: { block: { open: "/*", close: "*/" } },
    closeBrackets: { brackets: ["(", "[", "{", '"'] },
    // Re-indent a line once it reads as a block's end or middle.
    indentOnInput: /^\s*(end\w+|else|elseif|except|finally)\b/i,
  },
};

export const mooLanguage = StreamLanguage.define(parser);

/** Colours from the page's palette (style.css), so they follow its dark and light schemes and keep their contrast. */
const mooHighlight = HighlightStyle.define([
  { tag: t.keyword, color: "var(--ansi-5)", fontWeight: "600" },
  { tag: t.string, color: "var(--ansi-2)" },
  { tag: t.number, color: "var(--ansi-11)" },
  { tag: t.atom, color: "var(--ansi-6)" },
  { tag: t.comment, color: "var(--muted)", fontStyle: "italic" },
  { tag: t.propertyName, color: "var(--ansi-12)" },
  { tag: t.function(t.variableName), color: "var(--ansi-14)" },
  { tag: t.special(t.variableName), color: "var(--ansi-3)" },
  { tag: t.operator, color: "var(--muted)" },
]);

export const moo = (): LanguageSupport => new LanguageSupport(mooLanguage, [syntaxHighlighting(mooHighlight)]);
