// Every wave's indicators, pooled and by each grouping, computed at build time so the pages every reader
// sees first need no in-browser database. They are slices of the outcome cube (src/survey/cube.ts), whose
// cells are counted by the indicator definitions' own measured SELECTs: one pass over the respondents instead of
// one per wave and grouping (at a million respondents, 1 minute instead of 9), and its queries' rows are shared
// with the Cohorts page's cube (loaders/clean-store.ts storedQuery). The `indicators` command prints
// these very reports (loaders/indicator-report.ts); test/cube.test.ts checks every slice against an SQL oracle.
import { cubeReport, notAskedIndicators, reportFigures } from "./indicator-report.js";
import type { IndicatorGrouping } from "../src/survey/indicators.js";
import type { IndicatorTables } from "../src/survey/report.js";
import { createHash } from "node:crypto";
import { storedInCleanStore, storedQuery } from "./clean-store.js";
import { protectSmallCells } from "./disclosure.js";

export const groupings: readonly IndicatorGrouping[] = ["cohort", "stream", "degree", "extension"];

export async function indicatorTables(dataDir: string): Promise<IndicatorTables> {
  const figures = await reportFigures(storedQuery(dataDir));
  const reports: IndicatorTables["reports"] = {};
  for (const wave of figures.cube.waves) {
    const notAsked = notAskedIndicators(dataDir, wave);
    reports[wave] = { all: cubeReport(figures, { wave, notAsked }) };
    for (const by of groupings) reports[wave][by] = cubeReport(figures, { wave, by, notAsked });
  }
  return { build: "analyst", minCell: 0, waves: figures.cube.waves, reports };
}

/**
 * The indicators as the public build ships them, protected at threshold `k`. Two loaders need them (the indicators
 * and, to match its change between waves, the trends), and protection takes seconds: the first loader keeps the
 * protected tables in the clean store under a digest of the figures and `k`, so the second reuses them only for
 * the very same figures.
 */
export async function publicIndicatorTables(dataDir: string, k: number): Promise<IndicatorTables> {
  const tables = await indicatorTables(dataDir);
  const digest = createHash("sha256").update(JSON.stringify(tables)).update(`k=${k}`).digest("hex").slice(0, 16);
  return storedInCleanStore(dataDir, `public-indicators-${digest}`, () => protectSmallCells(tables, k));
}
