// Writes rows to Parquet with native DuckDB, tuned for the browser reader (hyparquet: snappy, no zstd).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBAppender } from "@duckdb/node-api";

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

function quoteIdentifier(name: string): string {
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

/** Returns the Parquet bytes of `rows`, with exactly the declared columns in the declared order. */
export async function toParquet(
  columns: readonly ColumnSpec[],
  rows: Iterable<Record<string, Cell>>,
  options: ParquetOptions = {},
): Promise<Uint8Array> {
  const directory = await mkdtemp(join(tmpdir(), "workbench-parquet-"));
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const definition = columns.map((c) => `${quoteIdentifier(c.name)} ${stagedType(c.type)}`).join(", ");
    await connection.run(`CREATE TABLE staged (${definition})`);
    const appender = await connection.createAppender("staged");
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
    const order = options.sortBy?.length ? ` ORDER BY ${options.sortBy.map(quoteIdentifier).join(", ")}` : "";
    const file = join(directory, "out.parquet");
    const rowGroupSize = options.rowGroupSize ?? 122_880;
    await connection.run(
      `COPY (SELECT ${selected} FROM staged${order}) TO '${file}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${rowGroupSize})`,
    );
    return new Uint8Array(await readFile(file));
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(directory, { recursive: true, force: true });
  }
}

/** The end of every Framework loader: Parquet to stdout, nothing else on it. */
export async function writeParquetToStdout(
  columns: readonly ColumnSpec[],
  rows: Iterable<Record<string, Cell>>,
  options?: ParquetOptions,
): Promise<void> {
  const bytes = await toParquet(columns, rows, options);
  await new Promise<void>((resolve, reject) => process.stdout.write(bytes, (error) => (error ? reject(error) : resolve())));
}
