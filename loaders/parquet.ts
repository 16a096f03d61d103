// Clean tables into native DuckDB (for the indicators command) and out as Parquet, tuned for the
// browser reader (hyparquet: snappy, no zstd).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from "@duckdb/node-api";
import { writeToStdout } from "./stdout.js";

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

type Cell = string | number | boolean | Date | null | undefined;

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

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
  const instance = await DuckDBInstance.create(":memory:");
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
      const rowGroupSize = options.rowGroupSize ?? 122_880;
      await connection.run(`COPY clean TO '${file}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${rowGroupSize})`);
      return new Uint8Array(await readFile(file));
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** The end of every Framework loader: Parquet to stdout, nothing else on it. */
export async function writeParquetToStdout(
  columns: readonly ColumnSpec[],
  rows: Iterable<Record<string, Cell>>,
  options?: ParquetOptions,
): Promise<void> {
  await writeToStdout(await toParquet(columns, rows, options));
}
