// People in the roster: one person however many rows, counted in the first cohort they took part in.
// Held compactly (an email hash and three numbers a person), as the roster may list millions of people.
import type { WaveScope } from "./instrument";
import { KeyIndex } from "./key-index";
import type { Participation } from "./roster";

/** Where a person is counted: their first participation, with the extension phase and completion of that cohort. */
export type Placement = Omit<Participation, "email" | "file" | "line">;

export interface Person {
  first: Placement;
  /** Bit `o` set when the person completed a program of cohort order `o`. */
  completedOrders: number;
}

const bit = (order: number) => 2 ** order;
const has = (mask: number, order: number) => Math.floor(mask / bit(order)) % 2 === 1;

export class People {
  private readonly emails = new KeyIndex();
  /** Distinct (cohort, stream, dates) placements, shared by the many people who have them. */
  private readonly placements: Placement[] = [];
  private readonly placementIndex = new Map<string, number>();
  private readonly firstPlacement: number[] = [];
  private readonly completed: number[] = [];
  private readonly extension: number[] = [];

  get size(): number {
    return this.emails.size;
  }

  add(participation: Participation): void {
    const { email, file: _file, line: _line, ...placement } = participation;
    const key = [placement.cohort, placement.cohortOrder, placement.stream, placement.programStart.getTime(), placement.programEnd.getTime()].join("\u0000");
    let index = this.placementIndex.get(key);
    if (index === undefined) {
      index = this.placements.length;
      this.placements.push({ ...placement, extension: false, completed: false });
      this.placementIndex.set(key, index);
    }
    const person = this.emails.add(email);
    const order = bit(participation.cohortOrder);
    if (person === this.firstPlacement.length) {
      this.firstPlacement.push(index);
      this.completed.push(0);
      this.extension.push(0);
    } else {
      // First by cohort order, then start date; of equals, the row read first.
      const first = this.placements[this.firstPlacement[person]];
      if (placement.cohortOrder < first.cohortOrder || (placement.cohortOrder === first.cohortOrder && placement.programStart < first.programStart)) {
        this.firstPlacement[person] = index;
      }
    }
    if (participation.completed && !has(this.completed[person], participation.cohortOrder)) this.completed[person] += order;
    if (participation.extension && !has(this.extension[person], participation.cohortOrder)) this.extension[person] += order;
  }

  /** The person's number, or -1 when the roster does not know the email. */
  find(email: string): number {
    return this.emails.find(email);
  }

  person(index: number): Person {
    const first = this.placements[this.firstPlacement[index]];
    // A separate `MATS N.1` row marks the extension phase of the same cohort, not a second cohort.
    return {
      first: { ...first, extension: has(this.extension[index], first.cohortOrder), completed: has(this.completed[index], first.cohortOrder) },
      completedOrders: this.completed[index],
    };
  }
}

/** Why a person is outside a wave's scope, or null when they are in it. */
export function outOfScope(person: Person, scope: WaveScope): string | null {
  if (person.first.cohortOrder > scope.lastCohortOrder) return `first cohort ${person.first.cohort} is after the wave's cohorts`;
  const completedInScope = person.completedOrders % bit(scope.lastCohortOrder + 1) !== 0;
  if (scope.completedOnly && !completedInScope) return "did not complete the program";
  return null;
}
