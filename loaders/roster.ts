// Reads the program's roster: one row per scholar per cohort, cohorts spelled loosely in older records.
import { z } from "zod";
import { normaliseCohort } from "./cohort";
import { splitHeader, type CsvRecord } from "./csv";
import { requireWidth } from "./google-forms";
import { requireColumn } from "./header";
import { normaliseEmail } from "./identity";
import { rosterColumns, type CohortName } from "./instrument";
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

const emailPattern = /^[^@\s]+@[^@\s]+$/;

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
 * A row `rosterRow` accepts, read with the same functions without building zod's record (a million rows at a
 * million respondents); null for any row it might refuse, which `rosterRow` then reads to name the first issue.
 */
function readRosterRow(cells: readonly string[], indexes: readonly (readonly [string, number])[]): RosterRow | null {
  const cell: Record<string, string> = {};
  for (const [name, index] of indexes) cell[name] = cells[index];
  const email = normaliseEmail(cell.email);
  const cohortReading = normaliseCohort(cell.cohort);
  const programStart = parseIsoDate(cell.program_start);
  const programEnd = parseIsoDate(cell.program_end);
  const completed = readFlag(cell.completed);
  const extension = readFlag(cell.extension);
  if (!emailPattern.test(email) || !cohortReading || !programStart || !programEnd || completed === null || extension === null) return null;
  return { email, cohort: cohortReading, stream: cell.stream.trim(), program_start: programStart, program_end: programEnd, completed, extension };
}

/** One participation of a scholar in a cohort, as the loaders use it (names and emails stay here). */
export interface Participation {
  email: string;
  cohort: CohortName;
  cohortOrder: number;
  stream: string;
  programStart: Date;
  programEnd: Date;
  completed: boolean;
  extension: boolean;
  file: string;
  line: number;
}

export function* readRoster(records: Iterable<CsvRecord>, file: string): Generator<Participation> {
  const {
    header: [header],
    rest,
  } = splitHeader(records, 1);
  const used = rosterColumns.filter((name) => name !== "full_name" && name !== "scholar_id");
  const indexes = used.map((name) => [name, requireColumn(header.cells, name, file, header.line)] as const);
  for (const record of rest) {
    requireWidth(record, header.cells.length, file);
    const row =
      readRosterRow(record.cells, indexes) ??
      parseRecord(rosterRow, Object.fromEntries(indexes.map(([name, index]) => [name, record.cells[index]])), file, record.line);
    yield {
      email: row.email,
      cohort: row.cohort.cohort,
      cohortOrder: row.cohort.order,
      stream: row.stream,
      programStart: row.program_start,
      programEnd: row.program_end,
      completed: row.completed,
      extension: row.extension || row.cohort.extensionPhase,
      file,
      line: record.line,
    };
  }
}
