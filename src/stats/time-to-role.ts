// Time from the end of the program to an alignment role, per cohort: who was already in one when the program ended,
// Kaplan–Meier shares by each milestone with the number at risk, and bounds for people whose start date is unknown.
import { kaplanMeier, type Observation } from "../components/kaplan-meier.js";
import { upperBoundWhenNone, wilsonInterval } from "./shares.js";
import { z95 } from "./normal.js";

/** One respondent of one wave who answered the current-work question. */
export interface RoleRow {
  /** Works on alignment now (org or independent). */
  outcome: boolean;
  /**
   * Calendar months from the program's last month (month 0) to the month the current role started: negative when
   * it started before the program ended; null when not given (or not asked).
   */
  roleMonth: number | null;
  /** Calendar months from the program's last month to the month of the survey answer: how long they were followed. */
  surveyMonth: number;
}

/** Estimates resting on fewer people still under observation than this are withheld. */
export const minAtRisk = 5;

export const milestoneMonths = [6, 12, 24] as const;

export interface Milestone {
  months: number;
  /**
   * Share with an alignment role begun after the program by `months` (Kaplan–Meier), the lower of the two bounds
   * (an unknown start placed as late as it could be); null when withheld.
   */
  share: number | null;
  /** The higher bound: every unknown start placed at month 0. Equal to `share` when every start date is known. */
  share_upper: number | null;
  /** 95% interval covering both bounds (log-log Greenwood; exact binomial upper bound when nobody had a role). */
  ci95: [number, number] | null;
  /** People still under observation at `months` without a role yet (the fewer of the two bounds). */
  at_risk: number;
  /** Why the estimate is withheld, when it is. */
  withheld?: string;
}

export interface CohortTimeToRole {
  respondents: number;
  already_in_role: {
    /** Alignment workers whose role began before the program's last month. */
    count: number;
    /** Of them plus those whose start date is unknown (who might also have begun before). */
    count_upper: number;
    share: number;
    ci95: [number, number] | null;
  };
  /** Alignment workers who gave no usable start date: never counted as people without a role. */
  unknown_start: number;
  milestones: Milestone[];
}

/** Month index (year × 12 + month) of an ISO date, so month differences count calendar months. */
export function monthIndex(isoDate: string): number {
  return Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
}

type Placement = "late" | "early";

/**
 * Observations for the Kaplan–Meier estimate by `milestone`. People already in an alignment role when the program
 * ended are not at risk of starting one. An unknown start is placed "early" (month 0) or "late": for the lower
 * bound, as the one of its possible histories that gives the fewest roles by the milestone — begun before the
 * program (left out) when they were followed no further than the milestone, else begun after it (at the survey).
 */
function observations(rows: readonly RoleRow[], placement: Placement, milestone: number): Observation[] {
  const out: Observation[] = [];
  for (const r of rows) {
    if (r.outcome && r.roleMonth !== null) {
      if (r.roleMonth >= 0) out.push({ time: r.roleMonth, event: true });
    } else if (r.outcome) {
      if (placement === "early") out.push({ time: 0, event: true });
      else if (r.surveyMonth > milestone) out.push({ time: r.surveyMonth, event: true });
    } else out.push({ time: r.surveyMonth, event: false });
  }
  return out;
}

function estimateBy(rows: readonly RoleRow[], placement: Placement, months: number) {
  const obs = observations(rows, placement, months);
  const atRisk = obs.filter((o) => o.time >= months).length;
  const observed = obs.some((o) => o.time >= months);
  const steps = kaplanMeier(obs, z95).filter((s) => s.time <= months);
  const last = steps.at(-1);
  return { observed, atRisk, reached: last?.reached ?? 0, lo: last?.lo ?? 0, hi: last?.hi ?? 0 };
}

/** Time to an alignment role for one cohort's respondents in one wave. */
export function timeToRole(rows: readonly RoleRow[], milestones: readonly number[] = milestoneMonths): CohortTimeToRole {
  const answered = rows.length;
  const before = rows.filter((r) => r.outcome && r.roleMonth !== null && r.roleMonth < 0).length;
  const unknown = rows.filter((r) => r.outcome && r.roleMonth === null).length;
  const already = { count: before, count_upper: before + unknown, share: answered ? before / answered : 0, ci95: wilsonInterval(before, answered) };
  return {
    respondents: answered,
    already_in_role: already,
    unknown_start: unknown,
    milestones: milestones.map((months) => {
      const late = estimateBy(rows, "late", months);
      const early = estimateBy(rows, "early", months);
      const atRisk = Math.min(late.atRisk, early.atRisk);
      if (!late.observed || !early.observed) return { months, share: null, share_upper: null, ci95: null, at_risk: atRisk, withheld: "nobody followed this long yet" };
      if (atRisk < minAtRisk) return { months, share: null, share_upper: null, ci95: null, at_risk: atRisk, withheld: `fewer than ${minAtRisk} people at risk` };
      const hi = early.reached === 0 ? upperBoundWhenNone(early.atRisk) : early.hi;
      return { months, share: late.reached, share_upper: early.reached, ci95: [late.reached === 0 ? 0 : late.lo, hi], at_risk: atRisk };
    }),
  };
}
