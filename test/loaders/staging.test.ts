// The clean store's staging: rows staged by the parts of the cleaning come back from Parquet exactly, in each
// table's sort order, and a table nobody staged a row of is written empty, with its columns.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { withDuckDB } from "../../loaders/parquet";
import { NameWordSet, stageInto, stageRows, writeStagedParquet } from "../../loaders/staging";
import { sqlString } from "../../src/survey/sql";

test("staged rows read back exactly, sorted: empty, null, quotes, commas, line breaks; name words distinct and sorted", async () => {
  const out = mkdtempSync(join(tmpdir(), "workbench-staging-"));
  const awkward = ["", 'say "hi", twice', "two\nlines", "é ü ✓", "1,2"];
  await withDuckDB(async (connection) => {
    stageInto(connection, mkdtempSync(join(tmpdir(), "workbench-staged-")));
    for (const [part, lines] of [[0, [5, 3, 1]], [1, [4, 2, 0]]] as const) {
      const rows = lines.map((line) => `SELECT 'r' AS respondent_id, ${line % 2 ? "NULL" : "'2024'"} AS wave, 'a.csv' AS file, ${line} AS line, ${line === 5 ? "NULL" : sqlString(awkward[line])} AS flag, ${part} AS detail`);
      await stageRows(connection, "flags", rows.join(" UNION ALL "));
    }
    const names = new NameWordSet();
    for (const word of ["zoe", "ana", "zoe"]) names.add(word);
    await writeStagedParquet(connection, names, out);
    const flags = (await connection.runAndReadAll(`SELECT line, flag, wave FROM read_parquet(${sqlString(join(out, "flags.parquet"))})`)).getRowObjectsJS();
    assert.deepEqual(flags, [0, 1, 2, 3, 4, 5].map((line) => ({ line, flag: line === 5 ? null : awkward[line], wave: line % 2 ? null : "2024" })));
    const empty = (await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet(${sqlString(join(out, "ratings.parquet"))})`)).getRowObjectsJS();
    assert.deepEqual(empty, [{ n: 0 }]);
    const words = (await connection.runAndReadAll(`SELECT word FROM read_parquet(${sqlString(join(out, "name_words.parquet"))})`)).getColumnsJS()[0];
    assert.deepEqual(words, ["ana", "zoe"]);
  });
});
