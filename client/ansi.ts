// One line of MOO output as DOM: ANSI SGR colour and style codes become
// spans (other escape sequences are dropped), and http(s) URLs become
// links. Built from text nodes only, so output can never inject markup.

interface Style {
  fg: string | null;
  bg: string | null;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
}

const plain = (): Style => ({ fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false });

/** CSI sequences (ESC [ ... final byte) and the lone two-byte ESC sequences. */
const ESCAPES = /\x1b\[([0-9;?]*)([@-~])|\x1b[@-Z\\-_]/g;
const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/g;
/** Punctuation that ends a sentence rather than a URL. */
const TRAILING = /[.,;:!?)\]}'"]+$/;

/** The 256-colour palette's entry n, as CSS (the first 16 are the theme's, by class). */
const xterm256 = (n: number): string => {
  if (n < 16) return `var(--ansi-${n})`;
  if (n >= 232) { const g = 8 + (n - 232) * 10; return `rgb(${g},${g},${g})`; }
  const i = n - 16, step = [0, 95, 135, 175, 215, 255];
  return `rgb(${step[Math.floor(i / 36)]},${step[Math.floor(i / 6) % 6]},${step[i % 6]})`;
};

/** Apply one SGR parameter list to the style. */
const sgr = (s: Style, params: string): Style => {
  const p = params === "" ? [0] : params.split(";").map((x) => Number(x) || 0);
  for (let i = 0; i < p.length; i++) {
    const n = p[i]!;
    if (n === 0) s = plain();
    else if (n === 1) s.bold = true;
    else if (n === 2) s.dim = true;
    else if (n === 3) s.italic = true;
    else if (n === 4) s.underline = true;
    else if (n === 7) s.inverse = true;
    else if (n === 22) s.bold = s.dim = false;
    else if (n === 23) s.italic = false;
    else if (n === 24) s.underline = false;
    else if (n === 27) s.inverse = false;
    else if (n >= 30 && n <= 37) s.fg = `var(--ansi-${n - 30})`;
    else if (n >= 90 && n <= 97) s.fg = `var(--ansi-${n - 90 + 8})`;
    else if (n === 39) s.fg = null;
    else if (n >= 40 && n <= 47) s.bg = `var(--ansi-${n - 40})`;
    else if (n >= 100 && n <= 107) s.bg = `var(--ansi-${n - 100 + 8})`;
    else if (n === 49) s.bg = null;
    else if ((n === 38 || n === 48) && p[i + 1] === 5) {
      const c = xterm256((p[i + 2] ?? 0) & 255);
      if (n === 38) s.fg = c; else s.bg = c;
      i += 2;
    } else if ((n === 38 || n === 48) && p[i + 1] === 2) {
      const c = `rgb(${(p[i + 2] ?? 0) & 255},${(p[i + 3] ?? 0) & 255},${(p[i + 4] ?? 0) & 255})`;
      if (n === 38) s.fg = c; else s.bg = c;
      i += 4;
    }
  }
  return s;
};

const styled = (s: Style): boolean => s.fg !== null || s.bg !== null || s.bold || s.dim || s.italic || s.underline || s.inverse;

/** Text with its URLs as links. */
const linkify = (text: string, into: Node): void => {
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const url = m[0].replace(TRAILING, "");
    const at = m.index;
    if (at > last) into.appendChild(document.createTextNode(text.slice(last, at)));
    const a = document.createElement("a");
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.textContent = url;
    into.appendChild(a);
    last = at + url.length;
  }
  if (last < text.length) into.appendChild(document.createTextNode(text.slice(last)));
};

const span = (s: Style): HTMLSpanElement => {
  const el = document.createElement("span");
  const fg = s.inverse ? (s.bg ?? "var(--bg)") : s.fg, bg = s.inverse ? (s.fg ?? "var(--fg)") : s.bg;
  if (fg) el.style.color = fg;
  if (bg) el.style.backgroundColor = bg;
  if (s.bold) el.style.fontWeight = "bold";
  if (s.dim) el.style.opacity = "0.7";
  if (s.italic) el.style.fontStyle = "italic";
  if (s.underline) el.style.textDecoration = "underline";
  return el;
};

/** Render one line into `into`; returns its plain text (for the screen-reader announcement). */
export const renderLine = (line: string, into: HTMLElement): string => {
  if (!line.includes("\x1b")) {
    linkify(line, into);
    return line;
  }
  let style = plain(), last = 0, text = "";
  const emit = (chunk: string) => {
    if (chunk === "") return;
    text += chunk;
    if (styled(style)) { const el = span(style); linkify(chunk, el); into.appendChild(el); }
    else linkify(chunk, into);
  };
  for (const m of line.matchAll(ESCAPES)) {
    emit(line.slice(last, m.index));
    if (m[2] === "m") style = sgr({ ...style }, m[1] ?? "");
    last = m.index + m[0].length;
  }
  emit(line.slice(last));
  return text;
};
