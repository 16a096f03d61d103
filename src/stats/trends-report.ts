// "Are outcomes improving?" for one outcome, every figure the Trends page, the `trends` command and the Overview
// show: per-cohort shares with response rates, time to role, the cohort model and its verdict per wave and pooled,
// the wave-over-wave change, and like-for-like pairs of cohorts at the same time since their program.
import { designEffect, rake, rakingProblem } from "../components/raking.js";
import { cohortTrend, verdictSentence, type CohortTrend, type OutcomeRow } from "./cohort-trend.js";
import { shareDifference, wilsonInterval, type ShareDifference } from "./shares.js";
import { timeToRole, type CohortTimeToRole } from "./time-to-role.js";

/** One in-scope respondent of one wave (outcome null when they did not answer the question). */
export interface TrendRespondent {
  /** A number naming the person: the same in every wave they answered (a number, not their id: a Map of millions of ids took seconds). */
  person: number;
  wave: string;
  cohort: string;
  cohortOrder: number;
  stream: string;
  monthsSinceEnd: number;
  /** Calendar months from the program's last month to the survey answer's month. */
  surveyMonth: number;
  /** Calendar months from the program's last month to the current role's start; null when unknown or not asked. */
  roleMonth: number | null;
  outcome: boolean | null;
}

/** A respondent who answered the outcome's question. */
type Answered = TrendRespondent & { outcome: boolean };

const answeredOnly = (rows: readonly TrendRespondent[]): Answered[] => rows.filter((r): r is Answered => r.outcome !== null);

/** Alumni in a wave's scope, per cohort and stream (the roster). */
export interface PopulationCell {
  wave: string;
  cohort: string;
  cohortOrder: number;
  stream: string;
  alumni: number;
}

export interface CohortFigures {
  cohort: string;
  cohort_order: number;
  alumni: number;
  respondents: number;
  response_rate: number | null;
  /** Months since the program ended at the survey, averaged over the cohort's respondents. */
  months_since_end: number;
  share_now: { numerator: number; denominator: number; share: number | null; ci95: [number, number] | null };
  /** Null when the wave did not ask when the current role started. */
  time_to_role: CohortTimeToRole | null;
}

export interface Weighting {
  converged: boolean;
  iterations: number;
  dropped: { variable: string; level: string; population: number }[];
  design_effect: number;
  /** Why weighted figures are withheld, when they are. */
  withheld: string | null;
}

export interface WaveTrend {
  wave: string;
  start_date_asked: boolean;
  cohorts: CohortFigures[];
  trend: CohortTrend;
  /** The same model with respondents raked to the roster's cohort × stream mix; null when raking failed. */
  trend_weighted: CohortTrend | null;
  weighting: Weighting;
  verdict_sentence: string;
}

export interface LikeForLike {
  months: number;
  from: { wave: string; cohort: string; months_since_end: number };
  to: { wave: string; cohort: string; months_since_end: number };
  difference: ShareDifference;
  /** The question's wording differs between the two waves: part of any difference may be the wording. */
  wording_changed: boolean;
}

export interface TrendsReport {
  outcome: { id: string; label: string };
  waves: string[];
  by_wave: Record<string, WaveTrend>;
  /** Every wave together: cohort adjusted for months since the program and wave. Null with one wave. */
  pooled: { trend: CohortTrend; trend_weighted: CohortTrend | null; verdict_sentence: string } | null;
  /** Latest wave against the one before, people who answered both counted as pairs. */
  wave_change: (ShareDifference & { from_wave: string; to_wave: string; wording_changed: boolean }) | null;
  like_for_like: LikeForLike[];
  /** People who answered both of the last two waves: how their answers moved. */
  panel: { people: number; stayed: number; moved_in: number; moved_out: number; neither: number } | null;
}

/** Cohorts of different waves this close in mean months since their program are compared like for like. */
export const likeForLikeWithin = 3;

/** Each row's raking weight, given by its wave, cohort and stream: every respondent of a cell weighs the same. */
type WeightOf = (row: TrendRespondent) => number;

/**
 * The wave's respondents raked to the roster's cohort and stream counts. Raked as cells of respondents alike (cohort
 * × stream), a few hundred, not row by row: the same weights, without an object per respondent.
 */
function rakedWeights(rows: readonly TrendRespondent[], population: readonly PopulationCell[]): { weightOf: WeightOf; weighting: Weighting } {
  const margins: Record<string, Record<string, number>> = { cohort: {}, stream: {} };
  for (const p of population) {
    margins.cohort[p.cohort] = (margins.cohort[p.cohort] ?? 0) + p.alumni;
    margins.stream[p.stream] = (margins.stream[p.stream] ?? 0) + p.alumni;
  }
  const cellRows: { cohort: string; stream: string }[] = [];
  const counts: number[] = [];
  const cellOf = perCell((r) => {
    cellRows.push({ cohort: r.cohort, stream: r.stream });
    counts.push(0);
    return cellRows.length - 1;
  });
  for (const r of rows) counts[cellOf(r)] += 1;
  const result = rake(cellRows, margins, { counts });
  return {
    weightOf: (r) => result.weights[cellOf(r)],
    weighting: { converged: result.converged, iterations: result.iterations, dropped: result.dropped, design_effect: designEffect(result.weights, counts), withheld: rakingProblem(result) },
  };
}

/**
 * The rows the cohort model fits, in the order of `rows`, each with its raking weight and margins when `weightOf` is
 * given: one set serves the unweighted fits (which read neither) and the weighted ones, so each person and margin
 * level is numbered once per set (src/stats/cohort-trend.ts levelsOfRows).
 */
function outcomeRows(rows: readonly Answered[], weightOf?: WeightOf): OutcomeRow[] {
  // Each wave is raked on its own, so a margin's levels are the wave's cohorts and streams. Rows of one wave, cohort
  // and stream share one list of their levels: a list per row took hundreds of MB at a million respondents.
  const named = oneStringEach();
  const margins = perCell((r) => [named(`${r.wave}|${r.cohort}`), named(`${r.wave}|${r.stream}`)]);
  return rows.map((r) => ({
    person: r.person,
    wave: r.wave,
    cohortOrder: r.cohortOrder,
    monthsSinceEnd: r.monthsSinceEnd,
    outcome: r.outcome,
    weight: weightOf ? weightOf(r) : 1,
    margins: weightOf ? margins(r) : undefined,
  }));
}

/** A function giving, for each (wave, cohort, stream) cell, the value `make` gave the first row of the cell it was asked for. */
function perCell<T>(make: (row: TrendRespondent) => T): (row: TrendRespondent) => T {
  const cells = new Map<string, Map<string, Map<string, T>>>();
  return (r) => {
    let cohorts = cells.get(r.wave);
    if (!cohorts) cells.set(r.wave, (cohorts = new Map()));
    let streams = cohorts.get(r.cohort);
    if (!streams) cohorts.set(r.cohort, (streams = new Map()));
    let value = streams.get(r.stream);
    if (value === undefined) streams.set(r.stream, (value = make(r)));
    return value;
  };
}

/** A function giving, for each text, one string equal to it, the same however often the text comes: rows that name the same thing share it. */
export function oneStringEach(): (text: string) => string {
  const strings = new Map<string, string>();
  return (text) => {
    let kept = strings.get(text);
    if (kept === undefined) strings.set(text, (kept = text));
    return kept;
  };
}

/** `rows` by the key `keyOf` gives each, every group in the order of `rows`. */
function groupedBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(row);
  }
  return groups;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function waveTrend(wave: string, rows: readonly TrendRespondent[], population: readonly PopulationCell[], startDateAsked: boolean, label: string) {
  const answered = answeredOnly(rows);
  const orders = new Map<string, number>();
  for (const p of population) orders.set(p.cohort, p.cohortOrder);
  for (const r of rows) orders.set(r.cohort, r.cohortOrder);
  const allOf = groupedBy(rows, (r) => r.cohort);
  const answeredOf = groupedBy(answered, (r) => r.cohort);
  const cohorts: CohortFigures[] = [...orders.entries()].sort((a, b) => a[1] - b[1]).map(([cohort, order]) => {
    const all = allOf.get(cohort) ?? [];
    const ans = answeredOf.get(cohort) ?? [];
    const alumni = population.filter((p) => p.cohort === cohort).reduce((s, p) => s + p.alumni, 0);
    const k = ans.filter((r) => r.outcome).length;
    return {
      cohort,
      cohort_order: order,
      alumni,
      respondents: all.length,
      response_rate: alumni ? all.length / alumni : null,
      months_since_end: all.length ? mean(all.map((r) => r.monthsSinceEnd)) : NaN,
      share_now: { numerator: k, denominator: ans.length, share: ans.length ? k / ans.length : null, ci95: wilsonInterval(k, ans.length) },
      time_to_role: startDateAsked && ans.length ? timeToRole(ans) : null,
    };
  });
  const { weightOf, weighting } = rakedWeights(answered, population);
  const fitted = outcomeRows(answered, weighting.withheld ? undefined : weightOf);
  const trend = cohortTrend(fitted);
  return {
    figures: {
      wave,
      start_date_asked: startDateAsked,
      cohorts,
      trend,
      trend_weighted: weighting.withheld ? null : cohortTrend(fitted, { weighted: true }),
      weighting,
      verdict_sentence: verdictSentence(trend, label),
    } satisfies WaveTrend,
    weightOf,
    answered,
    answeredOf,
  };
}

/**
 * The whole report. `startDateAsked(wave)` says whether the wave asked when the current role started;
 * `wordingChanged(a, b)` whether the outcome's question is worded differently in waves a and b.
 */
export function trendsReport(
  outcome: { id: string; label: string },
  respondents: readonly TrendRespondent[],
  population: readonly PopulationCell[],
  { startDateAsked, wordingChanged }: { startDateAsked: (wave: string) => boolean; wordingChanged: (a: string, b: string) => boolean },
): TrendsReport {
  const waves = [...new Set([...population.map((p) => p.wave), ...respondents.map((r) => r.wave)])].sort();
  const byWave: Record<string, WaveTrend> = {};
  const weightsOf = new Map<string, WeightOf>();
  // Each wave's answers, and by cohort, as waveTrend grouped them (in the order of `respondents`).
  const byWaveAnswered = new Map<string, Answered[]>();
  const byWaveCohort = new Map<string, Map<string, Answered[]>>();
  for (const wave of waves) {
    const { figures, weightOf, answered, answeredOf } = waveTrend(wave, respondents.filter((r) => r.wave === wave), population.filter((p) => p.wave === wave), startDateAsked(wave), outcome.label);
    byWave[wave] = figures;
    weightsOf.set(wave, weightOf);
    byWaveAnswered.set(wave, answered);
    byWaveCohort.set(wave, answeredOf);
  }
  const answered = answeredOnly(respondents);
  let pooled: TrendsReport["pooled"] = null;
  if (waves.length > 1) {
    const weightedOk = waves.every((w) => !byWave[w].weighting.withheld);
    const fitted = outcomeRows(answered, weightedOk ? (r) => weightsOf.get(r.wave)!(r) : undefined);
    const trend = cohortTrend(fitted);
    pooled = { trend, trend_weighted: weightedOk ? cohortTrend(fitted, { weighted: true }) : null, verdict_sentence: verdictSentence(trend, outcome.label) };
  }
  let waveChange: TrendsReport["wave_change"] = null;
  let panel: TrendsReport["panel"] = null;
  if (waves.length > 1) {
    const [a, b] = waves.slice(-2);
    const asRows = (wave: string) => byWaveAnswered.get(wave) ?? [];
    const d = shareDifference(asRows(a), asRows(b));
    if (d) waveChange = { ...d, from_wave: a, to_wave: b, wording_changed: wordingChanged(a, b) };
    const before = new Map(asRows(a).map((r) => [r.person, r.outcome]));
    const pairs = asRows(b).filter((r) => before.has(r.person)).map((r) => [before.get(r.person)!, r.outcome]);
    panel = {
      people: pairs.length,
      stayed: pairs.filter(([x, y]) => x && y).length,
      moved_in: pairs.filter(([x, y]) => !x && y).length,
      moved_out: pairs.filter(([x, y]) => x && !y).length,
      neither: pairs.filter(([x, y]) => !x && !y).length,
    };
  }
  const likeForLike: LikeForLike[] = [];
  for (let i = 0; i < waves.length; i += 1) {
    for (let j = i + 1; j < waves.length; j += 1) {
      for (const from of byWave[waves[i]].cohorts) {
        const candidates = byWave[waves[j]].cohorts.filter((c) => c.share_now.denominator && Math.abs(c.months_since_end - from.months_since_end) <= likeForLikeWithin);
        const to = candidates.sort((x, y) => Math.abs(x.months_since_end - from.months_since_end) - Math.abs(y.months_since_end - from.months_since_end))[0];
        if (!to || !from.share_now.denominator) continue;
        const rowsOf = (wave: string, cohort: string) => byWaveCohort.get(wave)?.get(cohort) ?? [];
        const d = shareDifference(rowsOf(waves[i], from.cohort), rowsOf(waves[j], to.cohort));
        if (!d) continue;
        likeForLike.push({
          months: Math.round((from.months_since_end + to.months_since_end) / 2),
          from: { wave: waves[i], cohort: from.cohort, months_since_end: from.months_since_end },
          to: { wave: waves[j], cohort: to.cohort, months_since_end: to.months_since_end },
          difference: d,
          wording_changed: wordingChanged(waves[i], waves[j]),
        });
      }
    }
  }
  return { outcome, waves, by_wave: byWave, pooled, wave_change: waveChange, like_for_like: likeForLike.sort((a, b) => a.months - b.months), panel };
}

/** What the `trends` command prints for one wave (and what its --json holds): the page's figures, nothing recomputed. */
export function waveSummary(report: TrendsReport, wave: string) {
  const w = report.by_wave[wave];
  const m = w.trend.model;
  return {
    wave,
    outcome: report.outcome.id,
    time_to_role: w.start_date_asked
      ? w.cohorts.filter((c) => c.time_to_role).map((c) => ({ cohort: c.cohort, respondents: c.respondents, response_rate: c.response_rate, already_in_role: c.time_to_role!.already_in_role, unknown_start: c.time_to_role!.unknown_start, milestones: c.time_to_role!.milestones }))
      : [],
    model: { odds_ratio: m.odds_ratio, ci95: m.ci95, p: m.p, adjusted_for: m.adjusted_for, assumption: m.assumption, people: m.people },
    parametrisations: w.trend.parametrisations.map((p) => ({ odds_ratio: p.odds_ratio, ci95: p.ci95, p: p.p, adjusted_for: p.adjusted_for, assumption: p.assumption, verdict: p.verdict })),
    verdict: w.trend.verdict,
    verdict_sentence: w.verdict_sentence,
    pooled: report.pooled && { model: report.pooled.trend.model, verdict: report.pooled.trend.verdict, parametrisations: report.pooled.trend.parametrisations },
    wave_change: report.wave_change,
  };
}
