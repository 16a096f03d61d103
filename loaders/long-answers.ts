// The longest answer the tool reads: longer ones stop the build with one contract line (where, not what),
// because DuckDB re-reads each staged row whole, in a buffer sized to the longest row (loaders/staging.ts).
import { ContractError } from "./contract-error";
import type { CsvRecord } from "./csv";

/** Longest answer (one cell of an export), in bytes of UTF-8: 8 MiB, thousands of pages of text. */
export const longestAnswerBytes = 8 << 20;

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Passes `records` of `file` through, refusing the first cell longer than `longestAnswerBytes` by its row and column (never its text). */
export function* refuseLongAnswers(records: Iterable<CsvRecord>, file: string, limit = longestAnswerBytes): Generator<CsvRecord> {
  let header: string[] | null = null;
  for (const record of records) {
    header ??= record.cells;
    for (let c = 0; c < record.cells.length; c += 1) {
      const cell = record.cells[c];
      // A UTF-16 code unit is at most 3 bytes of UTF-8: only long cells are measured.
      if (cell.length * 3 <= limit) continue;
      const bytes = Buffer.byteLength(cell);
      if (bytes > limit) {
        throw new ContractError(file, { row: record.line, column: header[c] ?? `column ${c + 1}`, expected: `an answer of at most ${mib(limit)}`, got: mib(bytes) });
      }
    }
    yield record;
  }
}
