// RFC 4180 CSV, written here so each record keeps the physical line it starts on (the ledger cites it).
import { ContractError } from "./contract-error";

export interface CsvRecord {
  /** 1-based physical line of the record's first character. */
  line: number;
  cells: string[];
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** Parses CSV text (BOM, CRLF or LF, quoted newlines, doubled quotes); blank lines are skipped. */
export function parseCsv(text: string, file: string): CsvRecord[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") throw new ContractError(file, { expected: "a CSV export with a header row", got: "an empty file" });
  if (text.includes("\u0000")) throw new ContractError(file, { expected: "a CSV text file", got: "binary data" });
  const records: CsvRecord[] = [];
  const length = text.length;
  let line = 1;
  let position = 0;
  while (position < length) {
    const start = line;
    const cells: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let cell: string;
      if (text.charCodeAt(position) === QUOTE) {
        const quotedFrom = line;
        let pieces = "";
        let from = position + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close === -1) {
            throw new ContractError(file, { row: quotedFrom, expected: "a closing quote for the quoted field", got: "end of file" });
          }
          pieces += text.slice(from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            pieces += '"';
            from = close + 2;
            continue;
          }
          position = close + 1;
          break;
        }
        line += countLineBreaks(pieces);
        cell = pieces;
        // Tolerate stray characters after a closing quote, as spreadsheet tools do.
        const stop = findFieldEnd(text, position);
        if (stop > position) cell += text.slice(position, stop);
        position = stop;
      } else {
        const stop = findFieldEnd(text, position);
        cell = text.slice(position, stop);
        position = stop;
      }
      cells.push(cell);
      const code = position < length ? text.charCodeAt(position) : -1;
      if (code === COMMA) {
        position += 1;
      } else {
        if (code === CR) position += text.charCodeAt(position + 1) === LF ? 2 : 1;
        else if (code === LF) position += 1;
        if (code !== -1) line += 1;
        endOfRecord = true;
      }
    }
    if (!(cells.length === 1 && cells[0] === "")) records.push({ line: start, cells });
  }
  return records;
}

function findFieldEnd(text: string, from: number): number {
  let position = from;
  const length = text.length;
  while (position < length) {
    const code = text.charCodeAt(position);
    if (code === COMMA || code === CR || code === LF) break;
    position += 1;
  }
  return position;
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === LF) count += 1;
    else if (code === CR && text.charCodeAt(i + 1) !== LF) count += 1;
  }
  return count;
}

/** Quotes a cell for writing when it needs it. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
