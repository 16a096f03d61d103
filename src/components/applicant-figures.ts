// The Applicants page's figures for each choice of its one control (all cohorts, or one cohort of interest),
// computed at build time by native DuckDB with this SQL, so the page needs no in-browser database.
import { sqlString } from "../survey/sql.js";

export const allCohorts = "All cohorts";

export interface ApplicantCount {
  group: string;
  numerator: number;
}

export interface ApplicantView {
  applicants: number;
  /** Applicants who answered "How did you hear about us?" (the channels' denominator). */
  answeredChannels: number;
  channels: ApplicantCount[];
  stages: ApplicantCount[];
}

export interface ApplicantFigures {
  cohorts: string[];
  views: Record<string, ApplicantView>;
}

type Run = (sql: string) => Promise<Record<string, unknown>[]>;

export async function applicantFigures(run: Run): Promise<ApplicantFigures> {
  const cohorts = (await run(`SELECT DISTINCT cohort_of_interest AS c FROM applicants WHERE cohort_of_interest IS NOT NULL ORDER BY 1`)).map((r) => String(r.c));
  const views: Record<string, ApplicantView> = {};
  for (const cohort of [allCohorts, ...cohorts]) {
    const where = cohort === allCohorts ? "TRUE" : `cohort_of_interest = ${sqlString(cohort)}`;
    const count = async (sql: string) => Number((await run(sql))[0].n);
    const counts = async (sql: string) => (await run(sql)).map((r) => ({ group: String(r.group), numerator: Number(r.numerator) }));
    views[cohort] = {
      applicants: await count(`SELECT count(*)::INTEGER AS n FROM applicants WHERE ${where}`),
      answeredChannels: await count(`SELECT count(DISTINCT applicant_id)::INTEGER AS n FROM applicant_channels WHERE ${where}`),
      channels: await counts(`SELECT channel AS "group", count(DISTINCT applicant_id)::INTEGER AS numerator FROM applicant_channels WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`),
      stages: await counts(`SELECT coalesce(career_stage, 'Not answered') AS "group", count(*)::INTEGER AS numerator FROM applicants WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`),
    };
  }
  return { cohorts, views };
}
