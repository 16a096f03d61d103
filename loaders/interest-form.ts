// Cleans the interest-form exports (Google Forms): who heard of the program how, at which career stage. DuckDB reads
// the exports and applies the ledger's rules to every row at once; each distinct answer text is read by the rules
// of loaders/checkbox.ts and cohort.ts, and a contract error names the first row that breaks one.
import type { DuckDBConnection } from "@duckdb/node-api";
import { splitCheckbox } from "./checkbox";
import { normaliseCohort } from "./cohort";
import { ContractError } from "./contract-error";
import { readFormTimestamp } from "./google-forms";
import { requireColumn } from "./header";
import { normaliseEmail } from "./identity";
import { googleFormsColumns, interestForm } from "./instrument";
import type { NameWords } from "./masking";
import { firstRow, gatherRawNames, loadRawExport, rawCell, rawCellAt, rawRecordsSql, type RawExport } from "./raw-export";
import { emailMap, emailSql, formPartsSql, formWallSql, idMap, instantsOf, listSeparator, listSql, mapValues } from "./sql-values";
import { firstFault, firstSeenSql, latestPerPersonSql, type Fault, type PartFiles } from "./sql-clean";
import { stageRows } from "./staging";
import { quoteIdentifier, sqlString } from "../src/survey/sql";



/**
 * Cleans every interest-form export of `files` into the staged rows of `applicants`, `applicant_channels` and
 * `exclusions` (loaders/sql-clean.ts); returns each file's rows in.
 */
export async function cleanInterestForms(connection: DuckDBConnection, files: PartFiles, names: NameWords | null): Promise<Map<string, number>> {
  const rowsIn = new Map<string, number>();
  const parts: string[] = [];
  for (const { file, path, index } of files.sources) {
    const raw = await loadRawExport(connection, path, file, 1, `interest_${index}`);
    const [header] = raw.header;
    const column = (name: string) => requireColumn(header.cells, name, file, header.line);
    const timestamp = column(googleFormsColumns.timestamp);
    const email = column(googleFormsColumns.email);
    const cohort = column(interestForm.headers.cohort_of_interest);
    const channels = column(interestForm.headers.channels);
    const stage = column(interestForm.headers.career_stage);
    await gatherRawNames(connection, raw, names);
    const t = quoteIdentifier(raw.table);
    const stages: readonly string[] = interestForm.careerStages;
    const stageMap = `interest_${index}_stages`;
    await mapValues(connection, stageMap, `SELECT ${rawCell(stage)} AS v FROM ${t} AS t`, [["stage", "VARCHAR"], ["bad", "BOOLEAN"]], (v) => {
      const text = v.trim();
      return [text === "" ? null : text, text !== "" && !stages.includes(text)];
    });
    // The rules of a row in the order a reader applies them: its career stage, then its timestamp.
    const faults: Fault[] = [];
    const badStage = await firstRow(connection, `${t} AS t JOIN ${stageMap} AS m ON m.v = ${rawCell(stage)}`, "m.bad");
    if (badStage !== null) {
      faults.push({ rowid: badStage, order: 0, error: () => stageError(connection, raw, badStage, stage) });
    }
    const walls = `interest_${index}_walls`;
    await connection.run(`CREATE OR REPLACE TEMP TABLE ${walls} AS SELECT rowid AS r, ${formWallSql("p", "month-first")} AS wall FROM (SELECT rowid, ${formPartsSql(rawCell(timestamp))} AS p FROM ${t} AS t)`);
    const badTime = await firstRow(connection, `${walls} AS t`, "t.wall IS NULL");
    if (badTime !== null) faults.push({ rowid: badTime, order: 1, error: () => timestampError(connection, raw, badTime, timestamp) });
    await firstFault(faults, raw);
    rowsIn.set(file, raw.rows);
    await instantsOf(connection, `interest_${index}_instants`, `SELECT wall FROM ${walls}`, interestForm.timeZone);
    await emailMap(connection, `interest_${index}_emails`, `SELECT ${rawCell(email)} AS v FROM ${t} AS t`, normaliseEmail);
    const cohorts = `interest_${index}_cohorts`;
    await mapValues(connection, cohorts, `SELECT ${rawCell(cohort)} AS v FROM ${t} AS t`, [["cohort", "VARCHAR"]], (v) => {
      const text = v.trim();
      return [text === "" ? null : (normaliseCohort(text)?.cohort ?? text)];
    });
    const channelMap = `interest_${index}_channels`;
    await mapValues(connection, channelMap, `SELECT ${rawCell(channels)} AS v FROM ${t} AS t`, [["channels", "VARCHAR"]], (v) => {
      const { options, other } = splitCheckbox(v, interestForm.channelOptions, interestForm.separator);
      return [(other === null ? options : [...options, "Other"]).join(listSeparator)];
    });
    const records = rawRecordsSql(raw, {
      email_text: rawCell(email),
      stage_text: rawCell(stage),
      cohort_text: rawCell(cohort),
      channels_text: rawCell(channels),
    });
    parts.push(
      `SELECT ${index} AS f, ${sqlString(file)} AS file, rec.r, rec.line, ${emailSql("rec.email_text", "e.m")} AS email, i.instant AS at_ms, c.cohort, s.stage, ch.channels
       FROM (${records}) AS rec
       JOIN ${walls} AS w ON w.r = rec.r JOIN interest_${index}_instants AS i ON i.wall = w.wall
       LEFT JOIN interest_${index}_emails AS e ON e.v = rec.email_text
       JOIN ${cohorts} AS c ON c.v = rec.cohort_text JOIN ${stageMap} AS s ON s.v = rec.stage_text JOIN ${channelMap} AS ch ON ch.v = rec.channels_text`,
    );
  }
  if (parts.length === 0) return new Map();
  await connection.run(`CREATE OR REPLACE TEMP TABLE interest AS ${parts.join(" UNION ALL ")}`);
  for (const { index } of files.sources) {
    for (const suffix of ["", "__lines", "_stages", "_walls", "_instants", "_emails", "_cohorts", "_channels"]) await connection.run(`DROP TABLE IF EXISTS ${quoteIdentifier(`interest_${index}${suffix}`)}`);
  }
  // The ledger's rules, as for survey waves (loaders/sql-clean.ts): the same person, time and cohort seen in an earlier
  // export is a repeat; of one person's submissions for one cohort, the latest stands.
  const person = ["email", "coalesce(cohort, '')"];
  // The rules read only the columns they need: each window keeps every column it is given.
  const ruleColumns = "i.f, i.r, i.file, i.line, i.email, i.cohort, i.at_ms";
  await connection.run(`CREATE OR REPLACE TEMP TABLE interest_seen AS ${firstSeenSql(`(SELECT ${ruleColumns} FROM interest AS i)`, [...person, "at_ms"])}`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE interest_ruled AS
    ${latestPerPersonSql(`(SELECT ${ruleColumns} FROM interest AS i JOIN interest_seen AS s ON s.f = i.f AND s.r = i.r WHERE s.nth = 1)`, person, "at_ms")}`);
  const source = sqlString(interestForm.source);
  await stageRows(connection, "exclusions", `
    SELECT ${source} AS source, NULL AS wave, i.file, i.line, 'repeated_export' AS reason, 'repeated in another export: same submission as ' || s.first_place AS detail
      FROM interest AS i JOIN interest_seen AS s ON s.f = i.f AND s.r = i.r WHERE s.nth > 1
    UNION ALL SELECT ${source}, NULL, i.file, i.line, 'duplicate_replaced', l.replaced FROM interest AS i JOIN interest_ruled AS l ON l.f = i.f AND l.r = i.r WHERE l.replaced IS NOT NULL`);
  const kept = "interest AS i JOIN interest_ruled AS l ON l.f = i.f AND l.r = i.r AND l.replaced IS NULL";
  await idMap(connection, "interest_ids", `SELECT i.email AS v FROM ${kept}`, files.idKey);
  // Each staged table runs the join itself: a copy of the kept rows was the cleaning's peak memory at a million.
  const withIds = `${kept} JOIN interest_ids AS ids ON ids.v = i.email`;
  await stageRows(connection, "applicants", `SELECT ids.id AS applicant_id, epoch_ms(i.at_ms) AS submitted_at, i.cohort AS cohort_of_interest, i.stage AS career_stage, i.file AS source_file, i.line AS source_line FROM ${withIds}`);
  await stageRows(connection, "applicant_channels", `SELECT ids.id AS applicant_id, i.cohort AS cohort_of_interest, unnest(${listSql("i.channels")}) AS channel FROM ${withIds}`);
  for (const table of ["interest", "interest_seen", "interest_ruled", "interest_ids"]) await connection.run(`DROP TABLE ${table}`);
  return rowsIn;
}


async function stageError(connection: DuckDBConnection, raw: RawExport, rowid: number, stage: number): Promise<never> {
  throw new ContractError(raw.file, {
    row: raw.lineOf(rowid),
    column: interestForm.headers.career_stage,
    expected: `one of ${interestForm.careerStages.map((s) => `'${s}'`).join(", ")}`,
    got: (await rawCellAt(connection, raw, rowid, stage)).trim(),
  });
}

async function timestampError(connection: DuckDBConnection, raw: RawExport, rowid: number, timestamp: number): Promise<never> {
  const text = await rawCellAt(connection, raw, rowid, timestamp);
  readFormTimestamp({ line: raw.lineOf(rowid), cells: [text] }, 0, googleFormsColumns.timestamp, interestForm.timeZone, raw.file);
  throw new Error(`${raw.file}: the timestamp of line ${raw.lineOf(rowid)} was refused by SQL and read by TypeScript`);
}

