// Long answers are read whole or refused with one contract line, and no error of the cleaning quotes an answer.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { buildCleanStore } from "../../loaders/clean-store";
import { ContractError, withoutData } from "../../loaders/contract-error";
import { openDuckDB } from "../../loaders/parquet";
import { sqlString } from "../../src/survey/sql";
import { longestAnswerBytes } from "../../loaders/long-answers";
import { NameWordSet, stageInto, stageRows, writeStagedParquet } from "../../loaders/staging";
import { fixtureFolder, fixtureText } from "./fixture-folder";

process.env.WORKBENCH_STORE = mkdtempSync(join(tmpdir(), "workbench-stores-"));

/** The fixture exports with Ana's 2025 work description (row 6) replaced by `megabytes` MiB of a secret. */
function withLongAnswer(megabytes: number): { folder: string; answer: string } {
  const unit = "SECRET-ANSWER ";
  const answer = unit.repeat(Math.floor((megabytes * 2 ** 20) / unit.length));
  const lines = fixtureText("alumni-survey-2025.csv").split("\n");
  assert.match(lines[5], /R_ana1/);
  lines[5] = lines[5].replace("Research lead.", `"${answer.replaceAll('"', '""')}"`);
  return { folder: fixtureFolder({ "alumni-survey-2025.csv": lines.join("\n") }), answer };
}

test("a 5 MB answer is read whole into the clean tables", async () => {
  const { folder, answer } = withLongAnswer(5);
  const out = mkdtempSync(join(tmpdir(), "workbench-store-"));
  await buildCleanStore(folder, out);
  const instance = await openDuckDB();
  const connection = await instance.connect();
  const rows = (await connection.runAndReadAll(`SELECT length(text)::INTEGER AS n FROM read_parquet(${sqlString(join(out, "free_text.parquet"))}) WHERE text LIKE 'SECRET-ANSWER%'`)).getRowObjectsJS();
  connection.closeSync();
  instance.closeSync();
  assert.deepEqual(rows, [{ n: answer.trim().length }]);
});

test("a staged row of the longest answer, every character a quote, is written and read back whole", async () => {
  const out = mkdtempSync(join(tmpdir(), "workbench-staging-"));
  const answer = '"'.repeat(longestAnswerBytes);
  const instance = await openDuckDB();
  const connection = await instance.connect();
  stageInto(connection, mkdtempSync(join(tmpdir(), "workbench-staged-")));
  try {
    await stageRows(connection, "free_text", `SELECT 'id' AS respondent_id, '2025' AS wave, 'work_description' AS question, ${sqlString(answer)} AS text, false AS other_text, true AS quote_consent, 'Summer 2022' AS cohort`);
    await writeStagedParquet(connection, new NameWordSet(), out);
    const rows = (await connection.runAndReadAll(`SELECT length(text)::INTEGER AS n FROM read_parquet(${sqlString(join(out, "free_text.parquet"))})`)).getRowObjectsJS();
    assert.deepEqual(rows, [{ n: longestAnswerBytes }]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});

test("a 20 MB answer is refused with one line naming file, row and column, and none of the answer", async () => {
  const { folder } = withLongAnswer(20);
  await assert.rejects(buildCleanStore(folder, mkdtempSync(join(tmpdir(), "workbench-store-"))), (error: unknown) => {
    assert.ok(error instanceof ContractError);
    assert.equal(error.message, "alumni-survey-2025.csv row 6, column 'Q2b': expected an answer of at most 8.0 MiB, got '20.0 MiB'");
    return true;
  });
});

test("a staged row DuckDB cannot take fails without quoting the row", async () => {
  const instance = await openDuckDB();
  const connection = await instance.connect();
  stageInto(connection, mkdtempSync(join(tmpdir(), "workbench-staged-")));
  try {
    await assert.rejects(stageRows(connection, "exclusions", "SELECT 'x' AS source, NULL AS wave, 'f.csv' AS file, 'SECRET-ANSWER-NOT-A-NUMBER' AS line, 'r' AS reason, 'd' AS detail"), (error: unknown) => {
      const message = String((error as Error).message) + String((error as Error).stack);
      assert.match(message, /^staging the clean exclusions failed: \w/);
      assert.doesNotMatch(message, /SECRET/);
      return true;
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});

test("an engine's message keeps its first line with quoted parts blanked", () => {
  assert.equal(withoutData(new Error("Conversion Error: Could not convert string 'Jane at Acme' to INT64\nLINE 1: SELECT 'x'")), "Conversion Error: Could not convert string '…' to INT64");
  assert.equal(withoutData(new Error('Invalid Input Error: CSV Error on Line: 1\nOriginal Line: 1,"abc","my answer"')), "Invalid Input Error: CSV Error on Line: 1");
  assert.equal(withoutData(new Error("Parser Error: unterminated 'Jane said")), "Parser Error: unterminated '…'");
});

test("a contract line quotes a short value, never a long one or an address", () => {
  const line = (got: string) => new ContractError("x.csv", { row: 3, column: "Q", expected: "one of 'Yes', 'No'", got }).message;
  assert.equal(line("Maybe"), "x.csv row 3, column 'Q': expected one of 'Yes', 'No', got 'Maybe'");
  assert.equal(line("I joined Acme after MATS and I now lead a small team there"), "x.csv row 3, column 'Q': expected one of 'Yes', 'No', got a text of 58 characters (not shown: it may be an answer)");
  assert.equal(line("ana@example.org"), "x.csv row 3, column 'Q': expected one of 'Yes', 'No', got an address or a link (not shown)");
});

test("a loader that crashes prints its redacted message and where, never the data, and exits 1", () => {
  const script = `import("./loaders/contract-error.ts").then(({ runReportingContractErrors }) => runReportingContractErrors(async () => { throw new Error("Conversion Error: Could not convert string 'SECRET-ANSWER' to INT64\\nOriginal Line: SECRET-ANSWER"); }))`;
  const result = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: fileURLToPath(new URL("../..", import.meta.url)), encoding: "utf8" });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /^Error: Conversion Error: Could not convert string '…' to INT64\n\s+at /);
  assert.doesNotMatch(result.stderr, /SECRET/);
});
