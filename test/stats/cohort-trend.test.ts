// The cohort-trend model pinned to R: glm(binomial) + sandwich::vcovCL(cluster = ~person, type = "HC0"),
// survey::svyglm(ids = ~person, weights = ~w) for the weighted fit, on test/stats/fixture.ts's rows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cohortModel, cohortTrend, verdictOf, verdictSentence } from "../../src/stats/cohort-trend.js";
import { outcomeRows } from "./fixture.js";

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-6) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${actual} ≠ ${expected}`);

function pinned(model: ReturnType<typeof cohortModel>, [or, lo, hi, p]: [number, number, number, number]) {
  close(model.odds_ratio, or);
  close(model.ci95?.[0], lo);
  close(model.ci95?.[1], hi);
  close(model.p, p);
}

test("pooled waves: cohort + months since the program + wave, clustered by person, as R", () => {
  const rows = outcomeRows();
  pinned(cohortModel(rows, ["months", "wave"]), [1.2501301971, 0.0417093429, 37.4694349261, 0.8976086015]);
  pinned(cohortModel(rows, ["months"]), [0.8455669751, 0.5081301292, 1.4070874138, 0.5185444669]);
  pinned(cohortModel(rows, ["wave"]), [1.0177681543, 0.7388508669, 1.4019771272, 0.9141693954]);
});

test("one wave: adjusted for months since the program, and cohort alone, as R", () => {
  const rows = outcomeRows().filter((r) => r.wave === "A");
  pinned(cohortModel(rows, ["months", "wave"]), [0.0229004040, 0.0000873484, 6.0038681459, 0.1838009217]);
  pinned(cohortModel(rows, []), [1.5022847233, 0.7803242013, 2.8922073494, 0.2233110135]);
});

test("three waves pooled (five columns, the general IRLS pass; two waves use the four-column one): as R", () => {
  // Wave B's odd-numbered people relabelled as wave C; R: glm(y ~ cohort + I(months / 12) + wave) + vcovCL(~person, "HC0").
  const rows = outcomeRows().map((r) => (r.wave === "B" && r.person % 2 === 1 ? { ...r, wave: "C" } : r));
  pinned(cohortModel(rows, ["months", "wave"]), [1.1718120162, 0.0426236554, 32.2155241682, 0.9252893064]);
});

test("weighted: the same as survey::svyglm with ids = ~person (R run to glm.control(epsilon = 1e-14))", () => {
  pinned(cohortModel(outcomeRows(), ["months", "wave"], { weighted: true }), [2.8436430318, 0.0956648684, 84.5274323722, 0.5459281489]);
});

test("the verdict follows the odds ratio's 95% interval", () => {
  assert.equal(verdictOf([1.1, 2]), "later cohorts do better");
  assert.equal(verdictOf([0.3, 0.9]), "later cohorts do worse");
  assert.equal(verdictOf([0.5, 1.5]), "these data cannot tell");
  assert.equal(verdictOf(null), "these data cannot tell");
});

test("pooled: the full model decides, and the two narrower parametrisations are reported beside it", () => {
  const trend = cohortTrend(outcomeRows());
  assert.equal(trend.verdict, "these data cannot tell");
  assert.deepEqual(trend.model.adjusted_for, ["months since the program ended", "survey wave"]);
  assert.deepEqual(trend.parametrisations.map((p) => p.adjusted_for), [["months since the program ended"], ["survey wave"]]);
  // 0.85 against 1.02 and 1.25: the directions differ, so the page shows both.
  assert.equal(trend.disagree, true);
  assert.match(verdictSentence(trend, "on alignment work"), /These data cannot tell \(odds ratio 1\.25 per later cohort/);
});

test("no estimate, and no verdict but 'cannot tell', when the outcome never varies", () => {
  const rows = outcomeRows().map((r) => ({ ...r, outcome: true }));
  const model = cohortModel(rows, ["months"]);
  assert.equal(model.odds_ratio, null);
  assert.equal(model.verdict, "these data cannot tell");
  assert.ok(model.withheld);
});
