// Reads the program's roster: one row per scholar per cohort, cohorts spelled loosely in older records.
import { z } from "zod";
import { normaliseCohort } from "./cohort";
import type { DuckDBConnection } from "@duckdb/node-api";
import { requireColumn } from "./header";
import { normaliseEmail } from "./identity";
import { rosterColumns, type WaveScope } from "./instrument";
import type { NameWords } from "./masking";
import { firstRow, gatherRawNames, loadRawExport, rawCell, rawCellAt, rawRecordsSql, type RawExport } from "./raw-export";
import { firstFault, type Fault, type PartFiles } from "./sql-clean";
import { emailMap, emailSql, mapValues, trimmedSql } from "./sql-values";
import { quoteIdentifier, sqlString } from "../src/survey/sql";
import { parseRecord } from "./record";
import { parseIsoDate } from "./time";

const isoDate = z.string().transform((text, context) => {
  const date = parseIsoDate(text);
  if (!date) {
    context.addIssue({ code: "custom", message: "an ISO date YYYY-MM-DD" });
    return z.NEVER;
  }
  return date;
});

const flag = z
  .string()
  .transform((text) => text.trim().toUpperCase())
  .pipe(z.enum(["TRUE", "FALSE"], { error: "TRUE or FALSE" }))
  .transform((text) => text === "TRUE");

const cohort = z.string().transform((text, context) => {
  const reading = normaliseCohort(text);
  if (!reading) {
    context.addIssue({ code: "custom", message: "a cohort such as 'Summer 2023', 'MATS 3.1' or 'W22-23'" });
    return z.NEVER;
  }
  return reading;
});

export const emailPattern = /^[^@\s]+@[^@\s]+$/;

export const rosterRow = z.object({
  email: z
    .string()
    .transform(normaliseEmail)
    .pipe(z.string().regex(emailPattern, { error: "an email address" })),
  cohort,
  stream: z.string().trim(),
  program_start: isoDate,
  program_end: isoDate,
  completed: flag,
  extension: flag,
});

export type RosterRow = z.output<typeof rosterRow>;

function readFlag(text: string): boolean | null {
  const flag = text.trim().toUpperCase();
  return flag === "TRUE" ? true : flag === "FALSE" ? false : null;
}

/**
 * Reads the roster exports into table `participations` (one row per scholar per cohort: `email` normalised,
 * `cohort`, `cohort_order`, `stream`, dates, `completed`, `extension` with the extension phase of `MATS N.1`),
 * refusing the first row `rosterRow` refuses with its words. Returns each file's rows.
 */
export async function loadRoster(connection: DuckDBConnection, sources: PartFiles["sources"], names: NameWords | null): Promise<Map<string, number>> {
  const used = rosterColumns.filter((name) => name !== "full_name" && name !== "scholar_id");
  const rowsIn = new Map<string, number>();
  const parts: string[] = [];
  for (const { file, path, index } of sources) {
    const raw = await loadRawExport(connection, path, file, 1, `roster_${index}`);
    const [header] = raw.header;
    const indexes = used.map((name) => [name, requireColumn(header.cells, name, file, header.line)] as const);
    const cell = (name: string) => rawCell(indexes.find(([n]) => n === name)![1]);
    await gatherRawNames(connection, raw, names);
    const t = quoteIdentifier(raw.table);
    const maps = `roster_${index}`;
    await mapValues(connection, `${maps}_cohorts`, `SELECT ${cell("cohort")} AS v FROM ${t} AS t`, [["cohort", "VARCHAR"], ["cohort_order", "INTEGER"], ["extension_phase", "BOOLEAN"]], (v) => {
      const reading = normaliseCohort(v);
      return reading ? [reading.cohort, reading.order, reading.extensionPhase] : [null, null, null];
    });
    await mapValues(connection, `${maps}_dates`, `SELECT ${cell("program_start")} AS v FROM ${t} AS t UNION ALL SELECT ${cell("program_end")} FROM ${t} AS t`, [["date", "VARCHAR"]], (v) => [parseIsoDate(v)?.toISOString().slice(0, 10) ?? null]);
    await mapValues(connection, `${maps}_flags`, `SELECT ${cell("completed")} AS v FROM ${t} AS t UNION ALL SELECT ${cell("extension")} FROM ${t} AS t`, [["flag", "BOOLEAN"]], (v) => [readFlag(v)]);
    await emailMap(connection, `${maps}_emails`, `SELECT ${cell("email")} AS v FROM ${t} AS t`, normaliseEmail);
    const records = rawRecordsSql(raw, Object.fromEntries(used.map((name) => [name, cell(name)])));
    await connection.run(`CREATE OR REPLACE TEMP TABLE ${maps}_read AS
      SELECT ${index} AS f, rec.r, rec.line, ${emailSql("rec.email", "e.m")} AS email, c.cohort, c.cohort_order, c.extension_phase,
        ${trimmedSql("rec.stream")} AS stream, s.date AS program_start, en.date AS program_end, fc.flag AS completed, fe.flag AS extension
      FROM (${records}) AS rec LEFT JOIN ${maps}_emails AS e ON e.v = rec.email
      JOIN ${maps}_cohorts AS c ON c.v = rec.cohort JOIN ${maps}_dates AS s ON s.v = rec.program_start JOIN ${maps}_dates AS en ON en.v = rec.program_end
      JOIN ${maps}_flags AS fc ON fc.v = rec.completed JOIN ${maps}_flags AS fe ON fe.v = rec.extension`);
    const valid = `regexp_full_match(email, ${sqlString(emailPatternRe2)}) AND cohort IS NOT NULL AND program_start IS NOT NULL AND program_end IS NOT NULL AND completed IS NOT NULL AND extension IS NOT NULL`;
    const bad = await firstRow(connection, `${maps}_read AS t`, `NOT (${valid})`);
    const faults: Fault[] = [];
    if (bad !== null) faults.push({ rowid: bad, order: 0, error: () => rosterError(connection, raw, bad, indexes) });
    await firstFault(faults, raw);
    rowsIn.set(file, raw.rows);
    parts.push(`SELECT f, r, email, cohort, cohort_order, stream, program_start::DATE AS program_start, program_end::DATE AS program_end, completed, extension OR extension_phase AS extension FROM ${maps}_read`);
  }
  await connection.run(`CREATE OR REPLACE TEMP TABLE participations AS ${parts.join(" UNION ALL ")}`);
  for (const { index } of sources) {
    for (const table of [`roster_${index}`, `roster_${index}__lines`, `roster_${index}_read`, `roster_${index}_cohorts`, `roster_${index}_dates`, `roster_${index}_flags`, `roster_${index}_emails`]) {
      await connection.run(`DROP TABLE IF EXISTS ${quoteIdentifier(table)}`);
    }
  }
  return rowsIn;
}

/** `rosterRow`'s words for the row SQL found unreadable. */
async function rosterError(connection: DuckDBConnection, raw: RawExport, rowid: number, indexes: readonly (readonly [string, number])[]): Promise<never> {
  const cells: Record<string, string> = {};
  for (const [name, index] of indexes) cells[name] = await rawCellAt(connection, raw, rowid, index);
  parseRecord(rosterRow, cells, raw.file, raw.lineOf(rowid));
  throw new Error(`${raw.file}: line ${raw.lineOf(rowid)} was refused in SQL and read by TypeScript`);
}

/** The roster's email check in RE2, JavaScript's \s spelled out. */
const jsSpace = "\\t\\n\\x0B\\f\\r \\x{00a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}";
const emailPatternRe2 = `[^@${jsSpace}]+@[^@${jsSpace}]+`;

/**
 * The table `people` of the participations: one row per person (email), counted in their first cohort (by cohort
 * order, then start date, then the row read first), with that cohort's extension phase, and the first cohort order
 * they completed a program of (a wave's scope asks whether it is among the wave's cohorts).
 */
export async function loadPeople(connection: DuckDBConnection): Promise<void> {
  // One aggregate per person: their first participation by (cohort order, start, file, row), and the least of
  // (cohort order, no extension), whose second part is false when any participation in the first cohort is an
  // extension. The roster's rows have no NULL in these columns (loadRoster refuses them), so every key orders whole,
  // and (file, row) makes it unique: the first participation is one row, read back by its row id. (A window numbering
  // each person's rows, joined back to them and grouped again, took 9.6 s at 4.4 M rows; keeping the first row's
  // columns in the aggregate as a struct, 3.9-4.2 s against 3.3-3.5 s for its row id and the join.)
  await connection.run(`CREATE OR REPLACE TEMP TABLE people AS
    SELECT g.email, p.cohort, p.cohort_order, p.stream, p.program_start, p.program_end,
      NOT g.first_order.no_extension AS extension, g.first_completed_order
    FROM (
      SELECT email,
        arg_min(rowid, {'cohort_order': cohort_order, 'program_start': program_start, 'f': f, 'r': r}) AS first_row,
        min({'cohort_order': cohort_order, 'no_extension': NOT extension}) AS first_order,
        min(cohort_order) FILTER (WHERE completed) AS first_completed_order
      FROM participations GROUP BY email
    ) AS g JOIN participations AS p ON p.rowid = g.first_row`);
  await connection.run("DROP TABLE participations");
}

/** Why a person of `people` (as `alias`) is outside a wave's scope, or NULL when they are in it (loaders/people.ts's rule). */
export function outOfScopeSql(alias: string, scope: WaveScope): string {
  return `CASE WHEN ${alias}.cohort_order > ${scope.lastCohortOrder} THEN 'first cohort ' || ${alias}.cohort || ' is after the wave''s cohorts'
    ${scope.completedOnly ? `WHEN coalesce(${alias}.first_completed_order > ${scope.lastCohortOrder}, true) THEN 'did not complete the program'` : ""} END`;
}
