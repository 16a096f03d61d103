// Rating-scale answers as diverging stacked bars: the top two levels to the right of zero, the bottom two
// to the left, the middle level split across zero — so "how much value" reads as one left–right balance.
import * as Plot from "@observablehq/plot";
import { percent } from "./format.js";

export interface RatingCount {
  /** What was rated (e.g. "Mentorship"). */
  item: string;
  /** The slice (e.g. a cohort, or "All respondents"). */
  group: string;
  level: number;
  label: string;
  count: number;
}

export interface Segment extends RatingCount {
  share: number;
  x1: number;
  x2: number;
  total: number;
}

/** Lays out the segments of each (item, group) bar: levels above `middle` go right, below go left. */
export function divergingSegments(counts: readonly RatingCount[], middle = 3): Segment[] {
  const bars = new Map<string, RatingCount[]>();
  for (const c of counts) {
    const key = `${c.item}\u0000${c.group}`;
    if (!bars.has(key)) bars.set(key, []);
    bars.get(key)!.push(c);
  }
  const segments: Segment[] = [];
  for (const bar of bars.values()) {
    const total = bar.reduce((sum, c) => sum + c.count, 0);
    if (!total) continue;
    const share = (c: RatingCount) => c.count / total;
    const centre = bar.find((c) => c.level === middle);
    const half = centre ? share(centre) / 2 : 0;
    let right = half;
    for (const c of bar.filter((c) => c.level > middle).sort((a, b) => a.level - b.level)) {
      segments.push({ ...c, share: share(c), x1: right, x2: right + share(c), total });
      right += share(c);
    }
    let left = -half;
    for (const c of bar.filter((c) => c.level < middle).sort((a, b) => b.level - a.level)) {
      segments.push({ ...c, share: share(c), x1: left - share(c), x2: left, total });
      left -= share(c);
    }
    if (centre) segments.push({ ...centre, share: share(centre), x1: -half, x2: half, total });
  }
  return segments;
}

export interface DivergingOptions {
  width: number;
  /** Level labels from the top level down, for the legend's order. */
  levels: readonly string[];
  itemOrder?: readonly string[];
  groupOrder?: readonly string[];
}

export function divergingBars(counts: readonly RatingCount[], options: DivergingOptions): HTMLElement | SVGSVGElement {
  const segments = divergingSegments(counts);
  const groups = options.groupOrder ?? [...new Set(counts.map((c) => c.group))];
  const faceted = groups.length > 1;
  const colors = ["#1b7837", "#7fbf7b", "#d9d9d9", "#f1a340", "#b35806"];
  return Plot.plot({
    width: options.width,
    marginLeft: faceted ? 120 : 190,
    marginRight: faceted ? 190 : 20,
    height: faceted ? Math.max(200, 16 * groups.length * (options.itemOrder?.length ?? 7) + 80) : 40 + 30 * (options.itemOrder?.length ?? 7),
    x: { domain: [-1, 1], label: "← less value · share of raters · more value →", tickFormat: (x: number) => `${Math.round(Math.abs(x) * 100)}%`, grid: true },
    y: { domain: faceted ? groups : options.itemOrder, label: null },
    fy: faceted ? { domain: options.itemOrder, label: null } : undefined,
    color: { domain: options.levels, range: colors, legend: true },
    marks: [
      Plot.barX(segments, {
        x1: "x1",
        x2: "x2",
        y: faceted ? "group" : "item",
        fy: faceted ? "item" : undefined,
        fill: "label",
        title: (s: Segment) => `${s.item} — ${s.group}\n${s.label}: ${percent(s.share)} (${s.count} of ${s.total})`,
      }),
      Plot.ruleX([0], { stroke: "currentColor" }),
    ],
  });
}
