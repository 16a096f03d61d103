// "Do later cohorts do better?": a logistic regression of an outcome on cohort order, adjusted for months since the
// program ended (and wave when waves are pooled), errors clustered by person, and the verdict its interval allows.
import { levelsOf, type Levels } from "./levels.js";
import { fitLogistic, scratch, type LogisticData } from "./logistic.js";
import { twoSidedP, z95 } from "./normal.js";

/** One answer of one person in one wave. */
export interface OutcomeRow {
  /** Names the person: rows of one person are one cluster. */
  person: number;
  wave: string;
  cohortOrder: number;
  monthsSinceEnd: number;
  outcome: boolean;
  /** Survey weight (raked to the roster); 1 when unweighted. */
  weight?: number;
  /** The row's level in each margin the weight was raked to (e.g. [cohort, stream]): the errors then allow for the raking. */
  margins?: string[];
}

export type Term = "cohort" | "months" | "wave";

export type Verdict = "later cohorts do better" | "later cohorts do worse" | "these data cannot tell";

export interface CohortModel {
  /** Terms besides cohort order: what the odds ratio is adjusted for. */
  adjusted_for: string[];
  /** In words, what must be true for the odds ratio to mean "the effect of being a later cohort". */
  assumption: string;
  /** Odds of the outcome, each cohort against the one before, holding the adjustments fixed. */
  odds_ratio: number | null;
  ci95: [number, number] | null;
  /** Wald test of no trend across cohorts (the cohort slope is 0), person-clustered. */
  p: number | null;
  verdict: Verdict;
  people: number;
  rows: number;
  /** Why no estimate, when there is none. */
  withheld?: string;
}

const termNames: Record<Exclude<Term, "cohort">, string> = { months: "months since the program ended", wave: "survey wave" };

const assumptions: Record<string, string> = {
  "cohort+months": "that time since the program acts the same way in every cohort (within one wave, cohort and time since the program move almost together, so the two are hard to tell apart)",
  "cohort+months+wave": "each of cohort, time since the program and wave acts in a straight line (the three are nearly tied — wave ≈ cohort + time since — so the interval is wide)",
  "cohort+months|pooled": "that nothing changed between waves — not the question's wording, who answered, or the job market",
  "cohort": "that time since the program has no effect on the outcome",
  "cohort+wave": "that time since the program has no effect on the outcome, once the wave is accounted for",
};

/** The verdict a 95% interval on the odds ratio allows. */
export function verdictOf(ci95: readonly [number, number] | null): Verdict {
  if (!ci95) return "these data cannot tell";
  if (ci95[0] > 1) return "later cohorts do better";
  if (ci95[1] < 1) return "later cohorts do worse";
  return "these data cannot tell";
}

/** Each row's person and raking levels, found once per set of rows (each set is fitted two or three ways). */
const rowLevels = new WeakMap<readonly OutcomeRow[], { cluster: Levels; margins: Levels[] | null }>();

function levelsOfRows(rows: readonly OutcomeRow[]): { cluster: Levels; margins: Levels[] | null } {
  let found = rowLevels.get(rows);
  if (!found) {
    const raked = rows.length > 0 && rows.every((r) => r.margins?.length);
    found = {
      cluster: levelsOf(rows.length, (i) => rows[i].person),
      margins: raked ? rows[0].margins!.map((_, m) => levelsOf(rows.length, (i) => rows[i].margins![m])) : null,
    };
    rowLevels.set(rows, found);
  }
  return found;
}

function fillFrom(into: Float64Array, rows: readonly OutcomeRow[], valueOf: (row: OutcomeRow) => number): Float64Array {
  for (let i = 0; i < rows.length; i += 1) into[i] = valueOf(rows[i]);
  return into;
}

/** Fits outcome ~ cohort order + the given terms; wave enters as one indicator per wave after the first. */
export function cohortModel(rows: readonly OutcomeRow[], terms: readonly Exclude<Term, "cohort">[], { weighted = false } = {}): CohortModel {
  const waveSet = new Set<string>();
  const cohortOrders = new Set<number>();
  for (const r of rows) {
    waveSet.add(r.wave);
    cohortOrders.add(r.cohortOrder);
  }
  const waves = [...waveSet].sort();
  const pooled = waves.length > 1;
  const used = terms.filter((t) => t !== "wave" || pooled);
  const key = ["cohort", ...used].join("+") + (pooled && !used.includes("wave") && used.includes("months") ? "|pooled" : "");
  const withMonths = used.includes("months");
  const laterWaves = used.includes("wave") ? waves.slice(1) : [];
  const { cluster, margins } = levelsOfRows(rows);
  const base = {
    adjusted_for: used.map((t) => termNames[t]),
    assumption: assumptions[key] ?? "",
    people: cluster.size,
    rows: rows.length,
  };
  // One row per answer: intercept, cohort order, then months (in years) and one indicator per later wave if used.
  const columns = 2 + (withMonths ? 1 : 0) + laterWaves.length;
  const data = (): LogisticData => {
    // The fit reads these and keeps nothing of them: they are working arrays, reused (src/stats/logistic.ts scratch).
    const x = scratch("data.x", rows.length * columns);
    rows.forEach((r, i) => {
      let at = i * columns;
      x[at++] = 1;
      x[at++] = r.cohortOrder;
      if (withMonths) x[at++] = r.monthsSinceEnd / 12;
      for (const w of laterWaves) x[at++] = r.wave === w ? 1 : 0;
    });
    return {
      x,
      columns,
      y: fillFrom(scratch("data.y", rows.length), rows, (r) => (r.outcome ? 1 : 0)),
      cluster,
      weights: weighted ? fillFrom(scratch("data.weights", rows.length), rows, (r) => r.weight ?? 1) : undefined,
      margins: weighted && margins ? margins : undefined,
    };
  };
  const fit = rows.length && cohortOrders.size > 1 ? fitLogistic(data()) : null;
  if (!fit || !fit.converged || !Number.isFinite(fit.standardErrors[1])) {
    return { ...base, odds_ratio: null, ci95: null, p: null, verdict: "these data cannot tell", withheld: fit ? "the fit did not converge" : "too few cohorts or no variation in the outcome" };
  }
  const b = fit.coefficients[1];
  const se = fit.standardErrors[1];
  const ci95: [number, number] = [Math.exp(b - z95 * se), Math.exp(b + z95 * se)];
  return { ...base, odds_ratio: Math.exp(b), ci95, p: twoSidedP(b / se), verdict: verdictOf(ci95) };
}

export interface CohortTrend {
  /** The model the verdict comes from: every adjustment the data allow. */
  model: CohortModel;
  verdict: Verdict;
  /** The same data under narrower assumptions: each drops one adjustment. */
  parametrisations: CohortModel[];
  /** True when the parametrisations reach different verdicts or point in opposite directions. */
  disagree: boolean;
}

/** The full model and its narrower parametrisations, for one wave's rows or several waves pooled. */
export function cohortTrend(rows: readonly OutcomeRow[], { weighted = false } = {}): CohortTrend {
  const pooled = new Set(rows.map((r) => r.wave)).size > 1;
  const model = cohortModel(rows, pooled ? ["months", "wave"] : ["months"], { weighted });
  const parametrisations = pooled
    ? [cohortModel(rows, ["months"], { weighted }), cohortModel(rows, ["wave"], { weighted })]
    : [cohortModel(rows, [], { weighted })];
  const all = [model, ...parametrisations].filter((m) => m.odds_ratio !== null);
  const disagree = new Set(all.map((m) => m.verdict)).size > 1 || (all.some((m) => m.odds_ratio! > 1) && all.some((m) => m.odds_ratio! < 1));
  return { model, verdict: model.verdict, parametrisations, disagree };
}

/** The verdict as a sentence a funder can read; `outcome` reads after "more often" (e.g. "on alignment work"). */
export function verdictSentence(trend: CohortTrend, outcome: string): string {
  const m = trend.model;
  if (m.odds_ratio === null || !m.ci95) return `Are later cohorts more often ${outcome}? These data cannot tell (${m.withheld}).`;
  const or = `odds ratio ${m.odds_ratio.toFixed(2)} per later cohort, 95% interval ${m.ci95[0].toFixed(2)}–${m.ci95[1].toFixed(2)}`;
  const adjusted = m.adjusted_for.length ? `, comparing people at the same ${m.adjusted_for.join(" and ")}` : "";
  if (trend.verdict === "these data cannot tell") return `Are later cohorts more often ${outcome}? These data cannot tell (${or}${adjusted}).`;
  return `Later cohorts are ${trend.verdict === "later cohorts do better" ? "more" : "less"} often ${outcome} (${or}${adjusted}).`;
}
