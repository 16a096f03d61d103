// Clean tables into native DuckDB and out as Parquet, tuned for the browser reader (hyparquet: snappy or
// uncompressed, no zstd). The clean tables reach Parquet through the clean store's staged files (loaders/staging.ts);
// `toParquet` (an appender) writes small ad-hoc tables only.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from "@duckdb/node-api";
import { quoteIdentifier, sqlString } from "../src/survey/sql.js";

export type ColumnType = "VARCHAR" | "INTEGER" | "DOUBLE" | "BOOLEAN" | "DATE" | "TIMESTAMP";

export interface ColumnSpec {
  name: string;
  type: ColumnType;
}

export interface ParquetOptions {
  /** Columns to sort by, so that the pages' usual filters touch few row groups. */
  sortBy?: string[];
  rowGroupSize?: number;
}

/** Codecs the browser's Parquet reader (hyparquet) decodes without extra packages. */
const browserCodecs = ["snappy", "uncompressed"] as const;

/**
 * How every Parquet file the site ships is written, set in one place: WORKBENCH_PARQUET_COMPRESSION
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

type Cell = string | number | boolean | Date | null | undefined;

// Dates and timestamps are staged as ISO text and cast once in SQL: simpler than per-cell date values.
function stagedType(type: ColumnType): string {
  return type === "DATE" || type === "TIMESTAMP" ? "VARCHAR" : type;
}

function appendCell(appender: DuckDBAppender, column: ColumnSpec, value: Cell): void {
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) {
    appender.appendNull();
    return;
  }
  switch (column.type) {
    case "VARCHAR":
      appender.appendVarchar(String(value));
      return;
    case "INTEGER":
      appender.appendInteger(Number(value));
      return;
    case "DOUBLE":
      appender.appendDouble(Number(value));
      return;
    case "BOOLEAN":
      appender.appendBoolean(Boolean(value));
      return;
    case "DATE":
      appender.appendVarchar(value instanceof Date ? value.toISOString().slice(0, 10) : String(value));
      return;
    case "TIMESTAMP":
      appender.appendVarchar(value instanceof Date ? value.toISOString() : String(value));
      return;
  }
}

/** Creates table `name` with exactly the declared columns, typed, holding `rows` (ordered by `sortBy`). */
export async function createTable(
  connection: DuckDBConnection,
  name: string,
  columns: readonly ColumnSpec[],
  rows: Iterable<Record<string, Cell>>,
  sortBy: readonly string[] = [],
): Promise<void> {
  const staged = quoteIdentifier(`${name}__staged`);
  const definition = columns.map((c) => `${quoteIdentifier(c.name)} ${stagedType(c.type)}`).join(", ");
  await connection.run(`CREATE TABLE ${staged} (${definition})`);
  const appender = await connection.createAppender(`${name}__staged`);
  for (const row of rows) {
    for (const column of columns) appendCell(appender, column, row[column.name]);
    appender.endRow();
  }
  appender.closeSync();
  const selected = columns
    .map((c) =>
      c.type === "DATE" || c.type === "TIMESTAMP"
        ? `CAST(${quoteIdentifier(c.name)} AS ${c.type}) AS ${quoteIdentifier(c.name)}`
        : quoteIdentifier(c.name),
    )
    .join(", ");
  const order = sortBy.length ? ` ORDER BY ${sortBy.map(quoteIdentifier).join(", ")}` : "";
  await connection.run(`CREATE TABLE ${quoteIdentifier(name)} AS SELECT ${selected} FROM ${staged}${order}`);
  await connection.run(`DROP TABLE ${staged}`);
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

/** Returns the Parquet bytes of `rows`, with exactly the declared columns in the declared order. */
export async function toParquet(
  columns: readonly ColumnSpec[],
  rows: Iterable<Record<string, Cell>>,
  options: ParquetOptions = {},
): Promise<Uint8Array> {
  const directory = await mkdtemp(join(tmpdir(), "workbench-parquet-"));
  try {
    return await withDuckDB(async (connection) => {
      await createTable(connection, "clean", columns, rows, options.sortBy);
      const file = join(directory, "out.parquet");
      await connection.run(`COPY clean TO ${sqlString(file)} (${parquetCopyOptions(options.rowGroupSize)})`);
      return new Uint8Array(await readFile(file));
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
