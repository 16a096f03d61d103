// The indicators of one wave, computed by native DuckDB with the same SQL the pages run in the browser.
import type { DuckDBConnection } from "@duckdb/node-api";
import { indicatorSql, indicators, wilson, type IndicatorGrouping } from "../src/survey/indicators.js";
import { join } from "node:path";
import { storeOf } from "./clean-store.js";
import { instrumentFor } from "./instrument.js";
import { tableNames, type CleanModel } from "./model.js";
import { quoteIdentifier, sqlString } from "../src/survey/sql.js";
import type { IndicatorFigure, IndicatorReport } from "../src/survey/report.js";

export type { IndicatorFigure, IndicatorReport };

/** Every clean table of `model` (from `loadExports`) as a DuckDB table of the same name, read from the store's Parquet. */
export async function loadCleanTables(connection: DuckDBConnection, model: CleanModel): Promise<void> {
  const store = storeOf(model);
  if (store === undefined) throw new Error("loadCleanTables: the model was not read by loadExports from a clean store");
  for (const name of tableNames) {
    await connection.run(`CREATE TABLE ${quoteIdentifier(name)} AS SELECT * FROM read_parquet(${sqlString(join(store, `${name}.parquet`))})`);
  }
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

export async function indicatorReport(
  connection: DuckDBConnection,
  { wave, by = null, dataDir }: { wave: string; by?: IndicatorGrouping | null; dataDir?: string },
): Promise<IndicatorReport> {
  const notAsked = dataDir === undefined ? new Set<string>() : notAskedIndicators(dataDir, wave);
  const rows = (await (await connection.runAndReadAll(indicatorSql({ wave, by }))).getRowObjectsJS()) as {
    id: string;
    group: string | null;
    numerator: number;
    denominator: number | null;
  }[];
  const known = new Set(indicators.map((i) => i.id));
  const figures = rows
    .filter((r) => known.has(r.id))
    .map((r) => (notAsked.has(r.id) ? notAskedFigure(r.id, r.group) : figureOf(r.id, r.group, r.numerator, r.denominator)));
  const total = (await (await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM respondents WHERE wave = $1`, [wave])).getRowObjectsJS())[0].n as number;
  const excludedRows = (await (
    await connection.runAndReadAll(`SELECT reason, count(*)::INTEGER AS n FROM exclusions WHERE wave = $1 GROUP BY reason ORDER BY reason`, [wave])
  ).getRowObjectsJS()) as { reason: string; n: number }[];
  return {
    wave,
    respondents: total,
    excluded: Object.fromEntries(excludedRows.map((r) => [r.reason, r.n])),
    indicators: figures,
  };
}
