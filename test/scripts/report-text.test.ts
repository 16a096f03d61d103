// The command line prints a figure in the very words the pages do: both go through src/components/format.ts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { indicatorTable, trendsText } from "../../scripts/report-text";
import { interval, percent, points, ratio } from "../../src/components/format";
import { milestoneCell } from "../../src/components/trend-views";
import type { IndicatorReport } from "../../src/survey/report";
import type { waveSummary } from "../../src/stats/trends-report";
import type { Milestone } from "../../src/stats/time-to-role";

// The awkward figures: none, a small share, one just under 10% that rounds to it, whole, and the edges.
const figures: [number, number, [number, number]][] = [
  [0, 12, [0, 0.2425]],
  [1, 72, [0.0025, 0.0749]],
  [7, 71, [0.0487, 0.1897]],
  [49, 72, [0.5676, 0.7764]],
  [72, 72, [0.9493, 1]],
];
const report: IndicatorReport = {
  wave: "2024",
  respondents: 72,
  excluded: {},
  indicators: figures.map(([numerator, denominator, ci95], i) => ({ id: `figure_${i}`, group: null, numerator, denominator, share: numerator / denominator, ci95 })),
};

test("the indicators table prints each share and interval exactly as the pages' formatter writes them", () => {
  const rows = indicatorTable(report).split("\n").slice(3);
  assert.equal(rows.length, figures.length);
  report.indicators.forEach((figure, i) => {
    const cells = rows[i].trim().split(/\s{2,}/);
    assert.deepEqual(cells, [figure.id, percent(figure.share), String(figure.numerator), String(figure.denominator), interval(figure.ci95!)]);
  });
});

test("one rule for a share: 0% (never 0.0%), one decimal under 10%, whole percents from 10% up", () => {
  assert.deepEqual(report.indicators.map((f) => percent(f.share)), ["0%", "1.4%", "9.9%", "68%", "100%"]);
  assert.equal(percent(0.09999999999999998), "10%");
  assert.equal(percent(null), "–");
  assert.equal(interval([0, 0.2425]), "0–24%");
  assert.equal(interval([0.0487, 0.1897]), "4.9–19%");
  assert.deepEqual([0.12, -0.034, 0, -0.025, 0.025].map(points), ["+12", "−3", "+0", "−3", "+3"]);
});

test("the trends text writes a milestone's bounds and interval as the Trends page's table does", () => {
  const milestone: Milestone = { months: 12, share: 0.1764, share_upper: 0.4705, ci95: [0.0606, 0.7213], at_risk: 9 };
  const summary = {
    wave: "2025",
    outcome: "work_alignment_any",
    verdict_sentence: "these data cannot tell",
    parametrisations: [{ odds_ratio: 0.004, ci95: [0.001, 0.02], p: 0.5, adjusted_for: ["months"], assumption: "no wave effect", verdict: "cannot tell" }],
    pooled: null,
    time_to_role: [{ cohort: "Winter 2021-22", respondents: 17, response_rate: 0.0567, already_in_role: { count: 0, count_upper: 5 }, unknown_start: 5, milestones: [milestone] }],
  } as unknown as ReturnType<typeof waveSummary>;
  const text = trendsText(summary);
  const page = milestoneCell(milestone); // "18–47% (6.1–72%) · 9 at risk"
  const [bounds, ci] = page.match(/^(\S+) \((\S+)\)/)!.slice(1);
  assert.ok(text.includes(`12m: ${bounds} (${ci}; 9 at risk)`), text);
  assert.ok(text.includes(`response ${percent(0.0567)};`), text);
  assert.ok(text.includes(`OR ${ratio(0.004)} (${ratio(0.001)}–${ratio(0.02)})`), text);
});
