// RFC 4180 CSV, written here so each record keeps the physical line it starts on (the ledger cites it).
// Exports are read in chunks: a record cut by a chunk's end is carried over and read again with the next chunk.
import { closeSync, openSync, readSync } from "node:fs";
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

/** Bytes read from an export at a time: small enough that a chunk's records die young (cheap to collect). */
export const csvChunkBytes = 1 << 20;

const longestRecord = 64 << 20;

/** Reads CSV from chunks of text or bytes, yielding each complete record as soon as its chunk is in. */
export class CsvReader {
  // Fatal: a Windows-1252 export must stop the build, never become U+FFFD in the clean tables.
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  private carried = "";
  private line = 1;
  private started = false;
  private sawText = false;
  private checkedDelimiter = false;

  constructor(private readonly file: string) {}

  /** The records completed by `chunk`; a record still open at the chunk's end waits for the next one. */
  push(chunk: string | Uint8Array): CsvRecord[] {
    return this.read(typeof chunk === "string" ? chunk : this.decode(chunk, false), false);
  }

  /** The last records; checks the file was CSV at all. */
  end(): CsvRecord[] {
    const records = this.read(this.decode(new Uint8Array(0), true), true);
    if (!this.sawText) throw new ContractError(this.file, { expected: "a CSV export with a header row", got: "an empty file" });
    return records;
  }

  private decode(bytes: Uint8Array, final: boolean): string {
    try {
      return this.decoder.decode(bytes, { stream: !final });
    } catch {
      // Name the physical line of the first byte that is not UTF-8: the lines before it, here and carried over.
      const valid = new TextDecoder("utf-8").decode(bytes.subarray(0, firstInvalidUtf8(bytes)));
      const row = this.line + countLineBreaks(this.carried) + countLineBreaks(valid);
      throw new ContractError(this.file, { row, expected: "UTF-8 text (save the export as CSV UTF-8)", found: "bytes that are not UTF-8, such as Windows-1252" });
    }
  }

  /** A header row that is one field full of semicolons or tabs is another dialect of CSV: say which. */
  private checkDelimiter(record: CsvRecord): void {
    this.checkedDelimiter = true;
    const text = record.cells.join("");
    for (const [delimiter, name] of [[";", "semicolon"], ["\t", "tab"]] as const) {
      const count = text.split(delimiter).length - 1;
      if (count > 0 && count >= record.cells.length) {
        throw new ContractError(this.file, { row: record.line, expected: "comma-delimited CSV", got: `${name}-delimited text` });
      }
    }
  }

  private read(chunk: string, final: boolean): CsvRecord[] {
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (chunk.includes("\u0000")) throw new ContractError(this.file, { expected: "a CSV text file", got: "binary data" });
    if (!this.sawText && chunk.trim() !== "") this.sawText = true;
    const text = this.carried + chunk;
    const records: CsvRecord[] = [];
    const { consumed, line } = parseRecords(text, this.line, final, this.file, records);
    if (!this.checkedDelimiter && records.length > 0) this.checkDelimiter(records[0]);
    this.carried = text.slice(consumed);
    this.line = line;
    if (this.carried.length > longestRecord) {
      // No survey record is this long: most likely a quote never closes. Say where, without reading on.
      parseRecords(this.carried, this.line, true, this.file, []);
      throw new ContractError(this.file, { row: this.line, expected: `a record shorter than ${longestRecord} characters`, got: "a longer one" });
    }
    return records;
  }
}

/** Parses CSV text (BOM, CRLF or LF, quoted newlines, doubled quotes); blank lines are skipped. */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const reader = new CsvReader(file);
  return [...reader.push(text), ...reader.end()];
}

/** The records of a CSV file, read `chunkBytes` at a time (only the current chunk is held). */
export function* readCsvFile(path: string, file: string, chunkBytes = csvChunkBytes): Generator<CsvRecord> {
  const reader = new CsvReader(file);
  const buffer = Buffer.allocUnsafe(chunkBytes);
  const fd = openSync(path, "r");
  try {
    for (;;) {
      const bytes = readSync(fd, buffer, 0, chunkBytes, null);
      if (bytes === 0) break;
      yield* reader.push(buffer.subarray(0, bytes));
    }
  } finally {
    closeSync(fd);
  }
  yield* reader.end();
}

/**
 * Reads the complete records of `text` from its start into `records`. Unless `final`, a record that may continue
 * past the end of `text` is left unread; returns how far was read and the physical line there.
 */
function parseRecords(text: string, firstLine: number, final: boolean, file: string, records: CsvRecord[]): { consumed: number; line: number } {
  const length = text.length;
  let line = firstLine;
  let position = 0;
  while (position < length) {
    const recordStart = position;
    const start = line;
    const cells: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let cell: string;
      if (text.charCodeAt(position) === QUOTE) {
        const quotedFrom = line;
        let pieces = "";
        let from = position + 1;
        let closed = false;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close === -1 || (close === length - 1 && !final)) break;
          pieces += text.slice(from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            pieces += '"';
            from = close + 2;
            continue;
          }
          position = close + 1;
          closed = true;
          break;
        }
        if (!closed) {
          if (!final) return { consumed: recordStart, line: start };
          throw new ContractError(file, { row: quotedFrom, expected: "a closing quote for the quoted field", got: "end of file" });
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
      // The record's end is not in this chunk yet (nor, for a CR, whether an LF follows it).
      if (!final && (code === -1 || (code === CR && position === length - 1))) return { consumed: recordStart, line: start };
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
  return { consumed: position, line };
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

/** The offset of the first byte of `bytes` that does not continue a well-formed UTF-8 sequence (a cut final sequence counts as valid). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i];
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k += 1) {
      if (i + k >= bytes.length) return bytes.length;
      if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return bytes.length;
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

/** The first `count` records of `records` (header rows) and an iterator over the rest. */
export function splitHeader(records: Iterable<CsvRecord>, count: number): { header: CsvRecord[]; rest: Iterator<CsvRecord> & Iterable<CsvRecord> } {
  const iterator = records[Symbol.iterator]();
  const header: CsvRecord[] = [];
  while (header.length < count) {
    const next = iterator.next();
    if (next.done) break;
    header.push(next.value);
  }
  const rest = { next: () => iterator.next(), [Symbol.iterator]() { return this; } };
  return { header, rest };
}
