// Reads a Google Forms export of an alumni survey wave: one header row, local timestamps, `, `-joined checkboxes.
import { hash } from "node:crypto";
import { AnswerReader, type Note, type UnknownAnswerCounts } from "./answers";
import { ContractError } from "./contract-error";
import { readCsvFile, splitHeader, type CsvRecord } from "./csv";
import { mapColumns, requireColumn } from "./header";
import { googleFormsColumns, type WaveSpec } from "./instrument";
import { normaliseEmail } from "./identity";
import type { Submission } from "./submission";
import { formDateOrderOf, parseFormTimestamp, type DateOrder } from "./time";

/** Checks a record has as many cells as the header: a mismatch means the file is not the CSV it claims to be. */
export function requireWidth(record: CsvRecord, width: number, file: string): void {
  if (record.cells.length !== width) {
    throw new ContractError(file, {
      row: record.line,
      expected: `${width} fields as in the header row`,
      got: `${record.cells.length} fields`,
    });
  }
}

export function readFormTimestamp(record: CsvRecord, index: number, column: string, timeZone: string, file: string, order: DateOrder = "month-first"): Date {
  const text = (record.cells[index] ?? "").trim();
  const instant = parseFormTimestamp(text, timeZone, order);
  if (!instant) throw new ContractError(file, { row: record.line, column, expected: order === "month-first" ? "M/D/YYYY H:MM:SS" : "D/M/YYYY H:MM:SS", got: text });
  return instant;
}

/** Records read ahead, at most, to learn an export's date order before any submission is yielded. */
const dateOrderLookahead = 20_000;

/**
 * The date order of a wave export's timestamps: as declared, else the first timestamp with a number above 12 shows it.
 * Returns the records read ahead (to be read again) with it; an export that never shows it is a contract error.
 */
function dateOrderOf(
  rest: Iterator<CsvRecord>,
  index: number,
  wave: WaveSpec,
  file: string,
  headerRow: number,
  waveOrder: () => DateOrder | null,
): { order: DateOrder; ahead: CsvRecord[] } {
  if (wave.dateOrder) return { order: wave.dateOrder, ahead: [] };
  const ahead: CsvRecord[] = [];
  for (let next = rest.next(); !next.done; next = rest.next()) {
    ahead.push(next.value);
    const order = formDateOrderOf(next.value.cells[index] ?? "");
    if (order) return { order, ahead };
    if (ahead.length >= dateOrderLookahead) break;
  }
  if (ahead.length === 0) return { order: "month-first", ahead };
  // A short export (a re-export of a few rows) takes the order its wave's other exports show.
  const shown = waveOrder();
  if (shown) return { order: shown, ahead };
  throw new ContractError(file, {
    row: headerRow,
    column: googleFormsColumns.timestamp,
    expected: `timestamps that show whether the day or the month comes first (a number above 12), or the wave's "dateOrder" declared in instrument.json`,
    found: `every day and month 12 or below in ${ahead.length} row(s)`,
  });
}

/** A wave export in which no real response has an email address cannot be joined to the roster: stop, never count 0. */
export function requireEmails(responses: number, withEmail: number, file: string, column: string, headerRow: number): void {
  if (responses > 0 && withEmail === 0) {
    throw new ContractError(file, {
      row: headerRow,
      column,
      expected: "respondents' email addresses (a survey that collects emails, not an anonymous link)",
      found: `no email address in any of ${responses} response(s)`,
    });
  }
}

/** The date order the timestamps of the export at `path` show, reading only as far as the first that shows it. */
export function scanDateOrder(path: string, file: string): DateOrder | null {
  const { header, rest } = splitHeader(readCsvFile(path, file), 1);
  if (header.length === 0) return null;
  const index = requireColumn(header[0].cells, googleFormsColumns.timestamp, file, header[0].line);
  for (const record of rest) {
    const order = formDateOrderOf(record.cells[index] ?? "");
    if (order) return order;
  }
  return null;
}

export function* readGoogleFormsWave(
  records: Iterable<CsvRecord>,
  file: string,
  wave: WaveSpec,
  waveOrder: () => DateOrder | null = () => null,
  unknownAnswers: UnknownAnswerCounts = new Map(),
): Generator<Submission> {
  const {
    header: [header],
    rest,
  } = splitHeader(records, 1);
  const headers = header.cells;
  const timestampIndex = requireColumn(headers, googleFormsColumns.timestamp, file, header.line);
  const emailIndex = requireColumn(headers, googleFormsColumns.email, file, header.line);
  const columns = mapColumns(headers, wave, file, header.line);
  const reader = new AnswerReader(columns, wave, file, unknownAnswers);
  const answerIndexes = [...columns.questions.values(), ...[...columns.grid.values()].flatMap((rows) => [...rows.values()])]
    .map((c) => c.index)
    .sort((a, b) => a - b);
  const { order, ahead } = dateOrderOf(rest, timestampIndex, wave, file, header.line, waveOrder);
  let responses = 0;
  let withEmail = 0;
  const submissions = function* (): Generator<CsvRecord> {
    // Each record read ahead is let go once yielded.
    for (let i = 0; i < ahead.length; i += 1) {
      const record = ahead[i];
      ahead[i] = undefined as unknown as CsvRecord;
      yield record;
    }
    yield* rest;
  };
  for (const record of submissions()) {
    requireWidth(record, headers.length, file);
    const submittedAt = readFormTimestamp(record, timestampIndex, googleFormsColumns.timestamp, wave.timeZone, file, order);
    const email = normaliseEmail(record.cells[emailIndex]);
    responses += 1;
    if (email !== "") withEmail += 1;
    const notes: Note[] = [];
    const answers = reader.read(record, notes);
    // Google Forms has no response id: the same submission is the same person, time and answers.
    const submissionKey = hash("sha256", [email, submittedAt.toISOString(), ...answerIndexes.map((i) => record.cells[i].trim())].join("\u0000"), "hex");
    yield {
      wave: wave.id,
      file,
      line: record.line,
      email,
      submittedAt,
      finished: true,
      status: "response",
      statusText: "",
      submissionKey,
      answers,
      notes,
    } satisfies Submission;
  }
  requireEmails(responses, withEmail, file, googleFormsColumns.email, header.line);
}
