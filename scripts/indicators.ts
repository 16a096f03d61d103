// Prints a wave's headline indicators from the exports in a data folder, as JSON or as an aligned table.
// Usage: npm run indicators -- [--data DIR] --wave 2024 [--by cohort|stream|degree|extension] [--json]
import { parseArgs } from "node:util";
import { withCleanTables } from "../loaders/clean-store";
import { runReportingContractErrors } from "../loaders/contract-error";
import { indicatorReport, type IndicatorReport } from "../loaders/indicator-report";
import { instrumentFor, waves } from "../loaders/instrument";
import type { IndicatorGrouping } from "../src/survey/indicators";
import { groupings } from "../loaders/indicator-tables";

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run indicators -- [--data DIR] --wave ${Object.keys(waves).join("|")} [--by ${groupings.join("|")}] [--json]\n`);
  process.exit(2);
}

function percent(share: number | null): string {
  if (share === null) return "";
  const value = share * 100;
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)}%`;
}

function table(report: IndicatorReport): string {
  const header = ["indicator", "group", "share", "n", "of", "95% interval"];
  const rows = report.indicators.map((i) => [
    i.id,
    i.group ?? "",
    percent(i.share),
    i.numerator === null ? "" : String(i.numerator),
    i.denominator === null ? "" : String(i.denominator),
    i.not_asked ? "not asked in this wave" : i.ci95 ? `${percent(i.ci95[0])}–${percent(i.ci95[1])}` : "",
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const numeric = new Set([2, 3, 4]);
  const line = (cells: string[]) => cells.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ").trimEnd();
  const excluded = Object.entries(report.excluded).map(([reason, n]) => `${reason} ${n}`).join(", ") || "none";
  return [`wave ${report.wave}: ${report.respondents} in-scope respondents; excluded: ${excluded}`, "", line(header), ...rows.map(line)].join("\n");
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
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${table(report)}\n`);
});
