// Measures the real pipeline, exports → clean store Parquet (loaders/clean-store.ts buildCleanStore), each
// dataset in a fresh process so its peak RSS (JavaScript and native DuckDB alike) is its own.
// Usage: npm run measure-loaders -- --data DIR [--json]
//        npm run measure-loaders -- [--respondents 100000] [--json]   (the sample, and a generated export of that size)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { buildCleanStore } from "../loaders/clean-store";
import { runReportingContractErrors } from "../loaders/contract-error";
import { cleaningMemoryLimit } from "../loaders/clean";

interface Measurement {
  label: string;
  dataDir: string;
  inputMB: number;
  inputRows: number;
  respondents: number;
  /** Wall time of the whole pipeline, and of its two phases. */
  seconds: number;
  cleanSeconds: number;
  parquetSeconds: number;
  outputMB: number;
  /** CPU time of the whole pipeline on every core (user and system): divided by the cores, the least wall time it allows. */
  cpuSeconds: number;
  /** Peak resident memory of the measuring process: the JavaScript heap and DuckDB together. */
  peakRssMB: number;
  /** The cleaning DuckDB's memory limit. */
  duckdbMemoryLimit: string;
  rows: Record<string, number>;
}

const { values } = parseArgs({
  options: {
    one: { type: "string" },
    label: { type: "string" },
    data: { type: "string" },
    json: { type: "boolean", default: false },
    respondents: { type: "string", default: "100000" },
  },
});
const root = fileURLToPath(new URL("..", import.meta.url));

async function measureOne(dataDir: string, label: string): Promise<Measurement> {
  const out = mkdtempSync(join(tmpdir(), "workbench-measure-store-"));
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const summary = await buildCleanStore(dataDir, out);
    const seconds = (performance.now() - started) / 1000;
    const { user, system } = process.cpuUsage(cpu);
    return {
      label,
      dataDir,
      inputMB: summary.inputBytes / 1e6,
      inputRows: summary.inputRows,
      respondents: summary.rows.respondents,
      seconds,
      cleanSeconds: summary.cleanSeconds,
      parquetSeconds: summary.parquetSeconds,
      cpuSeconds: (user + system) / 1e6,
      outputMB: summary.outputBytes / 1e6,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      duckdbMemoryLimit: cleaningMemoryLimit,
      rows: summary.rows,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function measureInChild(dataDir: string, label: string): Measurement {
  const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/measure-loaders.ts", "--one", resolve(dataDir), "--label", label], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as Measurement;
}

function table(rows: Measurement[]): string {
  const header = ["dataset", "input MB", "input rows", "respondents", "clean s", "Parquet s", "total s", "CPU s", "output MB", "peak RSS MB"];
  const cells = rows.map((m) => [
    m.label,
    m.inputMB.toFixed(1),
    String(m.inputRows),
    String(m.respondents),
    m.cleanSeconds.toFixed(1),
    m.parquetSeconds.toFixed(1),
    m.seconds.toFixed(1),
    m.cpuSeconds.toFixed(1),
    m.outputMB.toFixed(1),
    m.peakRssMB.toFixed(0),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  return [line(header), ...cells.map(line)].join("\n");
}

await runReportingContractErrors(async () => {
  if (values.one) {
    process.stdout.write(JSON.stringify(await measureOne(values.one, values.label ?? values.one)));
    return;
  }
  if (values.data) {
    const measurement = measureInChild(values.data, values.data);
    process.stdout.write(values.json ? `${JSON.stringify(measurement)}\n` : `${table([measurement])}\n`);
    return;
  }
  const respondents = Number(values.respondents);
  const big = mkdtempSync(join(tmpdir(), "workbench-measure-"));
  try {
    const generating = performance.now();
    execFileSync(process.execPath, ["--import", "tsx", "scripts/generate-sample.ts", "--out", big, "--respondents", String(respondents)], { cwd: root });
    const generateSeconds = (performance.now() - generating) / 1000;
    const rows = [measureInChild(join(root, "data"), "sample (data/)"), measureInChild(big, `generated, ${respondents.toLocaleString("en")} respondents`)];
    if (values.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
    else process.stdout.write(`${table(rows)}\n\n(generating the ${respondents.toLocaleString("en")}-respondent export took ${generateSeconds.toFixed(1)} s)\n`);
  } finally {
    rmSync(big, { recursive: true, force: true });
  }
});
