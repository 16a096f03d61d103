import { test } from "node:test";
import assert from "node:assert/strict";
import { describeSqlError } from "../../src/components/explore/sql-error.js";

test("DuckDB's caret becomes a line, a column and an offset into the SQL", () => {
  const sql = "SELECT cohort\nFROM respondent";
  const raw = 'Catalog Error: Table with name respondent does not exist!\nDid you mean "respondents"?\n\nLINE 2: FROM respondent\n             ^';
  const report = describeSqlError(raw, sql);
  assert.equal(report.message, 'Catalog error: Table with name respondent does not exist!\nDid you mean "respondents"?');
  assert.equal(report.line, 2);
  assert.equal(report.column, 6);
  assert.equal(sql.slice(report.offset), "respondent");
});

test("an error without a caret keeps just its words", () => {
  assert.deepEqual(describeSqlError("Binder Error: something", "SELECT 1"), { message: "Binder error: something" });
});

test("a shortened line (…) is found in the SQL", () => {
  const sql = `SELECT ${"a, ".repeat(40)}nope FROM respondents`;
  const shown = `...${sql.slice(100, 140)}`;
  const caretAt = sql.indexOf("nope") - 100 + 3;
  const raw = `Binder Error: nope\n\nLINE 1: ${shown}\n${" ".repeat(8 + caretAt)}^`;
  const report = describeSqlError(raw, sql);
  assert.equal(sql.slice(report.offset!, report.offset! + 4), "nope");
});
