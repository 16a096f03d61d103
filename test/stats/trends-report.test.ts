// The Trends report on the sample exports (data/), against R (glm + sandwich::vcovCL by person, survival::survfit):
// the figures the Trends page, `npm run trends` and the Overview all read.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { publicTrends, trendsFigures } from "../../loaders/trends.js";
import { waveSummary, type TrendsReport } from "../../src/stats/trends-report.js";

const sample = fileURLToPath(new URL("../../data", import.meta.url));
let report: TrendsReport;
before(async () => {
  report = await trendsFigures(sample);
});

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-6) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${actual} ≠ ${expected}`);

test("pooled: the full model cannot tell, and the two narrower fits point opposite ways, as R", () => {
  const pooled = report.pooled!.trend;
  close(pooled.model.odds_ratio, 0.56276644);
  close(pooled.model.ci95![0], 0.05968587);
  close(pooled.model.ci95![1], 5.30621477);
  close(pooled.model.p, 0.61554443);
  assert.equal(pooled.verdict, "these data cannot tell");
  const [noWave, noTime] = pooled.parametrisations;
  close(noWave.odds_ratio, 0.61333894);
  close(noWave.ci95![1], 0.9135572);
  assert.equal(noWave.verdict, "later cohorts do worse");
  close(noTime.odds_ratio, 1.11581803);
  assert.equal(noTime.verdict, "these data cannot tell");
  assert.equal(pooled.disagree, true);
});

test("the 2025 wave alone: adjusted for months since the program, as R", () => {
  const model = report.by_wave["2025"].trend.model;
  close(model.odds_ratio, 0.53504748);
  close(model.ci95![0], 0.04357584);
  close(model.ci95![1], 6.5695985);
  assert.equal(report.by_wave["2025"].trend.verdict, "these data cannot tell");
});

test("weighted: raked to the roster's cohort and stream counts, as R's survey::rake + svyglm (errors allow for the raking)", () => {
  const wave = report.by_wave["2025"];
  close(wave.weighting.design_effect, 1.06190533);
  const model = wave.trend_weighted!.model;
  close(model.odds_ratio, 0.39593237);
  close(model.ci95![0], 0.03920876);
  close(model.ci95![1], 3.99814852);
  close(model.p, 0.43226584);
  assert.deepEqual(wave.weighting.dropped, []);
});

test("the wave-over-wave change pairs the 45 people who answered both waves, as R", () => {
  const change = report.wave_change!;
  close(change.difference, -0.20505051);
  close(change.ci95[0], -0.3447888);
  close(change.ci95[1], -0.06531221);
  assert.equal(change.paired, 45);
  assert.equal(change.wording_changed, true);
});

test("time to role: Summer 2024's roles begun before the program are 'already in role', not month-0 events", () => {
  const summer2024 = report.by_wave["2025"].cohorts.find((c) => c.cohort === "Summer 2024")!.time_to_role!;
  assert.ok(summer2024.already_in_role.count >= 10);
  const six = summer2024.milestones.find((m) => m.months === 6)!;
  assert.ok(six.share! < 0.25, `was 55% when pre-program roles counted: ${six.share}`);
  for (const cohort of report.by_wave["2025"].cohorts) {
    for (const m of cohort.time_to_role!.milestones) if (m.share !== null) assert.ok(m.at_risk >= 5, `${cohort.cohort} ${m.months}m rests on ${m.at_risk}`);
  }
  assert.equal(report.by_wave["2024"].start_date_asked, false);
});

test("like for like: cohorts of the two waves at about the same months since their program, wording flagged", () => {
  assert.deepEqual(report.like_for_like.map((p) => `${p.from.cohort} ${p.from.wave} ↔ ${p.to.cohort} ${p.to.wave}`), [
    "Summer 2023 2024 ↔ Summer 2024 2025",
    "Winter 2022-23 2024 ↔ Winter 2023-24 2025",
    "Summer 2022 2024 ↔ Summer 2023 2025",
    "Winter 2021-22 2024 ↔ Winter 2022-23 2025",
  ]);
  assert.ok(report.like_for_like.every((p) => p.wording_changed && p.difference.paired === 0));
});

test("the command's summary carries the shape funders' scripts read; the public build ships no cohort cells", () => {
  const summary = waveSummary(report, "2025");
  assert.equal(summary.wave, "2025");
  assert.equal(summary.time_to_role.length, 6);
  const first = summary.time_to_role[0];
  assert.ok("already_in_role" in first && first.milestones.every((m) => "share" in m && "ci95" in m && "at_risk" in m));
  assert.deepEqual(Object.keys(summary.model).slice(0, 4), ["odds_ratio", "ci95", "p", "adjusted_for"]);
  assert.equal(summary.verdict, "these data cannot tell");
  const change = report.wave_change!;
  const pooled = (wave: string, share: { numerator: number; denominator: number }, suppressed = false) => ({
    wave, respondents: null, excluded: {},
    indicators: [suppressed
      ? { id: report.outcome.id, group: null, numerator: null, denominator: null, share: null, ci95: null, suppressed: true }
      : { id: report.outcome.id, group: null, numerator: share.numerator, denominator: share.denominator, share: null, ci95: null }],
  });
  const tables = (withheldTo: boolean) => ({
    build: "public" as const, minCell: 5, waves: report.waves,
    reports: { [change.from_wave]: { all: pooled(change.from_wave, change.from) }, [change.to_wave]: { all: pooled(change.to_wave, change.to, withheldTo) } },
  }) as unknown as Parameters<typeof publicTrends>[1];
  const shipped = publicTrends(report, tables(false), 5);
  const text = JSON.stringify(shipped);
  assert.ok(!text.includes("time_to_role") && !text.includes("Summer 2024") && !text.includes("by_wave"));
  assert.equal(shipped.wave_change?.paired, change.paired);
  // A pooled figure the public indicators withhold is not given back by the change between waves.
  assert.equal(publicTrends(report, tables(true), 5).wave_change, null);
  // Nor are people who answered both waves when they are fewer than the threshold.
  assert.equal(publicTrends(report, tables(false), change.paired + 1).wave_change, null);
});
