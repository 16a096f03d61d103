// Small-cell protection for the public build. A share is withheld when its denominator or its complement
// (denominator − numerator) is below the threshold; then, wherever the pooled figure is shown and only one
// group of a grouping was withheld, the next smallest group is withheld too, so no cell can be recovered by
// subtracting the shown groups from the total.
import type { IndicatorFigure, IndicatorReport, IndicatorTables } from "../src/survey/report.js";

export function isSmallCell(figure: IndicatorFigure, threshold: number): boolean {
  if (figure.numerator === null) return false;
  if (figure.denominator === null) return figure.numerator < threshold;
  return figure.denominator < threshold || figure.denominator - figure.numerator < threshold;
}

function withhold(figure: IndicatorFigure): void {
  Object.assign(figure, { numerator: null, denominator: null, share: null, ci95: null, suppressed: true });
}

function primary(report: IndicatorReport, threshold: number): void {
  for (const figure of report.indicators) if (isSmallCell(figure, threshold)) withhold(figure);
  // A group's respondent count and population would give back a withheld response rate.
  for (const rate of report.indicators.filter((f) => f.id === "response_rate" && f.suppressed)) {
    const count = report.indicators.find((f) => f.id === "respondents" && f.group === rate.group);
    if (count) withhold(count);
  }
}

function complementary(pooled: IndicatorReport, grouped: IndicatorReport): void {
  const ids = new Set(grouped.indicators.map((f) => f.id));
  for (const id of ids) {
    const total = pooled.indicators.find((f) => f.id === id && f.group === null);
    if (!total || total.suppressed) continue;
    const groups = grouped.indicators.filter((f) => f.id === id);
    const withheld = groups.filter((f) => f.suppressed);
    if (withheld.length !== 1) continue;
    const shown = groups.filter((f) => !f.suppressed).sort((a, b) => (a.denominator ?? a.numerator ?? 0) - (b.denominator ?? b.numerator ?? 0));
    if (shown.length) withhold(shown[0]);
    else withhold(total);
  }
}

/** Returns a copy of `tables` fit for the public: every report suppressed at `threshold`. */
export function protectSmallCells(tables: IndicatorTables, threshold: number): IndicatorTables {
  const copy: IndicatorTables = structuredClone(tables);
  copy.build = "public";
  copy.minCell = threshold;
  for (const wave of copy.waves) {
    const reports = copy.reports[wave];
    for (const report of Object.values(reports)) primary(report, threshold);
    for (const [grouping, report] of Object.entries(reports)) if (grouping !== "all") complementary(reports.all, report);
  }
  return copy;
}
