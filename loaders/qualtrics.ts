// Reads a Qualtrics export of an alumni survey wave: three header rows, questions matched by their row-2 text.
import { z } from "zod";
import { emptyAnswers, readAnswers, type Note } from "./answers";
import { ContractError } from "./contract-error";
import { splitHeader, type CsvRecord } from "./csv";
import { requireWidth } from "./google-forms";
import { mapColumns, requireColumn } from "./header";
import { qualtricsColumns, qualtricsRealStatus, type WaveSpec } from "./instrument";
import { normaliseEmail } from "./identity";
import { parseRecord } from "./record";
import type { Submission } from "./submission";
import { parseQualtricsTimestamp } from "./time";

const metadata = z.object({
  [qualtricsColumns.recorded]: z.string().transform((text, context) => {
    const instant = parseQualtricsTimestamp(text);
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

export function* readQualtricsWave(records: Iterable<CsvRecord>, file: string, wave: WaveSpec): Generator<Submission> {
  const { header, rest: responses } = splitHeader(records, 3);
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
  for (const record of responses) {
    requireWidth(record, shortNames.cells.length, file);
    const row = parseRecord(metadata, Object.fromEntries(metadataIndexes.map(([name, index]) => [name, record.cells[index]])), file, record.line);
    const real = row.Status === qualtricsRealStatus;
    const notes: Note[] = [];
    // A preview or spam row is ledgered, not read: its answers are nobody's.
    const answers = real ? readAnswers(record, columns, wave, file, notes) : emptyAnswers();
    yield {
      wave: wave.id,
      file,
      line: record.line,
      email: normaliseEmail(row.RecipientEmail),
      submittedAt: row.RecordedDate,
      finished: row.Finished === "true" || row.Finished === "1",
      status: real ? "response" : "preview_or_spam",
      statusText: row.Status,
      submissionKey: row.ResponseId,
      answers,
      notes,
    } satisfies Submission;
  }
}
