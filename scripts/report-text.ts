// How the command line prints its reports as text: every share, interval and bound through the pages' own
// formatter (src/components/format.ts), so a figure reads the same in the terminal as on the site.
import type { IndicatorReport } from "../src/survey/report.js";
import type { waveSummary } from "../src/stats/trends-report.js";
import { interval, percent, ratio, shareBetween } from "../src/components/format.js";

/** The indicators command's aligned table: one row per indicator and group. */
export function indicatorTable(report: IndicatorReport): string {
  const header = ["indicator", "group", "share", "n", "of", "95% interval"];
  const rows = report.indicators.map((i) => [
    i.id,
    i.group ?? "",
    i.share === null ? "" : percent(i.share),
    i.numerator === null ? "" : String(i.numerator),
    i.denominator === null ? "" : String(i.denominator),
    i.not_asked ? "not asked in this wave" : i.ci95 ? interval(i.ci95) : "",
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const numeric = new Set([2, 3, 4]);
  const line = (cells: string[]) => cells.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ").trimEnd();
  const excluded = Object.entries(report.excluded).map(([reason, n]) => `${reason} ${n}`).join(", ") || "none";
  return [`wave ${report.wave}: ${report.respondents} in-scope respondents; excluded: ${excluded}`, "", line(header), ...rows.map(line)].join("\n");
}

const ratioRange = (ci: readonly number[] | null | undefined) => (ci ? `${ratio(ci[0])}–${ratio(ci[1])}` : "");

/** The trends command's text for one outcome of one wave: the verdict, its model readings and time to role by cohort. */
export function trendsText(summary: ReturnType<typeof waveSummary>): string {
  const lines = [`wave ${summary.wave}, ${summary.outcome}: ${summary.verdict_sentence}`, ""];
  for (const p of summary.parametrisations) lines.push(`  adjusted for ${p.adjusted_for.join(", ") || "nothing"}: OR ${ratio(p.odds_ratio)} (${ratioRange(p.ci95)}), ${p.verdict}; assumes ${p.assumption}`);
  if (summary.pooled) lines.push(`  pooled waves: OR ${ratio(summary.pooled.model.odds_ratio)} (${ratioRange(summary.pooled.model.ci95)}), ${summary.pooled.verdict}`);
  if (summary.time_to_role.length) {
    lines.push("", "time to an alignment role begun after the program (share by 6 / 12 / 24 months, 95% interval, at risk)");
    for (const c of summary.time_to_role) {
      const cells = c.milestones.map((m) => (m.share === null ? `${m.months}m: withheld (${m.withheld}; ${m.at_risk} at risk)` : `${m.months}m: ${shareBetween(m.share, m.share_upper)} (${m.ci95 ? interval(m.ci95) : ""}; ${m.at_risk} at risk)`));
      lines.push(`  ${c.cohort} (${c.respondents} respondents, response ${percent(c.response_rate)}; already in role at program end ${c.already_in_role.count}${c.already_in_role.count_upper > c.already_in_role.count ? `–${c.already_in_role.count_upper}` : ""}): ${cells.join(" · ")}`);
    }
  } else if (summary.outcome.startsWith("work_alignment")) lines.push("", "time to role: this wave did not ask when the current role started");
  return lines.join("\n");
}
