// Native DuckDB for the loaders, and how the clean store's Parquet is written. The clean tables reach Parquet through
// the store's staged files only (loaders/staging.ts): there is no second write path.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { wholeNumberSetting } from "./settings";

export type ColumnType = "VARCHAR" | "INTEGER" | "DOUBLE" | "BOOLEAN" | "DATE" | "TIMESTAMP";

export interface ColumnSpec {
  name: string;
  type: ColumnType;
}

/** Codecs the clean store may use: those hyparquet (the tests' and tools' reader) decodes without extra packages. */
const browserCodecs = ["snappy", "uncompressed"] as const;

/**
 * How the clean store's Parquet files are written, set in one place: WORKBENCH_PARQUET_COMPRESSION
 * (snappy or uncompressed) and WORKBENCH_PARQUET_ROW_GROUP_SIZE (rows per row group).
 */
export function parquetSettings(): { compression: (typeof browserCodecs)[number]; rowGroupSize: number } {
  const compression = (process.env.WORKBENCH_PARQUET_COMPRESSION || "snappy").toLowerCase();
  if (!(browserCodecs as readonly string[]).includes(compression)) {
    throw new Error(`WORKBENCH_PARQUET_COMPRESSION: expected ${browserCodecs.join(" or ")} (what hyparquet reads), got '${compression}'`);
  }
  const rowGroupSize = wholeNumberSetting("WORKBENCH_PARQUET_ROW_GROUP_SIZE", "of rows") ?? 122_880;
  return { compression: compression as (typeof browserCodecs)[number], rowGroupSize };
}

/** The COPY options of a Parquet file (`rowGroupSize` overrides the setting). */
export function parquetCopyOptions(rowGroupSize?: number): string {
  const settings = parquetSettings();
  return `FORMAT parquet, COMPRESSION ${settings.compression}, ROW_GROUP_SIZE ${rowGroupSize ?? settings.rowGroupSize}`;
}

/** Runs one statement and returns its rows as plain objects: the runner the build-time figure code takes. */
export async function rowObjects(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await (await connection.runAndReadAll(sql)).getRowObjectsJS()) as Record<string, unknown>[];
}

/**
 * A native DuckDB for the loaders: bounded memory (WORKBENCH_DUCKDB_MEMORY, default 768MB: DuckDB's readers and
 * writers use some hundreds of MB beyond it, and the loaders aim at 2 GB in all), spilling the rest to `spillDirectory`.
 */
export function duckdbMemoryLimit(): string {
  return process.env.WORKBENCH_DUCKDB_MEMORY || "768MB";
}

/**
 * Threads of a DuckDB that works on one loader's own figures: WORKBENCH_FIGURE_THREADS, else DuckDB's default (every
 * core). The build runs two loaders side by side on two cores and sets it to 1 (scripts/warm-loaders.ts): each
 * DuckDB with two threads would share its core with the other loader, and split work costs more CPU than whole
 * (the site database at a million respondents: 38.8 CPU-seconds on two threads, 29.3 on one). What the other loaders
 * wait for, the clean store and the per-respondent view, keeps every core.
 */
export function figureThreads(): number | undefined {
  return wholeNumberSetting("WORKBENCH_FIGURE_THREADS", "of threads");
}

/** Instances this process opened, to give each its own spill folder. */
let instances = 0;

/** How a loader's DuckDB is opened: where it spills, how much memory it may hold, and on how many threads (default: every core). */
export interface DuckDBOptions {
  spillDirectory?: string;
  memoryLimit?: string;
  threads?: number;
}

export async function openDuckDB({
  // Each instance its own: DuckDB removes its spill folder when it closes, and loaders of one build run side by side
  // (a shared folder removed under a loader that was spilling into it failed that loader at a million respondents).
  spillDirectory = join(tmpdir(), `workbench-duckdb-spill-${process.pid}-${(instances += 1)}`),
  memoryLimit = duckdbMemoryLimit(),
  threads,
}: DuckDBOptions = {}): Promise<DuckDBInstance> {
  // The allocator hands freed memory back as it goes: without it, the cleaning at a million respondents held 1.95 GB
  // at its end (for 1 GB of DuckDB's own), with it 1.74 GB, in the same time.
  return DuckDBInstance.create(":memory:", {
    memory_limit: memoryLimit,
    temp_directory: spillDirectory,
    allocator_background_threads: "true",
    allocator_flush_threshold: "32MB",
    ...(threads ? { threads: String(threads) } : {}),
  });
}

/** Runs `work` against a fresh in-memory native DuckDB, closed afterwards. */
export async function withDuckDB<T>(work: (connection: DuckDBConnection) => Promise<T>, options: DuckDBOptions = {}): Promise<T> {
  const instance = await openDuckDB(options);
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
