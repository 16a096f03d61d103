// Reads a Google Forms export of an alumni survey wave: one header row, local timestamps, `, `-joined checkboxes.
import { createHash } from "node:crypto";
import { readAnswers, type Note } from "./answers";
import { ContractError } from "./contract-error";
import { splitHeader, type CsvRecord } from "./csv";
import { mapColumns, requireColumn } from "./header";
import { googleFormsColumns, type WaveSpec } from "./instrument";
import { normaliseEmail } from "./identity";
import type { Submission } from "./submission";
import { parseFormTimestamp } from "./time";

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

export function readFormTimestamp(record: CsvRecord, index: number, column: string, timeZone: string, file: string): Date {
  const text = (record.cells[index] ?? "").trim();
  const instant = parseFormTimestamp(text, timeZone);
  if (!instant) throw new ContractError(file, { row: record.line, column, expected: "M/D/YYYY H:MM:SS", got: text });
  return instant;
}

export function* readGoogleFormsWave(records: Iterable<CsvRecord>, file: string, wave: WaveSpec): Generator<Submission> {
  const {
    header: [header],
    rest,
  } = splitHeader(records, 1);
  const headers = header.cells;
  const timestampIndex = requireColumn(headers, googleFormsColumns.timestamp, file, header.line);
  const emailIndex = requireColumn(headers, googleFormsColumns.email, file, header.line);
  const columns = mapColumns(headers, wave, file, header.line);
  const answerIndexes = [...columns.questions.values(), ...[...columns.grid.values()].flatMap((rows) => [...rows.values()])]
    .map((c) => c.index)
    .sort((a, b) => a - b);
  for (const record of rest) {
    requireWidth(record, headers.length, file);
    const submittedAt = readFormTimestamp(record, timestampIndex, googleFormsColumns.timestamp, wave.timeZone, file);
    const email = normaliseEmail(record.cells[emailIndex]);
    const notes: Note[] = [];
    const answers = readAnswers(record, columns, wave, file, notes);
    // Google Forms has no response id: the same submission is the same person, time and answers.
    const submissionKey = createHash("sha256")
      .update([email, submittedAt.toISOString(), ...answerIndexes.map((i) => record.cells[i].trim())].join("\u0000"))
      .digest("hex");
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
}
