// A Google Forms export of an alumni survey wave: one header row, local timestamps, `, `-joined checkboxes
// (loaders/wave.ts reads it); here, the rules of its records every Google Forms reader shares.
import { ContractError } from "./contract-error";
import type { CsvRecord } from "./csv";
import { parseFormTimestamp, type DateOrder } from "./time";

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

