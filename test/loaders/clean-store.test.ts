import assert from "node:assert/strict";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { loadExports } from "../../loaders/clean";
import { buildCleanStore, cleanStore, withCleanTables } from "../../loaders/clean-store";
import { ContractError } from "../../loaders/contract-error";
import { tableNames } from "../../loaders/model";
import { fixtureExports, fixtureFolder, fixtureText } from "./fixture-folder";

process.env.WORKBENCH_STORE = mkdtempSync(join(tmpdir(), "workbench-stores-"));

test("the store holds every clean table, row for row what the in-memory model holds (in worker threads too)", async () => {
  const model = await loadExports(fixtureExports);
  for (const workers of [false, true]) {
    const summary = await buildCleanStore(fixtureExports, mkdtempSync(join(tmpdir(), "workbench-store-")), { workers });
    for (const name of tableNames) assert.equal(summary.rows[name], model[name].length, `${name}, workers: ${workers}`);
  }
});

test("a contract error in a worker reaches the caller as the same one-line ContractError", async () => {
  const folder = fixtureFolder({ "alumni-survey-2024.csv": fixtureText("alumni-survey-2024.csv").replace("8/2/2024 9:00:00", "2024-13-01") });
  await assert.rejects(buildCleanStore(folder, mkdtempSync(join(tmpdir(), "workbench-store-")), { workers: true }), (error: unknown) => {
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
