// A small line chart (SVG) of one figure over the console's samples, with
// its current and peak values in the caption and an accessible name that
// says the same, since a picture of a trend says nothing to a screen reader.

import type { Sample } from "../../world/protocol.ts";

const NS = "http://www.w3.org/2000/svg";
const W = 300, H = 70, PAD = 3;
/** The chart shows at least this much time, so two samples do not fill it edge to edge. */
const MIN_SPAN_MS = 10_000;

const span = (ms: number): string => ms >= 90_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} seconds`;

export class Chart {
  readonly el: HTMLElement;
  private readonly svg: SVGSVGElement;
  private readonly line: SVGPolylineElement;
  private readonly area: SVGPolygonElement;
  private readonly caption: HTMLElement;

  constructor(
    private readonly title: string,
    private readonly pick: (s: Sample) => number,
    private readonly format: (n: number) => string,
    cls: string,
    /** Rates start at zero; memory is drawn between its lowest and highest, or it would be a flat line. */
    private readonly fromZero: boolean,
  ) {
    this.svg = document.createElementNS(NS, "svg");
    this.svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    this.svg.setAttribute("preserveAspectRatio", "none");
    this.svg.setAttribute("role", "img");
    this.area = document.createElementNS(NS, "polygon");
    this.area.setAttribute("class", "area");
    this.line = document.createElementNS(NS, "polyline");
    this.line.setAttribute("class", "line");
    this.svg.append(this.area, this.line);
    this.caption = document.createElement("figcaption");
    this.el = document.createElement("figure");
    this.el.className = `chart ${cls}`;
    this.el.append(this.caption, this.svg);
  }

  /** Samples oldest first. */
  draw(samples: readonly Sample[]): void {
    const values = samples.map(this.pick);
    const last = samples[samples.length - 1], first = samples[0];
    const now = values[values.length - 1] ?? 0, peak = Math.max(0, ...values);
    const low = this.fromZero ? 0 : Math.min(...values) * 0.98, high = Math.max(low + 1, peak * (this.fromZero ? 1 : 1.02));
    const range = Math.max(MIN_SPAN_MS, last && first ? last.t - first.t : 0);
    const x = (s: Sample) => W - ((last!.t - s.t) / range) * W;
    const y = (v: number) => H - PAD - ((v - low) / (high - low)) * (H - 2 * PAD);
    const pts = samples.map((s, i) => `${x(s).toFixed(1)},${y(values[i]!).toFixed(1)}`).join(" ");
    this.line.setAttribute("points", pts);
    this.area.setAttribute("points", first ? `${x(first).toFixed(1)},${H} ${pts} ${W},${H}` : "");
    this.caption.textContent = `${this.title}: ${this.format(now)} (peak ${this.format(peak)})`;
    this.svg.setAttribute("aria-label", `${this.title} over the last ${span(range)}: now ${this.format(now)}, peak ${this.format(peak)}.`);
  }
}
