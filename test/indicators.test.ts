// The indicators command: the published 2024 figures, its JSON shape, its groupings, its errors, and that it prints
// the very reports the pages read (src/data/indicators.json).
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { loadExports } from "../loaders/clean";
import { indicatorReport, loadCleanTables } from "../loaders/indicator-report";
import { indicatorTables } from "../loaders/indicator-tables";
import { cohorts, questions } from "../loaders/instrument";
import { withDuckDB } from "../loaders/parquet";
import { checkboxQuestions, indicators, ratedElements, wilson } from "../src/survey/indicators";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The 2024 values the program published (INDICATORS.md), as printed there. */
const published: Record<string, string> = {
  response_rate: "46%",
  work_alignment_any: "78%",
  work_alignment_org: "49%",
  work_alignment_independent: "29%",
  work_capabilities: "1.4%",
  advanced_past_first_round: "54%",
  accepted_offer: "64%",
  hiring_skills: "49%",
  hiring_career_capital: "38%",
  hiring_no_contribution: "8%",
  published: "68%",
  published_lesswrong: "45%",
  publication_counterfactual: "78%",
  publication_sped_up_gt6m: "10%",
  publication_quality_much_higher: "8%",
  other_outcome_reported: "20%",
  mentorship_top2: "72%",
  peers_top2: "82%",
  met_collaborator: "63%",
  met_mentor: "54%",
  no_connections: "15%",
  wants_collaborators: "46%",
  wants_job_recs: "39%",
  no_stipend_needed: "30%",
  degree_bachelors: "40%",
  degree_masters: "40%",
  degree_phd: "20%",
};

// The report's bases are loose for this one: 20% of 72 respondents is 14.4 people, so no count rounds to 20%.
const looseBase = new Set(["other_outcome_reported"]);

interface Report {
  wave: string;
  respondents: number;
  excluded: Record<string, number>;
  indicators: { id: string; group: string | null; numerator: number; denominator: number | null; share: number | null; ci95: [number, number] | null }[];
}

function cli(...args: string[]): Report {
  const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/indicators.ts", "--data", "data", ...args], { cwd: root, encoding: "utf8" });
  return JSON.parse(out) as Report;
}

let pooled: Report;
let byCohort: Report;
before(() => {
  pooled = cli("--wave", "2024", "--json");
  byCohort = cli("--wave", "2024", "--by", "cohort", "--json");
});

test("the sample reproduces every published 2024 figure to the report's rounding", () => {
  assert.equal(pooled.respondents, 72);
  assert.equal(pooled.indicators.find((i) => i.id === "respondents")?.numerator, 72);
  for (const [id, text] of Object.entries(published)) {
    const figure = pooled.indicators.find((i) => i.id === id && i.group === null);
    assert.ok(figure && figure.denominator, `${id} is computed`);
    const decimals = text.includes(".") ? text.split(".")[1].length - 1 : 0;
    const value = Number.parseFloat(text);
    const exact = (100 * figure.numerator) / figure.denominator;
    if (looseBase.has(id)) {
      assert.equal(figure.numerator, Math.round((value / 100) * figure.denominator), `${id}: nearest count to ${text}`);
    } else {
      assert.equal(Number(exact.toFixed(decimals)), value, `${id}: ${figure.numerator}/${figure.denominator} = ${exact.toFixed(2)}%, published ${text}`);
    }
  }
});

test("the response rate is over the 157 completed alumni of the first four programs", () => {
  const rate = pooled.indicators.find((i) => i.id === "response_rate")!;
  assert.deepEqual([rate.numerator, rate.denominator], [72, 157]);
});

test("the JSON has the documented shape", () => {
  assert.deepEqual(Object.keys(pooled).sort(), ["excluded", "indicators", "respondents", "wave"]);
  assert.equal(pooled.wave, "2024");
  for (const count of Object.values(pooled.excluded)) assert.ok(Number.isInteger(count) && count > 0);
  assert.deepEqual(Object.keys(pooled.excluded).sort(), ["after_close", "duplicate_replaced", "not_in_roster", "out_of_scope", "repeated_export"]);
  assert.deepEqual(pooled.indicators.map((i) => i.id), indicators.map((i) => i.id));
  for (const figure of pooled.indicators) {
    assert.deepEqual(Object.keys(figure).sort(), ["ci95", "denominator", "group", "id", "numerator", "share"]);
    assert.equal(typeof figure.numerator, "number");
    if (figure.denominator !== null) {
      assert.ok(figure.share !== null && Math.abs(figure.share - figure.numerator / figure.denominator) < 0.001);
      assert.ok(figure.ci95 && figure.ci95[0] <= figure.share && figure.share <= figure.ci95[1]);
    }
  }
});

test("--by cohort groups by the instrument's cohort spellings and adds up to the pooled figures", () => {
  const names = new Set<string>(cohorts.map((c) => c.name));
  const groups = new Set(byCohort.indicators.map((i) => i.group));
  assert.deepEqual([...groups], ["Winter 2021-22", "Summer 2022", "Winter 2022-23", "Summer 2023"]);
  for (const group of groups) assert.ok(group !== null && names.has(group));
  for (const id of ["respondents", "published", "response_rate"]) {
    const parts = byCohort.indicators.filter((i) => i.id === id);
    const whole = pooled.indicators.find((i) => i.id === id)!;
    assert.equal(parts.reduce((s, p) => s + p.numerator, 0), whole.numerator, id);
    assert.equal(parts.reduce((s, p) => s + (p.denominator ?? 0), 0), whole.denominator ?? 0, id);
  }
});

test("every grouping of both waves is summed from one cube, and its groups add up to the respondents", async () => {
  const model = await loadExports(`${root}/data`);
  await withDuckDB(async (connection) => {
    await loadCleanTables(connection, model);
    for (const wave of ["2024", "2025"]) {
      for (const by of [null, "cohort", "stream", "degree", "extension"] as const) {
        const report = await indicatorReport(connection, { wave, by });
        const respondents = report.indicators.filter((i) => i.id === "respondents").reduce((s, i) => s + (i.numerator ?? 0), 0);
        assert.equal(respondents, report.respondents, `${wave} by ${by}`);
      }
    }
  });
});

test("the command prints the very reports the pages read: indicators.json's, figure for figure", async () => {
  const tables = await indicatorTables(`${root}/data`);
  assert.deepEqual(pooled, tables.reports["2024"].all);
  assert.deepEqual(byCohort, tables.reports["2024"].cohort);
});

test("a bad export stops the CLI with one line on stderr and exit 1, no stack trace", () => {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/indicators.ts", "--data", "test/fixtures/no-such-folder", "--wave", "2024"], { cwd: root, encoding: "utf8" });
  assert.equal(result.status, 1);
  assert.equal(result.stdout, "");
  assert.equal(result.stderr.trim().split("\n").length, 1);
  assert.match(result.stderr, /no-such-folder: expected a folder of survey exports/);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
});

test("wilson intervals", () => {
  const [lo, hi] = wilson(0, 10);
  assert.equal(lo, 0);
  assert.ok(Math.abs(hi - 0.2775) < 1e-4);
  const [lo2, hi2] = wilson(49, 72);
  assert.ok(Math.abs(lo2 - 0.5659) < 1e-3 && Math.abs(hi2 - 0.7758) < 1e-3, `${lo2} ${hi2}`);
  assert.ok(wilson(3, 0).every(Number.isNaN));
});

test("the indicators' checkbox questions and grid rows are the instrument's", () => {
  const checkbox = questions.filter((q) => q.kind === "checkbox").map((q) => q.id);
  assert.deepEqual([...checkboxQuestions].sort(), [...checkbox].sort());
  assert.deepEqual([...ratedElements], questions.find((q) => q.id === "element_ratings")!.rows);
});
