// Every wave's indicators, pooled and by each grouping, computed at build time so the pages every reader
// sees first need no in-browser database. They are slices of the outcome cube (src/survey/cube.ts), whose
// cells are counted by the indicator SQL's own measured SELECTs: one pass over the respondents instead of one
// per wave and grouping (at a million respondents, 1 minute instead of 9). test/cube.test.ts checks every
// slice equals indicatorSql, and the browser tests compare the Overview with the `indicators` command.
import { figureOf, notAskedFigure, notAskedIndicators } from "./indicator-report.js";
import { buildCube, sliceIndicators, type OutcomeCube } from "../src/survey/cube.js";
import type { IndicatorGrouping } from "../src/survey/indicators.js";
import type { IndicatorReport, IndicatorTables } from "../src/survey/report.js";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cleanStore, withCleanTables } from "./clean-store.js";
import { protectSmallCells } from "./disclosure.js";
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

/**
 * The indicators as the public build ships them, protected at threshold `k`. Two loaders need them (the indicators
 * and, to match its change between waves, the trends), and protection takes seconds while the figures take about
 * one: the first loader keeps the protected tables in the clean store under a digest of the figures and `k`, so
 * the second reuses them only for the very same figures.
 */
export async function publicIndicatorTables(dataDir: string, k: number): Promise<IndicatorTables> {
  const tables = await indicatorTables(dataDir);
  const digest = createHash("sha256").update(JSON.stringify(tables)).update(`k=${k}`).digest("hex").slice(0, 16);
  const file = join(await cleanStore(dataDir), `public-indicators-${digest}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as IndicatorTables;
  const protectedTables = await protectSmallCells(tables, k);
  // Written whole then renamed, so a loader running beside this one never reads half a file.
  writeFileSync(`${file}.${process.pid}`, JSON.stringify(protectedTables), { mode: 0o600 });
  renameSync(`${file}.${process.pid}`, file);
  return protectedTables;
}
