// The baseline's data: the same clean rows the site ships, as Arrow IPC files Arquero loads whole into memory.
// `wide.arrow` has one row per respondent and wave with every measured indicator as true / false / null
// (null: not asked), computed with the indicator definitions of src/components/indicators.ts.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { Bool, Float64, Int32, Table, Utf8, makeData, RecordBatch, Schema, Field, Struct, vectorFromArray, tableToIPC, type DataType } from "apache-arrow";
import { measuredIndicators, respondentViewSql } from "../src/components/indicators.js";

const chunkRows = 500_000;

function arrowType(duckType: string): DataType {
  if (duckType === "BOOLEAN") return new Bool();
  if (duckType === "INTEGER") return new Int32();
  if (duckType === "DOUBLE") return new Float64();
  return new Utf8();
}

/** Runs `sql` in chunks and returns its rows as one Arrow table (types from DuckDB's; dates as text). */
async function arrowTable(connection: DuckDBConnection, sql: string): Promise<Table> {
  const described = await (await connection.runAndReadAll(`DESCRIBE ${sql}`)).getRowObjectsJS();
  const columns = described.map((d) => ({ name: String(d.column_name), type: String(d.column_type) }));
  const select = columns
    .map((c) => (c.type === "DATE" || c.type.startsWith("TIMESTAMP") ? `CAST("${c.name}" AS VARCHAR) AS "${c.name}"` : `"${c.name}"`))
    .join(", ");
  const fields = columns.map((c) => new Field(c.name, arrowType(c.type), true));
  const schema = new Schema(fields);
  const batches: RecordBatch[] = [];
  for (let offset = 0; ; offset += chunkRows) {
    const reader = await connection.runAndReadAll(`SELECT ${select} FROM (${sql}) LIMIT ${chunkRows} OFFSET ${offset}`);
    const values = reader.getColumnsJS();
    const length = values[0]?.length ?? 0;
    if (length === 0) break;
    const children = fields.map((f, i) => vectorFromArray(values[i] as unknown[], f.type).data[0]);
    batches.push(new RecordBatch(schema, makeData({ type: new Struct(fields), length, nullCount: 0, children })));
    if (length < chunkRows) break;
  }
  return new Table(schema, batches);
}

export async function writeArrowFiles(cleanDir: string, outDir: string): Promise<{ bytes: number; rows: Record<string, number> }> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    for (const table of ["respondents", "selections", "ratings"]) {
      const file = readdirSync(cleanDir).find((f) => f.startsWith(`${table}.`) && f.endsWith(".parquet"));
      if (!file) throw new Error(`no ${table} Parquet in ${cleanDir}`);
      await connection.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet('${join(cleanDir, file).replaceAll("'", "''")}')`);
    }
    const wide = `WITH answers AS (${respondentViewSql()})
SELECT wave, CAST(cohort AS VARCHAR) AS cohort, cohort_order, CAST(stream AS VARCHAR) AS stream, CAST(degree AS VARCHAR) AS degree,
  CAST(extension AS VARCHAR) AS extension,
  ${measuredIndicators.map((i) => `CASE WHEN ${i.denominator} THEN (${i.numerator}) END AS "${i.id}"`).join(",\n  ")}
FROM answers`;
    const files: Record<string, string> = { wide, respondents: "SELECT * FROM respondents", selections: "SELECT * FROM selections" };
    let bytes = 0;
    const rows: Record<string, number> = {};
    for (const [name, sql] of Object.entries(files)) {
      const table = await arrowTable(connection, sql);
      const ipc = tableToIPC(table, "stream");
      writeFileSync(join(outDir, `${name}.arrow`), ipc);
      bytes += ipc.length;
      rows[name] = table.numRows;
    }
    return { bytes, rows };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
