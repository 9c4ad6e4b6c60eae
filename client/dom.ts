// A tiny element builder for the client's views. Text goes in as text
// nodes, never as HTML, so nothing the world sends can become markup.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

/** h("button", { type: "button", onclick: f }, "Kill"): attributes by name, `on…` keys as listeners. */
export const h = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, "");
    else if (v !== false && v !== null && v !== undefined) el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
};

export const append = (el: Element, children: Child[]): void => {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "number" ? String(c) : c);
  }
};

/** Replace el's children. */
export const fill = (el: Element, ...children: Child[]): void => {
  el.replaceChildren();
  append(el, children);
};

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as T;
};

/** "#12" for object 12. */
export const objRef = (n: number): string => `#${n}`;

const number = new Intl.NumberFormat("en");
export const fmtInt = (n: number): string => number.format(Math.round(n));

/** 20,000,000 as "20M": for figures shown beside a bar. */
export const fmtShort = (n: number): string => {
  const a = Math.abs(n);
  return a >= 1e9 ? `${+(n / 1e9).toFixed(1)}G` : a >= 1e6 ? `${+(n / 1e6).toFixed(1)}M` : a >= 1e4 ? `${+(n / 1e3).toFixed(1)}k` : fmtInt(n);
};

export const fmtBytes = (n: number): string => {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024, i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
};

export const fmtSeconds = (s: number): string => {
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
};
