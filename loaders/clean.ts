// The cleaning: every export in a data folder read, checked, de-duplicated and scoped into the clean tables, in
// parts that may run side by side (each wave with its roster, and the interest forms), each in its own DuckDB.
// Their clean rows are staged as Parquet files (loaders/staging.ts makes the clean store of them).
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { ContractError } from "./contract-error";
import { idKey } from "./identity";
import { ignoredFiles, instrumentFor, interestForm, rosterSource, type WaveSpec } from "./instrument";
import { cleanInterestForms } from "./interest-form";
import type { NameWords } from "./masking";
import { rowObjects } from "./parquet";
import { sqlString } from "../src/survey/sql";
import type { PartFiles } from "./sql-clean";
import { stagedRowsSql, stageRows } from "./staging";
import { loadPeople, loadRoster } from "./roster";
import { cleanWave } from "./wave";

export interface SourceFile {
  file: string;
  path: string;
  source: string;
  wave: WaveSpec | null;
}

/** The exports in `dataDir`, by source; any other file is a contract error (a misnamed export must not be skipped silently). */
export async function findSources(dataDir: string): Promise<SourceFile[]> {
  let entries;
  try {
    entries = await readdir(dataDir, { withFileTypes: true });
  } catch {
    throw new ContractError(dataDir, { expected: "a folder of survey exports", got: "no such folder" });
  }
  const waves = instrumentFor(dataDir).waves;
  const knownPatterns = ["roster*.csv", ...Object.values(waves).map((w) => w.files), "interest-form-*.csv"].join(", ");
  const files: SourceFile[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!entry.isFile() || ignoredFiles.test(entry.name)) continue;
    const path = join(dataDir, entry.name);
    const wave = Object.values(waves).find((w) => w.filePattern.test(entry.name)) ?? null;
    if (wave) files.push({ file: entry.name, path, source: wave.source, wave });
    else if (rosterSource.filePattern.test(entry.name)) files.push({ file: entry.name, path, source: rosterSource.source, wave: null });
    else if (interestForm.filePattern.test(entry.name)) files.push({ file: entry.name, path, source: interestForm.source, wave: null });
    else throw new ContractError(entry.name, { expected: `a source file named ${knownPatterns}`, got: "an unknown source file" });
  }
  if (!files.some((f) => f.source === rosterSource.source)) {
    throw new ContractError(dataDir, { expected: "a roster*.csv file (the wave scopes need it)", got: "none" });
  }
  return files;
}

/** The sources of `dataDir` that `keep` keeps, with each one's index among them all (the order rows are read in). */
function partFiles(files: readonly SourceFile[], keep: (source: SourceFile) => boolean): PartFiles["sources"] {
  return files.flatMap((source, index) => (keep(source) ? [{ file: source.file, path: source.path, index }] : []));
}

/** Rows ledgered per file so far. */
async function stagedExclusions(connection: DuckDBConnection): Promise<Map<string, number>> {
  const rows = await rowObjects(connection, `SELECT file, count(*)::INTEGER AS n FROM (${stagedRowsSql(connection, "exclusions")}) GROUP BY file`);
  return new Map(rows.map((r) => [String(r.file), Number(r.n)]));
}

/**
 * The independent parts of the cleaning: each survey wave (with the roster it is scoped by), and the interest forms.
 * They may run side by side; run one after the other, they give the same rows in the same order.
 */
export function cleanPartsOf(dataDir: string): CleanPart[] {
  return [...Object.keys(instrumentFor(dataDir).waves).map((wave) => `wave ${wave}` as const), "applicants"];
}
export type CleanPart = `wave ${string}` | "applicants";

/** Rows read and rows ledgered, per file. */
export interface PartCounts {
  rowsIn: [string, number][];
  excluded: [string, number][];
}

/** A part to clean, and where its name words go. */
export interface PartJob {
  part: CleanPart;
  names: NameWords | null;
}

/**
 * Cleans the parts of the exports in `dataDir` one after another in DuckDB (which uses every core) into the staged
 * clean rows of `connection` (a wave in loaders/wave.ts, the interest forms in loaders/interest-form.ts); the roster
 * is read once, before the first wave, which gathers its names. A contract violation throws a ContractError.
 */
export async function cleanParts(connection: DuckDBConnection, dataDir: string, jobs: readonly PartJob[]): Promise<PartCounts> {
  const files = await findSources(dataDir);
  const key = idKey(dataDir);
  const waves = instrumentFor(dataDir).waves;
  const rowsIn = new Map<string, number>();
  let rosterRead = false;
  for (const { part, names } of jobs) {
    let read: Map<string, number>;
    if (part === "applicants") {
      read = await cleanInterestForms(connection, { sources: partFiles(files, (f) => f.source === interestForm.source), idKey: key }, names);
    } else {
      if (!rosterRead) {
        for (const [file, rows] of await loadRoster(connection, partFiles(files, (f) => f.source === rosterSource.source), names)) rowsIn.set(file, rows);
        await loadPeople(connection);
        rosterRead = true;
      }
      const wave = waves[part.slice("wave ".length)];
      read = await cleanWave(connection, wave, { sources: partFiles(files, (f) => f.wave === wave), idKey: key }, names);
    }
    for (const [file, rows] of read) rowsIn.set(file, rows);
  }
  return { rowsIn: [...rowsIn], excluded: [...(await stagedExclusions(connection))] };
}

/**
 * The cleaning's DuckDB memory: it cleans alone (the loaders that need its store wait for it), so it takes most
 * of the loaders' 2 GB (DuckDB uses some hundreds of MB beyond its limit).
 */
export const cleaningMemoryLimit = "1GB";

/** The `sources` table: each file's rows in, kept and ledgered. */
export async function addSources(connection: DuckDBConnection, files: readonly SourceFile[], counts: PartCounts): Promise<void> {
  const rowsIn = new Map(counts.rowsIn);
  const excludedRows = new Map(counts.excluded);
  const rows = files.map((source) => {
    const read = rowsIn.get(source.file) ?? 0;
    const excluded = excludedRows.get(source.file) ?? 0;
    return `(${sqlString(source.file)}, ${sqlString(source.source)}, ${source.wave ? sqlString(source.wave.id) : "NULL"}, ${read}, ${read - excluded}, ${excluded})`;
  });
  if (rows.length === 0) return;
  await stageRows(connection, "sources", `SELECT * FROM (VALUES ${rows.join(", ")}) AS t(file, source, wave, rows_in, rows_kept, rows_excluded)`);
}

// The clean data in memory is read back from the clean store, the path that ships (loaders/clean-store.ts).
export { loadExports } from "./clean-store";
