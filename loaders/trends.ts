// The Trends figures from the clean tables: respondents of every wave with their months since the program and
// since their role started, and the roster's alumni, handed to the one report the page, command and Overview share.
import { indicators, respondentIndicatorSql } from "../src/survey/indicators.js";
import { oneStringEach, trendsReport, type PopulationCell, type TrendRespondent, type TrendsReport } from "../src/stats/trends-report.js";
import { waves, type QuestionId, type WaveId } from "./instrument.js";
import { rowObjects } from "./parquet.js";
import { withCleanTables } from "./clean-store.js";
import type { IndicatorTables } from "../src/survey/report.js";

/** The instrument question each trend outcome reads, to flag a change of wording between waves. */
const outcomeQuestion: Record<string, QuestionId> = { work_alignment_any: "current_work", work_alignment_org: "current_work", advanced_past_first_round: "advanced", published: "published" };

/** Calendar months between two dates' months (the program's last month is month 0). */
const monthsFromEnd = (column: string) => `(year(${column}) * 12 + month(${column})) - (year(program_end) * 12 + month(program_end))`;

/** Outcomes the trends command also reports (same shape under "outcomes"); only alignment work has a start date. */
export const trendOutcomes: Record<string, string> = {
  work_alignment_any: "on alignment work",
  work_alignment_org: "on alignment work at an organisation",
  advanced_past_first_round: "past a first interview round",
  published: "publishing alignment research",
};

/**
 * The Trends report of one outcome for the exports in `dataDir`. The rows are read first and DuckDB closed before
 * the statistics run: at a million respondents its result buffers and the report's arrays together took 3.9 GB.
 */
export async function trendsFigures(dataDir: string, outcomeId = "work_alignment_any"): Promise<TrendsReport> {
  const outcome = indicators.find((i) => i.id === outcomeId)!;
  const { respondents, population } = await withCleanTables(dataDir, async (connection) => {
    // Streamed a chunk at a time into TrendRespondents: a million respondents held as DuckDB's whole result, then as
    // row objects, then as TrendRespondents took the memory three times over.
    const result = await connection.stream(respondentIndicatorSql(outcome, [
      // A person is a cluster of the fits and a pair across waves: a number names them as well as their id, in a
      // fraction of the memory and time.
      "dense_rank() OVER (ORDER BY respondent_id)::INTEGER AS person",
      "wave", "cohort", "cohort_order", "stream", "months_since_end",
      `${monthsFromEnd("submitted_at")} AS survey_month`,
      `${monthsFromEnd("role_start")} AS role_month`,
    ]));
    const rows: TrendRespondent[] = [];
    // A wave, cohort or stream is one string however many rows name it: DuckDB hands each row its own copy, which
    // at a million respondents was some 200 MB of the heap the statistics then run in.
    const named = oneStringEach();
    // Read a column vector at a time: row objects of every column took twice as long at a million respondents.
    const names = result.deduplicatedColumnNames();
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const column = (name: string) => chunk.getColumnVector(names.indexOf(name));
      const [person, wave, cohort, cohortOrder, stream, monthsSinceEnd, surveyMonth, roleMonth, outcomes] = ["person", "wave", "cohort", "cohort_order", "stream", "months_since_end", "survey_month", "role_month", "outcome"].map(column);
      for (let i = 0; i < chunk.rowCount; i += 1) {
        const role = roleMonth.getItem(i);
        const answer = outcomes.getItem(i);
        rows.push({
          person: Number(person.getItem(i)),
          wave: named(String(wave.getItem(i))),
          cohort: named(String(cohort.getItem(i))),
          cohortOrder: Number(cohortOrder.getItem(i)),
          stream: named(String(stream.getItem(i))),
          monthsSinceEnd: Number(monthsSinceEnd.getItem(i)),
          surveyMonth: Number(surveyMonth.getItem(i)),
          roleMonth: role === null ? null : Number(role),
          outcome: answer === null ? null : Boolean(answer),
        });
      }
    }
    return {
      respondents: rows,
      population: await rowObjects(connection, "SELECT wave, cohort, cohort_order, stream, sum(alumni)::INTEGER AS alumni FROM population GROUP BY ALL ORDER BY ALL"),
    };
  });
  const cells: PopulationCell[] = population.map((p) => ({ wave: String(p.wave), cohort: String(p.cohort), cohortOrder: Number(p.cohort_order), stream: String(p.stream), alumni: Number(p.alumni) }));
  const spec = (wave: string) => waves[wave as WaveId];
  const question = outcomeQuestion[outcomeId];
  return trendsReport({ id: outcome.id, label: trendOutcomes[outcomeId] }, respondents, cells, {
    // The start date is of the current role: it times alignment work, not a past interview or a paper.
    startDateAsked: (wave) => outcomeId.startsWith("work_alignment") && Boolean(spec(wave)?.headers.role_start),
    wordingChanged: (a, b) => spec(a)?.headers[question] !== spec(b)?.headers[question],
  });
}

/**
 * What the public build may ship: the pooled change between waves and the verdicts, no per-cohort cells. The two
 * waves' counts are the pooled figures of the indicator as the public indicators show them (`published`, after
 * disclosure control): the change is shipped only when both are shown there with the same counts, and when the
 * people who answered both waves are none or at least `minCell`.
 */
export function publicTrends(report: TrendsReport, published: IndicatorTables, minCell: number) {
  const change = report.wave_change;
  const shownAs = (wave: string, share: { numerator: number; denominator: number }) => {
    const figure = published.reports[wave]?.all?.indicators.find((f) => f.id === report.outcome.id && f.group === null);
    return Boolean(figure && !figure.suppressed && figure.numerator === share.numerator && figure.denominator === share.denominator);
  };
  const shippable = change !== null && shownAs(change.from_wave, change.from) && shownAs(change.to_wave, change.to) && (change.paired === 0 || change.paired >= minCell);
  return {
    build: "public" as const,
    outcome: report.outcome,
    waves: report.waves,
    wave_change: shippable
      ? { from_wave: change.from_wave, to_wave: change.to_wave, difference: change.difference, ci95: change.ci95, p: change.p, paired: change.paired, from: change.from, to: change.to, wording_changed: change.wording_changed }
      : null,
    verdicts: Object.fromEntries(report.waves.map((w) => [w, report.by_wave[w].verdict_sentence])),
  };
}
