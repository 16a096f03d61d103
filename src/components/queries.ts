// Page queries beyond the headline indicators, as SQL built from a few declarative options.
import { filterSql, respondentViewSql, type IndicatorFilter } from "../survey/indicators.js";
import { sqlString } from "../survey/sql.js";

export const checkboxQuestionLabels: Record<string, string> = {
  current_work: "Current work (Q5)",
  hiring_outcomes: "What came of the application processes (Q8)",
  hiring_contribution: "How MATS contributed in hiring rounds (Q10)",
  publication_venues: "Where the research appeared (Q12)",
  publication_influence: "How MATS influenced the publication (Q13)",
  other_outcome_influence: "How MATS influenced other outcomes (Q15)",
  connections: "Connections made at MATS (Q23)",
  support_wanted: "Support that would be valuable now (Q26)",
};

export type Slice = "cohort" | "stream" | "degree" | "extension" | "wave" | null;

function sliceExpression(by: Slice): string {
  return by ? `CAST(r.${by} AS VARCHAR)` : "'All respondents'";
}

/**
 * A select-all-that-apply question as "% of respondents": for each option and group, how many of the
 * respondents who answered the question chose it (shares of one group add up to more than 100%).
 */
export function optionSharesSql({ waves, question, by = null, filter = {} }: { waves: readonly string[]; question: string; by?: Slice; filter?: IndicatorFilter }): string {
  return `WITH base AS (
  SELECT r.respondent_id, r.wave, ${sliceExpression(by)} AS "group", r.cohort_order
  FROM respondents r WHERE r.wave IN (${waves.map(sqlString).join(", ")})${filterSql(filter, "r.")}
),
chosen AS (
  SELECT b."group", s.option, b.respondent_id, b.wave
  FROM base b JOIN selections s ON s.respondent_id = b.respondent_id AND s.wave = b.wave AND s.question = ${sqlString(question)}
),
denominators AS (SELECT "group", count(DISTINCT (respondent_id, wave))::INTEGER AS denominator FROM chosen GROUP BY 1),
group_order AS (SELECT "group", min(cohort_order) AS first_order FROM base GROUP BY 1)
SELECT c."group", c.option, count(DISTINCT (c.respondent_id, c.wave))::INTEGER AS numerator, d.denominator
FROM chosen c JOIN denominators d USING ("group") JOIN group_order o USING ("group")
GROUP BY c."group", c.option, d.denominator, o.first_order
ORDER BY o.first_order, c."group", numerator DESC`;
}

/** One row per respondent of `wave` with every indicator as a column (true/false, null where not asked). */
export function respondentIndicatorsWideSql(wave: string, measured: readonly { id: string; numerator: string; denominator: string }[]): string {
  const columns = measured.map((i) => `CASE WHEN ${i.denominator} THEN (${i.numerator}) END AS "${i.id}"`).join(",\n  ");
  return `WITH answers AS (${respondentViewSql()})
SELECT respondent_id, cohort, stream,
  ${columns}
FROM answers WHERE wave = ${sqlString(wave)}`;
}
