// Quote pooling counts people per wave and theme, never quotes or waves summed, and picks do not link a person across themes.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { openDuckDB } from "../../loaders/parquet";
import { sqlString } from "../../src/survey/sql";
import { allCohorts, otherCohorts, poolCohorts, quoteCollection, quoteThemes, type QuoteCollection } from "../../loaders/quotes";

interface Answer {
  id: string;
  wave: string;
  cohort: string;
  question: string;
  text?: string;
  consent?: boolean;
}

/** The quote collection of a `free_text` table holding `answers`, with `names` as the roster's name words. */
async function collect(answers: Answer[], build: "analyst" | "public", names: string[] = [], otherNames = new Set<string>()): Promise<QuoteCollection> {
  const instance = await openDuckDB();
  const connection = await instance.connect();
  try {
    const values = answers.map((a) => `(${[a.id, a.wave, a.question, a.text ?? `${a.id} on ${a.question}`].map(sqlString).join(", ")}, false, ${a.consent ?? true}, ${sqlString(a.cohort)})`);
    await connection.run(`CREATE TABLE free_text (respondent_id VARCHAR, wave VARCHAR, question VARCHAR, text VARCHAR, other_text BOOLEAN, quote_consent BOOLEAN, cohort VARCHAR)`);
    if (values.length) await connection.run(`INSERT INTO free_text VALUES ${values.join(", ")}`);
    const nameWords = join(mkdtempSync(join(tmpdir(), "workbench-quotes-")), "name_words.parquet");
    await connection.run(`COPY (SELECT unnest([${["-", ...names].map(sqlString).join(", ")}]) AS word) TO ${sqlString(nameWords)} (FORMAT parquet)`);
    return await quoteCollection(connection, nameWords, { build, minGroup: 10, otherNames });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const themes = Object.keys(quoteThemes);
const people = (n: number, cohort: string, wave: string, questions = themes, prefix = cohort) =>
  Array.from({ length: n }, (_, i) => questions.map((question) => ({ id: `${prefix}-${wave}-${i}`, wave, cohort, question }))).flat();

test("pooling: cohorts of 10 people are named, smaller ones pooled, the pool topped up, a small whole withheld", () => {
  const pooled = (cohorts: [string, number][]) => poolCohorts(cohorts.map(([cohort, people]) => ({ cohort, people })), 10);
  assert.deepEqual(pooled([["A", 12], ["B", 4], ["C", 6]]), new Map([["A", "A"], ["B", otherCohorts], ["C", otherCohorts]]));
  // A pool of 3 takes the smallest named cohort, so "Other cohorts" stands for 14 people, not 3.
  assert.deepEqual(pooled([["A", 20], ["B", 11], ["C", 3]]), new Map([["A", "A"], ["B", otherCohorts], ["C", otherCohorts]]));
  assert.deepEqual(pooled([["A", 9], ["B", 1]]), new Map([["A", allCohorts], ["B", allCohorts]]));
  assert.equal(pooled([["A", 9]]), null);
  assert.deepEqual(pooled([["A", 10], ["B", 10]]), new Map([["A", "A"], ["B", "B"]]));
});

test("two people answering five themes are not a cohort of ten quotes: nothing of their wave is shown", async () => {
  const collection = await collect([...people(2, "Summer 2022", "2025"), ...people(12, "Winter 2021-22", "2024")], "public");
  assert.deepEqual(new Set(collection.quotes.map((q) => `${q.cohort} · ${q.wave}`)), new Set(["Winter 2021-22 · 2024"]));
  assert.ok(collection.groups.every((g) => g.wave === "2024" && g.quotable === 12));
});

test("the waves are not summed: a cohort named in one wave is pooled or withheld in another", async () => {
  const answers = [...people(10, "Summer 2022", "2024"), ...people(1, "Summer 2022", "2025"), ...people(9, "Winter 2021-22", "2025")];
  const collection = await collect(answers, "public");
  const labels = new Set(collection.quotes.map((q) => `${q.cohort} · ${q.wave}`));
  assert.deepEqual(labels, new Set(["Summer 2022 · 2024", `${allCohorts} · 2025`]));
  for (const group of collection.groups) assert.ok(group.quotable >= 10, `${group.wave} ${group.theme} ${group.cohort}: ${group.quotable}`);
});

test("a cohort needs ten people in the theme, not ten answers in all themes", async () => {
  const answers = [
    ...people(15, "Big", "2024"), ...people(12, "Large", "2024"),
    ...people(6, "Small", "2024", ["work_description"]), ...people(5, "Small", "2024", ["career_plan"], "Other"),
  ];
  const collection = await collect(answers, "public");
  const work = collection.groups.filter((g) => g.theme === quoteThemes.work_description);
  // Small's 6 people are too few alone, so the smallest named cohort joins them in the pool.
  assert.deepEqual(work.map((g) => [g.cohort, g.quotable]), [["Big", 15], [otherCohorts, 18]]);
  // Small has 11 people in all, but only 6 or 5 per theme.
  assert.ok(!collection.quotes.some((q) => q.cohort === "Small"));
});

test("the analyst build names every cohort and wave", async () => {
  const collection = await collect(people(1, "Summer 2022", "2025"), "analyst");
  assert.equal(collection.minGroup, 0);
  assert.deepEqual(new Set(collection.quotes.map((q) => q.cohort)), new Set(["Summer 2022"]));
});

test("a person's answers are not at the same place in every theme", async () => {
  const collection = await collect(people(40, "Big", "2024"), "public");
  const order = (theme: string) => collection.quotes.filter((q) => q.theme === theme).map((q) => q.text.split(" on ")[0]);
  const orders = themes.map((t) => order(quoteThemes[t]));
  for (const o of orders) assert.equal(o.length, 40);
  // The same person at the same place in two themes, at most a few times by chance; with one hash for every theme it was all 40.
  for (let a = 0; a < orders.length; a += 1) {
    for (let b = a + 1; b < orders.length; b += 1) assert.ok(orders[a].filter((id, i) => orders[b][i] === id).length < 6, `${themes[a]} and ${themes[b]}`);
  }
});

test("non-consenting answers are never shipped, and their count is hidden when small", async () => {
  const answers = [...people(10, "Big", "2024", ["career_plan"]), { id: "x", wave: "2024", cohort: "Big", question: "career_plan", text: "private words", consent: false }];
  const collection = await collect(answers, "public");
  assert.ok(!JSON.stringify(collection).includes("private words"));
  assert.equal(collection.withheld, null);
  assert.equal((await collect(answers, "analyst")).withheld, 1);
});

test("quotes are masked with the roster's and mask-names.txt's name words", async () => {
  const answers = people(10, "Big", "2024", ["career_plan"]).map((a, i) => ({ ...a, text: i === 0 ? "Yi Li's and Evan’s advice, see linkedin.com/in/yi-li" : "fine" }));
  const collection = await collect(answers, "public", ["yi", "li"], new Set(["evan"]));
  assert.ok(collection.quotes.some((q) => q.text === "[name] [name]'s and [name]’s advice, see [link]"));
});
