import { test } from "node:test";
import assert from "node:assert/strict";
import { protectSmallCells } from "../../loaders/disclosure";
import type { IndicatorFigure, IndicatorTables } from "../../src/survey/report";
import { assertNoSmallCellRecoverable } from "./small-cells";

const figure = (id: string, group: string | null, numerator: number, denominator: number | null): IndicatorFigure => ({
  id, group, numerator, denominator, share: denominator ? numerator / denominator : null, ci95: denominator ? [0, 1] : null,
});

function tables(): IndicatorTables {
  return {
    build: "analyst",
    minCell: 0,
    waves: ["2024"],
    reports: {
      "2024": {
        all: { wave: "2024", respondents: 40, excluded: {}, indicators: [figure("published", null, 20, 40)] },
        cohort: {
          wave: "2024",
          respondents: 40,
          excluded: {},
          indicators: [
            figure("published", "A", 2, 4), // denominator 4 < 5
            figure("published", "B", 8, 16),
            figure("published", "C", 10, 20),
          ],
        },
      },
    },
  };
}

test("the unprotected tables fail the recoverability check (the check can fail)", () => {
  assert.throws(() => assertNoSmallCellRecoverable(tables(), 5));
});

test("a small cell is withheld, and so is the next smallest group, so the total cannot give it back", async () => {
  const safe = await protectSmallCells(tables(), 5);
  const cohorts = safe.reports["2024"].cohort.indicators;
  assert.deepEqual(cohorts.map((f) => [f.group, f.suppressed ?? false]), [["A", true], ["B", true], ["C", false]]);
  assert.equal(cohorts[0].numerator, null);
  assert.equal(safe.reports["2024"].all.indicators[0].numerator, 20, "the pooled figure stays");
  assert.equal(safe.build, "public");
  assertNoSmallCellRecoverable(safe, 5);
});

test("a share whose complement is small is withheld too (nearly everyone said yes)", async () => {
  const t = tables();
  t.reports["2024"].all.indicators[0] = figure("published", null, 38, 40);
  const safe = await protectSmallCells(t, 5);
  assert.equal(safe.reports["2024"].all.indicators[0].suppressed, true);
});

test("the threshold is a setting", async () => {
  // At 17, B's denominator (16) and C's complement (20 − 10) are small as well.
  const safe = await protectSmallCells(tables(), 17);
  assert.deepEqual(safe.reports["2024"].cohort.indicators.map((f) => f.suppressed ?? false), [true, true, true]);
  assertNoSmallCellRecoverable(safe, 17);
});
