// The clean store's staging: the cleaning (loaders/clean.ts) writes each clean table's rows as Parquet files into a
// private folder as it goes; once every part is cleaned, each table is sorted and written as the store's Parquet file
// (or moved there, when it was staged whole and has no order to be put in), with the words of people's names gathered
// on the way (for masking quotes).
import { existsSync, renameSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { redacted } from "./contract-error";
import type { NameWords } from "./masking";
import { tableColumns, tableNames, tableSortBy, type TableName } from "./model";
import { parquetCopyOptions } from "./parquet";
import { quoteIdentifier, sqlString } from "../src/survey/sql";

/** Where each connection's cleaning stages its rows (`stageInto`). */
const stagingFolders = new WeakMap<DuckDBConnection, string>();

/** Makes `connection`'s staged rows go to `directory` (private: they are people's answers). */
export function stageInto(connection: DuckDBConnection, directory: string): void {
  stagingFolders.set(connection, directory);
}

/** The staged files of `table` in `directory`: `<table>.<n>.parquet`. */
function stagedFiles(directory: string, table: TableName): string[] {
  const files: string[] = [];
  for (let n = 0; existsSync(join(directory, `${table}.${n}.parquet`)); n += 1) files.push(join(directory, `${table}.${n}.parquet`));
  return files;
}

function stagingFolder(connection: DuckDBConnection): string {
  const directory = stagingFolders.get(connection);
  if (!directory) throw new Error("staging: no folder to stage into (stageInto)");
  return directory;
}

/** The rows staged so far of `table`, as a query. */
export function stagedRowsSql(connection: DuckDBConnection, table: TableName): string {
  const files = stagedFiles(stagingFolder(connection), table);
  const columns = tableColumns[table].map((c) => `NULL::${c.type} AS ${quoteIdentifier(c.name)}`).join(", ");
  return files.length ? `SELECT * FROM read_parquet([${files.map(sqlString).join(", ")}])` : `SELECT ${columns} WHERE false`;
}

/** Adds the rows of `sql` (every column of `table`, by name) to the staged rows of `table`. */
export async function stageRows(connection: DuckDBConnection, table: TableName, sql: string): Promise<void> {
  const directory = stagingFolder(connection);
  const path = join(directory, `${table}.${stagedFiles(directory, table).length}.parquet`);
  const columns = tableColumns[table].map((c) => `CAST(${quoteIdentifier(c.name)} AS ${c.type}) AS ${quoteIdentifier(c.name)}`).join(", ");
  try {
    // Written as the store's files are: a table staged whole and kept in the order it came is moved into the store as it is.
    await connection.run(`COPY (SELECT ${columns} FROM (${sql})) TO ${sqlString(path)} (${parquetCopyOptions()})`);
  } catch (error) {
    // DuckDB may quote the value it could not cast: a respondent's answer.
    throw redacted(error, `staging the clean ${table} failed`);
  }
}

/** Words of people's names, gathered while the exports are read: distinct, and few (some thousands). */
export class NameWordSet implements NameWords {
  readonly words = new Set<string>();

  add(word: string): void {
    this.words.add(word);
  }
}

/** The store's list of name words (never shipped: only the quotes loader reads it, to mask quotes). */
export const nameWordsFile = "name_words.parquet";

/** Writes `<table>.parquet` for every clean table into `outDir`, rows in the table's sort order, and the name words. */
export async function writeStagedParquet(connection: DuckDBConnection, names: NameWordSet, outDir: string): Promise<void> {
  try {
    for (const name of tableNames) {
      const sortBy = tableSortBy[name] ?? [];
      const staged = stagedFiles(stagingFolder(connection), name);
      // Nothing to sort or join: the staged file is the table (at a million respondents, the applicants' two tables
      // were copied in 1.8 s).
      if (sortBy.length === 0 && staged.length === 1) {
        renameSync(staged[0], join(outDir, `${name}.parquet`));
        continue;
      }
      const rows = stagedRowsSql(connection, name);
      const order = sortBy.length ? ` ORDER BY ${sortBy.map(quoteIdentifier).join(", ")}` : "";
      await connection.run(`COPY (${rows}${order}) TO ${sqlString(join(outDir, `${name}.parquet`))} (${parquetCopyOptions()})`);
    }
    await connection.run("CREATE TEMP TABLE name_words (word VARCHAR)");
    const appender = await connection.createAppender("name_words", "main", "temp");
    try {
      for (const word of names.words) {
        appender.appendVarchar(word);
        appender.endRow();
      }
    } finally {
      appender.closeSync();
    }
    await connection.run(`COPY (SELECT word FROM name_words ORDER BY word) TO ${sqlString(join(outDir, nameWordsFile))} (${parquetCopyOptions()})`);
  } catch (error) {
    throw redacted(error, "writing the clean store failed");
  }
}
