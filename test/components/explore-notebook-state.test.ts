import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeNotebook, encodeNotebook } from "../../src/components/explore/notebook-state.js";

test("a notebook survives the round trip through the URL, unicode and all", () => {
  const cells = [
    { sql: "SELECT cohort, count(*) FROM respondents GROUP BY cohort", chart: "bar" as const },
    { sql: "SELECT 'café — ✓' AS text\n-- a comment", chart: "auto" as const },
  ];
  const encoded = encodeNotebook(cells);
  assert.match(encoded, /^v1\.[A-Za-z0-9_-]+$/, "base64url, no padding, nothing a URL must escape");
  assert.deepEqual(decodeNotebook(`#${encoded}`), { cells });
});

test("a damaged or foreign hash says what is wrong instead of throwing", () => {
  assert.match((decodeNotebook("#section-2") as { error: string }).error, /format/);
  assert.match((decodeNotebook("#v1.@@@") as { error: string }).error, /damaged/);
  const notAList = `v1.${Buffer.from('{"a":1}').toString("base64url")}`;
  assert.match((decodeNotebook(notAList) as { error: string }).error, /list of cells/);
  const noSql = `v1.${Buffer.from("[[1]]").toString("base64url")}`;
  assert.match((decodeNotebook(noSql) as { error: string }).error, /Cell 1/);
});

test("an unknown chart name falls back to automatic", () => {
  const hash = `v1.${Buffer.from('[["SELECT 1","pie"]]').toString("base64url")}`;
  assert.deepEqual(decodeNotebook(hash), { cells: [{ sql: "SELECT 1", chart: "auto" }] });
});
