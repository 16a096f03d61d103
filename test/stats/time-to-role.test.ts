// Time to an alignment role pinned to R: survival::survfit(conf.type = "log-log") for each placement of unknown
// start dates, prop.test(correct = FALSE) for "already in role", binom.test for the bound when nobody had a role.
import { test } from "node:test";
import assert from "node:assert/strict";
import { monthIndex, timeToRole } from "../../src/stats/time-to-role.js";
import { roleRows } from "./fixture.js";

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-6) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected}`);

test("roles begun before the program ended are a separate figure, not events at month 0", () => {
  const result = timeToRole(roleRows());
  assert.equal(result.respondents, 30);
  assert.equal(result.already_in_role.count, 4);
  assert.equal(result.already_in_role.count_upper, 7, "the 3 with no start date might have begun before too");
  assert.equal(result.unknown_start, 3);
  close(result.already_in_role.ci95?.[0], 0.05309655484);
  close(result.already_in_role.ci95?.[1], 0.29681326682);
});

test("milestones: both placements of unknown start dates as R's survfit, with the number at risk", () => {
  const [six, twelve] = timeToRole(roleRows(), [6, 12]).milestones;
  close(six.share, 0.2307692308);
  close(six.share_upper, 0.3461538462);
  close(six.ci95?.[0], 0.1109479763);
  close(six.ci95?.[1], 0.5598416145);
  assert.equal(six.at_risk, 19);
  close(twelve.share, 0.5821428571);
  close(twelve.share_upper, 0.6581196581);
  close(twelve.ci95?.[0], 0.3820195191);
  close(twelve.ci95?.[1], 0.8455784405);
  assert.equal(twelve.at_risk, 6);
});

test("fewer than 5 at risk: withheld, with the number at risk still shown", () => {
  const [fourteen] = timeToRole(roleRows(), [14]).milestones;
  assert.equal(fourteen.share, null);
  assert.ok(fourteen.at_risk < 5);
  assert.match(fourteen.withheld!, /fewer than 5/);
  const [later] = timeToRole(roleRows(), [24]).milestones;
  assert.match(later.withheld!, /nobody followed/);
});

test("nobody had a role: 0% with the exact binomial upper bound, not 0%–0%", () => {
  const rows = Array.from({ length: 12 }, () => ({ outcome: false, roleMonth: null, surveyMonth: 13 }));
  const [twelve] = timeToRole(rows, [12]).milestones;
  assert.equal(twelve.share, 0);
  assert.equal(twelve.at_risk, 12);
  close(twelve.ci95?.[0], 0);
  close(twelve.ci95?.[1], 0.2646484694);
});

test("an alignment worker with no start date is never a person without a role", () => {
  // Followed 13 months, start unknown: by 12 months the bounds are 0 (started after 12) and 100% (at month 0).
  const rows = [...Array.from({ length: 6 }, () => ({ outcome: false, roleMonth: null, surveyMonth: 13 })), { outcome: true, roleMonth: null, surveyMonth: 13 }];
  const [twelve] = timeToRole(rows, [12]).milestones;
  assert.equal(twelve.share, 0);
  close(twelve.share_upper, 1 / 7);
});

test("month indexes count calendar months: the program's last month is month 0", () => {
  assert.equal(monthIndex("2024-08-23") - monthIndex("2024-08-01"), 0);
  assert.equal(monthIndex("2025-01-01") - monthIndex("2024-08-23"), 5);
});
