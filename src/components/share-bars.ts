// Shares by group as bars with 95% interval whiskers and the n beside each bar, drawn as plain SVG:
// the pages every reader opens first (Overview, Cohorts, Outcomes by group) show this chart, and without
// Plot and d3 (≈ 0.5 MB of JavaScript in 30 modules) it is on screen before those could have loaded.
import { interval, percent } from "./format.js";

export interface ShareRow {
  group: string;
  numerator: number;
  denominator: number;
  share: number;
  lo: number;
  hi: number;
}

export interface ShareBarsOptions {
  width: number;
  /** Label of the grouping variable, for the y axis. */
  groupLabel?: string;
  /** Label of the share, for the x axis. */
  shareLabel?: string;
  /** Order of the groups, top to bottom (default: as given). */
  order?: readonly string[];
  /** A second, lighter mark for the comparison value (e.g. the unweighted share). */
  comparison?: readonly { group: string; share: number }[];
  /** What to say when there are no bars (e.g. "not asked in this wave"), so an empty chart never reads as 0. */
  emptyText?: string;
}

const SVG = "http://www.w3.org/2000/svg";

function element<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const rowHeight = 34;
const top = 8;
const axisRoom = 42;
const rightRoom = 110;

export function shareBars(rows: readonly ShareRow[], options: ShareBarsOptions): SVGSVGElement {
  const order = options.order ?? rows.map((row) => row.group);
  const byGroup = new Map(rows.map((row) => [row.group, row]));
  const labelRoom = Math.min(220, Math.max(80, 7 * Math.max(0, ...order.map((g) => g.length))));
  const width = Math.max(labelRoom + rightRoom + 120, options.width);
  const height = Math.max(90, top + rowHeight * order.length + axisRoom);
  const plotWidth = width - labelRoom - rightRoom;
  const x = (share: number) => labelRoom + Math.max(0, Math.min(1, share)) * plotWidth;
  const y = (index: number) => top + index * rowHeight;

  const svg = element("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "share-bars", role: "img", "font-size": 10, "font-family": "system-ui, sans-serif" });
  svg.style.maxWidth = "100%";
  svg.style.height = "auto";
  svg.append(element("title", {}, `${options.shareLabel ?? "Share of respondents"} by group, with 95% intervals`));

  const axis = element("g", { "aria-label": "x-axis", fill: "currentColor" });
  // Tick labels need ~40px each: on a phone, every 50% or 20% instead of every 10%.
  const step = plotWidth < 220 ? 5 : plotWidth < 440 ? 2 : 1;
  for (let tick = 0; tick <= 10; tick += step) {
    const at = x(tick / 10);
    axis.append(element("line", { x1: at, x2: at, y1: top, y2: y(order.length), stroke: "currentColor", "stroke-opacity": 0.1 }));
    axis.append(element("line", { x1: at, x2: at, y1: y(order.length), y2: y(order.length) + 6, stroke: "currentColor" }));
    axis.append(element("text", { x: at, y: y(order.length) + 17, "text-anchor": "middle" }, `${tick * 10}%`));
  }
  // Anchored at 0% and running right (into the room kept for the labels), so a long label never leaves the chart.
  axis.append(element("text", { x: x(0), y: y(order.length) + 34, "text-anchor": "start" }, options.shareLabel ?? "Share of respondents →"));
  if (options.groupLabel) axis.append(element("text", { x: 0, y: top - 2, "text-anchor": "start" }, options.groupLabel));
  svg.append(axis);
  if (rows.length === 0 && options.emptyText) {
    svg.append(element("text", { x: labelRoom + plotWidth / 2, y: top + 24, "text-anchor": "middle", fill: "currentColor", class: "empty" }, options.emptyText));
  }

  order.forEach((group, index) => {
    const row = byGroup.get(group);
    const middle = y(index) + rowHeight / 2;
    const g = element("g", { "aria-label": group });
    g.append(element("text", { x: labelRoom - 9, y: middle, "text-anchor": "end", "dominant-baseline": "middle", fill: "currentColor" }, group));
    g.append(element("line", { x1: labelRoom - 6, x2: labelRoom, y1: middle, y2: middle, stroke: "currentColor" }));
    if (row) {
      g.append(element("title", {}, `${row.group}\n${percent(row.share)} — ${row.numerator} of ${row.denominator}\n95% CI ${interval([row.lo, row.hi])}`));
      g.append(element("rect", { x: x(0), y: y(index) + 1, width: x(row.share) - x(0), height: rowHeight - 2, fill: "var(--theme-foreground-focus, steelblue)", "fill-opacity": 0.75 }));
      g.append(element("line", { x1: x(row.lo), x2: x(row.hi), y1: middle, y2: middle, stroke: "currentColor", "stroke-width": 1.5 }));
      for (const end of [row.lo, row.hi]) g.append(element("line", { x1: x(end), x2: x(end), y1: y(index) + 9, y2: y(index) + rowHeight - 9, stroke: "currentColor" }));
      g.append(element("text", { x: x(1) + 8, y: middle, "dominant-baseline": "middle", fill: "currentColor" }, `${percent(row.share)}  (${row.numerator}/${row.denominator})`));
    }
    svg.append(g);
  });
  for (const point of options.comparison ?? []) {
    const index = order.indexOf(point.group);
    if (index < 0) continue;
    svg.append(element("circle", { cx: x(point.share), cy: y(index) + rowHeight / 2, r: 4, fill: "white", stroke: "var(--theme-foreground, black)", "stroke-width": 1.5 }));
  }
  svg.append(element("line", { x1: x(0), x2: x(0), y1: top, y2: y(order.length), stroke: "currentColor" }));
  return svg;
}
