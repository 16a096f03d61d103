// An export's rows as a DuckDB table of texts, each with the physical line it starts on: DuckDB's CSV reader reads
// what it reads exactly as loaders/csv.ts does, and csv.ts (the definition of the CSV the tool accepts) reads what
// DuckDB refuses or might read otherwise, naming the first record it cannot read.
import { closeSync, openSync, readSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { ContractError, redacted } from "./contract-error";
import { readCsvFile, type CsvRecord } from "./csv";
import { requireWidth } from "./google-forms";
import { refuseLongAnswers } from "./long-answers";
import { addNameWords, importIdPrefix, nameColumnIndexes, nameColumns, nameWordsOf, type NameWords } from "./masking";
import { quoteIdentifier, sqlString } from "../src/survey/sql";

export interface RawExport {
  file: string;
  /**
   * A DuckDB table of the records after the header, in file order (its `rowid`), with `c0`, `c1`… one text per
   * header column (an empty cell may be NULL).
   */
  table: string;
  header: CsvRecord[];
  rows: number;
  /** The physical line record `rowid` starts on. */
  lineOf(rowid: number): number;
  /**
   * The lines as SQL: record `rowid` starts on line `base + rowid`, unless line breaks inside quoted cells or blank
   * lines come before it: then `lines` names a table of each record's row id (`r`) and line (`line`).
   */
  base: number;
  lines: string | null;
  /**
   * The contract error that stopped reading the rows (a record of another width, an unclosed quote, bytes that
   * are not UTF-8…), raised where csv.ts raises it; the rows before it are in the table. Whoever reads the rows
   * checks them first and then throws this, so that the first fault in the file is the one reported.
   */
  pending: ContractError | null;
}

/** The name of a raw table's column `index`. */
export const rawColumn = (index: number): string => `c${index}`;

/** What a byte scan of the whole file tells: whether DuckDB can be trusted with it, and how many line breaks it holds. */
export interface FileShape {
  /** Line breaks as csv.ts counts them: LF, CRLF, or a CR alone. */
  breaks: number;
  endsWithBreak: boolean;
  binary: boolean;
  loneCr: boolean;
  /**
   * The records from line `firstLine` on that hold line breaks inside quoted cells (`rowids`, ascending, counted from
   * that line's record as 0) and how many each (`counts`), as the quotes mark them; null when some quote stands where
   * a CSV field cannot open or close one (e.g. `5'11"` in an unquoted cell), which only DuckDB's own reading settles.
   */
  embedded: { rowids: number[]; counts: number[] } | null;
}

const scanBytes = 8 << 20;

const [quote, comma, lf, cr] = [34, 44, 10, 13];

/**
 * One pass over the file's bytes: its line breaks, and which records from line `firstLine` on hold some inside quoted
 * cells. A quote opens a cell at the start of a field (after a comma, a line feed, the byte-order mark or nothing) and
 * closes it before a comma, a line break or the end; doubled inside a cell, it is the quote character. Any other
 * quote leaves the records to DuckDB's reading (`embedded` null). (Counting in DuckDB, every cell of every record
 * searched for breaks, took 3.8 s at a million respondents; this pass over the five exports takes 3.2 s, against
 * 1.5 s for the count of breaks alone.)
 */
export function fileShape(path: string, firstLine: number, chunkBytes = scanBytes): FileShape {
  const buffer = Buffer.allocUnsafe(chunkBytes);
  const fd = openSync(path, "r");
  let breaks = 0;
  let crs = 0;
  let crlfs = 0;
  let binary = false;
  let last = -1;
  let offset = 0;
  let quoted = false;
  let rowid = firstLine <= 1 ? 0 : -1;
  // A doubled quote whose second half begins the next chunk.
  let escapedAcross = false;
  let embedded: FileShape["embedded"] = { rowids: [], counts: [] };
  const byteAt = (position: number): number => {
    const one = Buffer.alloc(1);
    return readSync(fd, one, 0, 1, position) === 1 ? one[0] : -1;
  };
  try {
    for (;;) {
      const bytes = readSync(fd, buffer, 0, chunkBytes, offset);
      if (bytes === 0) break;
      const chunk = buffer.subarray(0, bytes);
      if (!binary && chunk.indexOf(0) !== -1) binary = true;
      let q: number = embedded ? chunk.indexOf(quote, escapedAcross ? 1 : 0) : -1;
      escapedAcross = false;
      for (let at = chunk.indexOf(lf); ; at = chunk.indexOf(lf, at + 1)) {
        // The quotes before this break (or the chunk's end), in order.
        while (embedded && q !== -1 && (at === -1 || q < at)) {
          const before = q > 0 ? chunk[q - 1] : last;
          if (!quoted) {
            const opens = before === comma || before === lf || before === -1 || (offset + q === 3 && before === 0xbf && byteAt(0) === 0xef);
            if (!opens) embedded = null;
            quoted = true;
          } else {
            const after = q + 1 < bytes ? chunk[q + 1] : byteAt(offset + q + 1);
            if (after === quote) {
              q += 1;
              escapedAcross = q === bytes;
            }
            else if (after === comma || after === cr || after === lf || after === -1) quoted = false;
            else embedded = null;
          }
          q = q + 1 < bytes ? chunk.indexOf(quote, q + 1) : -1;
        }
        if (at === -1) break;
        breaks += 1;
        if ((at > 0 ? chunk[at - 1] : last) === cr) crlfs += 1;
        if (!embedded || breaks < firstLine - 1) continue;
        if (breaks === firstLine - 1) {
          // Line `firstLine` starts the first record read: a break still inside a quote here is no record's end.
          if (quoted) embedded = null;
          rowid = 0;
        } else if (!quoted) rowid += 1;
        else if (embedded.rowids.at(-1) === rowid) embedded.counts[embedded.counts.length - 1] += 1;
        else {
          embedded.rowids.push(rowid);
          embedded.counts.push(1);
        }
      }
      for (let at = chunk.indexOf(cr); at !== -1; at = chunk.indexOf(cr, at + 1)) crs += 1;
      last = chunk[bytes - 1];
      offset += bytes;
    }
  } finally {
    closeSync(fd);
  }
  const loneCrs = crs - crlfs;
  // A quote left open at the end, or a first line never reached, settles nothing.
  if (quoted || (firstLine > 1 && rowid === -1)) embedded = null;
  return { breaks: breaks + loneCrs, endsWithBreak: last === lf || last === cr, binary, loneCr: loneCrs > 0, embedded };
}

/**
 * Loads the records of the export at `path` after its `headerRows` header records into `table` (created).
 * The header records are read by csv.ts, so a file that is no CSV at all fails as it always has.
 */
export async function loadRawExport(connection: DuckDBConnection, path: string, file: string, headerRows: number, table: string): Promise<RawExport> {
  const ahead = readCsvFile(path, file);
  const header: CsvRecord[] = [];
  let firstData: CsvRecord | null = null;
  try {
    for (const record of refuseLongAnswers(ahead, file)) {
      if (header.length < headerRows) header.push(record);
      else {
        firstData = record;
        break;
      }
    }
  } finally {
    ahead.return(undefined);
  }
  const width = Math.max(header[0]?.cells.length ?? 0, 1);
  const raw: RawExport = { file, table, header, rows: 0, lineOf: () => 0, base: 0, lines: null, pending: null };
  if (firstData !== null && header.length === headerRows) {
    const shape = fileShape(path, firstData.line);
    if (!shape.binary && !shape.loneCr && (await readByDuckDB(connection, path, raw, width, firstData.line, shape))) return raw;
    await readByCsvReader(connection, path, raw, width, headerRows);
  } else {
    await createRawTable(connection, table, width);
  }
  return raw;
}

async function createRawTable(connection: DuckDBConnection, table: string, width: number): Promise<void> {
  const columns = Array.from({ length: width }, (_, i) => `${quoteIdentifier(rawColumn(i))} VARCHAR`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(table)} (${columns.join(", ")})`);
}

/** DuckDB's reader, trusted only when the line breaks it accounts for are every line break of the file. */
async function readByDuckDB(connection: DuckDBConnection, path: string, raw: RawExport, width: number, firstLine: number, shape: FileShape): Promise<boolean> {
  const table = quoteIdentifier(raw.table);
  const types = Array.from({ length: width }, (_, i) => `${sqlString(rawColumn(i))}: 'VARCHAR'`).join(", ");
  // Row ids follow the file only while DuckDB keeps the order rows were read in (a connection may have turned it off).
  await connection.run("SET preserve_insertion_order = true");
  try {
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM read_csv(${sqlString(path)}, header = false, skip = ${firstLine - 1}, ` +
        `auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false, columns = {${types}})`,
    );
  } catch {
    // A record DuckDB refuses (another width, a stray quote, a long line, not UTF-8): csv.ts says which and where.
    return false;
  }
  try {
    const records = Number((await connection.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${table}`)).getColumnsJS()[0][0]);
    // Every break of the file is a header line's, a record's end, or inside a quoted cell; a blank line (which
    // DuckDB skips and csv.ts counts) or any other reading shows as a break unaccounted for.
    const accounted = (embedded: number) => firstLine - 1 + embedded + records - (shape.endsWithBreak ? 0 : 1);
    if (records === 0 || accounted(0) > shape.breaks) return false;
    // Records with line breaks inside quoted cells, and how many: each record after one starts that many lines later.
    // When the records' ends account for every break, no cell holds one (neither count can be negative). Else the
    // file's quotes say which records hold them (fileShape), or, when a quote stands out of place, DuckDB's cells do.
    const { rowids, counts } = accounted(0) === shape.breaks ? { rowids: [], counts: [] } : (shape.embedded ?? (await breaksInCells(connection, table, width)));
    const at = Int32Array.from(rowids);
    const through = new Float64Array(counts.length);
    let embedded = 0;
    counts.forEach((count, i) => (through[i] = embedded += count));
    if (accounted(embedded) !== shape.breaks) return false;
    raw.rows = records;
    raw.lineOf = (rowid) => firstLine + rowid + breaksBefore(at, through, rowid);
    raw.base = firstLine;
    if (at.length > 0) raw.lines = await linesTable(connection, raw);
    return true;
  } catch (error) {
    throw redacted(error, `reading ${raw.file} failed`);
  }
}

/** The records of raw table `table` whose cells hold line breaks, and how many (every cell of every record searched). */
async function breaksInCells(connection: DuckDBConnection, table: string, width: number): Promise<{ rowids: number[]; counts: number[] }> {
  const breaksIn = (cell: string) =>
    `CASE WHEN strpos(${cell}, chr(10)) > 0 OR strpos(${cell}, chr(13)) > 0 THEN ` +
    `strlen(${cell}) - strlen(replace(${cell}, chr(10), '')) + strlen(${cell}) - strlen(replace(${cell}, chr(13), '')) - (strlen(${cell}) - strlen(replace(${cell}, chr(13) || chr(10), ''))) // 2 ELSE 0 END`;
  const columns = Array.from({ length: width }, (_, i) => quoteIdentifier(rawColumn(i)));
  const reader = await connection.runAndReadAll(
    `SELECT r::INTEGER AS r, b::INTEGER AS b FROM (SELECT rowid AS r, ${columns.map(breaksIn).join(" + ")} AS b FROM ${table}
     WHERE ${columns.map((c) => `strpos(${c}, chr(10)) > 0 OR strpos(${c}, chr(13)) > 0`).join(" OR ")}) WHERE b > 0 ORDER BY r`,
  );
  const [rowids = [], counts = []] = reader.getColumnsJS() as number[][];
  return { rowids, counts };
}

/** Line breaks inside the records before `rowid`: `through[i]` counts those up to record `at[i]` (ascending). */
function breaksBefore(at: Int32Array, through: Float64Array, rowid: number): number {
  let low = 0;
  let high = at.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (at[middle] < rowid) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? 0 : through[low - 1];
}

/** csv.ts's reader, record by record into the table, up to the first record it refuses (kept as `pending`). */
async function readByCsvReader(connection: DuckDBConnection, path: string, raw: RawExport, width: number, headerRows: number): Promise<void> {
  await createRawTable(connection, raw.table, width);
  const appender = await connection.createAppender(raw.table, "main", "temp");
  const lines: number[] = [];
  let seen = 0;
  try {
    for (const record of refuseLongAnswers(readCsvFile(path, raw.file), raw.file)) {
      seen += 1;
      if (seen <= headerRows) continue;
      requireWidth(record, width, raw.file);
      for (const cell of record.cells) appender.appendVarchar(cell);
      appender.endRow();
      lines.push(record.line);
    }
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    raw.pending = error;
  } finally {
    appender.closeSync();
  }
  raw.rows = lines.length;
  raw.lineOf = (rowid) => lines[rowid];
  raw.base = lines[0] ?? 0;
  if (lines.some((line, rowid) => line !== raw.base + rowid)) raw.lines = await linesTable(connection, raw);
}

/** The table of each record's line (`r` its row id). */
async function linesTable(connection: DuckDBConnection, raw: RawExport): Promise<string> {
  const name = `${raw.table}__lines`;
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(name)} (r BIGINT, line INTEGER)`);
  const appender = await connection.createAppender(name, "main", "temp");
  try {
    for (let rowid = 0; rowid < raw.rows; rowid += 1) {
      appender.appendBigInt(BigInt(rowid));
      appender.appendInteger(raw.lineOf(rowid));
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
  return name;
}

/** The raw table (`t`) with each record's line (`ln.line`, in `rawLineSql`) beside it, for a FROM clause. */
export function rawFromSql(raw: RawExport): string {
  return `${quoteIdentifier(raw.table)} AS t${raw.lines ? ` JOIN ${quoteIdentifier(raw.lines)} AS ln ON ln.r = t.rowid` : ""}`;
}

/** The line a raw record starts on, over `rawFromSql`. */
export function rawLineSql(raw: RawExport): string {
  return raw.lines ? "ln.line" : `(${raw.base} + t.rowid)::INTEGER`;
}

/**
 * A query of the raw table's records: `r` (the rowid), `line`, and the given columns (SQL over the record's cells,
 * which it calls `t`), in no particular order.
 */
export function rawRecordsSql(raw: RawExport, columns: Record<string, string>): string {
  const selected = Object.entries(columns).map(([name, sql]) => `${sql} AS ${quoteIdentifier(name)}`);
  return `SELECT t.rowid AS r, ${rawLineSql(raw)} AS line${selected.map((s) => `, ${s}`).join("")} FROM ${rawFromSql(raw)}`;
}

/** The cell of column `index` of a raw record (`t`), NULL read as the empty cell. */
export function rawCell(index: number): string {
  return `coalesce(t.${quoteIdentifier(rawColumn(index))}, '')`;
}

/** The text of one cell of a raw export. */
export async function rawCellAt(connection: DuckDBConnection, raw: RawExport, rowid: number, index: number): Promise<string> {
  const [text] = (await connection.runAndReadAll(`SELECT ${rawCell(index)} FROM ${quoteIdentifier(raw.table)} AS t WHERE t.rowid = ${rowid}`)).getColumnsJS()[0] as string[];
  return text;
}

/** The lowest row id of `table` (a raw export, `t`) where `where` holds, or null. */
export async function firstRow(connection: DuckDBConnection, from: string, where: string): Promise<number | null> {
  const [value] = (await connection.runAndReadAll(`SELECT min(t.rowid)::BIGINT FROM ${from} WHERE ${where}`)).getColumnsJS()[0] ?? [];
  return value === null || value === undefined ? null : Number(value);
}

/** Gathers the name words of the raw export's name columns (one statement per column, giving distinct texts). */
export async function gatherRawNames(connection: DuckDBConnection, raw: RawExport, names: NameWords | null): Promise<void> {
  if (!names) return;
  const notAName = (value: string) => `(${value} IN (${[...nameColumns].map(sqlString).join(", ")}) OR starts_with(${value}, ${sqlString(importIdPrefix)}))`;
  for (const index of nameColumnIndexes(raw.header[0]?.cells ?? [])) {
    // A name of printable ASCII has the words of its parts between spaces (masking.ts's nameWordsOf): its distinct
    // parts are read, far fewer than its distinct names; any other name is read whole (Unicode normalisation
    // may join what spaces part).
    const plain = `regexp_full_match(${rawCell(index)}, '[\\x20-\\x7e]*')`;
    const result = await connection.stream(`SELECT DISTINCT * FROM (
      SELECT unnest(string_split(value, ' ')) AS text, true AS part FROM (SELECT trim(${rawCell(index)}, ' ') AS value FROM ${quoteIdentifier(raw.table)} AS t WHERE ${plain}) WHERE NOT ${notAName("value")}
      UNION ALL SELECT ${rawCell(index)}, false FROM ${quoteIdentifier(raw.table)} AS t WHERE NOT ${plain})`);
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      for (const [text, part] of chunk.getRows() as [string, boolean][]) {
        if (part) for (const word of nameWordsOf(text)) names.add(word);
        else addNameWords(text, names);
      }
    }
  }
}
