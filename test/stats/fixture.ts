// A small deterministic two-wave dataset for the trend statistics' tests; R read the same rows (written as CSV) to
// compute the values the tests pin.
import type { OutcomeRow } from "../../src/stats/cohort-trend.js";
import type { RoleRow } from "../../src/stats/time-to-role.js";

function lcg(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 48271) % 2147483647) / 2147483647);
}

/** 60 people in cohorts 1–6; wave A surveys cohorts 1–4, wave B all six; 20 people answer both. */
export function outcomeRows(): OutcomeRow[] {
  const random = lcg(20251);
  const rows: OutcomeRow[] = [];
  for (let i = 0; i < 60; i += 1) {
    const cohortOrder = 1 + (i % 6);
    const person = i;
    const endMonths = [0, 6, 11, 18, 24, 29][cohortOrder - 1];
    const inA = cohortOrder <= 4 && (i < 20 || random() < 0.5);
    const inB = i < 20 || !inA;
    if (inA) rows.push({ person, wave: "A", cohortOrder, monthsSinceEnd: 31 - endMonths + random() * 2, outcome: random() < 0.6, weight: 0.5 + random() });
    if (inB) rows.push({ person, wave: "B", cohortOrder, monthsSinceEnd: 42 - endMonths + random() * 2, outcome: random() < 0.45, weight: 0.5 + random() });
  }
  return rows;
}

/** 30 respondents of one cohort: role starts before, after and unknown; survey 10–14 months after the program. */
export function roleRows(): RoleRow[] {
  const random = lcg(7);
  return Array.from({ length: 30 }, (_, i) => {
    const surveyMonth = 10 + Math.floor(random() * 5);
    const outcome = i % 3 !== 0;
    const kind = i % 7;
    const roleMonth = !outcome ? null : kind === 0 ? null : kind === 1 ? -3 : Math.floor(random() * (surveyMonth + 1));
    return { outcome, roleMonth, surveyMonth };
  });
}
