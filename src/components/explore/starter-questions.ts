// Questions a reader can ask in one click; each one is a cell's SQL and a chart that answers it.
// Every starter counts a person once (their latest answer): people who answered two waves are in both.
import type { CellState } from "./notebook-state.js";

export interface StarterQuestion extends CellState {
  question: string;
}

/** A note every starter carries: what the naive figure cannot say, and where the careful answer is. */
const caveat = `-- One answer per person (their latest wave), so nobody who answered twice counts twice.
-- Not a trend: older cohorts have had longer since their program. The Trends page compares
-- cohorts at the same time since the program and says what the data can and cannot tell.`;

export const starterQuestions: StarterQuestion[] = [
  {
    question: "Are outcomes improving over time?",
    chart: "line",
    sql: `${caveat}
WITH on_alignment AS (
  SELECT respondent_id, wave,
         bool_or(option IN ('Working/interning on AI alignment/control', 'Conducting alignment research independently')) AS on_alignment
  FROM selections WHERE question = 'current_work' GROUP BY respondent_id, wave
),
latest AS (
  SELECT r.cohort, r.program_start, r.months_since_end, a.on_alignment
  FROM respondents r JOIN on_alignment a USING (respondent_id, wave)
  QUALIFY row_number() OVER (PARTITION BY r.respondent_id ORDER BY r.wave DESC) = 1
)
SELECT min(program_start) AS cohort_start,
       cohort,
       round(avg(on_alignment::INTEGER), 3) AS share_on_alignment,
       round(avg(months_since_end)) AS months_since_program,
       count(*) AS people
FROM latest
GROUP BY cohort
ORDER BY cohort_start`,
  },
  {
    question: "Who advanced past first-round interviews, by stream?",
    chart: "bar",
    sql: `SELECT stream,
       round(count(*) FILTER (WHERE advanced = 'Yes') / count(*), 3) AS share_advanced,
       count(*) FILTER (WHERE advanced = 'Yes') AS advanced,
       count(*) AS answered
FROM (
  SELECT * FROM respondents WHERE advanced IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY respondent_id ORDER BY wave DESC) = 1
)
GROUP BY stream
ORDER BY share_advanced DESC
${caveat}`,
  },
  {
    question: "How long after the program did alumni start a role?",
    chart: "histogram",
    sql: `SELECT months_to_role
FROM respondents
WHERE months_to_role IS NOT NULL
-- Only the 2025 wave asks when the current role started (one answer per person).
-- Below 0: the role began before the program ended, so it is not an outcome of the program;
-- the Trends page shows those people apart and counts only roles begun after.`,
  },
  {
    question: "How do alumni rate each part of the program?",
    chart: "bar",
    sql: `SELECT element, round(avg(rating_level), 2) AS mean_rating, count(*) AS ratings
FROM ratings
WHERE rating_level IS NOT NULL
  AND (respondent_id, wave) IN (SELECT respondent_id, max(wave) FROM ratings GROUP BY respondent_id)
GROUP BY element
ORDER BY mean_rating DESC
-- One rating of each element per person: their latest wave's.`,
  },
];
