// Times loadExports and the Parquet writing of every clean table, with peak memory, on the sample and on a
// generated 100,000-respondent export. Each dataset is measured in a fresh process so peak RSS is its own.
// Usage: npm run measure-loaders -- [--respondents 100000]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { cleanTable, loadExports } from "../loaders/clean";
import { tableNames, tableSortBy } from "../loaders/model";
import { toParquet } from "../loaders/parquet";

interface Measurement {
  label: string;
  inputMB: number;
  inputRows: number;
  respondents: number;
  loadSeconds: number;
  parquetSeconds: number;
  parquetMB: number;
  peakRssMB: number;
}

const { values } = parseArgs({ options: { one: { type: "string" }, label: { type: "string" }, respondents: { type: "string", default: "100000" } } });
const root = fileURLToPath(new URL("..", import.meta.url));

async function measureOne(dataDir: string, label: string): Promise<Measurement> {
  const inputMB = readdirSync(dataDir).reduce((sum, f) => sum + statSync(join(dataDir, f)).size, 0) / 1e6;
  const started = performance.now();
  const model = await loadExports(dataDir);
  const loaded = performance.now();
  let parquetBytes = 0;
  for (const name of tableNames) {
    const { columns, rows } = cleanTable(model, name);
    parquetBytes += (await toParquet(columns, rows, { sortBy: tableSortBy[name] })).length;
  }
  const written = performance.now();
  return {
    label,
    inputMB,
    inputRows: model.sources.reduce((sum, s) => sum + Number(s.rows_in), 0),
    respondents: model.respondents.length,
    loadSeconds: (loaded - started) / 1000,
    parquetSeconds: (written - loaded) / 1000,
    parquetMB: parquetBytes / 1e6,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

function measureInChild(dataDir: string, label: string): Measurement {
  const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/measure-loaders.ts", "--one", dataDir, "--label", label], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as Measurement;
}

if (values.one) {
  process.stdout.write(JSON.stringify(await measureOne(values.one, values.label ?? values.one)));
} else {
  const respondents = Number(values.respondents);
  const big = mkdtempSync(join(tmpdir(), "workbench-measure-"));
  try {
    const generating = performance.now();
    execFileSync(process.execPath, ["--import", "tsx", "scripts/generate-sample.ts", "--out", big, "--respondents", String(respondents)], { cwd: root });
    const generateSeconds = (performance.now() - generating) / 1000;
    const rows = [measureInChild(join(root, "data"), "sample (data/)"), measureInChild(big, `generated, ${respondents.toLocaleString("en")} respondents`)];
    const header = ["dataset", "input MB", "input rows", "respondents", "loadExports s", "Parquet s", "Parquet MB", "peak RSS MB"];
    const cells = rows.map((m) => [m.label, m.inputMB.toFixed(1), String(m.inputRows), String(m.respondents), m.loadSeconds.toFixed(2), m.parquetSeconds.toFixed(2), m.parquetMB.toFixed(1), m.peakRssMB.toFixed(0)]);
    const widths = header.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c].length)));
    const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
    process.stdout.write([line(header), ...cells.map(line), "", `(generating the ${respondents.toLocaleString("en")}-respondent export took ${generateSeconds.toFixed(1)} s)`].join("\n") + "\n");
  } finally {
    rmSync(big, { recursive: true, force: true });
  }
}
