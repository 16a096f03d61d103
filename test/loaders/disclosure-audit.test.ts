// The disclosure auditor on made-up releases built to break it: shared denominators, single withheld groups, split questions, groups of 1–4.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { auditPublicRelease, auditTables } from "../../loaders/disclosure-audit";
import { protectSmallCells } from "../../loaders/disclosure";
import { figureOf } from "../../loaders/indicator-report";
import type { IndicatorFigure, IndicatorTables } from "../../src/survey/report";
import { peopleOf, perIndicatorSuppression, tablesOf } from "./disclosure-tables";

const k = 5;

/** Pooled and by cohort only: the smallest release in which the recoveries happen. */
function byCohort(rows: [id: string, group: string | null, numerator: number, denominator: number | null][], respondents: number): IndicatorTables {
  const report = (indicators: IndicatorFigure[]) => ({ wave: "2025", respondents, excluded: {}, indicators });
  const figures = rows.map(([id, group, n, d]) => figureOf(id, group, n, d));
  return {
    build: "analyst",
    minCell: 0,
    waves: ["2025"],
    reports: { "2025": { all: report(figures.filter((f) => f.group === null)), cohort: report(figures.filter((f) => f.group !== null)) } },
  };
}

test("the unprotected tables fail: every small count shown is named, without its value", async () => {
  const tables = tablesOf(peopleOf({ A: 3, B: 25, C: 30 }), { A: 10, B: 60, C: 60 });
  const audit = await auditTables(tables, k);
  assert.equal(audit.ok, false);
  assert.ok(audit.problems.some((p) => p.startsWith("2025 cohort 'A' respondents: a count between 1 and 4 is shown")), audit.problems.join("\n"));
  assert.ok(audit.problems.every((p) => !/\b[0-9]+ (people|respondents)\b/.test(p)));
});

test("indicators sharing a denominator: the old suppression leaks a withheld group, the auditor sees it (issue 12)", async () => {
  // As in the issue: B's hiring denominator is small; the old rule withholds A's no-contribution figure beside it, but
  // A's career-capital figure shows A's denominator (B and D are withheld there), so B's = pooled − A − C − D.
  const tables = byCohort(
    [
      ["respondents", null, 74, null], ["respondents", "A", 12, null], ["respondents", "B", 4, null], ["respondents", "C", 44, null], ["respondents", "D", 14, null],
      ["hiring_no_contribution", null, 6, 70], ["hiring_no_contribution", "A", 0, 10], ["hiring_no_contribution", "B", 0, 4], ["hiring_no_contribution", "C", 6, 44], ["hiring_no_contribution", "D", 0, 12],
      ["hiring_career_capital", null, 36, 70], ["hiring_career_capital", "A", 5, 10], ["hiring_career_capital", "B", 2, 4], ["hiring_career_capital", "C", 18, 44], ["hiring_career_capital", "D", 11, 12],
    ],
    74,
  );
  const old = await auditTables(perIndicatorSuppression(tables, k), k);
  assert.equal(old.ok, false);
  assert.ok(old.problems.some((p) => p.includes("'B' hiring_no_contribution: withheld denominator can be narrowed to 1 possible value")), old.problems.join("\n"));
  const safe = await protectSmallCells(tables, k);
  const audit = await auditTables(safe, k);
  assert.deepEqual(audit.problems, []);
  assert.ok(audit.narrowestWidth === null || audit.narrowestWidth >= k);
});

test("a single withheld group is given back by the total; protection withholds a second one", async () => {
  const tables = byCohort(
    [["published", null, 20, 40], ["published", "A", 2, 4], ["published", "B", 8, 16], ["published", "C", 10, 20]],
    40,
  );
  const lone = structuredClone(tables);
  Object.assign(lone.reports["2025"].cohort.indicators[0], { numerator: null, denominator: null, share: null, ci95: null, suppressed: true });
  assert.equal((await auditTables(lone, k)).ok, false);
  const safe = await protectSmallCells(tables, k);
  assert.deepEqual(safe.reports["2025"].cohort.indicators.map((f) => f.suppressed ?? false), [true, true, false]);
  assert.equal(safe.reports["2025"].all.indicators[0].numerator, 20, "the pooled figure stays");
  assert.deepEqual((await auditTables(safe, k)).problems, []);
});

test("a question split into options: the one small option is not the pooled rest minus the others", async () => {
  // Degree is single choice: PhD = answered − Bachelor's − Master's − Other is not a fact (Other is not shown), but
  // the degree grouping shows each group's size, and Q5's "any" is bounded by its two parts.
  const people = peopleOf({ A: 3, B: 4, C: 30, D: 28 }, 7);
  const tables = tablesOf(people, { A: 9, B: 12, C: 60, D: 60 });
  assert.equal((await auditTables(perIndicatorSuppression(tables, k), k)).ok, false);
  const safe = await protectSmallCells(tables, k);
  const audit = await auditTables(safe, k);
  assert.deepEqual(audit.problems, []);
  for (const f of Object.values(safe.reports["2025"]).flatMap((r) => r.indicators)) {
    if (f.suppressed) continue;
    for (const count of [f.numerator!, f.denominator ?? 0, (f.denominator ?? f.numerator!) - f.numerator!]) assert.ok(count === 0 || count >= k);
  }
});

test("groups of 1 to 4 people in every grouping pass the auditor once protected", async () => {
  for (const seed of [1, 2, 3]) {
    const tables = tablesOf(peopleOf({ A: 1, B: 2, C: 3, D: 4, E: 24, F: 31 }, seed), { A: 5, B: 6, C: 7, D: 8, E: 50, F: 60 });
    assert.equal((await auditTables(tables, k)).ok, false);
    const safe = await protectSmallCells(tables, k);
    const audit = await auditTables(safe, k);
    assert.deepEqual(audit.problems, [], `seed ${seed}`);
    assert.ok(audit.withheldPerWave["2025"] > 0);
  }
});

test("the release auditor reads hashed files as shipped and refuses analyst figures or unknown data", async () => {
  const dir = mkdtempSync(join(tmpdir(), "workbench-audit-"));
  try {
    const data = join(dir, "_file", "data");
    mkdirSync(data, { recursive: true });
    const tables = tablesOf(peopleOf({ A: 2, B: 25, C: 30 }), { A: 10, B: 60, C: 60 });
    writeFileSync(join(data, "indicators.0123abcd.json"), JSON.stringify(tables));
    const analyst = await auditPublicRelease(dir, k);
    assert.equal(analyst.ok, false);
    assert.ok(analyst.problems.some((p) => p.includes("computed by the analyst build")));
    writeFileSync(join(data, "indicators.0123abcd.json"), JSON.stringify(await protectSmallCells(tables, k)));
    writeFileSync(join(data, "quotes.99.json"), JSON.stringify({ build: "public", quotes: [] }));
    const release = await auditPublicRelease(dir, k);
    assert.deepEqual(release.problems, []);
    assert.ok(release.cells > 0 && release.millis >= 0 && release.withheldPerWave["2025"] > 0);
    writeFileSync(join(data, "respondents.1.json"), "[]");
    assert.ok((await auditPublicRelease(dir, k)).problems.some((p) => p.includes("respondents.1.json: a data file the disclosure auditor does not know")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
