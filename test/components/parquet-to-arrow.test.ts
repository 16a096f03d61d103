import { test } from "node:test";
import assert from "node:assert/strict";
import { toParquet } from "../../loaders/parquet";
import { parquetPreview, parquetToArrow } from "../../src/components/parquet-to-arrow";

test("a Parquet file written by the loaders decodes to the same values, dates and timestamps as numbers marked for casting", async () => {
  const rows = Array.from({ length: 2500 }, (_, i) => ({
    id: i % 11 ? `r${i}` : `é${i}`, n: i, x: i / 4, ok: i % 5 ? i % 3 === 0 : null,
    day: i % 7 ? `2024-03-${String(1 + (i % 28)).padStart(2, "0")}` : null,
    at: i % 4 ? `2024-03-01T${String(i % 24).padStart(2, "0")}:30:15.250Z` : null,
  }));
  const bytes = await toParquet(
    [{ name: "id", type: "VARCHAR" }, { name: "n", type: "INTEGER" }, { name: "x", type: "DOUBLE" }, { name: "ok", type: "BOOLEAN" }, { name: "day", type: "DATE" }, { name: "at", type: "TIMESTAMP" }],
    rows,
    { rowGroupSize: 1000 },
  );
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const progress: number[] = [];
  const { table, casts, rows: count } = await parquetToArrow(buffer, (f) => progress.push(f));
  assert.equal(count, 2500);
  assert.deepEqual(casts, { day: "DATE", at: "TIMESTAMP" });
  assert.deepEqual(progress.at(-1), 1);
  const days = (iso: string | null) => (iso === null ? null : Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
  for (const i of [0, 7, 11, 999, 1000, 2499]) {
    const row = table.get(i)!.toJSON();
    const expected = { ...rows[i], day: days(rows[i].day), at: rows[i].at === null ? null : Date.parse(rows[i].at!) };
    assert.deepEqual({ ...row }, expected, `row ${i} across row groups`);
  }
  const preview = await parquetPreview(buffer, 3);
  assert.equal(preview.rows, 2500);
  assert.deepEqual(preview.columns.map((c) => c.type), ["VARCHAR", "INTEGER", "DOUBLE", "BOOLEAN", "DATE", "TIMESTAMP"]);
  assert.equal(preview.head.length, 3);
});
