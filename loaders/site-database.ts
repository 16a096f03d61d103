// The clean tables as one DuckDB database file for the browser (src/data/clean.duckdb.ts): DuckDB-WASM attaches it
// read-only over HTTP range requests and reads only the blocks a query needs. The public build keeps only the
// allow-listed columns of the allow-listed tables (loaders/public-tables.ts); the rest are not in the file at all.
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Writable } from "node:stream";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { BuildMode } from "./build-mode.js";
import { cleanStore, makePrivateDir } from "./clean-store.js";
import { tableColumns, tableNames, type TableName } from "./model.js";
import { figureThreads, withDuckDB } from "./parquet.js";
import { publicColumns } from "./public-tables.js";
import { quoteIdentifier, sqlString } from "../src/survey/sql.js";

/**
 * The storage format the file is written in: the oldest DuckDB that reads it. DuckDB-WASM 1.32 embeds DuckDB 1.4.3,
 * and @duckdb/node-api 1.5 would otherwise be free to write a newer one the browser refuses.
 */
export const siteStorageVersion = "v1.4.0";

/**
 * Rows per row group: larger than DuckDB's 122,880 so that a column's segments lie in longer runs of blocks, which
 * DuckDB-WASM fetches with fewer, larger range requests (at 100,000 respondents: a 20% smaller file, and the
 * selections group-by reads 11.6 MB instead of 27.2 MB).
 */
export const siteRowGroupSize = 1_048_576;

/** The tables, and their columns, a build of `mode` puts in the file. */
export function siteTables(mode: BuildMode): { name: TableName; columns: string[] }[] {
  return tableNames.flatMap((name) => {
    const columns = tableColumns[name].map((c) => c.name);
    if (mode === "analyst") return [{ name, columns }];
    const allowed = publicColumns[name];
    return allowed ? [{ name, columns: columns.filter((c) => allowed.includes(c)) }] : [];
  });
}

/** Writes the database file `file` (which must not exist) from the clean store's Parquet files in `store`. */
export async function writeSiteDatabaseFile(connection: DuckDBConnection, store: string, file: string, mode: BuildMode): Promise<void> {
  await connection.run(`ATTACH ${sqlString(file)} AS site (STORAGE_VERSION ${sqlString(siteStorageVersion)}, ROW_GROUP_SIZE ${siteRowGroupSize})`);
  try {
    for (const { name, columns } of siteTables(mode)) {
      const source = `read_parquet(${sqlString(join(store, `${name}.parquet`))})`;
      await connection.run(
        `CREATE TABLE site.${quoteIdentifier(name)} AS SELECT ${columns.map(quoteIdentifier).join(", ")} FROM ${source}`,
      );
    }
  } finally {
    await connection.run("DETACH site");
  }
}

/** The database file of the clean tables of the exports in `dataDir`, written to `out` piece by piece. */
export async function writeSiteDatabase(out: Writable, dataDir: string, mode: BuildMode): Promise<void> {
  const store = await cleanStore(dataDir);
  const directory = await mkdtemp(join(tmpdir(), "workbench-site-database-"));
  try {
    // It holds the same answers as the clean store.
    makePrivateDir(directory);
    const file = join(directory, "clean.duckdb");
    await withDuckDB((connection) => writeSiteDatabaseFile(connection, store, file, mode), { threads: figureThreads() });
    const write = (bytes: Uint8Array) => new Promise<void>((resolve, reject) => out.write(bytes, (error) => (error ? reject(error) : resolve())));
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) await write(chunk as Buffer);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Every table of a database file as written above, with its columns and rows (for checks and tests that read it whole). */
export async function readSiteDatabase(file: string): Promise<Record<string, { columns: string[]; rows: Record<string, unknown>[] }>> {
  return withDuckDB(async (connection) => {
    await connection.run(`ATTACH ${sqlString(file)} AS shipped (READ_ONLY)`);
    const tables = await (await connection.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE database_name = 'shipped' ORDER BY 1`)).getRowObjectsJS();
    const read: Record<string, { columns: string[]; rows: Record<string, unknown>[] }> = {};
    for (const { table_name: table } of tables as { table_name: string }[]) {
      const result = await connection.runAndReadAll(`SELECT * FROM shipped.main.${quoteIdentifier(table)}`);
      read[table] = { columns: result.columnNames(), rows: result.getRowObjectsJS() as Record<string, unknown>[] };
    }
    return read;
  });
}
