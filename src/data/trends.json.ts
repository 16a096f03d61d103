// The Trends figures for "works on alignment" (src/stats/trends-report.ts), computed at build time so the Trends
// page draws without DuckDB-WASM; the public build ships only the pooled wave-over-wave change and the verdicts.
import { buildMode, minCell } from "../../loaders/build-mode.js";
import { runReportingContractErrors } from "../../loaders/contract-error.js";
import { dataDir } from "../../loaders/data-dir.js";
import { publicIndicatorTables } from "../../loaders/indicator-tables.js";
import { writeToStdout } from "../../loaders/stdout.js";
import { publicTrends, trendsFigures } from "../../loaders/trends.js";

await runReportingContractErrors(async () => {
  const report = await trendsFigures(dataDir());
  // The public change between waves is shown only as the public indicators show its two figures.
  const shipped =
    buildMode() === "public"
      ? publicTrends(report, await publicIndicatorTables(dataDir(), minCell()), minCell())
      : { build: "analyst", ...report };
  await writeToStdout(new TextEncoder().encode(JSON.stringify(shipped)));
});
