// Prints "are outcomes improving?" for one wave — time to an alignment role per cohort, the cohort model and its
// verdict — computed by the same code as the Trends page (loaders/trends.ts → src/stats/trends-report.ts).
// Usage: npm run trends -- [--data DIR] --wave 2025 [--json]
import { runReportingContractErrors } from "../loaders/contract-error";
import { trendOutcomes, trendsFigures } from "../loaders/trends";
import { waveSummary } from "../src/stats/trends-report";
import { command, commandArguments, waveArgument } from "./command-line";
import { trendsText } from "./report-text";

const cli = command("trends", "[--data DIR] --wave WAVE [--json]");

await runReportingContractErrors(async () => {
  const values = commandArguments(cli, { wave: { type: "string" }, json: { type: "boolean", default: false } });
  const dataDir = values.data!;
  const wave = waveArgument(cli, dataDir, values.wave);
  const reports = [];
  for (const id of Object.keys(trendOutcomes)) reports.push(await trendsFigures(dataDir, id));
  if (!reports[0].by_wave[wave]) cli.fail(`--wave: no respondents or roster for wave ${wave} in ${dataDir}`);
  const [summary, ...others] = reports.map((report) => waveSummary(report, wave));
  // "works on alignment" at the top level (what the Trends page draws); every outcome, the same shape, under "outcomes".
  const output = { ...summary, outcomes: [summary, ...others] };
  process.stdout.write(values.json ? `${JSON.stringify(output)}\n` : `${[summary, ...others].map(trendsText).join("\n\n")}\n`);
});
