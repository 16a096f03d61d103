// Every wave's indicators, pooled and by each grouping, computed at build time so the pages every reader
// sees first need no in-browser database. They are slices of the outcome cube (src/survey/cube.ts), whose
// cells are counted by the indicator SQL's own measured SELECTs: one pass over the respondents instead of one
// per wave and grouping (at a million respondents, 1 minute instead of 9). test/cube.test.ts checks every
// slice equals indicatorSql, and the browser tests compare the Overview with the `indicators` command.
import { figureOf, notAskedFigure, notAskedIndicators } from "./indicator-report.js";
import { buildCube, sliceIndicators, type OutcomeCube } from "../src/survey/cube.js";
import type { IndicatorGrouping } from "../src/survey/indicators.js";
import type { IndicatorReport, IndicatorTables } from "../src/survey/report.js";
import { withCleanTables } from "./clean-store.js";
import { rowObjects } from "./parquet.js";

export const groupings: readonly IndicatorGrouping[] = ["cohort", "stream", "degree", "extension"];

function report(cube: OutcomeCube, wave: string, by: IndicatorGrouping | null, excluded: Record<string, number>, notAsked: Set<string>): IndicatorReport {
  const rows = sliceIndicators(cube, { wave, by });
  const respondents = rows.filter((r) => r.id === "respondents").reduce((sum, r) => sum + r.numerator, 0);
  const figure = (r: (typeof rows)[number]) => (notAsked.has(r.id) ? notAskedFigure(r.id, r.group) : figureOf(r.id, r.group, r.numerator, r.denominator));
  return { wave, respondents, excluded, indicators: rows.map(figure) };
}

export async function indicatorTables(dataDir: string): Promise<IndicatorTables> {
  return withCleanTables(dataDir, async (connection) => {
    const run = (sql: string) => rowObjects(connection, sql);
    const cube = await buildCube(run);
    const exclusions = await run(`SELECT wave, reason, count(*)::INTEGER AS n FROM exclusions WHERE wave IS NOT NULL GROUP BY ALL ORDER BY wave, reason`);
    const reports: IndicatorTables["reports"] = {};
    for (const wave of cube.waves) {
      const excluded = Object.fromEntries(exclusions.filter((e) => e.wave === wave).map((e) => [String(e.reason), Number(e.n)]));
      const notAsked = notAskedIndicators(dataDir, wave);
      reports[wave] = { all: report(cube, wave, null, excluded, notAsked) };
      for (const by of groupings) reports[wave][by] = report(cube, wave, by, excluded, notAsked);
    }
    return { build: "analyst", minCell: 0, waves: cube.waves, reports };
  });
}
