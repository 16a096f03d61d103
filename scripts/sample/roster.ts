// The sample roster: fake people across six cohorts, with returners, non-completers and older loose spellings.
import { cohorts } from "../../loaders/instrument";
import { Random } from "./random";

export interface SamplePerson {
  index: number;
  fullName: string;
  email: string;
  firstCohort: number;
  completed: boolean;
  stream: string;
  extension: boolean;
}

export interface RosterLine {
  person: SamplePerson;
  cohortText: string;
  cohortOrder: number;
  completed: boolean;
  extension: boolean;
}

const syllables = ["ka", "lo", "mi", "ra", "ten", "vo", "sha", "ri", "no", "el", "an", "tor", "bel", "qui", "zu", "fa", "dor", "sen", "ja", "pim", "ul", "wex"];
const streams = ["Interpretability", "Evaluations", "Governance", "Agent foundations", "Control"];

/** Program dates per cohort order (start, end). */
export const programDates: Record<number, [string, string]> = {
  1: ["2021-11-01", "2022-01-14"],
  2: ["2022-06-06", "2022-08-12"],
  3: ["2022-11-07", "2023-01-20"],
  4: ["2023-06-26", "2023-09-01"],
  5: ["2024-01-08", "2024-03-15"],
  6: ["2024-06-17", "2024-08-23"],
};

/** How older records spell each cohort, besides the canonical name. */
const looseSpellings: Record<number, string[]> = {
  1: ["MATS 1", "winter 2021-22", "W21-22"],
  2: ["Summer '22", "MATS 2", "summer 2022"],
  3: ["W22-23", "MATS 3", "Winter 22-23"],
  4: ["summer 2023", "MATS 4", "S23"],
  5: ["W23-24"],
  6: ["MATS 6"],
};

/** Completers whose first cohort is each cohort, for 72 wave-2024 respondents: 157 in the first four programs. */
const completersFor72: Record<number, number> = { 1: 30, 2: 35, 3: 42, 4: 50, 5: 55, 6: 60 };
const nonCompletersFor72: Record<number, number> = { 1: 3, 2: 4, 3: 4, 4: 5, 5: 5, 6: 6 };

function capitalised(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

export function makePeople(scale: number, random: Random): SamplePerson[] {
  const people: SamplePerson[] = [];
  for (const cohort of cohorts) {
    const completers = Math.round(completersFor72[cohort.order] * scale);
    const nonCompleters = Math.max(1, Math.round(nonCompletersFor72[cohort.order] * scale));
    for (let i = 0; i < completers + nonCompleters; i += 1) {
      const index = people.length;
      const first = capitalised(random.pick(syllables) + random.pick(syllables));
      const last = capitalised(random.pick(syllables) + random.pick(syllables) + random.pick(syllables));
      people.push({
        index,
        fullName: `${first} ${last}`,
        email: `${first}.${last}.${index}@example.org`.toLowerCase(),
        firstCohort: cohort.order,
        completed: i < completers,
        stream: random.pick(streams),
        extension: i < completers && random.chance(0.3),
      });
    }
  }
  return people;
}

/** Roster lines: one per participation, a few returners seen in a later cohort too, `MATS 3.1` extension rows. */
export function rosterLines(people: readonly SamplePerson[], random: Random): RosterLine[] {
  const lines: RosterLine[] = [];
  for (const person of people) {
    const loose = person.firstCohort <= 4 && random.chance(0.2);
    const cohortText = loose ? random.pick(looseSpellings[person.firstCohort]) : cohorts[person.firstCohort - 1].name;
    lines.push({ person, cohortText, cohortOrder: person.firstCohort, completed: person.completed, extension: person.extension });
    if (person.firstCohort === 3 && person.extension && random.chance(0.5)) {
      lines.push({ person, cohortText: "MATS 3.1", cohortOrder: 3, completed: person.completed, extension: true });
    }
    // Returners come back for a later program; they still count once, in their first cohort.
    if (person.completed && person.firstCohort <= 4 && random.chance(0.06)) {
      const later = random.int(person.firstCohort + 1, 6);
      lines.push({ person, cohortText: cohorts[later - 1].name, cohortOrder: later, completed: random.chance(0.8), extension: false });
    }
  }
  return random.shuffle(lines);
}

export { streams };
