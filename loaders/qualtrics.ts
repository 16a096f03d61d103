// A Qualtrics export of an alumni survey wave: three header rows, questions matched by their row-2 text (loaders/wave.ts
// reads it); here, its metadata's rules and the time zone its third header row declares.
import { z } from "zod";
import { ContractError } from "./contract-error";
import type { CsvRecord } from "./csv";
import { qualtricsColumns } from "./instrument";
import { parseRecord } from "./record";
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
export function declaredTimeZone(importIds: CsvRecord, index: number, file: string): string | null {
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

/** A Qualtrics record's metadata as zod reads it (recorded time in `timeZone`, status, finished, response id, email), or its first issue as a contract error. */
export function qualtricsRecord(cells: Record<string, string>, timeZone: string, file: string, row: number): z.output<ReturnType<typeof metadata>> {
  return parseRecord(metadata(timeZone), cells, file, row);
}
