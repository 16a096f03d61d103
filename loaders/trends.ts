// The Trends figures from the clean tables: respondents of every wave with their months since the program and
// since their role started, and the roster's alumni, handed to the one report the page, command and Overview share.
import type { DuckDBConnection } from "@duckdb/node-api";
import { indicators } from "../src/components/indicators.js";
import { respondentIndicatorSql } from "../src/components/queries.js";
import { trendsReport, type PopulationCell, type TrendRespondent, type TrendsReport } from "../src/stats/trends-report.js";
import { waves, type WaveId } from "./instrument.js";
import { rowObjects } from "./parquet.js";

/** Calendar months between two dates' months (the program's last month is month 0). */
const monthsFromEnd = (column: string) => `(year(${column}) * 12 + month(${column})) - (year(program_end) * 12 + month(program_end))`;

export const trendOutcomes = ["work_alignment_any"] as const;

export async function trendsFigures(connection: DuckDBConnection, outcomeId: (typeof trendOutcomes)[number] = "work_alignment_any"): Promise<TrendsReport> {
  const outcome = indicators.find((i) => i.id === outcomeId)!;
  const rows = await rowObjects(connection, respondentIndicatorSql(outcome, [
    "respondent_id", "wave", "cohort", "cohort_order", "stream", "months_since_end",
    `${monthsFromEnd("submitted_at")} AS survey_month`,
    `${monthsFromEnd("role_start")} AS role_month`,
  ]));
  const population = await rowObjects(connection, "SELECT wave, cohort, cohort_order, stream, sum(alumni)::INTEGER AS alumni FROM population GROUP BY ALL ORDER BY ALL");
  const respondents: TrendRespondent[] = rows.map((r) => ({
    person: String(r.respondent_id),
    wave: String(r.wave),
    cohort: String(r.cohort),
    cohortOrder: Number(r.cohort_order),
    stream: String(r.stream),
    monthsSinceEnd: Number(r.months_since_end),
    surveyMonth: Number(r.survey_month),
    roleMonth: r.role_month === null ? null : Number(r.role_month),
    outcome: r.outcome === null ? null : Boolean(r.outcome),
  }));
  const cells: PopulationCell[] = population.map((p) => ({ wave: String(p.wave), cohort: String(p.cohort), cohortOrder: Number(p.cohort_order), stream: String(p.stream), alumni: Number(p.alumni) }));
  const spec = (wave: string) => waves[wave as WaveId];
  return trendsReport({ id: outcome.id, label: "on alignment work" }, respondents, cells, {
    startDateAsked: (wave) => Boolean(spec(wave)?.headers.role_start),
    wordingChanged: (a, b) => spec(a)?.headers.current_work !== spec(b)?.headers.current_work,
  });
}

/** What the public build may ship: the pooled change between waves and the verdicts, no per-cohort cells. */
export function publicTrends(report: TrendsReport) {
  return {
    build: "public" as const,
    outcome: report.outcome,
    waves: report.waves,
    wave_change: report.wave_change && { from_wave: report.wave_change.from_wave, to_wave: report.wave_change.to_wave, difference: report.wave_change.difference, ci95: report.wave_change.ci95, p: report.wave_change.p, paired: report.wave_change.paired, from: report.wave_change.from, to: report.wave_change.to, wording_changed: report.wave_change.wording_changed },
    verdicts: Object.fromEntries(report.waves.map((w) => [w, report.by_wave[w].verdict_sentence])),
  };
}
