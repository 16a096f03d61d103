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
