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
