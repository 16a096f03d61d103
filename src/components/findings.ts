// Chart titles that state the finding — and say when the intervals cannot tell the groups apart.
import { percent } from "./format.js";
import type { ShareRow } from "./share-bars.js";

export function comparisonTitle(label: string, rows: readonly ShareRow[]): string {
  const measured = rows.filter((r) => r.denominator > 0);
  if (measured.length === 0) return `${label}: no one in this selection answered`;
  if (measured.length === 1) return `${label}: ${percent(measured[0].share)} (${measured[0].group})`;
  const high = measured.reduce((a, b) => (b.share > a.share ? b : a));
  const low = measured.reduce((a, b) => (b.share < a.share ? b : a));
  const apart = high.lo > low.hi;
  return `${label}: from ${percent(low.share)} (${low.group}) to ${percent(high.share)} (${high.group}) — ${
    apart ? "a gap larger than the uncertainty" : "the 95% intervals overlap, so the groups are not clearly different"
  }`;
}

export interface Leader<Row> {
  top: Row;
  /** Other rows whose 95% interval reaches the top row's: not clearly behind it. */
  level: Row[];
}

/** The row with the largest share, and the rows the intervals cannot tell apart from it. */
export function leader<Row extends { share: number; lo: number; hi: number }>(rows: readonly Row[]): Leader<Row> | null {
  if (rows.length === 0) return null;
  const top = rows.reduce((a, b) => (b.share > a.share ? b : a));
  return { top, level: rows.filter((r) => r !== top && r.hi >= top.lo) };
}

const others = (n: number, noun: string) => `${n} other ${noun}${n === 1 ? "" : "s"}`;

/**
 * A title about the largest share that says "most" only when the intervals allow it: a clear leader is named as
 * one; otherwise the title says how many are level with it.
 */
export function largestShareTitle<Row extends ShareRow>(
  rows: readonly Row[],
  words: { clear: (top: Row) => string; level: (top: Row, level: string) => string; noun: string; empty: string },
): string {
  const found = leader(rows);
  if (!found) return words.empty;
  if (found.level.length === 0) return words.clear(found.top);
  return `${words.level(found.top, others(found.level.length, words.noun))} — the 95% intervals overlap, so none clearly leads`;
}

/** A select-all question's title: the most chosen option, or the options level with it. */
export function optionsTitle(question: string, rows: readonly (ShareRow & { option: string })[], pooled: boolean): string {
  const where = (r: ShareRow) => (pooled ? "" : `, ${r.group}`);
  return largestShareTitle(rows, {
    clear: (top) => `${question}: most often “${top.option}” (${percent(top.share)}${where(top)})`,
    level: (top, level) => `${question}: “${top.option}” (${percent(top.share)}${where(top)}) and ${level} chosen about as often`,
    noun: pooled ? "option" : "answer",
    empty: `${question}: no one in this selection answered`,
  });
}

/** A cohort's share with a role by a milestone, as bounds (unknown start dates placed late or early) and a 95% interval. */
export interface MilestoneShare {
  cohort: string;
  share: number | null;
  share_upper: number | null;
  lo: number | null;
  hi: number | null;
}

/** The time-to-role title: from the lowest bound to the highest, and whether any two cohorts' intervals are apart. */
export function timeToRoleTitle(rows: readonly MilestoneShare[], months: number): string {
  const shown = rows.filter((r) => r.share !== null);
  if (shown.length < 2) return `By ${months} months: too few cohorts followed this long to compare`;
  const lowest = shown.reduce((a, b) => (b.share! < a.share! ? b : a));
  const highest = shown.reduce((a, b) => (b.share_upper! > a.share_upper! ? b : a));
  const apart = shown.some((a) => shown.some((b) => a.lo! > b.hi!));
  return `By ${months} months after the program, from ${percent(lowest.share)} (${lowest.cohort}) to ${percent(highest.share_upper)} (${highest.cohort}) had begun an alignment role — ${
    apart ? "some cohorts differ by more than chance allows" : "the intervals overlap, so the cohorts are not clearly different"
  }`;
}

/** The like-for-like title: how many later-minus-earlier differences have a 95% interval that leaves out 0. */
export function likeForLikeTitle(pairs: readonly { difference: { ci95: [number, number] } }[]): string {
  const differing = pairs.filter((p) => p.difference.ci95[0] > 0 || p.difference.ci95[1] < 0).length;
  return differing === 0
    ? "At the same time since their program, no later cohort differs from an earlier one by more than chance allows"
    : `At the same time since their program, ${differing} of ${pairs.length} comparisons differ by more than chance allows`;
}
