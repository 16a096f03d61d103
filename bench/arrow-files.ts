// The baseline's data: the same clean rows the site ships, as Arrow IPC files Arquero loads whole into memory.
// `wide.arrow` has one row per respondent and wave with every measured indicator as true / false / null
// (null: not asked), computed with the indicator definitions of src/survey/indicators.ts.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance, JSDuckDBValueConverter, type DuckDBConnection } from "@duckdb/node-api";
import { Bool, Float64, Int32, Table, Utf8, makeData, RecordBatch, Schema, Field, Struct, vectorFromArray, tableToIPC, type DataType } from "apache-arrow";
import { measuredIndicators, respondentViewSql } from "../src/survey/indicators.js";
import { sqlString } from "../src/survey/sql.js";

const batchRows = 500_000;

function arrowType(duckType: string): DataType {
  if (duckType === "BOOLEAN") return new Bool();
  if (duckType === "INTEGER") return new Int32();
  if (duckType === "DOUBLE") return new Float64();
  return new Utf8();
}

/** Streams `sql` once and returns its rows as one Arrow table of ~500k-row batches (types from DuckDB's; dates as text). */
async function arrowTable(connection: DuckDBConnection, sql: string): Promise<Table> {
  const described = await (await connection.runAndReadAll(`DESCRIBE ${sql}`)).getRowObjectsJS();
  const columns = described.map((d) => ({ name: String(d.column_name), type: String(d.column_type) }));
  const select = columns
    .map((c) => (c.type === "DATE" || c.type.startsWith("TIMESTAMP") ? `CAST("${c.name}" AS VARCHAR) AS "${c.name}"` : `"${c.name}"`))
    .join(", ");
  const fields = columns.map((c) => new Field(c.name, arrowType(c.type), true));
  const schema = new Schema(fields);
  const batches: RecordBatch[] = [];
  let pending: unknown[][] = fields.map(() => []);
  const flush = () => {
    const length = pending[0]?.length ?? 0;
    if (length === 0) return;
    const children = fields.map((f, i) => vectorFromArray(pending[i]!, f.type).data[0]);
    batches.push(new RecordBatch(schema, makeData({ type: new Struct(fields), length, nullCount: 0, children })));
    pending = fields.map(() => []);
  };
  const result = await connection.stream(`SELECT ${select} FROM (${sql})`);
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    chunk.convertColumns(JSDuckDBValueConverter).forEach((values, i) => {
      const into = pending[i]!;
      for (const value of values) into.push(value);
    });
    if (pending[0]!.length >= batchRows) flush();
  }
  flush();
  return new Table(schema, batches);
}

/** The path of the clean tables' database file in a build's `_file/data` folder (its name is hashed). */
export function siteDatabaseFile(dataDir: string): string {
  const file = readdirSync(dataDir).find((f) => /^clean\.[0-9a-f]{8}\.duckdb$/.test(f));
  if (!file) throw new Error(`no clean.duckdb in ${dataDir}`);
  return join(dataDir, file);
}

export async function writeArrowFiles(
  dataDir: string,
  outDir: string,
  log: (message: string) => void = () => {},
): Promise<{ bytes: number; rows: Record<string, number> }> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run(`ATTACH ${sqlString(siteDatabaseFile(dataDir))} AS site (READ_ONLY)`);
    for (const table of ["respondents", "selections", "ratings"]) await connection.run(`CREATE VIEW ${table} AS SELECT * FROM site.${table}`);
    const wide = `WITH answers AS (${respondentViewSql()})
SELECT wave, CAST(cohort AS VARCHAR) AS cohort, cohort_order, CAST(stream AS VARCHAR) AS stream, CAST(degree AS VARCHAR) AS degree,
  CAST(extension AS VARCHAR) AS extension,
  ${measuredIndicators.map((i) => `CASE WHEN ${i.denominator} THEN (${i.numerator}) END AS "${i.id}"`).join(",\n  ")}
FROM answers`;
    const files: Record<string, string> = { wide, respondents: "SELECT * FROM respondents", selections: "SELECT * FROM selections" };
    let bytes = 0;
    const rows: Record<string, number> = {};
    for (const [name, sql] of Object.entries(files)) {
      const started = performance.now();
      const table = await arrowTable(connection, sql);
      const ipc = tableToIPC(table, "stream");
      writeFileSync(join(outDir, `${name}.arrow`), ipc);
      bytes += ipc.length;
      rows[name] = table.numRows;
      log(`${name}.arrow: ${table.numRows.toLocaleString("en")} rows, ${(ipc.length / 1e6).toFixed(0)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    return { bytes, rows };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
