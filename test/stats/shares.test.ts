// Shares and differences pinned to R: prop.test(correct = FALSE) for Wilson, lm + vcovCL(cluster = ~person, "HC0").
import { test } from "node:test";
import assert from "node:assert/strict";
import { chanceDifference, shareDifference, upperBoundWhenNone, wilsonInterval } from "../../src/stats/shares.js";
import { outcomeRows } from "./fixture.js";

const close = (actual: number | undefined, expected: number, tolerance = 1e-7) => assert.ok(actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected}`);

test("the difference between waves counts a person who answered both as one cluster, as R", () => {
  const rows = outcomeRows();
  const d = shareDifference(rows.filter((r) => r.wave === "A"), rows.filter((r) => r.wave === "B"))!;
  close(d.difference, -0.0832708177);
  close(d.ci95[0], -0.3207422455);
  close(d.ci95[1], 0.1542006101);
  close(d.p, 0.491910433);
  assert.equal(d.paired, 14);
});

test("Wilson and the exact bound for none of n, as R", () => {
  const [lo, hi] = wilsonInterval(4, 30)!;
  close(lo, 0.05309655484);
  close(hi, 0.29681326682);
  close(upperBoundWhenNone(12), 0.2646484694);
  assert.equal(wilsonInterval(0, 0), null);
});

test("two cohorts of 20 can differ by about 31 points by chance alone (the Trends page's noise line)", () => {
  // R: qnorm(0.975) * sqrt(0.5 * 0.5 * (1/20 + 1/20)) = 0.3098975162
  assert.ok(Math.abs(chanceDifference(20) - 0.3098975162) < 1e-6);
});
