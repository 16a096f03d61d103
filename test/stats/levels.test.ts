// Rows numbered by their level, in order of first appearance, whatever the values: people's numbers through a table,
// anything else through a Map, and the two give the same levels.
import assert from "node:assert/strict";
import { test } from "node:test";
import { levelsOf } from "../../src/stats/levels";

/** The definition: each distinct value numbered as it first appears. */
function reference(values: readonly (string | number)[]) {
  const seen = new Map<string | number, number>();
  const index = values.map((v) => (seen.has(v) ? seen.get(v)! : (seen.set(v, seen.size), seen.size - 1)));
  return { index: Int32Array.from(index), size: seen.size };
}

test("levels are numbered in order of first appearance, for people's numbers and for any other values", () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const people = Array.from({ length: 5000 }, () => 1 + Math.floor(random() * 800));
  const cases: (string | number)[][] = [
    [],
    [3, 3, 0, 7, 0, 3],
    people,
    // A big number, a negative one, a fraction or a text part-way through: the rest is levelled by a Map, the same way.
    [...people.slice(0, 100), 2 ** 40, ...people.slice(100, 200)],
    [...people.slice(0, 100), -1, ...people.slice(0, 50)],
    [...people.slice(0, 100), 2.5, ...people.slice(0, 50)],
    ["b", "a", "b", "c"],
    [1, "1", 1],
  ];
  for (const values of cases) assert.deepEqual(levelsOf(values.length, (i) => values[i]), reference(values), JSON.stringify(values.slice(0, 8)));
  // Nothing of one call is left for the next (its table entries are cleared, whether it ended in a table or a Map).
  assert.deepEqual(levelsOf(3, (i) => [800, 1, 800][i]), { index: Int32Array.from([0, 1, 0]), size: 2 });
});
