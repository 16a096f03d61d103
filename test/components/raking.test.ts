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
  const { share, effectiveN } = weightedShare([1, 0, 0, 0], [1, 1, 1, 1], [3, 1, 1, 1]);
  assert.equal(share, 0.5);
  assert.ok(effectiveN < 4);
});

test("a level nobody answered from is dropped from the targets, not divided by zero", () => {
  const { weights } = rake([{ cohort: "A" }, { cohort: "A" }], { cohort: { A: 5, B: 50 } });
  assert.deepEqual(weights, [1, 1]);
});

test("raking cells of alike respondents gives each respondent the weight raking them one by one gives", () => {
  // 200 respondents in cohort × stream cells, each answering a yes/no question (or not).
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const people = Array.from({ length: 200 }, () => ({
    cohort: ["A", "B", "C"][Math.floor(random() * 3)],
    stream: ["x", "y"][Math.floor(random() * 2)],
    answer: random() < 0.8 ? random() < 0.4 : null,
  }));
  const margins = { cohort: { A: 30, B: 50, C: 20 }, stream: { x: 40, y: 60 } };
  const one = rake(people, margins);
  const keys = [...new Set(people.map((p) => `${p.cohort}|${p.stream}`))];
  const cells = keys.map((key) => {
    const members = people.filter((p) => `${p.cohort}|${p.stream}` === key);
    return { cohort: members[0].cohort, stream: members[0].stream, n: members.length, hits: members.filter((p) => p.answer === true).length, answered: members.filter((p) => p.answer !== null).length };
  });
  const pooled = rake(cells, margins, { counts: cells.map((c) => c.n) });
  people.forEach((p, i) => {
    const cell = keys.indexOf(`${p.cohort}|${p.stream}`);
    assert.ok(Math.abs(one.weights[i] - pooled.weights[cell]) < 1e-9, `respondent ${i}`);
  });
  assert.ok(Math.abs(designEffect(one.weights) - designEffect(pooled.weights, cells.map((c) => c.n))) < 1e-12);
  assert.ok(designEffect(one.weights) > 1.01, "the margins are far from the sample's, so the weights vary");
  const answered = people.map((p, i) => ({ p, w: one.weights[i] })).filter(({ p }) => p.answer !== null);
  const byRow = weightedShare(answered.map(({ p }) => (p.answer ? 1 : 0)), answered.map(() => 1), answered.map(({ w }) => w));
  const byCell = weightedShare(cells.map((c) => c.hits), cells.map((c) => c.answered), pooled.weights);
  assert.ok(Math.abs(byRow.share - byCell.share) < 1e-12);
  assert.ok(Math.abs(byRow.effectiveN - byCell.effectiveN) < 1e-9);
});

test("a dropped level is named, and raking that does not converge withholds weighted figures", async () => {
  const { rakingProblem } = await import("../../src/components/raking.js");
  const result = rake([{ cohort: "A", stream: "x" }, { cohort: "A", stream: "y" }], { cohort: { A: 5, B: 50 }, stream: { x: 1, y: 1 } });
  assert.deepEqual(result.dropped, [{ variable: "cohort", level: "B", population: 50 }]);
  assert.equal(rakingProblem(result), null);
  // Margins no weights can meet at once (x only in A, y only in B, but A:B and x:y disagree) never converge.
  const stuck = rake([{ cohort: "A", stream: "x" }, { cohort: "B", stream: "y" }], { cohort: { A: 1, B: 1 }, stream: { x: 9, y: 1 } }, { maxIterations: 20 });
  assert.equal(stuck.converged, false);
  assert.match(rakingProblem(stuck)!, /did not converge/);
});
