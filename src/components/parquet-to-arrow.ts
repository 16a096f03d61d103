// Decodes a Parquet file in the browser (hyparquet) into an Arrow table DuckDB-WASM can insert:
// DuckDB-WASM's own Parquet reader is an extension fetched from a third-party host, which we never allow.
import { parquetMetadata, parquetRead, parquetSchema } from "hyparquet";
import { Bool, Float64, Int32, Table, Utf8, makeData, makeVector, type Vector } from "apache-arrow";

/** Columns that must be cast back to a SQL type after insertion. */
export type Casts = Record<string, CastKind>;

interface SchemaElement {
  name: string;
  type?: string;
  converted_type?: string;
  logical_type?: { type: string };
}

type Kind = "text" | "integer" | "number" | "boolean" | "date" | "timestamp";

function kindOf(element: SchemaElement): Kind {
  const logical = element.logical_type?.type;
  if (logical === "DATE" || element.converted_type === "DATE") return "date";
  if (logical === "TIMESTAMP" || element.converted_type?.startsWith("TIMESTAMP")) return "timestamp";
  switch (element.type) {
    case "BOOLEAN":
      return "boolean";
    case "INT32":
      return "integer";
    case "INT64":
    case "FLOAT":
    case "DOUBLE":
      return "number";
    default:
      return "text";
  }
}

/** Columns whose values arrive as numbers and are cast to a SQL type after insertion (see Casts). */
export type CastKind = "DATE" | "TIMESTAMP";

export interface DecodedTable {
  table: Table;
  /** DATE columns arrive as days since 1970-01-01, TIMESTAMP columns as milliseconds since then (UTC). */
  casts: Casts;
  rows: number;
}

// hyparquet's parsers, replaced so nothing becomes a JS string or Date only to be encoded again for Arrow:
// text stays UTF-8 bytes (copied straight into the Arrow buffer), dates and timestamps stay numbers.
const rawParsers = {
  stringFromBytes: (bytes: Uint8Array) => bytes,
  timestampFromMilliseconds: (value: bigint) => Number(value),
  timestampFromMicroseconds: (value: bigint) => Number(value) / 1000,
  timestampFromNanoseconds: (value: bigint) => Number(value) / 1e6,
  dateFromDays: (days: number) => days,
};

type Chunk = { data: ArrayLike<unknown>; start: number };

function validity(rows: number, chunks: Chunk[]): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  const bitmap = new Uint8Array((rows + 7) >> 3);
  let nullCount = 0;
  for (const { data, start } of chunks) {
    for (let i = 0; i < data.length; i += 1) {
      const value = data[i];
      if (value === null || value === undefined) nullCount += 1;
      else bitmap[(start + i) >> 3] |= 1 << ((start + i) & 7);
    }
  }
  return { nullBitmap: nullCount ? bitmap : undefined, nullCount };
}

/** One column as an Arrow vector, its buffers filled directly (no per-value Arrow builder). */
function columnVector(kind: Kind, rows: number, chunks: Chunk[]): Vector {
  const { nullBitmap, nullCount } = validity(rows, chunks);
  if (kind === "text") {
    let bytes = 0;
    for (const { data } of chunks) for (let i = 0; i < data.length; i += 1) bytes += (data[i] as Uint8Array | null)?.length ?? 0;
    const valueOffsets = new Int32Array(rows + 1);
    const text = new Uint8Array(bytes);
    let at = 0;
    for (const { data, start } of chunks) {
      for (let i = 0; i < data.length; i += 1) {
        const value = data[i] as Uint8Array | string | null;
        if (typeof value === "string") throw new Error("text column decoded as a JS string");
        if (value) {
          text.set(value, at);
          at += value.length;
        }
        valueOffsets[start + i + 1] = at;
      }
    }
    return makeVector(makeData({ type: new Utf8(), length: rows, nullCount, nullBitmap, valueOffsets, data: text }));
  }
  if (kind === "boolean") {
    const bits = new Uint8Array((rows + 7) >> 3);
    for (const { data, start } of chunks) for (let i = 0; i < data.length; i += 1) if (data[i] === true) bits[(start + i) >> 3] |= 1 << ((start + i) & 7);
    return makeVector(makeData({ type: new Bool(), length: rows, nullCount, nullBitmap, data: bits }));
  }
  const values = kind === "integer" || kind === "date" ? new Int32Array(rows) : new Float64Array(rows);
  for (const { data, start } of chunks) {
    for (let i = 0; i < data.length; i += 1) {
      const value = data[i];
      if (value !== null && value !== undefined) values[start + i] = Number(value); // INT64 arrives as BigInt
    }
  }
  return values instanceof Int32Array
    ? makeVector(makeData({ type: new Int32(), length: rows, nullCount, nullBitmap, data: values }))
    : makeVector(makeData({ type: new Float64(), length: rows, nullCount, nullBitmap, data: values }));
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Decodes column by column (no row objects), yielding to the page between columns so a large table
 * does not freeze it; `onProgress` gets the share of columns done.
 */
export async function parquetToArrow(buffer: ArrayBuffer, onProgress?: (fraction: number) => void): Promise<DecodedTable> {
  const metadata = parquetMetadata(buffer);
  const leaves = (parquetSchema(metadata).children as { element: SchemaElement }[]).map((c) => c.element);
  const rows = Number(metadata.num_rows);
  const vectors: Record<string, Vector> = {};
  const casts: Casts = {};
  for (const [j, element] of leaves.entries()) {
    const kind = kindOf(element);
    const chunks: Chunk[] = [];
    await parquetRead({
      file: buffer,
      metadata,
      columns: [element.name],
      parsers: rawParsers as never,
      onChunk: ({ columnData, rowStart }: { columnData: ArrayLike<unknown>; rowStart: number }) => {
        chunks.push({ data: columnData, start: rowStart });
      },
    });
    vectors[element.name] = columnVector(kind, rows, chunks);
    if (kind === "date") casts[element.name] = "DATE";
    if (kind === "timestamp") casts[element.name] = "TIMESTAMP";
    onProgress?.((j + 1) / leaves.length);
    await nextTask();
  }
  return { table: new Table(vectors), casts, rows };
}

/** The SQL expression that turns an inserted DATE (days) or TIMESTAMP (milliseconds) column back into its type. */
export function castExpression(column: string, kind: CastKind): string {
  return kind === "DATE" ? `(DATE '1970-01-01' + CAST(${column} AS INTEGER))` : `epoch_ms(CAST(round(${column}) AS BIGINT))`;
}

const sqlTypes: Record<Kind, string> = {
  text: "VARCHAR",
  integer: "INTEGER",
  number: "DOUBLE",
  boolean: "BOOLEAN",
  date: "DATE",
  timestamp: "TIMESTAMP",
};

export interface ParquetPreview {
  rows: number;
  columns: { name: string; type: string }[];
  /** The first rows, as objects (dates as Dates). */
  head: Record<string, unknown>[];
}

/** A table's size, columns and first rows from its Parquet file, decoding only those rows. */
export async function parquetPreview(buffer: ArrayBuffer, headRows = 50): Promise<ParquetPreview> {
  const metadata = parquetMetadata(buffer);
  const leaves = (parquetSchema(metadata).children as { element: SchemaElement }[]).map((c) => c.element);
  const rows = Number(metadata.num_rows);
  const head: Record<string, unknown>[] = await new Promise((resolve, reject) => {
    parquetRead({ file: buffer, metadata, rowEnd: Math.min(headRows, rows), rowFormat: "object", onComplete: (data: Record<string, unknown>[]) => resolve(data) }).catch(reject);
  });
  return { rows, columns: leaves.map((e) => ({ name: e.name, type: sqlTypes[kindOf(e)] })), head };
}
