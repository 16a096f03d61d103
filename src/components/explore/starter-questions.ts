// Questions a reader can ask in one click; each one is a cell's SQL and a chart that answers it.
import type { CellState } from "./notebook-state.js";

export interface StarterQuestion extends CellState {
  question: string;
}

export const starterQuestions: StarterQuestion[] = [
  {
    question: "Are outcomes improving over time?",
    chart: "line",
    sql: `-- Share of each cohort's respondents who advanced past a first round of interviews, by cohort start
SELECT min(program_start) AS cohort_start,
       cohort,
       round(avg(CASE WHEN advanced = 'Yes' THEN 1 ELSE 0 END), 3) AS share_advanced,
       count(*) AS respondents
FROM respondents
WHERE advanced IS NOT NULL
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
FROM respondents
WHERE advanced IS NOT NULL
GROUP BY stream
ORDER BY share_advanced DESC`,
  },
  {
    question: "How long after the program did alumni start a role?",
    chart: "histogram",
    sql: `SELECT months_to_role
FROM respondents
WHERE months_to_role IS NOT NULL`,
  },
  {
    question: "How do alumni rate each part of the program?",
    chart: "bar",
    sql: `SELECT element, round(avg(rating_level), 2) AS mean_rating, count(*) AS ratings
FROM ratings
WHERE rating_level IS NOT NULL
GROUP BY element
ORDER BY mean_rating DESC`,
  },
];
