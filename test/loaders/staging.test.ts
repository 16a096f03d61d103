// The clean store's staging: rows staged by two sinks come back from Parquet exactly, coded text columns included.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { openDuckDB } from "../../loaders/parquet";
import { StagingSink, writeStagedParquet } from "../../loaders/staging";

test("coded text columns read back exactly: empty, null, quotes, commas, line breaks, and values past a dictionary's size", async () => {
  const root = mkdtempSync(join(tmpdir(), "workbench-staging-"));
  const directories = [join(root, "a"), join(root, "b")];
  for (const directory of directories) mkdirSync(directory);
  const awkward = ["", 'say "hi", twice', "two\nlines", "é ü ✓", "1,2"];
  const expected: { line: number; flag: string | null; wave: string | null }[] = [];
  const sinks = directories.map((directory, base) => new StagingSink(directory, base));
  // Sink a holds more distinct flags than its dictionary keeps; sink b repeats a few, so codes of both meet in one table.
  const distinct = (1 << 16) + 50;
  for (let line = 0; line < distinct; line += 1) {
    const flag = line < awkward.length ? awkward[line] : `flag ${line}`;
    sinks[0].add("flags", { respondent_id: "r", wave: "2024", file: "a.csv", line, flag, detail: "d" });
    expected.push({ line, flag, wave: "2024" });
  }
  for (let line = distinct; line < distinct + 20; line += 1) {
    const flag = line % 3 === 0 ? null : awkward[line % awkward.length];
    sinks[1].add("flags", { respondent_id: "r", wave: line % 2 ? null : "2025", file: "a.csv", line, flag, detail: "d" }, line);
    expected.push({ line, flag, wave: line % 2 ? null : "2025" });
  }
  sinks[1].drop(distinct + 1);
  for (const sink of sinks) sink.close();
  const instance = await openDuckDB(join(root, "spill"));
  const connection = await instance.connect();
  try {
    await writeStagedParquet(connection, directories, root);
    const rows = (await connection.runAndReadAll(`SELECT line, flag, wave FROM read_parquet('${join(root, "flags.parquet")}') ORDER BY line`)).getRowObjectsJS();
    assert.deepEqual(rows, expected.filter((row) => row.line !== distinct + 1));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});
