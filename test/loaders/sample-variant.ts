// Hostile variants of the shipped sample exports (data/), written to a temp folder, and the figures they give.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadExports } from "../../loaders/clean";
import { ContractError } from "../../loaders/contract-error";
import { parseCsv } from "../../loaders/csv";
import { csvCell } from "../../src/components/csv";
import { indicatorReport, loadCleanTables } from "../../loaders/indicator-report";
import { shippedInstrumentPath, type InstrumentFile } from "../../loaders/instrument";
import { withDuckDB } from "../../loaders/parquet";
import type { IndicatorReport } from "../../src/survey/report";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const sampleDir = join(root, "data");

export function sampleText(file: string): string {
  return readFileSync(join(sampleDir, file), "utf8");
}

/** The sample's exports (not its instrument) in a temp folder, with files replaced (or removed, for null). */
export function sampleFolder(changes: Record<string, string | Uint8Array | null> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), "workbench-variant-"));
  for (const file of readdirSync(sampleDir).filter((f) => f.endsWith(".csv"))) copyFileSync(join(sampleDir, file), join(folder, file));
  for (const [file, content] of Object.entries(changes)) {
    if (content === null) rmSync(join(folder, file));
    else writeFileSync(join(folder, file), content);
  }
  return folder;
}

/** A CSV export's text with its records edited in place (rows of cells, header rows included). */
export function editCsv(text: string, edit: (rows: string[][]) => void): string {
  const rows = parseCsv(text, "edit").map((r) => r.cells);
  edit(rows);
  return `${rows.map((cells) => cells.map(csvCell).join(",")).join("\n")}\n`;
}

/** Applies `change` to every cell below the header rows in the column headed `header` (in row `headerRow`, 0-based). */
export function editColumn(text: string, header: string, change: (cell: string) => string, headerRows = 1, headerRow = 0): string {
  return editCsv(text, (rows) => {
    const index = rows[headerRow].findIndex((h) => h === header || h.startsWith(`${header} - Selected Choice`));
    if (index === -1) throw new Error(`no column '${header}'`);
    for (const row of rows.slice(headerRows)) row[index] = change(row[index]);
  });
}

/** The shipped instrument file's JSON, to edit into a folder's own instrument. */
export function shippedInstrumentJson(): InstrumentFile {
  return JSON.parse(readFileSync(shippedInstrumentPath, "utf8")) as InstrumentFile;
}

export function writeInstrument(folder: string, edit: (instrument: InstrumentFile) => void): void {
  const instrument = shippedInstrumentJson();
  edit(instrument);
  writeFileSync(join(folder, "instrument.json"), JSON.stringify(instrument, null, 2));
}

/** `[numerator, denominator]` of every pooled indicator of `wave`, cleaned in memory and counted by the indicator SQL. */
export async function figures(folder: string, wave: string): Promise<Record<string, [number | null, number | null]>> {
  return figuresOf(await report(folder, wave));
}

export async function report(folder: string, wave: string): Promise<IndicatorReport> {
  const model = await loadExports(folder);
  return withDuckDB(async (connection) => {
    await loadCleanTables(connection, model);
    return indicatorReport(connection, { wave, dataDir: folder });
  });
}

export function figuresOf(report: IndicatorReport): Record<string, [number | null, number | null]> {
  return Object.fromEntries(report.indicators.filter((f) => f.group === null).map((f) => [f.id, [f.numerator, f.denominator]]));
}

/** The one contract line cleaning `folder` stops with. */
export async function contractLine(folder: string): Promise<string> {
  try {
    await loadExports(folder);
  } catch (error) {
    if (error instanceof ContractError) return error.message;
    throw error;
  }
  throw new Error(`${folder} was read without a contract error`);
}

/** `npm run indicators -- --data DIR --wave W --json`, with its own clean store. */
export function indicatorsCli(folder: string, wave: string): IndicatorReport {
  const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/indicators.ts", "--data", folder, "--wave", wave, "--json"], {
    cwd: root,
    encoding: "utf8",
    // Outside the exports folder: the store's own files must not change the exports' fingerprint.
    env: { ...process.env, WORKBENCH_STORE: `${folder}-store` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return JSON.parse(out) as IndicatorReport;
}

/** A command-line script's exit status, stdout and stderr. */
export function runScript(script: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", script, ...args], { cwd: root, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
