// A finished query's result as the Explore page uses it: Arrow underneath (a large result is never copied
// whole), with its columns, their types, rows read on demand, and how long it took.
import type { Table } from "apache-arrow";
import { rowReader, type Row } from "../database.js";

export interface QueryResult {
  columns: string[];
  /** Column → Arrow type name (`Float64`, `Utf8`, `Date32<DAY>`…). */
  types: Record<string, string>;
  count: number;
  elapsedMs: number;
  row(i: number): Row;
  value(i: number, column: string): unknown;
  /** The first `limit` rows (all by default) as plain objects, for charts and downloads. */
  rows(limit?: number): Row[];
}

export function queryResult(table: Table, elapsedMs: number): QueryResult {
  const columns = table.schema.fields.map((field) => field.name);
  const types = Object.fromEntries(table.schema.fields.map((field) => [field.name, String(field.type)]));
  const read = rowReader(table);
  const cache = new Map<string, unknown[]>();
  return {
    columns,
    types,
    count: table.numRows,
    elapsedMs,
    row: read,
    value(i, column) {
      // Sorting reads one column many times: read it once.
      let values = cache.get(column);
      if (!values) {
        const vector = table.getChild(column)!;
        values = Array.from({ length: table.numRows }, (_, k) => {
          const v = vector.get(k);
          return typeof v === "bigint" ? Number(v) : v;
        });
        cache.set(column, values);
      }
      return values[i];
    },
    rows(limit = table.numRows) {
      return Array.from({ length: Math.min(limit, table.numRows) }, (_, i) => read(i));
    },
  };
}
