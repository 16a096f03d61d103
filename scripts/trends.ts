// Prints "are outcomes improving?" for one wave — time to an alignment role per cohort, the cohort model and its
// verdict — computed by the same code as the Trends page (loaders/trends.ts → src/stats/trends-report.ts).
// Usage: npm run trends -- [--data DIR] --wave 2025 [--json]
import { parseArgs } from "node:util";
import { withCleanTables } from "../loaders/clean-store";
import { runReportingContractErrors } from "../loaders/contract-error";
import { waves } from "../loaders/instrument";
import { trendOutcomes, trendsFigures } from "../loaders/trends";
import { waveSummary } from "../src/stats/trends-report";
import { trendsText } from "./report-text";

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run trends -- [--data DIR] --wave ${Object.keys(waves).join("|")} [--json]\n`);
  process.exit(2);
}

await runReportingContractErrors(async () => {
  let values;
  try {
    ({ values } = parseArgs({ options: { data: { type: "string", default: process.env.WORKBENCH_DATA || "./data" }, wave: { type: "string" }, json: { type: "boolean", default: false } } }));
  } catch (error) {
    usage((error as Error).message);
  }
  if (!values.wave || !(values.wave in waves)) usage(`--wave: expected one of ${Object.keys(waves).join(", ")}, got '${values.wave ?? ""}'`);
  const wave = values.wave;
  const reports = await withCleanTables(values.data!, (connection) => Promise.all(Object.keys(trendOutcomes).map((id) => trendsFigures(connection, id))));
  if (!reports[0].by_wave[wave]) usage(`--wave: no respondents or roster for wave ${wave} in ${values.data}`);
  const [summary, ...others] = reports.map((report) => waveSummary(report, wave));
  // "works on alignment" at the top level (what the Trends page draws); every outcome, the same shape, under "outcomes".
  const output = { ...summary, outcomes: [summary, ...others] };
  process.stdout.write(values.json ? `${JSON.stringify(output)}\n` : `${[summary, ...others].map(trendsText).join("\n\n")}\n`);
});
