// The value rules of the cleaning (loaders/time.ts, identity.ts, and any rule of few distinct values) applied in
// DuckDB to a whole column at once, giving exactly what the TypeScript rule gives each value: where SQL cannot be
// exact (text that is not ASCII, a rule with many branches), the TypeScript rule is applied to each distinct value.
import { blobValue, type DuckDBConnection } from "@duckdb/node-api";
import { quoteIdentifier, sqlString } from "../src/survey/sql";
import { hmacPads, idLength } from "./identity";
import { type DateOrder, zoneOffsetAt } from "./time";

/** The characters String.prototype.trim removes: white space and line terminators. */
const jsWhitespace = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

/** `text.trim()`, for a text column that may be NULL (read as the empty cell). */
export function trimmedSql(expression: string): string {
  const text = `coalesce(${expression}, '')`;
  const space = sqlString(jsWhitespace);
  // Most texts start and end with neither: they skip the slower trim of a set of characters.
  return `(CASE WHEN ${text} = '' OR (strpos(${space}, left(${text}, 1)) = 0 AND strpos(${space}, right(${text}, 1)) = 0) THEN ${text} ELSE trim(${text}, ${space}) END)`;
}

/** Whether a text is ASCII only, where SQL's lower() and JavaScript's toLowerCase() agree. */
export function asciiSql(expression: string): string {
  return `regexp_full_match(${expression}, '[\\x00-\\x7f]*')`;
}

export type MappedCell = string | number | boolean | null;

/**
 * A table `name` (v VARCHAR, then `columns`) holding `rule(v)` for every distinct text the query `values` (one
 * column, `v`) gives, NULL read as the empty cell. The rule is the TypeScript one, run once per distinct text.
 */
export async function mapValues(
  connection: DuckDBConnection,
  name: string,
  values: string,
  columns: readonly (readonly [string, "VARCHAR" | "BOOLEAN" | "DOUBLE" | "INTEGER"])[],
  rule: (value: string) => readonly MappedCell[],
): Promise<void> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(name)} (v VARCHAR${columns.map(([n, t]) => `, ${quoteIdentifier(n)} ${t}`).join("")})`);
  // Read a batch at a time, each whole before the appender writes (its flush is a statement on the connection,
  // which would end a streamed result).
  const distinct = quoteIdentifier(`${name}__distinct`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${distinct} AS SELECT DISTINCT coalesce(v, '') AS v FROM (${values})`);
  const appender = await connection.createAppender(name, "main", "temp");
  try {
    for (let from = 0; ; from += mapBatch) {
      // As bytes: DuckDB's client decodes a text as UTF-8 and drops a byte-order mark it starts with, so a cell that
      // began with one was looked up without it and silently read as blank.
      const batch = ((await connection.runAndReadAll(`SELECT encode(v) FROM ${distinct} WHERE rowid >= ${from} AND rowid < ${from + mapBatch}`)).getColumnsJS()[0] ?? []) as Uint8Array[];
      if (batch.length === 0) break;
      for (const value of batch.map((bytes) => exactText.decode(bytes))) {
        const cells = rule(value);
        appender.appendVarchar(value);
        columns.forEach(([, type], i) => {
          const cell = cells[i];
          if (cell === null || cell === undefined) appender.appendNull();
          else if (type === "VARCHAR") appender.appendVarchar(String(cell));
          else if (type === "BOOLEAN") appender.appendBoolean(Boolean(cell));
          else if (type === "INTEGER") appender.appendInteger(Number(cell));
          else appender.appendDouble(Number(cell));
        });
        appender.endRow();
      }
    }
  } finally {
    appender.closeSync();
    await connection.run(`DROP TABLE ${distinct}`);
  }
}

/**
 * A table `name` (v VARCHAR, id VARCHAR) holding identity.ts's pseudonymousId(v, key) for every distinct normalised
 * email the query `values` (one column, `v`) gives, NULL read as the empty text: the same HMAC-SHA256, in DuckDB
 * (for a million emails, 0.7 s on two cores; in TypeScript the hashes alone took 2.0 s and reading the emails
 * out 2.3 s more). The key's pads are bound as
 * parameters, never written into the statement's text.
 */
export async function idMap(connection: DuckDBConnection, name: string, values: string, key: string): Promise<void> {
  const { inner, outer } = hmacPads(key);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(name)} AS
     SELECT v, left(sha256($2::BLOB || unhex(sha256($1::BLOB || encode(v)))), ${idLength}) AS id FROM (SELECT DISTINCT coalesce(v, '') AS v FROM (${values}))`,
    [blobValue(inner), blobValue(outer)],
  );
}

/** UTF-8 decoded as it is, a leading byte-order mark included. */
const exactText = new TextDecoder("utf-8", { ignoreBOM: true });

/** Distinct texts a rule reads at a time. */
const mapBatch = 100_000;

/** Lists kept in a mapped text column (options of the instrument, which never hold this character), split by `listSql`. */
export const listSeparator = "\u001f";

export function listSql(expression: string): string {
  return `CASE WHEN ${expression} = '' THEN []::VARCHAR[] ELSE string_split(${expression}, chr(31)) END`;
}

export type Appender = Awaited<ReturnType<DuckDBConnection["createAppender"]>>;

/** `normaliseEmail(text)`: trimmed and lower-cased; texts that are not ASCII through `normalise` itself (joined from `table`). */
export async function emailMap(connection: DuckDBConnection, name: string, values: string, normalise: (text: string) => string): Promise<void> {
  await mapValues(connection, name, `SELECT v FROM (${values}) WHERE NOT ${asciiSql("coalesce(v, '')")}`, [["m", "VARCHAR"]], (v) => [normalise(v)]);
}

/** The SQL of a normalised email for `expression`, given `mapped`: the column of `emailMap`'s table joined on the text (ON v = coalesce(expression, '')). */
export function emailSql(expression: string, mapped: string): string {
  return `coalesce(${mapped}, lower(${trimmedSql(expression)}))`;
}

const QUARTER_HOUR = 900_000;

/**
 * The instant of each wall-clock time of `walls` (a query giving `wall`, BIGINT milliseconds of the wall clock
 * read as UTC) in `timeZone`, as loaders/time.ts's wallClockToInstant gives it: the zone's offset is taken at the
 * wall time's quarter hour, then again at the guessed instant's. Creates table `name` (wall BIGINT, instant BIGINT).
 */
export async function instantsOf(connection: DuckDBConnection, name: string, walls: string, timeZone: string): Promise<void> {
  const offsets = `${name}__offsets`;
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(offsets)} (q BIGINT, offset_ms BIGINT)`);
  const addOffsets = async (quarters: string) => {
    const rows = (await connection.runAndReadAll(quarters)).getColumnsJS()[0] ?? [];
    if (rows.length === 0) return;
    const appender = await connection.createAppender(offsets, "main", "temp");
    for (const q of rows) {
      appender.appendBigInt(BigInt(q as number | bigint));
      appender.appendBigInt(BigInt(zoneOffsetAt(Number(q) * QUARTER_HOUR, timeZone)));
      appender.endRow();
    }
    appender.closeSync();
  };
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(`${name}__walls`)} AS SELECT DISTINCT wall FROM (${walls}) WHERE wall IS NOT NULL`);
  const wallsTable = quoteIdentifier(`${name}__walls`);
  await addOffsets(`SELECT DISTINCT wall // ${QUARTER_HOUR} FROM ${wallsTable}`);
  const guesses = `SELECT w.wall, w.wall - o.offset_ms AS guess FROM ${wallsTable} AS w JOIN ${quoteIdentifier(offsets)} AS o ON o.q = w.wall // ${QUARTER_HOUR}`;
  await addOffsets(`SELECT DISTINCT guess // ${QUARTER_HOUR} AS q FROM (${guesses}) WHERE q NOT IN (SELECT q FROM ${quoteIdentifier(offsets)})`);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(name)} AS SELECT g.wall, g.wall - o.offset_ms AS instant FROM (${guesses}) AS g JOIN ${quoteIdentifier(offsets)} AS o ON o.q = g.guess // ${QUARTER_HOUR}`,
  );
  await connection.run(`DROP TABLE ${wallsTable}`);
}

/** A wall-clock time read as UTC, in ms, from calendar parts; NULL unless they pass time.ts's validCalendar (years below 100 are 19xx, as Date.UTC reads them). */
function wallSql(year: string, month: string, day: string, hour: string, minute: string, second: string): string {
  const y = `(CASE WHEN ${year} < 100 THEN ${year} + 1900 ELSE ${year} END)`;
  const valid = `${month} BETWEEN 1 AND 12 AND ${day} >= 1 AND ${hour} <= 23 AND ${minute} <= 59 AND ${second} <= 59 AND ${day} <= day(last_day(make_date(${y}, ${month}, 1)))`;
  return `CASE WHEN ${valid} THEN epoch_ms(make_timestamp(${y}, ${month}, ${day}, ${hour}, ${minute}, ${second})) END`;
}

/** The parts of a Google Forms timestamp (`M/D/YYYY H:MM:SS`, or day first) as a struct of texts, empty when it is none. */
export function formPartsSql(text: string): string {
  return `regexp_extract(${trimmedSql(text)}, '^(\\d{1,2})/(\\d{1,2})/(\\d{4}) (\\d{1,2}):(\\d{2}):(\\d{2})$', ['a', 'b', 'y', 'h', 'mi', 's'])`;
}

/** The parts of a Qualtrics time (`YYYY-MM-DD HH:MM:SS`) as a struct of texts, empty when it is none. */
export function qualtricsPartsSql(text: string): string {
  return `regexp_extract(${trimmedSql(text)}, '^(\\d{4})-(\\d{2})-(\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})$', ['y', 'm', 'd', 'h', 'mi', 's'])`;
}

/** Wall-clock ms of the time whose `qualtricsPartsSql` struct is `parts`, as time.ts's parseQualtricsTimestamp reads it; NULL when it is none. */
export function qualtricsWallSql(parts: string): string {
  const part = (field: string) => `TRY_CAST(nullif(${parts}.${field}, '') AS INTEGER)`;
  return wallSql(part("y"), part("m"), part("d"), part("h"), part("mi"), part("s"));
}

/** Wall-clock ms of the timestamp whose `formPartsSql` struct is `parts`, as time.ts's parseFormTimestamp reads it; NULL when it is none. */
export function formWallSql(parts: string, order: DateOrder): string {
  const part = (field: string) => `TRY_CAST(nullif(${parts}.${field}, '') AS INTEGER)`;
  const [month, day] = order === "month-first" ? [part("a"), part("b")] : [part("b"), part("a")];
  return wallSql(part("y"), month, day, part("h"), part("mi"), part("s"));
}
