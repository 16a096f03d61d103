import { test } from "node:test";
import assert from "node:assert/strict";
import { parquetReadObjects } from "hyparquet";
import { resultToParquet } from "../../src/components/explore/result-parquet.js";

test("a result written as Parquet reads back with its values, nulls and types", async () => {
  const rows = [
    { cohort: "Summer 2023", n: 47, share: 0.511, start: new Date("2023-06-05T00:00:00Z"), finished: true },
    { cohort: null, n: 3, share: null, start: null, finished: false },
  ];
  const types = { cohort: "Utf8", n: "Int32", share: "Float64", start: "Date32<DAY>", finished: "Bool" };
  const buffer = resultToParquet(rows, Object.keys(types), types);
  const back = await parquetReadObjects({ file: buffer });
  assert.equal(back.length, 2);
  assert.equal(back[0].cohort, "Summer 2023");
  assert.equal(back[0].n, 47);
  assert.equal(back[0].share, 0.511);
  assert.equal(back[0].finished, true);
  assert.equal(new Date(back[0].start).toISOString(), "2023-06-05T00:00:00.000Z");
  assert.equal(back[1].cohort, null);
  assert.equal(back[1].share, null);
});
