// Cohort names as older records spell them (`MATS 3.1`, `Summer '22`, `W22-23`) resolved to the program's canonical ones.
import { cohorts, type CohortName } from "./instrument";

export interface CohortReading {
  cohort: CohortName;
  /** 1 = Winter 2021-22, counting programs oldest first. */
  order: number;
  /** `MATS N.1`: the extension phase of program N. */
  extensionPhase: boolean;
}

function fullYear(text: string): number {
  const year = Number(text);
  return text.length === 2 ? 2000 + year : year;
}

function reading(order: number, extensionPhase = false): CohortReading | null {
  const cohort = cohorts.find((c) => c.order === order);
  return cohort ? { cohort: cohort.name, order, extensionPhase } : null;
}

const readings = new Map<string, CohortReading | null>();

/** Reads a loose cohort spelling; null when it names no known cohort. */
export function normaliseCohort(text: string): CohortReading | null {
  let cached = readings.get(text);
  if (cached === undefined) {
    cached = readCohort(text);
    if (readings.size < 10_000) readings.set(text, cached);
  }
  return cached;
}

function readCohort(text: string): CohortReading | null {
  const spelled = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/\bcohort\b/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const mats = /^mats ?#?(\d+)(?:\.(\d+))?$/.exec(spelled);
  if (mats) return reading(Number(mats[1]), mats[2] !== undefined && Number(mats[2]) > 0);
  const winter = /^(?:winter|w) ?'?(\d{2}|\d{4}) ?[-/] ?'?(\d{2}|\d{4})$/.exec(spelled);
  if (winter) {
    const first = fullYear(winter[1]);
    if (fullYear(winter[2]) !== first + 1) return null;
    const cohort = cohorts.find((c) => c.season === "winter" && c.year === first);
    return cohort ? reading(cohort.order) : null;
  }
  const summer = /^(?:summer|s) ?'?(\d{2}|\d{4})$/.exec(spelled);
  if (summer) {
    const cohort = cohorts.find((c) => c.season === "summer" && c.year === fullYear(summer[1]));
    return cohort ? reading(cohort.order) : null;
  }
  return null;
}
