// Every wave's indicators, pooled and by each grouping, computed at build time so the pages every reader
// sees first need no in-browser database (the same SQL as the pages, run by native DuckDB over the clean store).
import type { IndicatorGrouping } from "../src/components/indicators.js";
import type { IndicatorTables } from "../src/components/report.js";
import { withCleanTables } from "./clean-store.js";
import { indicatorReport } from "./indicator-report.js";

export const groupings: readonly IndicatorGrouping[] = ["cohort", "stream", "degree", "extension"];

export async function indicatorTables(dataDir: string): Promise<IndicatorTables> {
  return withCleanTables(dataDir, async (connection) => {
    const waves = (await (await connection.runAndReadAll(`SELECT DISTINCT wave FROM respondents ORDER BY wave`)).getRowObjectsJS()).map((r) => String(r.wave));
    const reports: IndicatorTables["reports"] = {};
    for (const wave of waves) {
      reports[wave] = { all: await indicatorReport(connection, { wave }) };
      for (const by of groupings) reports[wave][by] = await indicatorReport(connection, { wave, by });
    }
    return { build: "analyst", minCell: 0, waves, reports };
  });
}
