// Cleans one survey wave in DuckDB: its exports (Google Forms or Qualtrics) read as raw tables, each distinct answer
// text of each question read once by loaders/answers.ts, contract errors naming the first row that breaks a rule,
// then the ledger's rules over every submission at once, and the clean tables written as staged Parquet.
import type { DuckDBConnection } from "@duckdb/node-api";
import { CellReader, rewordedAt, type CellReading } from "./answers";
import { normaliseCohort } from "./cohort";
import { ContractError } from "./contract-error";
import { readFormTimestamp, requireEmails } from "./google-forms";
import { headerKey, mapColumns, requireColumn, type ColumnMap } from "./header";
import { normaliseEmail } from "./identity";
import { googleFormsColumns, qualtricsColumns, qualtricsRealStatus, qualtricsRealStatusCode, ratingLevel, ratingScale, type QuestionId, type WaveSpec } from "./instrument";
import type { NameWords } from "./masking";
import type { TableName } from "./model";
import { declaredTimeZone, qualtricsRecord } from "./qualtrics";
import { firstRow, gatherRawNames, loadRawExport, rawCell, rawCellAt, rawFromSql, rawLineSql, type RawExport } from "./raw-export";
import { outOfScopeSql } from "./roster";
import { firstFault, firstSeenSql, latestPerPersonSql, type Fault, type PartFiles } from "./sql-clean";
import { stageRows } from "./staging";
import { emailMap, emailSql, formPartsSql, formWallSql, idMap, instantsOf, listSeparator, listSql, mapValues, qualtricsPartsSql, qualtricsWallSql, trimmedSql } from "./sql-values";
import { endOfDay, formDateOrderOf, type DateOrder } from "./time";
import { quoteIdentifier, sqlString } from "../src/survey/sql";

/** Records read, at most, to learn an export's date order from its own timestamps. */
const dateOrderLookahead = 20_000;

/** One answer column of an export: a question's, or a grid row's. */
interface AnswerColumn {
  id: QuestionId;
  index: number;
  header: string;
  /** For a grid: the row (element) it rates. */
  row?: string;
  /** Its place among the rules of a record (contract errors of one record come in column order). */
  order: number;
  /** Its table of readings by distinct text; none for a text question, whose readings are its cell trimmed (textReadingSql). */
  map?: string;
  /** The rows of `map` (text, then a cell per `mappedColumns`) when they are few: its readings are then written into the statements. */
  readings?: MappedRow[];
  /** Some text of it is no option and counts toward a reworded one. */
  counted?: boolean;
}

/** An export of the wave, read and checked. */
interface WaveExport {
  raw: RawExport;
  index: number;
  columns: AnswerColumn[];
  /** SQL over a record (`t`) for: is a respondent's answer, status text, finished, submission key, email text, wall time. */
  real: string;
  statusText: string;
  finished: string;
  emailText: string;
  /** The table `r`, `wall` of the records' wall-clock times, and the time zone they are in. */
  walls: string;
  timeZone: string;
  /** The header row a missing email column or anonymous export is reported at. */
  emailRow: number;
  emailColumn: string;
  faults: Fault[];
}

const mappedColumns = [
  ["answered", "BOOLEAN"],
  ["single", "VARCHAR"],
  ["options", "VARCHAR"],
  ["other", "VARCHAR"],
  ["text", "VARCHAR"],
  ["month", "VARCHAR"],
  ["rating", "VARCHAR"],
  ["note_flag", "VARCHAR"],
  ["note_detail", "VARCHAR"],
  ["count_key", "VARCHAR"],
  ["count_text", "VARCHAR"],
  ["bad", "BOOLEAN"],
  // The text trimmed, where trimming changes it (a submission's key is made of its trimmed texts).
  ["trimmed", "VARCHAR"],
] as const;

type MappedField = (typeof mappedColumns)[number][0];
type MappedCell = string | boolean | null;
type MappedRow = readonly [text: string, cells: readonly MappedCell[]];

/**
 * Texts of an answer column, at most, whose readings are written into the statements that read them, as one CASE per
 * reading, instead of joined from the column's table: a join per column was most of the time of the statements that
 * read a wave's answers (about 30 columns each).
 */
const writtenOutAt = 32;

/** The SQL of reading `field` of column `c` for the text `cell`, NULL when the text is not among its table's. */
function readingSql(c: AnswerColumn, field: MappedField, cell: string): string {
  if (!c.readings) return `a${c.order}.${field}`;
  const at = mappedColumns.findIndex(([name]) => name === field);
  return writtenOut(c.readings, cell, mappedColumns[at][1], (cells) => cells[at]);
}

/** A submission's key text of column `c` (loaders/answers.ts): the text trimmed, NULL when not among its table's. */
function keyTextSql(c: AnswerColumn, cell: string): string {
  if (!c.readings) return `coalesce(a${c.order}.trimmed, a${c.order}.v)`;
  const trimmed = mappedColumns.findIndex(([name]) => name === "trimmed");
  return writtenOut(c.readings, cell, "VARCHAR", (cells, text) => cells[trimmed] ?? text);
}

/** CASE `cell` WHEN each text THEN its value (a text whose value is NULL needs no branch). */
function writtenOut(rows: readonly MappedRow[], cell: string, type: string, value: (cells: readonly MappedCell[], text: string) => MappedCell): string {
  const branches = rows.flatMap(([text, cells]) => {
    const v = value(cells, text);
    return v === null ? [] : [`WHEN ${sqlString(text)} THEN ${typeof v === "boolean" ? String(v) : sqlString(v)}`];
  });
  return branches.length ? `CAST(CASE ${cell} ${branches.join(" ")} END AS ${type})` : `NULL::${type}`;
}

function mappedCells(reading: CellReading): MappedCell[] {
  return [
    reading.answered,
    reading.single ?? null,
    reading.options ? reading.options.join(listSeparator) : null,
    reading.other ?? null,
    reading.text ?? null,
    reading.month === undefined || reading.month === null ? null : reading.month.toISOString().slice(0, 10),
    reading.rating ?? null,
    reading.note?.flag ?? null,
    reading.note?.detail ?? null,
    reading.count?.key ?? null,
    reading.count?.text ?? null,
    reading.error !== undefined,
  ];
}

/** The wave's answer columns in the order a reader reads a record: the questions, then each grid's rows. */
function answerColumns(wave: WaveSpec, columns: ColumnMap, index: number): AnswerColumn[] {
  const list: Omit<AnswerColumn, "order" | "map">[] = [];
  for (const [id, { index: column, header }] of columns.questions) list.push({ id, index: column, header });
  for (const [id, rows] of columns.grid) for (const [row, { index: column, header }] of rows) list.push({ id, index: column, header, row });
  return list.map((c, k) => ({ ...c, order: 10 + k, map: wave.questions.get(c.id)!.kind === "text" ? undefined : `wave_${index}_a${k}` }));
}

/**
 * A text question's reading `field` of the cell `cell`, in SQL: what loaders/answers.ts CellReader reads from a text
 * cell is the cell trimmed, answered when not blank. Free text is nearly all different from one respondent to the
 * next, so a table of readings by distinct text, as the other kinds have, would hold every answer once more.
 */
function textReadingSql(cell: string, field: "answered" | "text" | "trimmed"): string {
  const trimmed = trimmedSql(cell);
  return field === "answered" ? `(${trimmed} <> '')` : field === "text" ? `nullif(${trimmed}, '')` : trimmed;
}

/** Reads and checks one export's header and answer texts; its faults are thrown later, in file order. */
async function readExport(connection: DuckDBConnection, wave: WaveSpec, raw: RawExport, index: number, dateOrderOf: () => Promise<DateOrder>): Promise<WaveExport> {
  const { file } = raw;
  const t = quoteIdentifier(raw.table);
  const faults: Fault[] = [];
  let exported: Omit<WaveExport, "columns" | "faults" | "walls">;
  let columns: ColumnMap;
  if (wave.format === "qualtrics") {
    const { header } = raw;
    if (header.length < 3) throw new ContractError(file, { expected: "a Qualtrics export with three header rows", got: `${header.length} row(s)` });
    const [shortNames, questionTexts, importIds] = header;
    if (!importIds.cells.some((cell) => cell.includes("ImportId"))) {
      throw new ContractError(file, { row: importIds.line, expected: 'import ids such as {"ImportId":"QID5"} in the third header row', got: importIds.cells[0] ?? "" });
    }
    const metadata = Object.fromEntries(Object.entries(qualtricsColumns).map(([key, name]) => [key, requireColumn(shortNames.cells, name, file, shortNames.line)])) as Record<keyof typeof qualtricsColumns, number>;
    columns = mapColumns(questionTexts.cells, wave, file, questionTexts.line);
    // The export says in which zone it wrote its times (an account setting); the instrument's zone is the fallback.
    const timeZone = declaredTimeZone(importIds, metadata.recorded, file) ?? wave.timeZone;
    const status = trimmedSql(rawCell(metadata.status));
    const finished = `lower(${trimmedSql(rawCell(metadata.finished))})`;
    exported = {
      raw,
      index,
      real: `(${status} IN (${sqlString(qualtricsRealStatus)}, ${sqlString(qualtricsRealStatusCode)}))`,
      statusText: status,
      finished: `(${finished} IN ('true', '1'))`,
      emailText: rawCell(metadata.email),
      timeZone,
      emailRow: questionTexts.line,
      emailColumn: qualtricsColumns.email,
    };
    // The metadata's rules in the order zod reads them: the recorded time, then `Finished`.
    const metadataFault = async (rowid: number): Promise<never> => {
      const cells: Record<string, string> = {};
      for (const [key, name] of Object.entries(qualtricsColumns)) cells[name] = await rawCellAt(connection, raw, rowid, metadata[key as keyof typeof metadata]);
      qualtricsRecord(cells, timeZone, file, raw.lineOf(rowid));
      throw new Error(`${file}: line ${raw.lineOf(rowid)} was refused in SQL and read by TypeScript`);
    };
    const badFinished = await firstRow(connection, `${t} AS t`, `${finished} NOT IN ('true', 'false', '1', '0')`);
    if (badFinished !== null) faults.push({ rowid: badFinished, order: 1, error: () => metadataFault(badFinished) });
    const walls = `wave_${index}_walls`;
    await connection.run(`CREATE OR REPLACE TEMP TABLE ${walls} AS SELECT rowid AS r, ${qualtricsWallSql("p")} AS wall FROM (SELECT rowid, ${qualtricsPartsSql(rawCell(metadata.recorded))} AS p FROM ${t} AS t)`);
    const badTime = await firstRow(connection, `${walls} AS t`, "t.wall IS NULL");
    if (badTime !== null) faults.push({ rowid: badTime, order: 0, error: () => metadataFault(badTime) });
    const answers = await readAnswers(connection, wave, raw, index, columns, exported.real, faults);
    return { ...exported, columns: answers, faults, walls };
  }
  const [header] = raw.header;
  const timestamp = requireColumn(header.cells, googleFormsColumns.timestamp, file, header.line);
  const email = requireColumn(header.cells, googleFormsColumns.email, file, header.line);
  columns = mapColumns(header.cells, wave, file, header.line);
  const order = await dateOrderOf();
  exported = { raw, index, real: "true", statusText: "''", finished: "true", emailText: rawCell(email), timeZone: wave.timeZone, emailRow: header.line, emailColumn: googleFormsColumns.email };
  const walls = `wave_${index}_walls`;
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${walls} AS SELECT rowid AS r, ${formWallSql("p", order)} AS wall FROM (SELECT rowid, ${formPartsSql(rawCell(timestamp))} AS p FROM ${t} AS t)`);
  const badTime = await firstRow(connection, `${walls} AS t`, "t.wall IS NULL");
  if (badTime !== null) {
    faults.push({
      rowid: badTime,
      order: 0,
      error: async () => {
        readFormTimestamp({ line: raw.lineOf(badTime), cells: [await rawCellAt(connection, raw, badTime, timestamp)] }, 0, googleFormsColumns.timestamp, wave.timeZone, file, order);
        throw new Error(`${file}: the timestamp of line ${raw.lineOf(badTime)} was refused in SQL and read by TypeScript`);
      },
    });
  }
  const answers = await readAnswers(connection, wave, raw, index, columns, "true", faults);
  return { ...exported, columns: answers, faults, walls };
}

/** Maps each answer column's distinct texts through the cell reader; a column's first unreadable cell is a fault. */
async function readAnswers(connection: DuckDBConnection, wave: WaveSpec, raw: RawExport, index: number, columns: ColumnMap, real: string, faults: Fault[]): Promise<AnswerColumn[]> {
  const reader = new CellReader(wave, raw.file);
  const t = quoteIdentifier(raw.table);
  const list = answerColumns(wave, columns, index);
  // Every distinct text is read, a preview's too; only a respondent's answer can break a rule or be counted.
  for (const column of list) {
    if (!column.map) continue;
    let broken = false;
    let counted = false;
    // Its rows, while they are few enough to be written out (and a SQL literal can hold them: no NUL).
    let rows: MappedRow[] | null = [];
    await mapValues(connection, column.map, `SELECT ${rawCell(column.index)} AS v FROM ${t} AS t`, mappedColumns, (v) => {
      const reading = reader.read(column.id, column.header, v);
      broken ||= reading.error !== undefined;
      counted ||= reading.count !== undefined;
      const cells = [...mappedCells(reading), v.trim() === v ? null : v.trim()];
      if (rows !== null) {
        if (rows.length < writtenOutAt && ![v, ...cells].some((cell) => typeof cell === "string" && cell.includes("\u0000"))) rows.push([v, cells]);
        else rows = null;
      }
      return cells;
    });
    column.counted = counted;
    if (rows) column.readings = rows;
    const bad = broken ? await firstRow(connection, `${t} AS t JOIN ${column.map} AS m ON m.v = ${rawCell(column.index)}`, `m.bad AND ${real}`) : null;
    if (bad !== null) {
      faults.push({
        rowid: bad,
        order: column.order,
        error: async () => {
          throw reader.read(column.id, column.header, await rawCellAt(connection, raw, bad, column.index)).error!(raw.lineOf(bad));
        },
      });
    }
  }
  return list;
}

/** The date order an export's own timestamps show (the first with a number above 12), with the row it is on. */
async function shownDateOrder(connection: DuckDBConnection, raw: RawExport): Promise<{ order: DateOrder; rowid: number } | null> {
  const [header] = raw.header;
  // Matched as requireColumn matches it (an export whose column is missing says so at its own turn).
  const timestamp = header ? header.cells.findIndex((cell) => headerKey(cell) === headerKey(googleFormsColumns.timestamp)) : -1;
  if (timestamp === -1) return null;
  const parts = formPartsSql(rawCell(timestamp));
  const rows = (await connection.runAndReadAll(
    `SELECT rowid::BIGINT, v FROM (SELECT rowid, v, TRY_CAST(p.a AS INTEGER) AS a, TRY_CAST(p.b AS INTEGER) AS b FROM (SELECT t.rowid, ${parts} AS p, ${rawCell(timestamp)} AS v FROM ${quoteIdentifier(raw.table)} AS t))
     WHERE (a > 12 AND b <= 12) OR (b > 12 AND a <= 12) ORDER BY rowid LIMIT 1`,
  )).getRowsJS();
  if (rows.length === 0) return null;
  const [rowid, text] = rows[0] as [bigint | number, string];
  return { order: formDateOrderOf(text)!, rowid: Number(rowid) };
}

/**
 * Cleans the wave's exports into the staged clean rows (loaders/sql-clean.ts), scoped by the roster's `people`
 * (loaders/roster.ts).
 * Returns each file's rows in.
 */
export async function cleanWave(connection: DuckDBConnection, wave: WaveSpec, files: PartFiles, names: NameWords | null): Promise<Map<string, number>> {
  const rowsIn = new Map<string, number>();
  // Every export is read before any is checked (an export without a date order takes its wave's), and each one's
  // faults are raised in file order, as a reader reading them one after another would meet them.
  const raws: (RawExport | ContractError)[] = [];
  for (const { file, path, index } of files.sources) {
    try {
      raws.push(await loadRawExport(connection, path, file, wave.format === "qualtrics" ? 3 : 1, `wave_${index}`));
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      raws.push(error);
    }
  }
  // Only the raw tables' row ids follow the files' order; no later table needs an order of its rows.
  await connection.run("SET preserve_insertion_order = false");
  let waveOrder: DateOrder | null | undefined;
  const exports: WaveExport[] = [];
  // An export that cannot be read at all (its file, its header, its date order) stops the reading there, after
  // the faults of the exports before it.
  let unreadable: ContractError | null = null;
  for (const [k, { index }] of files.sources.entries()) {
    const raw = raws[k];
    if (raw instanceof ContractError) {
      unreadable = raw;
      break;
    }
    await gatherRawNames(connection, raw, names);
    const dateOrderOf = async (): Promise<DateOrder> => {
      if (wave.dateOrder) return wave.dateOrder;
      if (raw.rows === 0) return "month-first";
      const own = await shownDateOrder(connection, raw);
      if (own && own.rowid < dateOrderLookahead) return own.order;
      // A short export (a re-export of a few rows) takes the order its wave's other exports show.
      if (waveOrder === undefined) {
        waveOrder = null;
        for (const other of raws) if (!(other instanceof ContractError)) waveOrder ??= (await shownDateOrder(connection, other))?.order ?? null;
      }
      if (waveOrder) return waveOrder;
      throw new ContractError(raw.file, {
        row: raw.header[0].line,
        column: googleFormsColumns.timestamp,
        expected: `timestamps that show whether the day or the month comes first (a number above 12), or the wave's "dateOrder" declared in instrument.json`,
        found: `every day and month 12 or below in ${Math.min(raw.rows, dateOrderLookahead)} row(s)`,
      });
    };
    try {
      exports.push(await readExport(connection, wave, raw, index, dateOrderOf));
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      unreadable = error;
      break;
    }
  }
  await rewordedFaults(connection, wave, exports);
  for (const exported of exports) {
    await firstFault(exported.faults, exported.raw);
    const t = quoteIdentifier(exported.raw.table);
    const [responses, withEmail] = ((await connection.runAndReadAll(
      `SELECT count(*)::BIGINT, count(*) FILTER (WHERE ${trimmedSql(exported.emailText)} <> '')::BIGINT FROM ${t} AS t WHERE ${exported.real}`,
    )).getRowsJS()[0] as bigint[]).map(Number);
    requireEmails(responses, withEmail, exported.raw.file, exported.emailColumn, exported.emailRow);
    rowsIn.set(exported.raw.file, exported.raw.rows);
  }
  if (unreadable) throw unreadable;
  await stageWave(connection, wave, files.idKey, await submissions(connection, wave, exports));
  const tables = ["checked", "ruled", "kept", "ids", "kept_answers", "other_cohorts", "kept_cohorts", "canonical_cohorts"];
  for (const { index } of exports) tables.push(`wave_${index}_instants`, `wave_${index}_emails`);
  for (const table of tables) await connection.run(`DROP TABLE IF EXISTS ${quoteIdentifier(table)}`);
  return rowsIn;
}

/** An answer text that is no option, given by `rewordedAt` respondents of the wave: a fault at the last of them. */
async function rewordedFaults(connection: DuckDBConnection, wave: WaveSpec, exports: WaveExport[]): Promise<void> {
  const counted = exports.flatMap((e) =>
    e.columns.filter((c) => c.counted).map(
      (c) => `SELECT ${e.index} AS f, t.rowid AS r, ${sqlString(c.id)} AS question, ${c.order} AS column_order, m.count_key AS key
        FROM ${quoteIdentifier(e.raw.table)} AS t JOIN ${c.map} AS m ON m.v = ${rawCell(c.index)} WHERE m.count_key IS NOT NULL AND ${e.real}`,
    ),
  );
  if (counted.length === 0) return;
  const found = (await connection.runAndReadAll(
    `SELECT f, r::BIGINT, column_order, key FROM (SELECT *, row_number() OVER (PARTITION BY question, key ORDER BY f, r, column_order) AS nth FROM (${counted.join(" UNION ALL ")})) WHERE nth = ${rewordedAt}`,
  )).getRowsJS() as [number, bigint, number, string][];
  for (const [f, rowid, order] of found) {
    const exported = exports.find((e) => e.index === f)!;
    const column = exported.columns.find((c) => c.order === order)!;
    const reader = new CellReader(wave, exported.raw.file);
    exported.faults.push({
      rowid: Number(rowid),
      order,
      error: async () => {
        const text = reader.read(column.id, column.header, await rawCellAt(connection, exported.raw, Number(rowid), column.index)).count!.text;
        throw reader.reworded(column.id, column.header, text, rewordedAt)(exported.raw.lineOf(Number(rowid)));
      },
    });
  }
}

/** The readings a question of each kind can give (loaders/answers.ts CellReading). */
const readingFields = {
  single: ["single", "other"],
  checkbox: ["options", "other", "note_flag", "note_detail"],
  text: ["text"],
  month: ["month", "note_flag", "note_detail"],
  grid: ["rating"],
} as const;

/** Column names in the table of submissions for question `id`'s readings (one set per grid row). */
const readingColumn = (id: QuestionId, field: string, row?: number) => quoteIdentifier(row === undefined ? `q_${id}_${field}` : `g_${id}_${row}_${field}`);

/** The query of the kept submissions' answers (loaders/answers.ts CellReading), its reading columns, and the tables it reads. */
interface Answers {
  sql: string;
  readings: Set<string>;
  tables: string[];
}

/**
 * The wave's submissions (table `submissions_read`), one row per record of its exports, with what the ledger's rules
 * need. Returns the query that adds its answers (the reading columns, also returned) to each row of `kept_rows`,
 * and the tables that query reads: only the submissions the rules keep are read that far.
 */
async function submissions(connection: DuckDBConnection, wave: WaveSpec, exports: WaveExport[]): Promise<Answers> {
  const selects: string[] = [];
  const answerSelects: string[] = [];
  const readingColumns = new Set<string>();
  for (const e of exports) {
    const { raw, index } = e;
    const instants = `wave_${index}_instants`;
    await instantsOf(connection, instants, `SELECT wall FROM ${e.walls}`, e.timeZone);
    await emailMap(connection, `wave_${index}_emails`, `SELECT ${e.emailText} AS v FROM ${quoteIdentifier(raw.table)} AS t`, normaliseEmail);
    // Each mapped answer column's readings (`fields`) of a record `t` by its text, or by `cell` when given.
    const joins = (fields: (c: AnswerColumn) => string, cell?: (c: AnswerColumn) => string) =>
      e.columns.filter((c) => c.map && !c.readings).map((c) => `LEFT JOIN (SELECT v, ${fields(c)} FROM ${c.map}) AS a${c.order} ON a${c.order}.v = ${cell ? cell(c) : rawCell(c.index)}`).join("\n");
    // A preview's or spam's cells read as blank (see below).
    const blanked = (c: AnswerColumn) => `CASE WHEN t.real__ THEN ${rawCell(c.index)} ELSE '' END`;
    const questions = e.columns.filter((c) => c.row === undefined);
    const grids = [...new Set(e.columns.filter((c) => c.row !== undefined).map((c) => c.id))];
    const answered = [
      ...questions.map((c) => (c.map ? `coalesce(${readingSql(c, "answered", blanked(c))}, false)::INTEGER` : `${textReadingSql(blanked(c), "answered")}::INTEGER`)),
      ...grids.map((id) => `(${e.columns.filter((c) => c.id === id && c.row !== undefined).map((c) => `coalesce(${readingSql(c, "answered", blanked(c))}, false)`).join(" OR ")})::INTEGER`),
    ];
    const fieldsOf = (c: AnswerColumn) => readingFields[wave.questions.get(c.id)!.kind];
    const readings = e.columns.flatMap((c) => {
      const row = c.row === undefined ? undefined : (wave.questions.get(c.id)!.rows ?? []).indexOf(c.row);
      return fieldsOf(c).map((field) => {
        readingColumns.add(readingColumn(c.id, field, row));
        return `${c.map ? readingSql(c, field, rawCell(c.index)) : textReadingSql(rawCell(c.index), "text")} AS ${readingColumn(c.id, field, row)}`;
      });
    });
    // Google Forms has no response id: the same submission is the same person, time and answer texts (trimmed).
    const keyCells = [...e.columns].sort((a, b) => a.index - b.index).map((c) => (c.map ? keyTextSql(c, blanked(c)) : textReadingSql(blanked(c), "trimmed")));
    const key =
      wave.format === "qualtrics"
        ? trimmedSql(rawCell(requireColumn(raw.header[0].cells, qualtricsColumns.responseId, raw.file, raw.header[0].line)))
        : `md5(concat_ws(chr(0), ${emailSql(e.emailText, "em.m")}, i.instant::VARCHAR${keyCells.map((cell) => `, ${cell}`).join("")}))`;
    // A preview's or spam's answers are nobody's: they are not read (its cells join the map of blank cells); the
    // kept submissions are all respondents' answers.
    selects.push(`SELECT ${index} AS f, ${sqlString(raw.file)} AS file, t.rowid__ AS r, t.line__ AS line,
        t.real__ AS real, ${e.statusText} AS status_text, ${e.finished} AS finished, ${key} AS submission_key,
        ${emailSql(e.emailText, "em.m")} AS email, i.instant,
        ${answered.length ? answered.join(" + ") : "0"} AS answered_questions
      FROM (SELECT t.rowid AS rowid__, t.*, ${rawLineSql(raw)} AS line__, ${e.real} AS real__ FROM ${rawFromSql(raw)}) AS t
      JOIN ${e.walls} AS w ON w.r = t.rowid__ JOIN ${instants} AS i ON i.wall = w.wall
      LEFT JOIN wave_${index}_emails AS em ON em.v = ${e.emailText}
      ${joins(() => "answered, trimmed", blanked)}`);
    answerSelects.push(`SELECT k.*${readings.map((r) => `, ${r}`).join("")}
      FROM (SELECT * FROM kept_rows WHERE f = ${index}) AS k JOIN (SELECT t.rowid AS rowid__, t.* FROM ${quoteIdentifier(raw.table)} AS t) AS t ON t.rowid__ = k.r
      ${joins((c) => fieldsOf(c).join(", "))}`);
  }
  await connection.run(`CREATE OR REPLACE TEMP TABLE submissions_read AS ${selects.join(" UNION ALL BY NAME ")}`);
  for (const e of exports) {
    for (const table of [e.raw.lines, e.walls]) if (table) await connection.run(`DROP TABLE ${quoteIdentifier(table)}`);
  }
  const tables = exports.flatMap((e) => [e.raw.table, ...e.columns.flatMap((c) => (c.map ? [c.map] : []))]);
  return { sql: answerSelects.join(" UNION ALL BY NAME "), readings: readingColumns, tables };
}

/** The ledger's rules over the wave's submissions, then the clean tables of the submissions they keep. */
async function stageWave(connection: DuckDBConnection, wave: WaveSpec, idKey: string, answers: Answers): Promise<void> {
  const { readings } = answers;
  // A reading column of the kept submissions (as `kept.…`), or NULL when no export of the wave asked the question.
  const readingOf = (id: QuestionId, field: string, row?: number) => (readings.has(readingColumn(id, field, row)) ? `kept.${readingColumn(id, field, row)}` : "NULL");
  const closes = endOfDay(wave.scope.closesOn, wave.scope.timeZone).getTime();
  // In the order of loaders/clean.ts: a submission seen in an earlier export is a repeat (previews and spam are no
  // submissions); then emptiness, lateness, the roster and the wave's scope.
  await connection.run(`CREATE OR REPLACE TEMP TABLE checked AS
    SELECT s.f, s.r, s.file, s.line, s.email, s.instant, x.first_place,
      CASE WHEN x.nth > 1 THEN 'repeated_export'
           WHEN NOT s.finished AND s.answered_questions = 0 THEN 'unfinished_empty'
           WHEN s.instant >= ${closes} THEN 'after_close'
           WHEN p.email IS NULL THEN 'not_in_roster'
           WHEN ${outOfScopeSql("p", wave.scope)} IS NOT NULL THEN 'out_of_scope' END AS reason,
      ${outOfScopeSql("p", wave.scope)} AS out_of_scope
    FROM submissions_read AS s
    JOIN (${firstSeenSql("(SELECT * FROM submissions_read WHERE real)", ["submission_key"])}) AS x ON x.f = s.f AND x.r = s.r
    LEFT JOIN people AS p ON p.email = s.email`);
  // Of one person's submissions, each is replaced by the next at least as late; the last one stands.
  await connection.run(`CREATE OR REPLACE TEMP TABLE ruled AS SELECT c.f, c.r, c.file, c.line, c.email, l.replaced FROM checked AS c
    JOIN (${latestPerPersonSql("(SELECT * FROM checked WHERE reason IS NULL)", ["email"], "instant")}) AS l ON l.f = c.f AND l.r = c.r`);
  const iso = `strftime(epoch_ms(instant), '%Y-%m-%dT%H:%M:%S.%gZ')`;
  await stageRows(connection, "exclusions", `
    SELECT ${sqlString(wave.source)} AS source, ${sqlString(wave.id)} AS wave, file, line, reason, detail FROM (
      SELECT file, line, 'preview_or_spam' AS reason, 'status ''' || status_text || ''' is not a respondent''s answer' AS detail FROM submissions_read WHERE NOT real
      UNION ALL
      SELECT file, line, reason, CASE reason
          WHEN 'repeated_export' THEN 'repeated in another export: same submission as ' || first_place
          WHEN 'unfinished_empty' THEN 'unfinished with no answers'
          WHEN 'after_close' THEN 'submitted ' || ${iso} || ', after the wave closed on ' || ${sqlString(`${wave.scope.closesOn} (${wave.scope.timeZone})`)}
          WHEN 'not_in_roster' THEN CASE WHEN email = '' THEN 'no email address' ELSE 'email not in the roster' END
          WHEN 'out_of_scope' THEN out_of_scope END
      FROM checked WHERE reason IS NOT NULL
      UNION ALL
      SELECT file, line, 'duplicate_replaced', replaced FROM ruled WHERE replaced IS NOT NULL
    )`);
  await idMap(connection, "ids", "SELECT email AS v FROM ruled WHERE replaced IS NULL", idKey);
  // The kept submissions (every other row is ledgered), with their person and id, then with their answers read
  // from the raw exports: every clean table is made of `kept` alone. The columns only the rules needed are left out.
  await connection.run(`CREATE OR REPLACE TEMP TABLE kept_rows AS
    SELECT ids.id AS respondent_id, s.* EXCLUDE (real, status_text, submission_key, email), p.cohort, p.cohort_order, p.stream, p.program_start, p.program_end, p.extension
    FROM ruled AS r JOIN submissions_read AS s ON s.f = r.f AND s.r = r.r JOIN people AS p ON p.email = s.email JOIN ids ON ids.v = s.email
    WHERE r.replaced IS NULL`);
  await connection.run("DROP TABLE submissions_read");
  await connection.run(`CREATE OR REPLACE TEMP TABLE kept AS ${answers.sql}`);
  for (const table of ["kept_rows", ...answers.tables]) await connection.run(`DROP TABLE ${quoteIdentifier(table)}`);
  const single = (id: QuestionId) => readingOf(id, "single");
  const selfChosen = single("cohort");
  const selfOther = readingOf("cohort", "other");
  const quoteConsent = `CASE WHEN ${single("quote_consent")} IS NULL THEN NULL ELSE ${single("quote_consent")} = 'Yes' END`;
  const roleStart = readingOf("role_start", "month");
  // A self-reported cohort "Other" takes the cohort its text names, when it names one (loaders/cohort.ts).
  await connection.run(`CREATE OR REPLACE TEMP TABLE kept_answers AS SELECT kept.f, kept.r,
      CASE WHEN ${selfChosen} = 'Other' THEN coalesce(${selfOther}, '') END AS self_other, ${selfChosen} AS self_chosen,
      ${roleStart}::DATE AS role_start
    FROM kept`);
  await mapValues(connection, "other_cohorts", `SELECT self_other AS v FROM kept_answers WHERE self_other IS NOT NULL`, [["cohort", "VARCHAR"]], (v) => [normaliseCohort(v)?.cohort ?? v]);
  await connection.run(`CREATE OR REPLACE TEMP TABLE kept_cohorts AS SELECT a.f, a.r, a.role_start,
      CASE WHEN a.self_other IS NOT NULL THEN o.cohort ELSE a.self_chosen END AS self_reported_cohort
    FROM kept_answers AS a LEFT JOIN other_cohorts AS o ON o.v = a.self_other`);
  await mapValues(connection, "canonical_cohorts", `SELECT self_reported_cohort AS v FROM kept_cohorts WHERE self_reported_cohort IS NOT NULL`, [["cohort", "VARCHAR"]], (v) => [normaliseCohort(v)?.cohort ?? null]);
  const monthsFrom = (instant: string) => `(${instant} - epoch_ms(kept.program_end::TIMESTAMP))::DOUBLE / 86400000 / ${365.25 / 12}`;
  const from = `kept JOIN kept_cohorts AS a ON a.f = kept.f AND a.r = kept.r LEFT JOIN canonical_cohorts AS c ON c.v = a.self_reported_cohort`;
  await stageRows(connection, "respondents", `
    SELECT kept.respondent_id, ${sqlString(wave.id)} AS wave, epoch_ms(kept.instant) AS submitted_at, kept.cohort, kept.cohort_order, kept.stream,
      kept.program_start, kept.program_end, kept.extension, ${monthsFrom("kept.instant")} AS months_since_end, kept.finished,
      a.self_reported_cohort, coalesce(c.cohort IS NOT NULL AND c.cohort <> kept.cohort, false) AS cohort_disagrees,
      ${single("degree")} AS degree, ${single("advanced")} AS advanced, ${single("published")} AS published, ${single("lower_stipend")} AS lower_stipend,
      ${quoteConsent} AS quote_consent, ${readingOf("other_outcome", "text")} IS NOT NULL AS other_outcome_answered,
      a.role_start, CASE WHEN a.role_start IS NULL THEN NULL ELSE ${monthsFrom("epoch_ms(a.role_start::TIMESTAMP)")} END AS months_to_role,
      kept.answered_questions, kept.file AS source_file, kept.line AS source_line
    FROM ${from}`);
  const flags: string[] = [
    `SELECT kept.respondent_id, kept.file, kept.line, 'cohort_disagrees' AS flag, 'answered ' || c.cohort || '; the roster''s first cohort, used, is ' || kept.cohort AS detail
     FROM ${from} WHERE c.cohort IS NOT NULL AND c.cohort <> kept.cohort`,
  ];
  const selections: string[] = [];
  const texts: string[] = [];
  const ratings: string[] = [];
  for (const [id, question] of wave.questions) {
    if (question.kind === "grid") {
      for (const [row, element] of (question.rows ?? []).entries()) {
        const rating = readingOf(id, "rating", row);
        if (rating !== "NULL") ratings.push(`SELECT kept.respondent_id, ${sqlString(element)} AS element, ${rating} AS rating FROM kept WHERE ${rating} IS NOT NULL`);
      }
      continue;
    }
    const note = readingOf(id, "note_flag");
    if (note !== "NULL") flags.push(`SELECT kept.respondent_id, kept.file, kept.line, ${note} AS flag, ${readingOf(id, "note_detail")} AS detail FROM kept WHERE ${note} IS NOT NULL`);
    const options = readingOf(id, "options");
    if (options !== "NULL") selections.push(`SELECT kept.respondent_id, ${sqlString(id)} AS question, unnest(${listSql(options)}) AS option FROM kept WHERE ${options} IS NOT NULL`);
    const text = readingOf(id, "text");
    const other = readingOf(id, "other");
    for (const [value, isOther] of [[text, false], [other, true]] as const) {
      if (value === "NULL") continue;
      texts.push(`SELECT kept.respondent_id, ${sqlString(id)} AS question, ${value} AS text, ${isOther} AS other_text, ${quoteConsent} AS quote_consent, kept.cohort FROM kept WHERE ${value} IS NOT NULL`);
    }
  }
  const waveId = sqlString(wave.id);
  const level = `CASE rating ${ratingScale.map((text) => `WHEN ${sqlString(text)} THEN ${ratingLevel(text)}`).join(" ")} ELSE ${ratingLevel("\u0001")} END`;
  // One statement per table: each question's rows are a scan of the kept submissions.
  const stageAll = async (table: TableName, queries: string[], columns: string) => {
    if (queries.length) await stageRows(connection, table, `SELECT ${columns} FROM (${queries.join("\nUNION ALL ")})`);
  };
  await stageAll("flags", flags, `respondent_id, ${waveId} AS wave, file, line, flag, detail`);
  await stageAll("selections", selections, `respondent_id, ${waveId} AS wave, question, option`);
  await stageAll("ratings", ratings, `respondent_id, ${waveId} AS wave, element, rating, ${level} AS rating_level`);
  await stageAll("free_text", texts, `respondent_id, ${waveId} AS wave, question, text, other_text, quote_consent, cohort`);
  await stageRows(connection, "population", `SELECT ${waveId} AS wave, any_value(cohort) AS cohort, cohort_order, stream, extension, count(*) AS alumni FROM people AS p WHERE ${outOfScopeSql("p", wave.scope)} IS NULL GROUP BY cohort_order, stream, extension`);
}
