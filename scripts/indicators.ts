// Prints a wave's headline indicators from the exports in a data folder, as JSON or as an aligned table.
// Usage: npm run indicators -- [--data DIR] --wave 2024 [--by cohort|stream|degree|extension] [--json]
import { parseArgs } from "node:util";
import { withCleanTables } from "../loaders/clean-store";
import { runReportingContractErrors } from "../loaders/contract-error";
import { indicatorReport } from "../loaders/indicator-report";
import { instrumentFor, waves } from "../loaders/instrument";
import type { IndicatorGrouping } from "../src/survey/indicators";
import { groupings } from "../loaders/indicator-tables";
import { indicatorTable } from "./report-text";

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run indicators -- [--data DIR] --wave ${Object.keys(waves).join("|")} [--by ${groupings.join("|")}] [--json]\n`);
  process.exit(2);
}

await runReportingContractErrors(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: "string", default: process.env.WORKBENCH_DATA || "./data" },
        wave: { type: "string" },
        by: { type: "string" },
        json: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    usage((error as Error).message);
  }
  const known = instrumentFor(values.data!).waves;
  if (!values.wave || !(values.wave in known)) usage(`--wave: expected one of ${Object.keys(known).join(", ")}, got '${values.wave ?? ""}'`);
  const by = (values.by ?? null) as IndicatorGrouping | null;
  if (by !== null && !groupings.includes(by)) usage(`--by: expected one of ${groupings.join(", ")}, got '${by}'`);
  const wave = values.wave;
  const report = await withCleanTables(values.data!, (connection) => indicatorReport(connection, { wave, by, dataDir: values.data! }));
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${indicatorTable(report)}\n`);
});
