// The Cohorts page's figures: shares per group with Wilson intervals, options pooled across disjoint groups.
import assert from "node:assert/strict";
import { test } from "node:test";
import { indicatorShares, notGiven, optionsAcrossGroups, optionShares } from "../../src/components/cohort-slices.js";
import { assembleCube } from "../../src/survey/cube.js";
import { wilson } from "../../src/survey/indicators.js";

// Two cells of one wave: cohort A (degree PhD) and cohort B (no degree given).
const cell = (cohort: string, order: number, degree: string | null) => ({ wave: "2024", cell_cohort: cohort, cell_order: order, cell_stream: "S", cell_degree: degree, cell_extension: "No" });
const cube = assembleCube(
  [
    { ...cell("A", 1, "PhD"), id: "respondents", numerator: 10, denominator: null },
    { ...cell("B", 2, null), id: "respondents", numerator: 6, denominator: null },
    { ...cell("A", 1, "PhD"), id: "published", numerator: 3, denominator: 9 },
    { ...cell("B", 2, null), id: "published", numerator: 0, denominator: 0 },
    { ...cell("B", 2, null), id: "advanced_past_first_round", numerator: 1, denominator: 4 },
  ],
  [
    { ...cell("A", 1, "PhD"), question: "current_work", option: null, numerator: 8 },
    { ...cell("A", 1, "PhD"), question: "current_work", option: "Research", numerator: 4 },
    { ...cell("B", 2, null), question: "current_work", option: null, numerator: 5 },
    { ...cell("B", 2, null), question: "current_work", option: "Research", numerator: 1 },
    { ...cell("B", 2, null), question: "current_work", option: "Policy", numerator: 2 },
  ],
  [],
);

test("a group where no one answered has no bar, and a group without a degree is named as such", () => {
  const byCohort = indicatorShares(cube, { waves: ["2024"], indicator: "published", by: "cohort" });
  assert.deepEqual(byCohort.map((r) => [r.group, r.numerator, r.denominator]), [["A", 3, 9]]);
  assert.deepEqual([byCohort[0].lo, byCohort[0].hi], wilson(3, 9));
  const byWave = indicatorShares(cube, { waves: ["2024"], indicator: "respondents", by: "wave" });
  assert.deepEqual(byWave, [], "respondents has no denominator: no share");
  const byDegree = indicatorShares(cube, { waves: ["2024"], indicator: "advanced_past_first_round", by: "degree" });
  assert.deepEqual(byDegree.map((r) => r.group), [notGiven]);
});

test("options across disjoint groups are their summed counts over their summed bases", () => {
  const options = optionShares(cube, { waves: ["2024"], question: "current_work", by: "cohort" });
  const pooled = optionsAcrossGroups(options);
  const research = pooled.find((r) => r.option === "Research")!;
  assert.deepEqual([research.numerator, research.denominator], [5, 13]);
  assert.deepEqual([research.lo, research.hi], wilson(5, 13));
  const policy = pooled.find((r) => r.option === "Policy")!;
  // Cohort A answered the question and no one there chose Policy: its 8 are in Policy's base too.
  assert.deepEqual([policy.numerator, policy.denominator], [2, 13]);
});
