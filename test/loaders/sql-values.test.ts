// The SQL value rules give exactly what the TypeScript rules give, on the texts real exports hold.
import assert from "node:assert/strict";
import { test } from "node:test";
import { normaliseEmail, pseudonymousId } from "../../loaders/identity";
import { withDuckDB } from "../../loaders/parquet";
import { emailMap, emailSql, formPartsSql, formWallSql, idMap, instantsOf, mapValues, trimmedSql } from "../../loaders/sql-values";
import { parseFormTimestamp, type DateOrder } from "../../loaders/time";
import { sqlString } from "../../src/survey/sql";

async function column(connection: Parameters<Parameters<typeof withDuckDB>[0]>[0], sql: string): Promise<unknown[]> {
  return (await connection.runAndReadAll(sql)).getColumnsJS()[0] ?? [];
}

const values = (texts: string[]) => `SELECT * FROM (VALUES ${texts.map((t, i) => `(${i}, ${sqlString(t)})`).join(", ")}) AS t(i, v)`;

test("trim and emails in SQL are the TypeScript ones", async () => {
  const texts = [" A.B@Example.ORG ", "\u00a0x@y.org\u3000", "\tİSTANBUL@x.org\n", "", "  ", "ẞ@ß.de", "caf\u00e9@x.org\ufeff", "plain@x.org"];
  await withDuckDB(async (connection) => {
    assert.deepEqual(await column(connection, `SELECT ${trimmedSql("v")} FROM (${values(texts)}) ORDER BY i`), texts.map((t) => t.trim()));
    await emailMap(connection, "emails", `SELECT v FROM (${values(texts)})`, normaliseEmail);
    const email = emailSql("t.v", "m.m");
    const emails = await column(connection, `SELECT ${email} FROM (${values(texts)}) AS t LEFT JOIN emails AS m ON m.v = coalesce(t.v, '') ORDER BY t.i`);
    assert.deepEqual(emails, texts.map(normaliseEmail));
  });
});

test("form timestamps in SQL are the instants parseFormTimestamp gives, across DST and in either date order", async () => {
  const texts = [
    "7/15/2024 8:00:01", " 3/10/2024 2:30:00 ", "3/10/2024 1:59:59", "11/3/2024 1:30:00", "11/3/2024 0:59:59", "2/29/2024 23:59:59", "2/29/2023 10:00:00",
    "13/1/2024 10:00:00", "1/13/2024 24:00:00", "1/1/0099 10:00:00", "12/31/2024 23:59:60", "1/1/2024 10:00", "garbage", "", "01/02/2025 09:08:07", "3/31/2024 1:30:00",
  ];
  await withDuckDB(async (connection) => {
    for (const [zone, order] of [["America/Los_Angeles", "month-first"], ["Europe/London", "day-first"], ["Asia/Kolkata", "month-first"], ["UTC", "day-first"]] as [string, DateOrder][]) {
      const walls = `SELECT i, ${formWallSql("p", order)} AS wall FROM (SELECT i, ${formPartsSql("v")} AS p FROM (${values(texts)}))`;
      await instantsOf(connection, "instants", walls, zone);
      const got = await column(connection, `SELECT CAST(s.instant AS DOUBLE) FROM (${walls}) AS w LEFT JOIN instants AS s ON s.wall = w.wall ORDER BY w.i`);
      assert.deepEqual(got.map((v) => (v === null ? null : Number(v))), texts.map((t) => parseFormTimestamp(t, zone, order)?.getTime() ?? null), `${zone} ${order}`);
    }
  });
});

test("mapValues maps every distinct text, however many (the appender must not cut a streamed result short)", async () => {
  await withDuckDB(async (connection) => {
    await mapValues(connection, "many", "SELECT range::VARCHAR AS v FROM range(300000)", [["n", "INTEGER"]], (v) => [Number(v) + 1]);
    assert.deepEqual(await column(connection, "SELECT count(*)::INTEGER FROM many WHERE n = v::INTEGER + 1"), [300000]);
  });
});

test("ids in SQL are pseudonymousId's, whatever the key's and email's length and script", async () => {
  const emails = ["ana@example.org", "", "zoë@exämple.org", "李@例子.中国", `${"é".repeat(400)}@example.org`, `${"a".repeat(2000)}@example.org`, "o'brien+tag@x.org"];
  await withDuckDB(async (connection) => {
    for (const key of ["k1", "x".repeat(64), "y".repeat(65), "outcomes-workbench-sample-key", "ключ-ключ"]) {
      await idMap(connection, "ids", `SELECT v FROM (${values(emails)}) UNION ALL SELECT NULL`, key);
      const ids = await column(connection, `SELECT m.id FROM (${values(emails)}) AS t JOIN ids AS m ON m.v = t.v ORDER BY t.i`);
      assert.deepEqual(ids, emails.map((email) => pseudonymousId(email, key)), key);
      assert.deepEqual(await column(connection, "SELECT count(*)::INTEGER FROM ids"), [emails.length], "NULL is read as the empty text");
    }
  });
});
