import { test } from "node:test";
import assert from "node:assert/strict";
import { describeRows, pageBounds, sortOrder } from "../../src/components/explore/result-pages.js";

test("pages of 100 rows, clamped, with the full count in words", () => {
  assert.deepEqual(pageBounds(250, 0), { page: 0, pages: 3, start: 0, end: 100 });
  assert.deepEqual(pageBounds(250, 2), { page: 2, pages: 3, start: 200, end: 250 });
  assert.deepEqual(pageBounds(250, 9), { page: 2, pages: 3, start: 200, end: 250 });
  assert.deepEqual(pageBounds(0, 0), { page: 0, pages: 1, start: 0, end: 0 });
  assert.equal(describeRows(pageBounds(12345, 1), 12345), "Rows 101–200 of 12,345");
  assert.equal(describeRows(pageBounds(6, 0), 6), "6 rows");
  assert.equal(describeRows(pageBounds(0, 0), 0), "No rows");
});

test("sorting keeps ties in order and puts nulls last both ways", () => {
  const values = [3, null, 1, 3, Number.NaN, 2];
  assert.deepEqual([...sortOrder(values.length, (i) => values[i], "ascending")], [2, 5, 0, 3, 1, 4]);
  assert.deepEqual([...sortOrder(values.length, (i) => values[i], "descending")], [0, 3, 5, 2, 1, 4]);
  const dates = [new Date("2024-02-01"), new Date("2023-01-01")];
  assert.deepEqual([...sortOrder(2, (i) => dates[i], "ascending")], [1, 0]);
  const text = ["b", "a", "C"];
  assert.deepEqual([...sortOrder(3, (i) => text[i], "ascending")], [1, 0, 2]);
});
