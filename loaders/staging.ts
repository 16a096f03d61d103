// The clean store's sink: rows are staged as CSV text in temporary files while the exports stream by (texts with
// few values as dictionary codes), then native DuckDB reads each file once (typed, in parallel), puts the coded texts
// back, leaves out replaced submissions, sorts and writes Parquet.
import { closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from "node:fs";
import { basename, join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { CleanRow, CleanSink } from "./clean";
import { redacted } from "./contract-error";
import { tableColumns, tableNames, tableSortBy, type Cell, type TableName } from "./model";
import { quoteIdentifier, sqlString } from "../src/survey/sql";
import { parquetCopyOptions, type ColumnSpec } from "./parquet";

const bufferBytes = 4 << 20;
const pieceLength = 64 << 10;

/** A CSV file written through a byte buffer: lines are gathered into pieces of text, each copied out at once. */
class StagedFile {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(bufferBytes);
  private used = 0;
  private piece = "";
  /** Characters in the longest line written: DuckDB must be told to expect it. */
  longest = 0;

  constructor(readonly path: string) {
    // Staged rows are plaintext answers and names: readable by their owner only.
    this.fd = openSync(path, "w", 0o600);
  }

  write(line: string): void {
    if (line.length > this.longest) this.longest = line.length;
    this.piece += line;
    if (this.piece.length >= pieceLength) this.copyPiece();
  }

  private copyPiece(): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (this.used + this.piece.length * 3 > bufferBytes) this.flush();
    if (this.piece.length * 3 > bufferBytes) writeSync(this.fd, this.piece);
    else this.used += this.buffer.write(this.piece, this.used);
    this.piece = "";
  }

  private flush(): void {
    let from = 0;
    while (from < this.used) from += writeSync(this.fd, this.buffer, from, this.used - from);
    this.used = 0;
  }

  close(): void {
    this.copyPiece();
    this.flush();
    closeSync(this.fd);
  }
}

// Not src/components/csv.ts's quoting: DuckDB reads an unquoted empty field as NULL, so every text is quoted to keep "" apart.
function textField(value: string): string {
  return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
}

function encoder(column: ColumnSpec): (value: Cell | undefined) => string {
  const missing = (value: Cell | undefined) => value === null || value === undefined || (typeof value === "number" && Number.isNaN(value));
  switch (column.type) {
    case "VARCHAR":
      return (value) => (missing(value) ? "" : textField(String(value)));
    case "INTEGER":
    case "DOUBLE":
      return (value) => (missing(value) ? "" : String(Number(value)));
    case "BOOLEAN":
      return (value) => (missing(value) ? "" : value ? "true" : "false");
    case "DATE":
      return (value) => (missing(value) ? "" : textField(value instanceof Date ? value.toISOString().slice(0, 10) : String(value)));
    case "TIMESTAMP":
      return (value) => (missing(value) ? "" : textField(value instanceof Date ? value.toISOString() : String(value)));
  }
}

/**
 * Text columns whose values are few (waves, files, question ids, options, ratings, cohorts): each value is staged
 * as a number into its sink's dictionary and put back by DuckDB, which halves the staged bytes of the answer tables.
 */
const codedNames = new Set(["wave", "file", "source_file", "source", "cohort", "stream", "question", "option", "element", "rating", "flag", "reason", "channel", "career_stage", "cohort_of_interest", "self_reported_cohort", "degree", "advanced", "published", "lower_stipend"]);

const coded = (column: ColumnSpec) => column.type === "VARCHAR" && codedNames.has(column.name);

/** Values a sink's dictionary holds at most; later new values are staged as text. */
const dictionaryEntries = 1 << 16;
/** Codes of the sinks of one store are apart by this much (a sink's `codeBase` times it). */
const codeSpan = 2 ** 20;

// Dates and timestamps are staged as ISO text and cast once in SQL, as the appender path does.
function stagedType(column: ColumnSpec): string {
  return column.type === "DATE" || column.type === "TIMESTAMP" ? "VARCHAR" : column.type;
}

// DuckDB's default longest line (2 MB) and read buffer; a longer line needs both raised, which costs memory.
const defaultLineBytes = 2_097_152;
const defaultBufferBytes = 32 << 20;

/** The line options for staged lines of at most `longestChars` characters (at most 3 bytes each): DuckDB's defaults unless a long answer needs more. */
function lineOptions(longestChars: number): string {
  const bytes = 3 * longestChars + 1;
  return bytes <= defaultLineBytes ? "" : `max_line_size = ${bytes}, buffer_size = ${Math.max(defaultBufferBytes, bytes + (1 << 20))}, `;
}

function readStaged(paths: readonly string[], columns: readonly { name: string; type: string }[], longestChars: number): string {
  const types = columns.map((c) => `${sqlString(c.name)}: ${sqlString(c.type)}`).join(", ");
  return `read_csv([${paths.map(sqlString).join(", ")}], header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, ${lineOptions(longestChars)}columns = {${types}})`;
}

const droppedFile = "dropped.csv";
const dictionaryFile = "dictionary.csv";
/** Name words remembered by a sink so that each is written once (past this, repeats are written and DuckDB drops them). */
const keptNameWords = 1 << 20;
const namesFile = "names.csv";
const stagedFile = (table: TableName) => `${table}.csv`;
/** Each staged file's longest line, in characters, written beside them when the sink closes. */
const lineLengthsFile = "line-lengths.json";

/** Stages the rows a cleaning run gives it in `directory`, one CSV file per table. */
export class StagingSink implements CleanSink {
  private readonly files = new Map<TableName, StagedFile>();
  private readonly encoders = new Map<TableName, ((value: Cell | undefined) => string)[]>();
  private readonly dropped: StagedFile;
  private readonly nameWords: StagedFile;
  /** Words of people's names, for masking quotes; written with few repeats, made distinct by DuckDB. */
  readonly names: { add(word: string): void };
  private readonly codes = new Map<string, number>();

  /** `codeBase` sets this sink's dictionary codes apart from those of the other sinks of one store. */
  constructor(
    private readonly directory: string,
    private readonly codeBase = 0,
  ) {
    for (const name of tableNames) {
      this.files.set(name, new StagedFile(join(directory, stagedFile(name))));
      this.encoders.set(name, tableColumns[name].map((column) => (coded(column) ? (value) => this.encodeCoded(value) : encoder(column))));
    }
    this.dropped = new StagedFile(join(directory, droppedFile));
    const nameWords = new StagedFile(join(directory, namesFile));
    this.nameWords = nameWords;
    // Most words repeat (a name in the roster and in each export): each is written once while the set is small enough.
    const written = new Set<string>();
    this.names = {
      add: (word) => {
        if (written.has(word)) return;
        if (written.size >= keptNameWords) written.clear();
        written.add(word);
        nameWords.write(`${textField(word)}\n`);
      },
    };
  }

  add(table: TableName, row: CleanRow, candidate = -1): void {
    const columns = tableColumns[table];
    const encoders = this.encoders.get(table)!;
    let line = candidate === -1 ? "" : String(candidate);
    for (let i = 0; i < columns.length; i += 1) line += `,${encoders[i](row[columns[i].name])}`;
    this.files.get(table)!.write(`${line}\n`);
  }

  /** A coded column's two staged fields: the value's code, or (a value past the dictionary's size) its text. */
  private encodeCoded(value: Cell | undefined): string {
    if (value === null || value === undefined) return ",";
    const text = String(value);
    let code = this.codes.get(text);
    if (code === undefined) {
      if (this.codes.size >= dictionaryEntries) return `,${textField(text)}`;
      code = this.codeBase * codeSpan + this.codes.size;
      this.codes.set(text, code);
    }
    return `${code},`;
  }

  drop(candidate: number): void {
    this.dropped.write(`${candidate}\n`);
  }

  close(): void {
    const dictionary = new StagedFile(join(this.directory, dictionaryFile));
    for (const [value, code] of this.codes) dictionary.write(`${code},${textField(value)}\n`);
    dictionary.close();
    for (const file of this.files.values()) file.close();
    this.dropped.close();
    this.nameWords.close();
    const longest = Object.fromEntries([...this.files.values(), this.dropped, this.nameWords, dictionary].map((file) => [basename(file.path), file.longest]));
    writeFileSync(join(this.directory, lineLengthsFile), JSON.stringify(longest));
  }
}

/** The store's list of name words (never shipped: only the quotes loader reads it, to mask quotes). */
export const nameWordsFile = "name_words.parquet";

/**
 * Writes `<table>.parquet` for every clean table, and the name words, into `outDir` from what sinks staged in
 * `directories`: replaced submissions left out, rows in each table's sort order.
 */
export async function writeStagedParquet(connection: DuckDBConnection, directories: readonly string[], outDir: string): Promise<void> {
  try {
    await writeStaged(connection, directories, outDir);
  } catch (error) {
    // DuckDB quotes the staged line it could not read: a respondent's id and answer.
    throw redacted(error, "writing the clean store failed");
  }
}

async function writeStaged(connection: DuckDBConnection, directories: readonly string[], outDir: string): Promise<void> {
  const files = (name: string) => directories.map((directory) => join(directory, name));
  const lengths = directories.map((directory) => {
    const path = join(directory, lineLengthsFile);
    return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Record<string, number>) : null;
  });
  // Without the sink's record of line lengths, a file's size bounds its longest line.
  const longest = (name: string) =>
    Math.max(0, ...lengths.map((l, i) => l?.[name] ?? (existsSync(join(directories[i], name)) ? statSync(join(directories[i], name)).size : 0)));
  await connection.run(`CREATE TABLE dropped AS SELECT DISTINCT candidate FROM ${readStaged(files(droppedFile), [{ name: "candidate", type: "BIGINT" }], longest(droppedFile))}`);
  const dictionary = readStaged(files(dictionaryFile), [{ name: "code", type: "BIGINT" }, { name: "value", type: "VARCHAR" }], longest(dictionaryFile));
  await connection.run(`CREATE TABLE dictionary AS SELECT code, value FROM ${dictionary}`);
  for (const name of tableNames) {
    const columns = tableColumns[name];
    const staged = readStaged(files(stagedFile(name)), [
      { name: "candidate__", type: "BIGINT" },
      ...columns.flatMap((c) => (coded(c) ? [{ name: `${c.name}__code`, type: "BIGINT" }] : []).concat({ name: c.name, type: stagedType(c) })),
    ], longest(stagedFile(name)));
    const joins: string[] = [];
    const selected = columns
      .map((c, i) => {
        const column = `s.${quoteIdentifier(c.name)}`;
        if (coded(c)) {
          joins.push(` LEFT JOIN dictionary AS d${i} ON d${i}.code = s.${quoteIdentifier(`${c.name}__code`)}`);
          return `coalesce(d${i}.value, ${column}) AS ${quoteIdentifier(c.name)}`;
        }
        return stagedType(c) === c.type ? column : `CAST(${column} AS ${c.type}) AS ${quoteIdentifier(c.name)}`;
      })
      .join(", ");
    const sortBy = tableSortBy[name] ?? [];
    const order = sortBy.length ? ` ORDER BY ${sortBy.map(quoteIdentifier).join(", ")}` : "";
    const kept = `s.candidate__ IS NULL OR s.candidate__ NOT IN (SELECT candidate FROM dropped)`;
    const rows = `SELECT ${selected} FROM ${staged} AS s${joins.join("")} WHERE ${kept}`;
    await connection.run(`COPY (SELECT * FROM (${rows})${order}) TO ${sqlString(join(outDir, `${name}.parquet`))} (${parquetCopyOptions()})`);
  }
  const words = readStaged(files(namesFile), [{ name: "word", type: "VARCHAR" }], longest(namesFile));
  await connection.run(`COPY (SELECT DISTINCT word FROM ${words} ORDER BY word) TO ${sqlString(join(outDir, nameWordsFile))} (${parquetCopyOptions()})`);
}
