// People in the roster: one person however many rows, counted in the first cohort they took part in.
import { pseudonymousId } from "./identity";
import type { WaveScope } from "./instrument";
import type { Participation } from "./roster";

export interface Person {
  id: string;
  /** The participation that places the person: their first cohort. */
  first: Participation;
  participations: Participation[];
}

export function groupPeople(participations: readonly Participation[]): Map<string, Person> {
  const people = new Map<string, Person>();
  for (const participation of participations) {
    const person = people.get(participation.email);
    if (person) person.participations.push(participation);
    else people.set(participation.email, { id: pseudonymousId(participation.email), first: participation, participations: [participation] });
  }
  for (const person of people.values()) {
    person.participations.sort((a, b) => a.cohortOrder - b.cohortOrder || a.programStart.getTime() - b.programStart.getTime());
    const first = person.participations[0];
    // A separate `MATS N.1` row marks the extension phase of the same cohort, not a second cohort.
    const extension = person.participations.some((p) => p.cohortOrder === first.cohortOrder && p.extension);
    const completed = person.participations.some((p) => p.cohortOrder === first.cohortOrder && p.completed);
    person.first = { ...first, extension, completed };
  }
  return people;
}

/** Why a person is outside a wave's scope, or null when they are in it. */
export function outOfScope(person: Person, scope: WaveScope): string | null {
  const inCohorts = person.participations.filter((p) => p.cohortOrder <= scope.lastCohortOrder);
  if (inCohorts.length === 0) return `first cohort ${person.first.cohort} is after the wave's cohorts`;
  if (scope.completedOnly && !inCohorts.some((p) => p.completed)) return "did not complete the program";
  return null;
}
