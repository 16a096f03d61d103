import assert from "node:assert/strict";
import { before, test } from "node:test";
import { loadExports } from "../../loaders/clean";
import { ContractError } from "../../loaders/contract-error";
import { pseudonymousId, sampleKey } from "../../loaders/identity";
import type { CleanModel } from "../../loaders/model";
import { fixtureExports, fixtureFolder, fixtureText } from "./fixture-folder";
import { assertEveryRowAccountedFor } from "./ledger";

let model: CleanModel;
before(async () => {
  model = await loadExports(fixtureExports);
});

const id = (email: string) => pseudonymousId(email, sampleKey);
const respondent = (email: string, wave: string) => model.respondents.find((r) => r.respondent_id === id(email) && r.wave === wave);
const excluded = (file: string, line: number) => model.exclusions.find((e) => e.file === file && e.line === line);

test("wave 2024 keeps one submission per in-scope person", () => {
  const ids = model.respondents.filter((r) => r.wave === "2024").map((r) => r.respondent_id).sort();
  assert.deepEqual(ids, ["ana@example.org", "ben@example.org", "cai@example.org", "gus@example.org"].map(id).sort());
});

test("the later submission replaces the earlier, across email case and spaces", () => {
  assert.equal(excluded("alumni-survey-2024.csv", 4)?.reason, "duplicate_replaced");
  assert.equal(respondent("ben@example.org", "2024")?.degree, "Master's");
  assert.equal(respondent("ben@example.org", "2024")?.published, "Yes");
});

test("the same submission in two exports is one submission", () => {
  assert.equal(excluded("alumni-survey-2024.csv", 5)?.reason, "repeated_export");
  assert.match(String(excluded("alumni-survey-2024.csv", 5)?.detail), /repeated in another export/);
});

test("a re-export's copy is still the same submission with its texts padded and its email in another case, and not with one answer changed", async () => {
  const reexport = fixtureText("alumni-survey-2024-reexport.csv");
  const ben = "8/2/2024 9:00:00,ben@example.org,Ben Example,Summer 2023,Master's,Conducting alignment research independently,Independent research.,";
  assert.ok(reexport.includes(ben));
  const padded = await loadExports(fixtureFolder({ "alumni-survey-2024-reexport.csv": reexport.replace(ben, ben.replace("ben@example.org", " BEN@Example.ORG ").replace("Independent research.", "  Independent research.\t")) }));
  assert.equal(padded.exclusions.find((e) => e.file === "alumni-survey-2024.csv" && e.line === 5)?.reason, "repeated_export");
  const changed = await loadExports(fixtureFolder({ "alumni-survey-2024-reexport.csv": reexport.replace(ben, ben.replace("Independent research.", "Independent research!")) }));
  assert.notEqual(changed.exclusions.find((e) => e.file === "alumni-survey-2024.csv" && e.line === 5)?.reason, "repeated_export");
});

test("ledger lines are physical lines: a quoted newline moves the next record down", () => {
  assert.equal(respondent("ana@example.org", "2024")?.source_line, 2);
  assert.equal(respondent("cai@example.org", "2024")?.source_line, 6);
});

test("late on the closing day in Los Angeles is in scope; after midnight is not", () => {
  assert.equal(respondent("cai@example.org", "2024")?.submitted_at instanceof Date, true);
  assert.equal((respondent("cai@example.org", "2024")?.submitted_at as Date).toISOString(), "2024-09-01T06:30:00.000Z");
  assert.equal(excluded("alumni-survey-2024.csv", 7)?.reason, "after_close");
});

test("non-completers and later cohorts are out of scope; unknown people are not in the roster", () => {
  assert.equal(excluded("alumni-survey-2024.csv", 8)?.reason, "out_of_scope");
  assert.equal(excluded("alumni-survey-2024.csv", 9)?.reason, "out_of_scope");
  assert.equal(excluded("alumni-survey-2024.csv", 10)?.reason, "not_in_roster");
});

test("the roster wins over the self-reported cohort, and the disagreement is flagged", () => {
  const ben = respondent("ben@example.org", "2024")!;
  assert.equal(ben.cohort, "Summer 2022");
  assert.equal(ben.self_reported_cohort, "Summer 2023");
  assert.equal(ben.cohort_disagrees, true);
  assert.ok(model.flags.some((f) => f.flag === "cohort_disagrees" && f.respondent_id === id("ben@example.org")));
  // Cai typed `MATS 3` as Other text: the same cohort, no flag.
  assert.equal(respondent("cai@example.org", "2024")?.cohort_disagrees, false);
});

test("loose roster spellings are canonical; MATS 3.1 marks the extension phase of the same cohort", () => {
  const cai = respondent("cai@example.org", "2024")!;
  assert.equal(cai.cohort, "Winter 2022-23");
  assert.equal(cai.extension, true);
  assert.equal(respondent("ana@example.org", "2024")?.cohort, "Winter 2021-22");
});

test("a person with two roster rows is counted once, in their first cohort", () => {
  const population2025 = model.population.filter((p) => p.wave === "2025");
  assert.equal(population2025.reduce((sum, p) => sum + Number(p.alumni), 0), 6);
  assert.equal(population2025.filter((p) => p.cohort === "Summer 2024").length, 0);
  const population2024 = model.population.filter((p) => p.wave === "2024");
  assert.equal(population2024.reduce((sum, p) => sum + Number(p.alumni), 0), 5);
});

test("checkbox Other text is kept as option Other and as free text; an unknown option is flagged, not dropped", () => {
  const anaWork = model.selections.filter((s) => s.respondent_id === id("ana@example.org") && s.wave === "2024" && s.question === "current_work");
  assert.deepEqual(anaWork.map((s) => s.option).sort(), ["Other", "Working/interning on AI alignment/control"]);
  assert.ok(model.free_text.some((t) => t.question === "current_work" && t.text === "Founding a startup, part-time" && t.other_text === true));
  const caiOutcomes = model.selections.filter((s) => s.respondent_id === id("cai@example.org") && s.question === "hiring_outcomes");
  assert.deepEqual(caiOutcomes.map((s) => s.option).sort(), ["Other", "Still in process"]);
  assert.ok(model.flags.some((f) => f.flag === "unknown_checkbox_option" && f.respondent_id === id("cai@example.org")));
});

test("grid columns become ratings with levels", () => {
  const ana = model.ratings.filter((r) => r.respondent_id === id("ana@example.org") && r.wave === "2024");
  assert.equal(ana.length, 6);
  assert.deepEqual(ana.find((r) => r.element === "Mentorship"), { respondent_id: id("ana@example.org"), wave: "2024", element: "Mentorship", rating: "Most valuable part of MATS", rating_level: 5 });
  assert.equal(ana.find((r) => r.element === "Scholar support")?.rating_level, 1);
});

test("free text keeps quoted newlines and quotes", () => {
  assert.ok(model.free_text.some((t) => t.question === "work_description" && t.text === 'Research engineer,\nwriting "evals" all day.'));
});

test("Qualtrics: questions found by row-2 text whatever the short names, reworded 2025 headers, `Question - Row` grids", () => {
  const ana = respondent("ana@example.org", "2025")!;
  assert.equal(ana.lower_stipend, "No");
  assert.equal(ana.quote_consent, true);
  const outcomes = model.selections.filter((s) => s.respondent_id === id("ana@example.org") && s.wave === "2025" && s.question === "hiring_outcomes");
  assert.deepEqual(outcomes.map((s) => s.option), ["Accepted a job offer", "Received an offer, declined it"]);
  assert.equal(model.ratings.filter((r) => r.respondent_id === id("ana@example.org") && r.wave === "2025").length, 7);
});

test("Qualtrics: role start month, months to role, UTC recorded time", () => {
  const ana = respondent("ana@example.org", "2025")!;
  assert.equal((ana.role_start as Date).toISOString().slice(0, 10), "2024-03-01");
  assert.ok(Number(ana.months_to_role) > 25 && Number(ana.months_to_role) < 26);
  assert.equal((ana.submitted_at as Date).toISOString(), "2025-07-01T12:00:00.000Z");
});

test("Qualtrics: preview and spam rows, unfinished empty rows and late rows are ledgered; partial answers are kept", () => {
  assert.equal(excluded("alumni-survey-2025.csv", 4)?.reason, "preview_or_spam");
  assert.equal(excluded("alumni-survey-2025.csv", 5)?.reason, "preview_or_spam");
  assert.equal(excluded("alumni-survey-2025.csv", 8)?.reason, "unfinished_empty");
  assert.equal(excluded("alumni-survey-2025.csv", 9)?.reason, "after_close");
  const fay = respondent("fay@example.org", "2025")!;
  assert.equal(fay.finished, false);
  assert.equal(fay.degree, "Master's");
  assert.equal(fay.published, null);
});

test("interest form: options with commas, Other text, duplicates by email case", () => {
  assert.equal(model.applicants.length, 2);
  const ida = model.applicant_channels.filter((c) => c.applicant_id === id("ida@example.com")).map((c) => c.channel);
  assert.deepEqual(ida, ["80,000 Hours job board", "Other"]);
  assert.equal(excluded("interest-form-summer-2023.csv", 2)?.reason, "duplicate_replaced");
  assert.ok(model.applicants.every((a) => a.cohort_of_interest === "Summer 2023"));
});

test("every input row is either clean or in the ledger", () => {
  assertEveryRowAccountedFor(model);
});

test("no table carries a name, an email, an IP address or a location", () => {
  const text = JSON.stringify(model);
  for (const secret of ["Example", "example.org", "Stranger", "203.0.113", "37.7749", "-122.4194", "R_ana1", "bot@spam"]) {
    assert.ok(!text.includes(secret), secret);
  }
});

// ---- Bad input: each a one-line message naming file, row, column and what was expected ----

async function failure(changes: Record<string, string | Uint8Array>): Promise<ContractError> {
  const folder = fixtureFolder(changes);
  try {
    await loadExports(folder);
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw error;
  }
  assert.fail("expected a ContractError");
}

test("an unparseable date names file, row, column and the expected format", async () => {
  const text = fixtureText("alumni-survey-2024.csv").replace("8/2/2024 9:00:00", "2024-13-01");
  const error = await failure({ "alumni-survey-2024.csv": text });
  assert.equal(error.message, "alumni-survey-2024.csv row 5, column 'Timestamp': expected M/D/YYYY H:MM:SS, got '2024-13-01'");
});

test("a missing or renamed required column", async () => {
  const text = fixtureText("alumni-survey-2024.csv").replace("Have you published alignment research during or since MATS?", "Have you published research?");
  const error = await failure({ "alumni-survey-2024.csv": text });
  assert.match(error.message, /^alumni-survey-2024\.csv row 1, column 'Have you published alignment research during or since MATS\?': expected a column with this header/);
  const qualtrics = fixtureText("alumni-survey-2025.csv").replace("RecordedDate", "Recorded");
  assert.match((await failure({ "alumni-survey-2025.csv": qualtrics })).message, /^alumni-survey-2025\.csv row 1, column 'RecordedDate'/);
});

test("an unknown option in a single-choice question", async () => {
  const text = fixtureText("alumni-survey-2024.csv").replace(",Bachelor's,", ",Doctorate,");
  const error = await failure({ "alumni-survey-2024.csv": text });
  assert.match(error.message, /^alumni-survey-2024\.csv row 6, column 'What is the highest academic degree you have earned\?': expected one of 'Bachelor's', .*got 'Doctorate'$/);
});

test("an unknown grid rating", async () => {
  const lines = fixtureText("alumni-survey-2025.csv").split("\n");
  const ana = lines.findIndex((line) => line.includes("R_ana1"));
  lines[ana] = lines[ana].replace("Most valuable part of MATS", "Best");
  const error = await failure({ "alumni-survey-2025.csv": lines.join("\n") });
  assert.match(error.message, /^alumni-survey-2025\.csv row 6, column 'How much value did you get from each program element\? - Mentorship': expected one of/);
});

test("an unknown cohort spelling in the roster", async () => {
  const text = fixtureText("roster.csv").replace("W22-23", "Autumn 2022");
  const error = await failure({ "roster.csv": text });
  assert.equal(error.message, "roster.csv row 4, column 'cohort': expected a cohort such as 'Summer 2023', 'MATS 3.1' or 'W22-23', got 'Autumn 2022'");
});

test("a bad roster date or flag", async () => {
  assert.match((await failure({ "roster.csv": fixtureText("roster.csv").replace("2021-11-01", "01/11/2021") })).message, /^roster\.csv row 2, column 'program_start': expected an ISO date YYYY-MM-DD, got '01\/11\/2021'$/);
  assert.match((await failure({ "roster.csv": fixtureText("roster.csv").replace("TRUE,FALSE\nS2", "yes,FALSE\nS2") })).message, /^roster\.csv row 2, column 'completed': expected TRUE or FALSE, got 'yes'$/);
});

test("a file that is not CSV", async () => {
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]);
  assert.equal((await failure({ "alumni-survey-2024-extra.csv": zip })).message, "alumni-survey-2024-extra.csv: expected a CSV text file, got 'binary data'");
  const prose = "Dear team,\nhere are the numbers you asked for, as promised.\nBest\n";
  assert.match((await failure({ "alumni-survey-2024-extra.csv": prose })).message, /^alumni-survey-2024-extra\.csv row 1, column 'Timestamp': expected a column with this header/);
  const ragged = fixtureText("roster.csv") + "S9,Short Row,x@example.org\n";
  assert.equal((await failure({ "roster.csv": ragged })).message, "roster.csv row 11: expected 9 fields as in the header row, got '3 fields'");
});

test("an empty file", async () => {
  assert.equal((await failure({ "interest-form-winter-2024.csv": "" })).message, "interest-form-winter-2024.csv: expected a CSV export with a header row, got 'an empty file'");
});

test("an unknown source file in the data folder (README and dotfiles are fine)", async () => {
  const error = await failure({ "survey-2024.csv": "a,b\n1,2\n", "README.md": "notes", ".gitkeep": "" });
  assert.match(error.message, /^survey-2024\.csv: expected a source file named roster\*\.csv, .*got 'an unknown source file'$/);
});

test("a Qualtrics export without its three header rows", async () => {
  const text = fixtureText("alumni-survey-2025.csv").split("\n").filter((_, i) => i !== 2).join("\n");
  assert.match((await failure({ "alumni-survey-2025.csv": text })).message, /^alumni-survey-2025\.csv row 3: expected import ids/);
});
