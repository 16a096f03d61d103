// The Trends page's charts and tables, each drawn from the build-time report (src/stats/trends-report.ts).
import * as Plot from "@observablehq/plot";
import { interval, percent, points, ratio, shareBetween } from "./format.js";
import type { CohortModel, CohortTrend } from "../stats/cohort-trend.js";
import type { LikeForLike, WaveTrend } from "../stats/trends-report.js";
import type { Milestone } from "../stats/time-to-role.js";


/** Each cohort's share now with its response rate and months since the program (rows of the chart and its CSV). */
export function shareNowRows(wave: WaveTrend) {
  return wave.cohorts.filter((c) => c.share_now.denominator > 0).map((c) => ({
    cohort: c.cohort,
    label: `${c.cohort} · ${Math.round(c.months_since_end)} months out · ${percent(c.response_rate)} of ${c.alumni} answered`,
    numerator: c.share_now.numerator,
    denominator: c.share_now.denominator,
    share: c.share_now.share!,
    lo: c.share_now.ci95![0],
    hi: c.share_now.ci95![1],
    response_rate: c.response_rate,
    months_since_end: c.months_since_end,
  }));
}

/** Bars of each cohort's share now, the cohort's label above its bar so it reads at any width. */
export function shareNowChart(rows: ReturnType<typeof shareNowRows>, { width, label }: { width: number; label: string }): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width,
    height: 40 + 46 * rows.length,
    marginLeft: 8,
    marginRight: 86,
    marginTop: 18,
    x: { domain: [0, 1], tickFormat: (d: number) => `${Math.round(d * 100)}%`, ticks: width < 520 ? 5 : 10, grid: true, label },
    y: { domain: rows.map((r) => r.cohort), axis: null },
    marks: [
      Plot.ruleY(rows, { y: "cohort", x1: 0, x2: "share", stroke: "var(--theme-foreground-focus)", strokeOpacity: 0.8, strokeWidth: 14 }),
      Plot.ruleY(rows, { y: "cohort", x1: "lo", x2: "hi", stroke: "currentColor" }),
      Plot.text(rows, { y: "cohort", x: 0, text: "label", dy: -16, textAnchor: "start", fontSize: 11 }),
      Plot.text(rows, { y: "cohort", text: (r: (typeof rows)[number]) => `${percent(r.share)} (${r.numerator}/${r.denominator})`, frameAnchor: "right", textAnchor: "start", dx: 4, fontSize: 11 }),
    ],
  });
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
    height: 48 + 34 * rows.length,
    marginLeft: narrow ? 96 : 120,
    marginRight: 78,
    x: { domain: [0, 1], tickFormat: (d: number) => `${Math.round(d * 100)}%`, ticks: narrow ? 4 : 10, grid: true, label: narrow ? `Share by ${rows[0]?.months ?? ""} months →` : `Share with an alignment role begun after the program, by ${rows[0]?.months ?? ""} months →` },
    y: { domain: rows.map((r) => r.cohort), label: null },
    marks: [
      Plot.ruleY(shown, { y: "cohort", x1: "lo", x2: "hi", stroke: "currentColor", strokeOpacity: 0.45 }),
      Plot.ruleY(shown, { y: "cohort", x1: "share", x2: (r: (typeof rows)[number]) => Math.max(r.share_upper!, r.share! + 0.006), stroke: "var(--theme-foreground-focus)", strokeWidth: 8 }),
      Plot.text(rows.filter((r) => r.share === null), { y: "cohort", x: 0, text: () => "withheld", dx: 4, textAnchor: "start", fontSize: 11, fontStyle: "italic" }),
      Plot.text(rows, { y: "cohort", text: (r: (typeof rows)[number]) => `${r.at_risk} at risk`, frameAnchor: "right", textAnchor: "start", dx: 6, fontSize: 11 }),
    ],
  });
}

/** Milestone cell: "18–47% (6–72%) · 9 at risk", or why it is withheld. */
export function milestoneCell(m: Milestone): string {
  if (m.share === null) return m.at_risk === 0 ? "not yet followed this long" : `withheld · ${m.at_risk} at risk`;
  return `${shareBetween(m.share, m.share_upper)} (${interval(m.ci95!)}) · ${m.at_risk} at risk`;
}

/** A wide table in a box that scrolls sideways on a phone instead of squeezing every column. */
export function scrolling(table: HTMLElement): HTMLDivElement {
  const box = document.createElement("div");
  box.className = "table-scroll";
  box.append(table);
  return box;
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

function listOf(items: readonly (readonly (string | Node)[])[], className: string): HTMLUListElement {
  const list = document.createElement("ul");
  list.className = className;
  for (const parts of items) {
    const li = document.createElement("li");
    li.append(...parts);
    list.append(li);
  }
  return list;
}

function strong(text: string): HTMLElement {
  const node = document.createElement("strong");
  node.textContent = text;
  return node;
}

/** Each like-for-like pair in words: both cohorts with their n, the difference and its interval, the wording flag. */
export function likeForLikeList(pairs: readonly LikeForLike[]): HTMLUListElement {
  return listOf(pairs.map((p) => [
    strong(`~${p.months} months: ${points(p.difference.difference)} points (95% ${points(p.difference.ci95[0])} to ${points(p.difference.ci95[1])})`),
    ` — ${p.to.cohort} in ${p.to.wave} (${Math.round(p.to.months_since_end)} months out): ${percent(p.difference.to.share)} of ${p.difference.to.denominator}; ${p.from.cohort} in ${p.from.wave} (${Math.round(p.from.months_since_end)} months out): ${percent(p.difference.from.share)} of ${p.difference.from.denominator}.`,
    p.wording_changed ? " ⚑ Question reworded between the waves." : "",
  ]), "trend-list");
}

/** The model the verdict comes from and its narrower readings, each with what it says and the assumption it needs. */
export function modelReadings(trend: CohortTrend): HTMLUListElement {
  const readings: [CohortModel, boolean][] = [[trend.model, true], ...trend.parametrisations.map((p): [CohortModel, boolean] => [p, false])];
  return listOf(readings.map(([m, decides]) => [
    strong(`${m.adjusted_for.length ? `Comparing people at the same ${m.adjusted_for.join(" and ")}` : "Cohort alone"}${decides ? " (gives the verdict)" : ""}: `),
    m.odds_ratio === null ? `no estimate (${m.withheld}).` : `odds ratio ${ratio(m.odds_ratio)} per later cohort (95% ${ratio(m.ci95![0])}–${ratio(m.ci95![1])}, trend test p = ${m.p! < 0.001 ? "<0.001" : m.p!.toFixed(3)}): ${m.verdict}.`,
    ` Holds only if ${m.assumption}. (${m.people} people, ${m.rows} answers.)`,
  ]), "trend-list");
}
