import { test } from "node:test";
import assert from "node:assert/strict";
import { kaplanMeier, reachedBy } from "../../src/components/kaplan-meier.js";

test("with no censoring, Kaplan–Meier is the plain cumulative share", () => {
  const steps = kaplanMeier([
    { time: 1, event: true },
    { time: 2, event: true },
    { time: 3, event: false },
    { time: 3, event: false },
  ]);
  assert.deepEqual(steps.map((s) => s.reached), [0.25, 0.5, 0.5]);
});

test("censored people leave the risk set without counting as failures", () => {
  // One person censored at 1 month; of the 3 left, one reaches a role at 2: 1 − (2/3) = 1/3.
  const steps = kaplanMeier([
    { time: 1, event: false },
    { time: 2, event: true },
    { time: 5, event: false },
    { time: 5, event: false },
  ]);
  const at2 = reachedBy(steps, 2)!;
  assert.ok(Math.abs(at2.reached - 1 / 3) < 1e-12);
  assert.equal(at2.atRisk, 3);
  assert.ok(at2.lo >= 0 && at2.lo < at2.reached && at2.hi > at2.reached && at2.hi <= 1);
  assert.equal(reachedBy(steps, 12), null, "nobody is observed 12 months out");
});
