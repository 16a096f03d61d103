import assert from "node:assert/strict";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { loadExports } from "../../loaders/clean";
import { buildCleanStore, cleanStore, storeAnswers, storedQuery, withCleanTables } from "../../loaders/clean-store";
import { withDuckDB, rowObjects } from "../../loaders/parquet";
import { respondentViewSql } from "../../src/survey/indicators";
import { ContractError } from "../../loaders/contract-error";
import { tableNames } from "../../loaders/model";
import { fixtureExports, fixtureFolder, fixtureText } from "./fixture-folder";

process.env.WORKBENCH_STORE = mkdtempSync(join(tmpdir(), "workbench-stores-"));

test("the store holds every clean table, row for row what the in-memory model holds", async () => {
  const model = await loadExports(fixtureExports);
  const summary = await buildCleanStore(fixtureExports, mkdtempSync(join(tmpdir(), "workbench-store-")));
  for (const name of tableNames) assert.equal(summary.rows[name], model[name].length, name);
});

test("a contract error reaches the caller as the same one-line ContractError", async () => {
  const folder = fixtureFolder({ "alumni-survey-2024.csv": fixtureText("alumni-survey-2024.csv").replace("8/2/2024 9:00:00", "2024-13-01") });
  await assert.rejects(buildCleanStore(folder, mkdtempSync(join(tmpdir(), "workbench-store-"))), (error: unknown) => {
    assert.ok(error instanceof ContractError);
    assert.equal(error.message, "alumni-survey-2024.csv row 5, column 'Timestamp': expected M/D/YYYY H:MM:SS, got '2024-13-01'");
    return true;
  });
});

test("callers at once share one store, built once, and see the clean tables by name", async () => {
  const folder = fixtureFolder();
  const stores = await Promise.all([cleanStore(folder), cleanStore(folder), cleanStore(folder)]);
  assert.equal(new Set(stores).size, 1);
  assert.deepEqual(readdirSync(process.env.WORKBENCH_STORE!).filter((name) => !name.startsWith(stores[0].split("/").pop()!)), []);
  const respondents = await withCleanTables(folder, async (connection) => (await connection.runAndReadAll("SELECT count(*)::INTEGER AS n FROM respondents")).getRowObjectsJS()[0].n);
  assert.equal(respondents, (await loadExports(folder)).respondents.length);
});

test("the per-respondent view the store makes in parts holds exactly the rows of the view made whole", async () => {
  const store = mkdtempSync(join(tmpdir(), "workbench-store-"));
  await buildCleanStore(fixtureExports, store);
  const parts = await storeAnswers(store, 2);
  assert.ok(readdirSync(join(store, "answers")).length >= 2, "made in parts");
  await withDuckDB(async (connection) => {
    for (const name of ["respondents", "selections", "ratings"]) await connection.run(`CREATE VIEW ${name} AS SELECT * FROM read_parquet('${join(store, `${name}.parquet`)}')`);
    await connection.run(`CREATE TABLE whole AS ${respondentViewSql()}`);
    await connection.run(`CREATE TABLE made AS SELECT * FROM read_parquet('${parts}')`);
    const count = async (sql: string) => Number((await rowObjects(connection, `SELECT count(*)::INTEGER AS n FROM (${sql})`))[0].n);
    assert.ok((await count("SELECT * FROM whole")) >= 3);
    assert.equal(await count("SELECT * FROM made"), await count("SELECT * FROM whole"));
    assert.equal(await count("SELECT * FROM whole EXCEPT ALL SELECT * FROM made"), 0);
    assert.equal(await count("SELECT * FROM made EXCEPT ALL SELECT * FROM whole"), 0);
  });
});

test("a query's rows are computed once per store and shared by callers at once", async () => {
  const folder = fixtureFolder();
  const run = storedQuery(folder);
  const sql = "SELECT wave, count(*)::INTEGER AS n FROM answers GROUP BY ALL ORDER BY ALL";
  const [a, b] = await Promise.all([run(sql), run(sql)]);
  assert.deepEqual(a, b);
  assert.ok(a.length > 0);
  const store = await cleanStore(folder);
  assert.equal(readdirSync(store).filter((name) => name.startsWith("query-")).length, 1);
  await assert.rejects(run("SELECT DATE '2024-01-01' AS day"), /cast it in the SQL/);
});

test("a loader's own figures run on WORKBENCH_FIGURE_THREADS threads; anything but a whole number stops with one line", async () => {
  const folder = fixtureFolder();
  const threadsOf = () => withCleanTables(folder, async (connection) => Number((await rowObjects(connection, "SELECT current_setting('threads') AS n"))[0].n));
  const before = process.env.WORKBENCH_FIGURE_THREADS;
  try {
    process.env.WORKBENCH_FIGURE_THREADS = "1";
    assert.equal(await threadsOf(), 1);
    process.env.WORKBENCH_FIGURE_THREADS = "two";
    await assert.rejects(threadsOf, /WORKBENCH_FIGURE_THREADS: expected a whole number of threads, got 'two'/);
  } finally {
    if (before === undefined) delete process.env.WORKBENCH_FIGURE_THREADS;
    else process.env.WORKBENCH_FIGURE_THREADS = before;
  }
});
