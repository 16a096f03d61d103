// The SQL twins of the cube's slices (src/survey/cube.ts), kept only as test oracles: the pages and the command line
// read the cube, and test/cube.test.ts checks that every slice equals what these statements return.
import { indicators, measuredIndicators, respondentViewSql, type IndicatorFilter, type IndicatorGrouping } from "../src/survey/indicators.js";
import { sqlString } from "../src/survey/sql.js";

/** One SELECT per measured indicator over the CTE `scoped`, grouped by `columns` (a SQL column list). */
function measuredSelects(columns: string): string[] {
  return measuredIndicators.map(
    (i) => `  SELECT ${sqlString(i.id)} AS id, ${columns},
    count(*) FILTER (WHERE (${i.denominator}) AND (${i.numerator}))::INTEGER AS numerator,
    count(*) FILTER (WHERE ${i.denominator})::INTEGER AS denominator
  FROM scoped GROUP BY ${columns}`,
  );
}

function filterSql(filter: IndicatorFilter, alias = ""): string {
  return (["cohort", "stream"] as const)
    .filter((column) => filter[column]?.length)
    .map((column) => ` AND ${alias}${column} IN (${filter[column]!.map(sqlString).join(", ")})`)
    .join("");
}

function groupExpression(by: IndicatorGrouping | null | undefined): string {
  return by ? `CAST(${by} AS VARCHAR)` : "NULL::VARCHAR";
}

const populationGroupings: readonly IndicatorGrouping[] = ["cohort", "stream", "extension"];

/**
 * One SQL statement whose rows are (id, "group", numerator, denominator) for every indicator of `wave`,
 * per group when `by` is given (groups ordered by cohort order, then name).
 */
export function indicatorSql({ wave, by = null, filter = {} }: { wave: string; by?: IndicatorGrouping | null; filter?: IndicatorFilter }): string {
  const group = groupExpression(by);
  const scope = filterSql(filter);
  const measured = measuredSelects(`"group"`);
  const responseRate = by && !populationGroupings.includes(by)
    ? `  SELECT 'response_rate' AS id, "group", count(*)::INTEGER AS numerator, NULL::INTEGER AS denominator FROM scoped GROUP BY "group"`
    : `  SELECT 'response_rate' AS id, p."group", coalesce(r.n, 0)::INTEGER AS numerator, p.alumni::INTEGER AS denominator
  FROM (SELECT ${group} AS "group", sum(alumni) AS alumni FROM population WHERE wave = ${sqlString(wave)}${scope} GROUP BY 1) p
  LEFT JOIN (SELECT "group", count(*) AS n FROM scoped GROUP BY "group") r ON r."group" IS NOT DISTINCT FROM p."group"`;
  const order = indicators.map((i, index) => `WHEN ${sqlString(i.id)} THEN ${index}`).join(" ");
  return `WITH answers AS (
${respondentViewSql()}
),
scoped AS (SELECT *, ${group} AS "group" FROM answers WHERE wave = ${sqlString(wave)}${scope}),
group_order AS (
  SELECT ${group} AS "group", min(cohort_order) AS first_order FROM answers WHERE wave = ${sqlString(wave)}${scope} GROUP BY 1
${by && !populationGroupings.includes(by) ? "" : `  UNION ALL
  SELECT ${group} AS "group", min(cohort_order) FROM population WHERE wave = ${sqlString(wave)}${scope} GROUP BY 1`}
),
measures AS (
  SELECT 'respondents' AS id, "group", count(*)::INTEGER AS numerator, NULL::INTEGER AS denominator FROM scoped GROUP BY "group"
  UNION ALL
${responseRate}
  UNION ALL
${measured.join("\n  UNION ALL\n")}
)
SELECT m.id, m."group", m.numerator, m.denominator
FROM measures m
LEFT JOIN (SELECT "group", min(first_order) AS first_order FROM group_order GROUP BY "group") o ON o."group" IS NOT DISTINCT FROM m."group"
ORDER BY CASE m.id ${order} END, o.first_order NULLS LAST, m."group" NULLS FIRST`;
}

type Slice = "cohort" | "stream" | "degree" | "extension" | "wave" | null;

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

/** How many raters gave each element each rating, pooled or by cohort: what the Program elements page draws. */
export function ratingCountsSql({ wave, byCohort }: { wave: string; byCohort: boolean }): string {
  return `SELECT g.element AS item, ${byCohort ? "r.cohort" : "'All respondents'"} AS "group", min(r.cohort_order) AS cohort_order,
       g.rating_level AS level, g.rating AS label, count(*)::INTEGER AS count
FROM ratings g JOIN respondents r USING (respondent_id, wave)
WHERE g.wave = ${sqlString(wave)}
GROUP BY ALL ORDER BY cohort_order, item, level DESC`;
}
