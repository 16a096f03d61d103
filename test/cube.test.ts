// The cube answers every slice the pages and the command line read with exactly the rows its SQL oracles return.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { loadExports } from "../loaders/clean";
import { loadCleanTables } from "../loaders/indicator-report";
import { rowObjects, withDuckDB } from "../loaders/parquet";
import { buildCube, sliceIndicators, sliceOptions, sliceRatings, type CubeSlice, type OptionRow, type OutcomeCube, type RatingRow } from "../src/survey/cube";
import { checkboxQuestionLabels, type IndicatorFilter } from "../src/survey/indicators";
import { indicatorSql, optionSharesSql, ratingCountsSql } from "./sql-oracles";

const root = fileURLToPath(new URL("..", import.meta.url));
let generated: string;

before(() => {
  generated = mkdtempSync(join(tmpdir(), "workbench-cube-"));
  execFileSync(process.execPath, ["--import", "tsx", "scripts/generate-sample.ts", "--out", generated, "--respondents", "1500", "--seed", "7"], { cwd: root });
});
after(() => rmSync(generated, { recursive: true, force: true }));

function filtersOf(cube: OutcomeCube): IndicatorFilter[] {
  const cohorts = [...new Set(cube.cells.map((c) => c.cohort).filter((c): c is string => c !== null))];
  const streams = [...new Set(cube.cells.map((c) => c.stream).filter((s): s is string => s !== null))];
  return [{}, { stream: streams.slice(0, 1) }, { cohort: cohorts.slice(1, 3) }, { stream: streams.slice(-2), cohort: cohorts.slice(-1) }, { cohort: ["No such cohort"] }];
}

/** SQL leaves ties in count unordered: compare groups and counts in order, and the rows as a set. */
function assertSameOptions(actual: OptionRow[], expected: OptionRow[], message: string): void {
  const key = (r: OptionRow) => `${r.group}\u0000${r.option}\u0000${r.numerator}\u0000${r.denominator}`;
  assert.deepEqual(actual.map((r) => [r.group, r.numerator]), expected.map((r) => [r.group, r.numerator]), message);
  assert.deepEqual(actual.map(key).sort(), expected.map(key).sort(), message);
}

for (const [name, folder] of [["the sample", () => join(root, "data")], ["1,500 generated respondents", () => generated]] as const) {
  test(`every slice and filter of the cube equals the indicator SQL (${name})`, async () => {
    const model = await loadExports(folder());
    await withDuckDB(async (connection) => {
      await loadCleanTables(connection, model);
      const cube = await buildCube((sql) => rowObjects(connection, sql));
      assert.ok(cube.cells.length > 10, "the cube has cells");
      let compared = 0;
      for (const wave of cube.waves) {
        for (const by of [null, "cohort", "stream", "degree", "extension"] as const) {
          for (const filter of filtersOf(cube)) {
            const expected = (await rowObjects(connection, indicatorSql({ wave, by, filter }))).map((r) => ({ id: r.id, group: r.group, numerator: r.numerator, denominator: r.denominator }));
            assert.deepEqual(sliceIndicators(cube, { wave, by, filter }), expected, `${wave} by ${by} ${JSON.stringify(filter)}`);
            compared += expected.length;
          }
        }
      }
      for (const question of Object.keys(checkboxQuestionLabels)) {
        for (const by of [null, "wave", "cohort", "degree", "extension"] as CubeSlice[]) {
          for (const filter of filtersOf(cube).slice(0, 3)) {
            const waves = by === "wave" ? cube.waves : cube.waves.slice(0, 1);
            const expected = (await rowObjects(connection, optionSharesSql({ waves, question, by, filter }))) as unknown as OptionRow[];
            assertSameOptions(sliceOptions(cube, { waves, question, by, filter }), expected, `${question} by ${by} ${JSON.stringify(filter)}`);
            compared += expected.length;
          }
        }
      }
      for (const wave of cube.waves) {
        for (const byCohort of [false, true]) {
          // SQL leaves ties in (cohort order, item, level) unordered: compare in order on those, and as a set.
          const expected = (await rowObjects(connection, ratingCountsSql({ wave, byCohort }))) as unknown as RatingRow[];
          const actual = sliceRatings(cube, { wave, byCohort });
          const key = (r: RatingRow) => JSON.stringify([r.item, r.group, r.cohort_order, r.level, r.label, r.count]);
          assert.deepEqual(actual.map((r) => [r.cohort_order, r.item, r.level]), expected.map((r) => [r.cohort_order, r.item, r.level]), `ratings ${wave} ${byCohort}`);
          assert.deepEqual(actual.map(key).sort(), expected.map(key).sort(), `ratings ${wave} ${byCohort}`);
          compared += expected.length;
        }
      }
      assert.ok(compared > 1000, `compared ${compared} rows`);
    });
  });
}
