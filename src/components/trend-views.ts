// The Trends page's charts and tables, each drawn from the build-time report (src/stats/trends-report.ts).
import * as Plot from "@observablehq/plot";
import { percent } from "./format.js";
import { simpleTable } from "./table.js";
import type { ShareRow } from "./share-bars.js";
import type { CohortModel, CohortTrend } from "../stats/cohort-trend.js";
import type { LikeForLike, WaveTrend } from "../stats/trends-report.js";
import type { Milestone } from "../stats/time-to-role.js";

const ratio = (x: number | null | undefined) => (x === null || x === undefined ? "–" : x < 0.01 ? x.toExponential(1) : x.toFixed(2));
const points = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(0)}`;

/** "12 to 20%" when the bounds differ, "12%" when every start date was known. */
export function boundsText(m: Milestone): string {
  if (m.share === null) return `withheld (${m.withheld})`;
  const bounds = m.share_upper !== null && Math.abs(m.share_upper - m.share) > 1e-9 ? `${percent(m.share)} to ${percent(m.share_upper)}` : percent(m.share);
  return `${bounds} (95%: ${percent(m.ci95![0])}–${percent(m.ci95![1])})`;
}

/** Each cohort's share now, labelled with its response rate (rows for the share-bars chart). */
export function shareNowRows(wave: WaveTrend): ShareRow[] {
  return wave.cohorts.filter((c) => c.share_now.denominator > 0).map((c) => ({
    group: `${c.cohort} · ${Math.round(c.months_since_end)} mo · ${percent(c.response_rate)} answered`,
    numerator: c.share_now.numerator,
    denominator: c.share_now.denominator,
    share: c.share_now.share!,
    lo: c.share_now.ci95![0],
    hi: c.share_now.ci95![1],
  }));
}

/** Rows of the time-to-role chart and table at one milestone. */
export function milestoneRows(wave: WaveTrend, months: number) {
  return wave.cohorts.filter((c) => c.time_to_role).map((c) => {
    const m = c.time_to_role!.milestones.find((x) => x.months === months)!;
    return { cohort: c.cohort, months, share: m.share, share_upper: m.share_upper, lo: m.ci95?.[0] ?? null, hi: m.ci95?.[1] ?? null, at_risk: m.at_risk, withheld: m.withheld ?? null, label: m.share === null ? `withheld: ${m.at_risk} at risk` : `${m.at_risk} at risk` };
  });
}

/** Bounds (thick) and 95% interval (thin) of the share with a role by one milestone, one row per cohort. */
export function timeToRoleChart(rows: ReturnType<typeof milestoneRows>, { width }: { width: number }): SVGSVGElement | HTMLElement {
  const shown = rows.filter((r) => r.share !== null);
  const narrow = width < 520;
  return Plot.plot({
    width,
    height: 44 + 34 * rows.length,
    marginLeft: narrow ? 104 : 130,
    marginRight: 12,
    x: { domain: [0, 1], tickFormat: (d: number) => `${Math.round(d * 100)}%`, ticks: narrow ? 4 : 10, grid: true, label: `Share with an alignment role begun after the program, by ${rows[0]?.months ?? ""} months →` },
    y: { domain: rows.map((r) => r.cohort), label: null },
    marks: [
      Plot.ruleY(shown, { y: "cohort", x1: "lo", x2: "hi", stroke: "currentColor", strokeOpacity: 0.45 }),
      Plot.ruleY(shown, { y: "cohort", x1: "share", x2: (r: (typeof rows)[number]) => Math.max(r.share_upper!, r.share! + 0.006), stroke: "var(--theme-foreground-focus)", strokeWidth: 8 }),
      Plot.text(rows, { y: "cohort", x: (r: (typeof rows)[number]) => (r.share === null ? 0 : r.hi!), text: "label", dx: 6, dy: 0, textAnchor: "start", frameAnchor: "left", fontSize: 11 }),
    ],
  });
}

/** Differences between cohorts of two waves at the same months since their program, with 95% intervals. */
export function likeForLikeChart(pairs: readonly LikeForLike[], { width }: { width: number }): SVGSVGElement | HTMLElement {
  const rows = pairs.map((p) => ({ label: `~${p.months} months`, difference: p.difference.difference, lo: p.difference.ci95[0], hi: p.difference.ci95[1] }));
  return Plot.plot({
    width,
    height: 44 + 34 * rows.length,
    marginLeft: 84,
    marginRight: 16,
    x: { domain: [-1, 1], tickFormat: (d: number) => points(d), ticks: width < 520 ? 5 : 9, grid: true, label: "Later wave's cohort minus earlier wave's, percentage points →" },
    y: { domain: rows.map((r) => r.label), label: null },
    marks: [
      Plot.ruleX([0], { stroke: "currentColor" }),
      Plot.ruleY(rows, { y: "label", x1: "lo", x2: "hi", stroke: "currentColor", strokeOpacity: 0.6 }),
      Plot.dot(rows, { y: "label", x: "difference", r: 5, fill: "var(--theme-foreground-focus)" }),
    ],
  });
}

export function likeForLikeTable(pairs: readonly LikeForLike[]): HTMLTableElement {
  return simpleTable(pairs, [
    { label: "Earlier wave's cohort", value: (p) => `${p.from.cohort} (${p.from.wave}), ${Math.round(p.from.months_since_end)} mo: ${percent(p.difference.from.share)} of ${p.difference.from.denominator}` },
    { label: "Later wave's cohort", value: (p) => `${p.to.cohort} (${p.to.wave}), ${Math.round(p.to.months_since_end)} mo: ${percent(p.difference.to.share)} of ${p.difference.to.denominator}` },
    { label: "Difference (95%)", value: (p) => `${points(p.difference.difference)} pts (${points(p.difference.ci95[0])} to ${points(p.difference.ci95[1])})`, numeric: true },
    { label: "Wording", value: (p) => (p.wording_changed ? "question reworded between waves" : "same") },
  ]);
}

/** The model the verdict comes from and its narrower parametrisations, with the assumption each rests on. */
export function modelTable(trend: CohortTrend): HTMLTableElement {
  const rows: (CohortModel & { role: string })[] = [{ ...trend.model, role: "verdict" }, ...trend.parametrisations.map((p) => ({ ...p, role: "narrower" }))];
  return simpleTable(rows, [
    { label: "Compares people at the same", value: (m) => (m.adjusted_for.length ? m.adjusted_for.join(" and ") : "— (cohort alone)") + (m.role === "verdict" ? " · gives the verdict" : "") },
    { label: "Odds ratio per later cohort (95%)", value: (m) => (m.odds_ratio === null ? `none: ${m.withheld}` : `${ratio(m.odds_ratio)} (${ratio(m.ci95![0])}–${ratio(m.ci95![1])})`), numeric: true },
    { label: "p (trend)", value: (m) => (m.p === null ? "–" : m.p < 0.001 ? "<0.001" : m.p.toFixed(3)), numeric: true },
    { label: "Says", value: (m) => m.verdict },
    { label: "Holds only if", value: (m) => m.assumption },
  ]);
}
