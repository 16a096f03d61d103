// Decodes a Parquet file in the browser (hyparquet) into an Arrow table DuckDB-WASM can insert:
// DuckDB-WASM's own Parquet reader is an extension fetched from a third-party host, which we never allow.
import { parquetMetadata, parquetRead, parquetSchema } from "hyparquet";
import { Bool, Float64, Int32, Table, Utf8, vectorFromArray, type DataType, type Vector } from "apache-arrow";

/** Columns whose text must be cast back to a SQL type after insertion. */
export type Casts = Record<string, "DATE" | "TIMESTAMP">;

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

function arrowType(kind: Kind): DataType {
  if (kind === "boolean") return new Bool();
  if (kind === "integer") return new Int32();
  if (kind === "number") return new Float64();
  return new Utf8(); // text, and dates/timestamps as ISO text, cast in SQL (see Casts)
}

function convert(kind: Kind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === "number") return Number(value); // INT64 arrives as BigInt
  if (kind === "date") return (value as Date).toISOString().slice(0, 10);
  if (kind === "timestamp") return (value as Date).toISOString();
  return value;
}

export interface DecodedTable {
  table: Table;
  casts: Casts;
  rows: number;
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
    const values = new Array(rows);
    await parquetRead({
      file: buffer,
      metadata,
      columns: [element.name],
      onChunk: ({ columnData, rowStart, rowEnd }: { columnData: ArrayLike<unknown>; rowStart: number; rowEnd: number }) => {
        for (let i = rowStart; i < rowEnd; ++i) values[i] = convert(kind, columnData[i - rowStart]);
      },
    });
    vectors[element.name] = vectorFromArray(values, arrowType(kind));
    if (kind === "date") casts[element.name] = "DATE";
    if (kind === "timestamp") casts[element.name] = "TIMESTAMP";
    onProgress?.((j + 1) / leaves.length);
    await nextTask();
  }
  return { table: new Table(vectors), casts, rows };
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
