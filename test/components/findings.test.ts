import { test } from "node:test";
import assert from "node:assert/strict";
import { comparisonTitle, likeForLikeTitle, timeToRoleTitle } from "../../src/components/findings.js";

const row = (group: string, share: number, lo: number, hi: number) => ({ group, share, lo, hi, numerator: 1, denominator: 10 });

test("the title names the extremes and whether their intervals overlap", () => {
  assert.match(comparisonTitle("Published", [row("A", 0.2, 0.1, 0.4), row("B", 0.5, 0.3, 0.7)]), /overlap/);
  assert.match(comparisonTitle("Published", [row("A", 0.1, 0.05, 0.2), row("B", 0.8, 0.6, 0.9)]), /larger than the uncertainty/);
  assert.match(comparisonTitle("Published", [row("A", 0.1, 0.05, 0.2), row("B", 0.8, 0.6, 0.9)]), /from 10% \(A\) to 80% \(B\)/);
});

test("a largest-share title says 'most' only when the leader's interval clears every other", async () => {
  const { largestShareTitle, optionsTitle } = await import("../../src/components/findings.js");
  const words = { clear: (r: { group: string }) => `${r.group} reached the most`, level: (r: { group: string }, level: string) => `${r.group} and ${level}`, noun: "channel", empty: "none" };
  assert.equal(largestShareTitle([row("A", 0.6, 0.5, 0.7), row("B", 0.2, 0.1, 0.3)], words), "A reached the most");
  const level = largestShareTitle([row("LessWrong", 0.22, 0.15, 0.3), row("Twitter", 0.2, 0.13, 0.28), row("Friends", 0.19, 0.12, 0.27)], words);
  assert.match(level, /^LessWrong and 2 other channels — the 95% intervals overlap/);
  assert.doesNotMatch(level, /most/);
  assert.equal(largestShareTitle([], words), "none");
  assert.match(optionsTitle("Current work", [{ ...row("all", 0.5, 0.4, 0.6), option: "Research" }, { ...row("all", 0.45, 0.35, 0.55), option: "Policy" }], true), /“Research” \(50%\) and 1 other option chosen about as often/);
});

test("the time-to-role title spans the lowest bound to the highest, and says whether any cohorts are apart", () => {
  const row = (cohort: string, share: number, share_upper: number, lo: number, hi: number) => ({ cohort, share, share_upper, lo, hi });
  const overlapping = [row("A", 0.1, 0.2, 0.02, 0.4), row("B", 0.3, 0.35, 0.1, 0.6), { cohort: "C", share: null, share_upper: null, lo: null, hi: null }];
  assert.equal(
    timeToRoleTitle(overlapping, 12),
    "By 12 months after the program, from 10% (A) to 35% (B) had begun an alignment role — the intervals overlap, so the cohorts are not clearly different",
  );
  assert.match(timeToRoleTitle([row("A", 0.1, 0.1, 0.02, 0.2), row("B", 0.6, 0.6, 0.4, 0.8)], 6), /some cohorts differ by more than chance allows$/);
  assert.equal(timeToRoleTitle([row("A", 0.1, 0.1, 0.02, 0.2)], 24), "By 24 months: too few cohorts followed this long to compare");
});

test("the like-for-like title counts the differences whose interval leaves out 0", () => {
  const pair = (lo: number, hi: number) => ({ difference: { ci95: [lo, hi] as [number, number] } });
  assert.match(likeForLikeTitle([pair(-0.2, 0.1), pair(-0.1, 0.3)]), /no later cohort differs/);
  assert.match(likeForLikeTitle([pair(-0.2, 0.1), pair(0.05, 0.3), pair(-0.4, -0.1)]), /2 of 3 comparisons differ/);
});
