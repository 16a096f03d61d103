// The one SQL escaping module: every awkward text reads back from DuckDB exactly as it went in.
import assert from "node:assert/strict";
import { test } from "node:test";
import { withDuckDB } from "../../loaders/parquet";
import { quoteIdentifier, sqlString } from "../../src/survey/sql";

const awkward = [
  "",
  "O'Brien",
  "''",
  "it's a 'quoted' answer",
  String.raw`C:\exports\alumni's\ `,
  String.raw`back\'slash then quote`,
  'double "quotes" and ""',
  "line\nbreak\r\nand\ttab",
  "Zoë, Łódź, 東京, مرحبا, 🧭 — “typographic” ‘quotes’",
  "'; DROP TABLE respondents; --",
];

test("sqlString reads back every text unchanged, backslashes and quotes included", async () => {
  await withDuckDB(async (connection) => {
    for (const text of awkward) {
      const rows = (await connection.runAndReadAll(`SELECT ${sqlString(text)} AS v`)).getRowObjectsJS();
      assert.deepEqual(rows, [{ v: text }], JSON.stringify(text));
    }
  });
});

test("quoteIdentifier names a column whatever it holds", async () => {
  await withDuckDB(async (connection) => {
    for (const name of awkward.filter((t) => t !== "")) {
      const reader = await connection.runAndReadAll(`SELECT 1 AS ${quoteIdentifier(name)}`);
      assert.deepEqual(reader.columnNames(), [name], JSON.stringify(name));
    }
  });
});

test("the literals are the standard SQL forms", () => {
  assert.equal(sqlString("O'Brien"), "'O''Brien'");
  assert.equal(sqlString(String.raw`a\b`), String.raw`'a\b'`);
  assert.equal(quoteIdentifier('say "hi"'), '"say ""hi"""');
});

test("a NUL is refused, not cut short, and the refusal does not echo the text", () => {
  assert.throws(() => sqlString("secret\u0000answer"), (error: Error) => !error.message.includes("secret"));
  assert.throws(() => quoteIdentifier("col\u0000umn"), (error: Error) => !error.message.includes("col"));
});
