// Native DuckDB for the loaders, and how the clean store's Parquet is written. The clean tables reach Parquet through
// the store's staged files only (loaders/staging.ts): there is no second write path.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

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
  const rowGroupSize = Number(process.env.WORKBENCH_PARQUET_ROW_GROUP_SIZE || 122_880);
  if (!Number.isInteger(rowGroupSize) || rowGroupSize < 1) {
    throw new Error(`WORKBENCH_PARQUET_ROW_GROUP_SIZE: expected a whole number of rows, got '${process.env.WORKBENCH_PARQUET_ROW_GROUP_SIZE}'`);
  }
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

export async function openDuckDB(
  spillDirectory = join(tmpdir(), "workbench-duckdb-spill"),
  memoryLimit = duckdbMemoryLimit(),
): Promise<DuckDBInstance> {
  return DuckDBInstance.create(":memory:", { memory_limit: memoryLimit, temp_directory: spillDirectory });
}

/**
 * The memory a build-time figure query may use (WORKBENCH_FIGURES_MEMORY, default 6GB): the per-respondent
 * view gathers every respondent's select-all answers into lists, which DuckDB cannot spill, and at a million
 * respondents (21.7 M selections) that needs well over the cleaning's 768 MB. A cap, not an allocation.
 */
export function figuresMemoryLimit(): string {
  return process.env.WORKBENCH_FIGURES_MEMORY || "6GB";
}

/** Runs `work` against a fresh in-memory native DuckDB, closed afterwards. */
export async function withDuckDB<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await openDuckDB();
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
