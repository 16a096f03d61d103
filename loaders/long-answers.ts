// The longest answer the tool reads: longer ones stop the build with one contract line (where, not what),
// because the staged rows are re-read by DuckDB in buffers of a fixed size (loaders/staging.ts).
import { ContractError } from "./contract-error";
import type { CsvRecord } from "./csv";

/** Longest answer (one cell of an export), in bytes of UTF-8: 8 MiB, thousands of pages of text. */
export const longestAnswerBytes = 8 << 20;

/** Longest staged row DuckDB reads back: an answer at its longest with every quote doubled, and the rest of its row. */
export const longestStagedLineBytes = 3 * longestAnswerBytes;

/** DuckDB's own default read buffer (16 × its default 2 MB line), which must exceed the longest line: memory as before. */
export const stagedBufferBytes = 32 << 20;

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
