// Planted outcomes for the sample and the trend simulation: alignment work with a chosen cohort effect (or none),
// and start dates of the current role that are realistic — some before the program ended, some not given.
import { questionById } from "../../loaders/instrument";
import type { Random } from "./random";

export interface PlantedEffects {
  /** Odds ratio of working on alignment, each cohort against the one before (1 = no cohort effect). */
  cohortOddsRatio: number;
  /** Share on alignment work for a middle cohort (order 3.5) two years after its program, in the first wave. */
  baseShare: number;
  /** Change in log-odds per year since the program ended. */
  perYear: number;
  /** Change in log-odds in each wave after the first (a reworded question, a changed job market). */
  perWave: number;
  /** Chance a person on alignment work in one wave is so in the next because they were (else drawn afresh). */
  persistence: number;
}

export const noCohortEffect: PlantedEffects = { cohortOddsRatio: 1, baseShare: 0.6, perYear: 0.15, perWave: -0.4, persistence: 0.6 };

const logit = (p: number) => Math.log(p / (1 - p));
const expit = (x: number) => 1 / (1 + Math.exp(-x));

/** P(on alignment work) under the planted logistic model: exactly the model the Trends page fits. */
export function alignmentChance(effects: PlantedEffects, cohortOrder: number, monthsSinceEnd: number, waveIndex: number): number {
  return expit(logit(effects.baseShare) + Math.log(effects.cohortOddsRatio) * (cohortOrder - 3.5) + effects.perYear * (monthsSinceEnd / 12 - 2) + effects.perWave * waveIndex);
}

/**
 * Whether a person is on alignment work in a wave. `previous` is their uniform draw from an earlier wave (kept
 * with chance `persistence`): answers of one person correlate across waves while each wave's share stays the model's.
 */
export function drawAlignment(random: Random, chance: number, effects: PlantedEffects, previous?: number): { onAlignment: boolean; draw: number } {
  const draw = previous !== undefined && random.chance(effects.persistence) ? previous : random.next();
  return { onAlignment: draw < chance, draw };
}

export interface PlantedStarts {
  /** Share of alignment workers whose role began before the program ended (up to 18 months before). */
  beforeEnd: number;
  /** Share who give no usable start date. */
  unknown: number;
}

export const realisticStarts: PlantedStarts = { beforeEnd: 0.2, unknown: 0.12 };

const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Month index (year × 12 + month − 1) as one of the spellings respondents use. */
export function monthText(random: Random, index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return random.pick([`${monthNames[month - 1]} ${year}`, `${String(month).padStart(2, "0")}/${year}`, `${year}-${String(month).padStart(2, "0")}`]);
}

/**
 * The month (index) an alignment worker's current role began, or null when they give no usable date: before the
 * program's last month with chance `beforeEnd`, else uniformly between that month and the survey's.
 */
export function drawRoleStart(random: Random, endMonth: number, surveyMonth: number, starts: PlantedStarts): number | null {
  if (random.chance(starts.unknown)) return null;
  if (random.chance(starts.beforeEnd)) return endMonth - random.int(1, 18);
  return random.int(endMonth, surveyMonth);
}

const [ALIGN_ORG, ALIGN_INDEP, , , , UNRELATED] = questionById("current_work").options ?? [];

/** A current-work answer made to say (or not) alignment work, keeping the respondent's other choices. */
export function withAlignment(random: Random, currentWork: readonly string[], onAlignment: boolean): string[] {
  const others = currentWork.filter((o) => o !== ALIGN_ORG && o !== ALIGN_INDEP);
  if (onAlignment) return currentWork.includes(ALIGN_ORG) || currentWork.includes(ALIGN_INDEP) ? [...currentWork] : [random.pick([ALIGN_ORG, ALIGN_INDEP]), ...others];
  return others.length ? others : [UNRELATED];
}
