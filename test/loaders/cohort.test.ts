import assert from "node:assert/strict";
import { test } from "node:test";
import { normaliseCohort } from "../../loaders/cohort";
import { cohorts } from "../../loaders/instrument";

const cases: [string, string, number, boolean][] = [
  ["MATS 1", "Winter 2021-22", 1, false],
  ["Summer '22", "Summer 2022", 2, false],
  ["Summer \u201922", "Summer 2022", 2, false],
  ["W22-23", "Winter 2022-23", 3, false],
  ["MATS 3.1", "Winter 2022-23", 3, true],
  ["summer 2023", "Summer 2023", 4, false],
  ["mats 5", "Winter 2023-24", 5, false],
  ["Winter 2023–24", "Winter 2023-24", 5, false],
  ["S24", "Summer 2024", 6, false],
];

for (const [text, cohort, order, extensionPhase] of cases) {
  test(`reads '${text}' as ${cohort}${extensionPhase ? " (extension phase)" : ""}`, () => {
    assert.deepEqual(normaliseCohort(text), { cohort, order, extensionPhase });
  });
}

test("every canonical spelling reads as itself", () => {
  for (const c of cohorts) assert.equal(normaliseCohort(c.name)?.cohort, c.name);
});

test("unknown spellings are null, not guessed", () => {
  for (const text of ["MATS 9", "Winter 2022", "W22-24", "Summer 2019", "Can't remember", ""]) assert.equal(normaliseCohort(text), null, text);
});
