// Reads a Qualtrics export of an alumni survey wave: three header rows, questions matched by their row-2 text.
import { z } from "zod";
import { AnswerReader, emptyAnswers, type Note, type UnknownAnswerCounts } from "./answers";
import { ContractError } from "./contract-error";
import { splitHeader, type CsvRecord } from "./csv";
import { requireEmails, requireWidth } from "./google-forms";
import { mapColumns, requireColumn } from "./header";
import { qualtricsColumns, qualtricsRealStatus, qualtricsRealStatusCode, type WaveSpec } from "./instrument";
import { normaliseEmail } from "./identity";
import { parseRecord } from "./record";
import type { Submission } from "./submission";
import { parseQualtricsTimestamp } from "./time";

const metadata = (timeZone: string) => z.object({
  [qualtricsColumns.recorded]: z.string().transform((text, context) => {
    const instant = parseQualtricsTimestamp(text, timeZone);
    if (!instant) {
      context.addIssue({ code: "custom", message: "YYYY-MM-DD HH:MM:SS" });
      return z.NEVER;
    }
    return instant;
  }),
  [qualtricsColumns.status]: z.string().trim(),
  [qualtricsColumns.finished]: z
    .string()
    .transform((text) => text.trim().toLowerCase())
    .pipe(z.enum(["true", "false", "1", "0"], { error: "True or False" })),
  [qualtricsColumns.responseId]: z.string().trim(),
  [qualtricsColumns.email]: z.string(),
});

/** The time zone the export's third header row declares for a column (`{"ImportId":"recordedDate","timeZone":"…"}`), if any. */
function declaredTimeZone(importIds: CsvRecord, index: number, file: string): string | null {
  let declared: unknown;
  try {
    declared = (JSON.parse(importIds.cells[index] ?? "") as { timeZone?: unknown }).timeZone;
  } catch {
    return null;
  }
  if (declared === undefined) return null;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: String(declared) });
  } catch {
    throw new ContractError(file, { row: importIds.line, column: qualtricsColumns.recorded, expected: "a time zone such as America/Los_Angeles in the import id", got: String(declared) });
  }
  return String(declared);
}

export function* readQualtricsWave(records: Iterable<CsvRecord>, file: string, wave: WaveSpec, unknownAnswers: UnknownAnswerCounts = new Map()): Generator<Submission> {
  const { header, rest } = splitHeader(records, 3);
  if (header.length < 3) {
    throw new ContractError(file, { expected: "a Qualtrics export with three header rows", got: `${header.length} row(s)` });
  }
  const [shortNames, questionTexts, importIds] = header;
  if (!importIds.cells.some((cell) => cell.includes("ImportId"))) {
    throw new ContractError(file, { row: importIds.line, expected: 'import ids such as {"ImportId":"QID5"} in the third header row', got: importIds.cells[0] ?? "" });
  }
  const metadataIndexes = Object.values(qualtricsColumns).map(
    (name) => [name, requireColumn(shortNames.cells, name, file, shortNames.line)] as const,
  );
  const columns = mapColumns(questionTexts.cells, wave, file, questionTexts.line);
  const reader = new AnswerReader(columns, wave, file, unknownAnswers);
  const recordedIndex = metadataIndexes.find(([name]) => name === qualtricsColumns.recorded)![1];
  // The export says in which zone it wrote its times (an account setting); the instrument's zone is the fallback.
  const schema = metadata(declaredTimeZone(importIds, recordedIndex, file) ?? wave.timeZone);
  let responses = 0;
  let withEmail = 0;
  for (const record of rest) {
    requireWidth(record, shortNames.cells.length, file);
    const row = parseRecord(schema, Object.fromEntries(metadataIndexes.map(([name, index]) => [name, record.cells[index]])), file, record.line);
    // A "numeric values" export writes the status as a code: 0 is a response by a respondent.
    const real = row.Status === qualtricsRealStatus || row.Status === qualtricsRealStatusCode;
    const notes: Note[] = [];
    // A preview or spam row is ledgered, not read: its answers are nobody's.
    const answers = real ? reader.read(record, notes) : emptyAnswers();
    const email = normaliseEmail(row.RecipientEmail);
    if (real) {
      responses += 1;
      if (email !== "") withEmail += 1;
    }
    yield {
      wave: wave.id,
      file,
      line: record.line,
      email,
      submittedAt: row.RecordedDate,
      finished: row.Finished === "true" || row.Finished === "1",
      status: real ? "response" : "preview_or_spam",
      statusText: row.Status,
      submissionKey: row.ResponseId,
      answers,
      notes,
    } satisfies Submission;
  }
  requireEmails(responses, withEmail, file, qualtricsColumns.email, questionTexts.line);
}
