// Prints a wave's headline indicators from the exports in a data folder, as JSON or as an aligned table: the very
// report src/data/indicators.json holds for the pages, summed from the same cube (loaders/indicator-report.ts).
// Usage: npm run indicators -- [--data DIR] --wave 2024 [--by cohort|stream|degree|extension] [--json]
import { withCleanTables } from "../loaders/clean-store";
import { runReportingContractErrors } from "../loaders/contract-error";
import { indicatorReport } from "../loaders/indicator-report";
import { groupings } from "../loaders/indicator-tables";
import type { IndicatorGrouping } from "../src/survey/indicators";
import { command, commandArguments, waveArgument } from "./command-line";
import { indicatorTable } from "./report-text";

const cli = command("indicators", `[--data DIR] --wave WAVE [--by ${groupings.join("|")}] [--json]`);

await runReportingContractErrors(async () => {
  const values = commandArguments(cli, { wave: { type: "string" }, by: { type: "string" }, json: { type: "boolean", default: false } });
  const dataDir = values.data!;
  const wave = waveArgument(cli, dataDir, values.wave);
  const by = (values.by ?? null) as IndicatorGrouping | null;
  if (by !== null && !groupings.includes(by)) cli.fail(`--by: expected one of ${groupings.join(", ")}, got '${by}'`);
  const report = await withCleanTables(dataDir, (connection) => indicatorReport(connection, { wave, by, dataDir }));
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${indicatorTable(report)}\n`);
});
