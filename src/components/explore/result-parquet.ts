// A result as a Parquet file, written in JavaScript: DuckDB-WASM 1.32's COPY … (FORMAT parquet) needs the
// parquet extension, which this site never downloads (autoloading is off), so hyparquet-writer does it.
import { parquetWriteBuffer } from "hyparquet-writer";
import type { ColumnSource } from "hyparquet-writer";
import { columnRole } from "./chart-choice.js";

type Row = Record<string, unknown>;

/** Parquet type for an Arrow type name: Int32 stays INT32, other numbers DOUBLE, dates TIMESTAMP, the rest text. */
function parquetType(arrowType: string): NonNullable<ColumnSource["type"]> {
  if (/^Int(8|16|32)$/.test(arrowType) || /^Uint(8|16)$/.test(arrowType)) return "INT32";
  if (arrowType === "Bool") return "BOOLEAN";
  switch (columnRole(arrowType)) {
    case "number":
      return "DOUBLE";
    case "time":
      return "TIMESTAMP";
    default:
      return "STRING";
  }
}

export function resultToParquet(rows: readonly Row[], columns: readonly string[], types: Record<string, string>): ArrayBuffer {
  const columnData: ColumnSource[] = columns.map((name) => {
    const type = parquetType(types[name]);
    const data = rows.map((row) => {
      const value = row[name];
      if (value === null || value === undefined) return null;
      if (type === "STRING" && typeof value !== "string") return value instanceof Date ? value.toISOString() : String(value);
      if (type === "INT32" || type === "DOUBLE") return Number(value);
      return value;
    });
    return { name, data, type, nullable: true };
  });
  return parquetWriteBuffer({ columnData });
}
