// Shares by group as bars with 95% interval whiskers and the n beside each bar.
import * as Plot from "@observablehq/plot";
import { percent } from "./format.js";

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
}

export function shareBars(rows: readonly ShareRow[], options: ShareBarsOptions): SVGSVGElement | HTMLElement {
  const order = options.order ?? rows.map((row) => row.group);
  const labelRoom = Math.min(220, Math.max(80, 7 * Math.max(...order.map((g) => g.length))));
  return Plot.plot({
    width: options.width,
    height: Math.max(90, 34 * order.length + 50),
    marginLeft: labelRoom,
    marginRight: 110,
    x: { domain: [0, 1], label: options.shareLabel ?? "Share of respondents →", tickFormat: "%", grid: true },
    y: { domain: order, label: options.groupLabel ?? null },
    marks: [
      Plot.barX(rows, { y: "group", x: "share", fill: "var(--theme-foreground-focus)", fillOpacity: 0.75 }),
      Plot.ruleY(rows, { y: "group", x1: "lo", x2: "hi", stroke: "currentColor", strokeWidth: 1.5 }),
      Plot.tickX(rows, { y: "group", x: "lo", stroke: "currentColor", inset: 9 }),
      Plot.tickX(rows, { y: "group", x: "hi", stroke: "currentColor", inset: 9 }),
      ...(options.comparison
        ? [Plot.dot(options.comparison, { y: "group", x: "share", stroke: "var(--theme-foreground)", fill: "white", r: 4 })]
        : []),
      Plot.text(rows, {
        y: "group",
        x: 1,
        text: (row: ShareRow) => `${percent(row.share)}  (${row.numerator}/${row.denominator})`,
        textAnchor: "start",
        dx: 8,
      }),
      Plot.ruleX([0]),
      Plot.tip(rows, Plot.pointerY({
        y: "group",
        x: "share",
        title: (row: ShareRow) =>
          `${row.group}\n${percent(row.share)} — ${row.numerator} of ${row.denominator}\n95% CI ${percent(row.lo)}–${percent(row.hi)}`,
      })),
    ],
  });
}
