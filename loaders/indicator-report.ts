// An indicator report (one wave, pooled or by a grouping) summed from the outcome cube (src/survey/cube.ts): the one
// engine behind src/data/indicators.json (every wave and grouping) and the `indicators` command (one of them).
import type { DuckDBConnection } from "@duckdb/node-api";
import { join } from "node:path";
import { buildIndicatorCube, sliceIndicators, type OutcomeCube } from "../src/survey/cube.js";
import { indicators, wilson, type IndicatorGrouping } from "../src/survey/indicators.js";
import { quoteIdentifier, sqlString } from "../src/survey/sql.js";
import { storeAnswers, storeOf } from "./clean-store.js";
import { instrumentFor } from "./instrument.js";
import { tableNames, type CleanModel } from "./model.js";
import { rowObjects } from "./parquet.js";
import type { IndicatorFigure, IndicatorReport } from "../src/survey/report.js";

export type { IndicatorFigure, IndicatorReport };

type Run = (sql: string) => Promise<Record<string, unknown>[]>;

/**
 * Every clean table of `model` (from `loadExports`) as a DuckDB table of the same name, read from the store's
 * Parquet, and `answers`, the per-respondent view, as the store makes it for the build.
 */
export async function loadCleanTables(connection: DuckDBConnection, model: CleanModel): Promise<void> {
  const store = storeOf(model);
  if (store === undefined) throw new Error("loadCleanTables: the model was not read by loadExports from a clean store");
  for (const name of tableNames) {
    await connection.run(`CREATE TABLE ${quoteIdentifier(name)} AS SELECT * FROM read_parquet(${sqlString(join(store, `${name}.parquet`))})`);
  }
  await connection.run(`CREATE TABLE answers AS SELECT * FROM read_parquet(${sqlString(await storeAnswers(store))})`);
}

function round(value: number, places = 4): number {
  return Number(value.toFixed(places));
}

/** Ids of the indicators that read a question `wave` of the folder's instrument did not ask. */
export function notAskedIndicators(dataDir: string, wave: string): Set<string> {
  const spec = instrumentFor(dataDir).waves[wave];
  if (!spec) return new Set();
  return new Set(indicators.filter((i) => i.reads.some((q) => spec.headers[q] === undefined)).map((i) => i.id));
}

/** A figure of an indicator the wave did not ask: "not asked", which no page or command may show as 0. */
export function notAskedFigure(id: string, group: string | null): IndicatorFigure {
  return { id, group, numerator: null, denominator: null, share: null, ci95: null, not_asked: true };
}

export function figureOf(id: string, group: string | null, numerator: number, denominator: number | null): IndicatorFigure {
  const measured = denominator !== null && denominator > 0;
  return {
    id,
    group,
    numerator,
    denominator,
    share: measured ? round(numerator / denominator) : null,
    ci95: measured ? (wilson(numerator, denominator).map((x) => round(x)) as [number, number]) : null,
  };
}

/** What every report is summed from: the cube and the ledger's excluded rows per wave and reason, in one pass. */
export interface ReportFigures {
  cube: OutcomeCube;
  /** Wave → reason → export rows left out. */
  excluded: Record<string, Record<string, number>>;
}

export async function reportFigures(run: Run): Promise<ReportFigures> {
  // The select-all options and the rating grid are Cohorts' and Program elements' (cube.json), not the reports'.
  const cube = await buildIndicatorCube(run);
  const excluded: ReportFigures["excluded"] = {};
  for (const row of await run(`SELECT wave, reason, count(*)::INTEGER AS n FROM exclusions WHERE wave IS NOT NULL GROUP BY ALL ORDER BY wave, reason`)) {
    (excluded[String(row.wave)] ??= {})[String(row.reason)] = Number(row.n);
  }
  return { cube, excluded };
}

/** One wave's report, pooled (`by` null) or by a grouping: a sum over the cube's cells, figures as the pages read them. */
export function cubeReport(
  { cube, excluded }: ReportFigures,
  { wave, by = null, notAsked = new Set() }: { wave: string; by?: IndicatorGrouping | null; notAsked?: ReadonlySet<string> },
): IndicatorReport {
  const rows = sliceIndicators(cube, { wave, by });
  const respondents = rows.filter((r) => r.id === "respondents").reduce((sum, r) => sum + r.numerator, 0);
  const figure = (r: (typeof rows)[number]) => (notAsked.has(r.id) ? notAskedFigure(r.id, r.group) : figureOf(r.id, r.group, r.numerator, r.denominator));
  return { wave, respondents, excluded: excluded[wave] ?? {}, indicators: rows.map(figure) };
}

/** The report of one wave and grouping over the clean tables of `connection` (what the `indicators` command prints). */
export async function indicatorReport(
  connection: DuckDBConnection,
  { wave, by = null, dataDir }: { wave: string; by?: IndicatorGrouping | null; dataDir?: string },
): Promise<IndicatorReport> {
  const notAsked = dataDir === undefined ? new Set<string>() : notAskedIndicators(dataDir, wave);
  return cubeReport(await reportFigures((sql) => rowObjects(connection, sql)), { wave, by, notAsked });
}
