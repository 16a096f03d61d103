import { test } from "node:test";
import assert from "node:assert/strict";
import { designEffect, rake, weightedShare } from "../../src/components/raking.js";

test("raking matches each margin of the population", () => {
  // 3 of cohort A answered, 1 of B; the population is 50/50, and 2 streams 25/75.
  const rows = [
    { cohort: "A", stream: "x" },
    { cohort: "A", stream: "y" },
    { cohort: "A", stream: "y" },
    { cohort: "B", stream: "y" },
  ];
  const { weights, converged } = rake(rows, { cohort: { A: 10, B: 10 }, stream: { x: 5, y: 15 } });
  assert.ok(converged);
  const share = (variable: "cohort" | "stream", level: string) =>
    rows.reduce((s, r, i) => s + (r[variable] === level ? weights[i] : 0), 0) / weights.reduce((a, b) => a + b);
  assert.ok(Math.abs(share("cohort", "A") - 0.5) < 1e-6);
  assert.ok(Math.abs(share("stream", "x") - 0.25) < 1e-6);
  assert.ok(Math.abs(weights.reduce((a, b) => a + b) - rows.length) < 1e-6);
});

test("equal weights have a design effect of 1; unequal ones more", () => {
  assert.equal(designEffect([1, 1, 1, 1]), 1);
  assert.ok(designEffect([0.5, 0.5, 1.5, 1.5]) > 1);
  const { share, effectiveN } = weightedShare([true, false, false, false], [3, 1, 1, 1]);
  assert.equal(share, 0.5);
  assert.ok(effectiveN < 4);
});

test("a level nobody answered from is dropped from the targets, not divided by zero", () => {
  const { weights } = rake([{ cohort: "A" }, { cohort: "A" }], { cohort: { A: 5, B: 50 } });
  assert.deepEqual(weights, [1, 1]);
});
