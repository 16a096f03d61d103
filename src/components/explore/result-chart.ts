// Draws the chart a ChartPlan describes, from the result's first rows.
import * as Plot from "@observablehq/plot";
import type { ChartPlan } from "./chart-choice.js";
import type { QueryResult } from "./query-result.js";

/** Charts draw at most this many rows (a line or bar of more is unreadable, and slow to draw). */
export const CHART_ROW_LIMIT = 10_000;

export function resultChart(result: QueryResult, plan: ChartPlan, width: number): Element | null {
  if (plan.kind === "none" || !plan.x) return null;
  const rows = result.rows(CHART_ROW_LIMIT);
  const { x, y } = plan;
  switch (plan.kind) {
    case "bar": {
      const categories = new Set(rows.map((row) => String(row[x]))).size;
      const longest = Math.max(...rows.slice(0, 60).map((row) => String(row[x]).length));
      return Plot.plot({
        width,
        height: Math.max(120, Math.min(categories, 60) * 22 + 40),
        marginLeft: Math.min(width / 2.5, 16 + 6.5 * longest),
        x: { label: y, grid: true },
        y: { label: x, domain: rows.slice(0, 60).map((row) => row[x] as string) },
        marks: [Plot.barX(rows.slice(0, 60), { y: x, x: y, fill: "var(--theme-foreground-focus)", tip: true }), Plot.ruleX([0])],
      });
    }
    case "line":
      return Plot.plot({
        width,
        height: 320,
        x: { label: x },
        y: { label: y, grid: true, zero: true },
        marks: [
          Plot.lineY(rows, { x, y, sort: x, stroke: "var(--theme-foreground-focus)" }),
          Plot.dot(rows, { x, y, fill: "var(--theme-foreground-focus)", r: rows.length > 200 ? 0 : 3, tip: true }),
        ],
      });
    case "histogram":
      return Plot.plot({
        width,
        height: 280,
        x: { label: x },
        y: { label: "rows", grid: true },
        marks: [Plot.rectY(rows, { ...Plot.binX({ y: "count" }, { x }), fill: "var(--theme-foreground-focus)", tip: true }), Plot.ruleY([0])],
      });
  }
}
