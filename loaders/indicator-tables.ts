// Every wave's indicators, pooled and by each grouping, computed at build time so the pages every reader
// sees first need no in-browser database (the same SQL as the pages, run by native DuckDB).
import type { IndicatorGrouping } from "../src/components/indicators.js";
import { loadExports } from "./clean.js";
import type { IndicatorTables } from "../src/components/report.js";
import { indicatorReport, loadCleanTables } from "./indicator-report.js";
import { withDuckDB } from "./parquet.js";

export const groupings: readonly IndicatorGrouping[] = ["cohort", "stream", "degree", "extension"];

export async function indicatorTables(dataDir: string): Promise<IndicatorTables> {
  const model = await loadExports(dataDir);
  return withDuckDB(async (connection) => {
    await loadCleanTables(connection, model);
    const waves = [...new Set(model.respondents.map((r) => String(r.wave)))].sort();
    const reports: IndicatorTables["reports"] = {};
    for (const wave of waves) {
      reports[wave] = { all: await indicatorReport(connection, { wave }) };
      for (const by of groupings) reports[wave][by] = await indicatorReport(connection, { wave, by });
    }
    return { build: "analyst", minCell: 0, waves, reports };
  });
}
