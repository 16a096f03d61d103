// The clean tables' database file the pages attach: what each build puts in it, and that the DuckDB inside the
// DuckDB-WASM the site ships reads what the build's DuckDB wrote (their storage versions differ).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { tableColumns, tableNames } from "../../loaders/model";
import { withDuckDB } from "../../loaders/parquet";
import { siteDatabaseProblems } from "../../loaders/public-check";
import { publicColumns } from "../../loaders/public-tables";
import { readSiteDatabase, siteTables, writeSiteDatabaseFile } from "../../loaders/site-database";
import { quoteIdentifier, sqlString } from "../../src/survey/sql";

const values: Record<string, string[]> = {
  VARCHAR: ["'Summer 2022'", "'it''s'"],
  INTEGER: ["3", "-7"],
  DOUBLE: ["2.5", "NULL"],
  BOOLEAN: ["true", "false"],
  DATE: ["DATE '2024-05-01'", "NULL"],
  TIMESTAMP: ["TIMESTAMP '2024-05-01 10:30:00'", "TIMESTAMP '2025-01-31 23:59:59'"],
};

/** A clean store: every table's Parquet file with two rows of typed values. */
async function store(): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), "workbench-site-store-"));
  await withDuckDB(async (connection) => {
    for (const name of tableNames) {
      const rows = [0, 1].map((i) => `SELECT ${tableColumns[name].map((c) => `CAST(${values[c.type][i]} AS ${c.type}) AS ${quoteIdentifier(c.name)}`).join(", ")}`);
      await connection.run(`COPY (${rows.join(" UNION ALL ")}) TO ${sqlString(join(directory, `${name}.parquet`))} (FORMAT parquet)`);
    }
  });
  return directory;
}

async function written(mode: "analyst" | "public"): Promise<{ file: string; cleanup: () => void }> {
  const from = await store();
  const file = join(mkdtempSync(join(tmpdir(), "workbench-site-db-")), "clean.duckdb");
  await withDuckDB((connection) => writeSiteDatabaseFile(connection, from, file, mode));
  return { file, cleanup: () => [from, dirname(file)].forEach((d) => rmSync(d, { recursive: true, force: true })) };
}

test("the analyst file holds every clean table with its declared columns and rows; the public one only the allow-list", async () => {
  const analyst = await written("analyst");
  const publicFile = await written("public");
  try {
    const all = await readSiteDatabase(analyst.file);
    assert.deepEqual(Object.keys(all).sort(), [...tableNames].sort());
    for (const name of tableNames) {
      assert.deepEqual(all[name].columns, tableColumns[name].map((c) => c.name), name);
      assert.equal(all[name].rows.length, 2, name);
    }
    assert.equal(all.respondents.rows[1].cohort, "it's");
    assert.deepEqual(all.respondents.rows[0].submitted_at, new Date("2024-05-01T10:30:00Z"));

    const shipped = await readSiteDatabase(publicFile.file);
    assert.deepEqual(Object.keys(shipped).sort(), Object.keys(publicColumns).sort());
    for (const [name, { columns }] of Object.entries(shipped)) {
      assert.deepEqual([...columns].sort(), [...publicColumns[name as keyof typeof publicColumns]!].sort(), name);
    }
    assert.deepEqual(siteTables("public").map((t) => t.name).sort(), Object.keys(publicColumns).sort());
    // The public build's own check passes what the public build writes, and refuses the analyst file.
    assert.deepEqual(await siteDatabaseProblems(publicFile.file), []);
    assert.match((await siteDatabaseProblems(analyst.file)).join("\n"), /a clean table that is not on the public allow-list: respondents/);
  } finally {
    analyst.cleanup();
    publicFile.cleanup();
  }
});

test("DuckDB-WASM, as the site ships it, attaches the file and reads the same rows", async () => {
  const { file, cleanup } = await written("analyst");
  const require = createRequire(import.meta.url);
  const duckdb = require("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs") as typeof import("@duckdb/duckdb-wasm/blocking");
  const dist = dirname(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"));
  const bundles = {
    mvp: { mainModule: join(dist, "duckdb-mvp.wasm"), mainWorker: join(dist, "duckdb-node-mvp.worker.cjs") },
    eh: { mainModule: join(dist, "duckdb-eh.wasm"), mainWorker: join(dist, "duckdb-node-eh.worker.cjs") },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  try {
    await db.instantiate();
    db.open({});
    db.registerFileBuffer("clean.duckdb", new Uint8Array(readFileSync(file)));
    const connection = db.connect();
    connection.query("ATTACH 'clean.duckdb' AS clean (READ_ONLY)");
    for (const name of tableNames) {
      const table = connection.query(`SELECT * FROM clean.${quoteIdentifier(name)}`);
      assert.deepEqual([table.numRows, table.schema.fields.map((f) => f.name)], [2, tableColumns[name].map((c) => c.name)], name);
    }
    const [respondent] = connection.query("SELECT cohort, cohort_order, extension, months_since_end, CAST(submitted_at AS VARCHAR) AS submitted_at, CAST(program_start AS VARCHAR) AS program_start FROM clean.respondents ORDER BY cohort_order DESC LIMIT 1").toArray();
    assert.deepEqual({ ...respondent.toJSON() }, { cohort: "Summer 2022", cohort_order: 3, extension: true, months_since_end: 2.5, submitted_at: "2024-05-01 10:30:00", program_start: "2024-05-01" });
    connection.close();
  } finally {
    await db.reset?.();
    cleanup();
  }
});
