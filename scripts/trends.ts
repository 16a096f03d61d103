// Prints "are outcomes improving?" for one wave — time to an alignment role per cohort, the cohort model and its
// verdict — computed by the same code as the Trends page (loaders/trends.ts → src/stats/trends-report.ts).
// Usage: npm run trends -- [--data DIR] --wave 2025 [--json]
import { parseArgs } from "node:util";
import { withCleanTables } from "../loaders/clean-store";
import { runReportingContractErrors } from "../loaders/contract-error";
import { waves } from "../loaders/instrument";
import { trendOutcomes, trendsFigures } from "../loaders/trends";
import { waveSummary } from "../src/stats/trends-report";

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run trends -- [--data DIR] --wave ${Object.keys(waves).join("|")} [--json]\n`);
  process.exit(2);
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(0)}%`);
const range = (ci: readonly number[] | null | undefined, f: (x: number) => string = pct) => (ci ? `${f(ci[0])}–${f(ci[1])}` : "");

function text(summary: ReturnType<typeof waveSummary>): string {
  const lines = [`wave ${summary.wave}, ${summary.outcome}: ${summary.verdict_sentence}`, ""];
  for (const p of summary.parametrisations) lines.push(`  adjusted for ${p.adjusted_for.join(", ") || "nothing"}: OR ${p.odds_ratio?.toFixed(2) ?? "–"} (${range(p.ci95, (x) => x.toFixed(2))}), ${p.verdict}; assumes ${p.assumption}`);
  if (summary.pooled) lines.push(`  pooled waves: OR ${summary.pooled.model.odds_ratio?.toFixed(2) ?? "–"} (${range(summary.pooled.model.ci95, (x) => x.toFixed(2))}), ${summary.pooled.verdict}`);
  if (summary.time_to_role.length) {
    lines.push("", "time to an alignment role begun after the program (share by 6 / 12 / 24 months, 95% interval, at risk)");
    for (const c of summary.time_to_role) {
      const cells = c.milestones.map((m) => (m.share === null ? `${m.months}m: withheld (${m.withheld}; ${m.at_risk} at risk)` : `${m.months}m: ${pct(m.share)}${m.share_upper !== m.share ? `–${pct(m.share_upper)}` : ""} (${range(m.ci95)}; ${m.at_risk} at risk)`));
      lines.push(`  ${c.cohort} (${c.respondents} respondents, response ${pct(c.response_rate)}; already in role at program end ${c.already_in_role.count}${c.already_in_role.count_upper > c.already_in_role.count ? `–${c.already_in_role.count_upper}` : ""}): ${cells.join(" · ")}`);
    }
  } else if (summary.outcome.startsWith("work_alignment")) lines.push("", "time to role: this wave did not ask when the current role started");
  return lines.join("\n");
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
  process.stdout.write(values.json ? `${JSON.stringify(output)}\n` : `${[summary, ...others].map(text).join("\n\n")}\n`);
});
