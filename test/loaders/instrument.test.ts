// The instrument file: validated, overridable per exports folder, and enough for a new wave without code changes.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { loadExports } from "../../loaders/clean";
import { ContractError } from "../../loaders/contract-error";
import { instrumentJsonSchema, parseInstrument, shippedInstrument, surveyOptionsModule, surveyOptionsPath, waves } from "../../loaders/instrument";
import { indicators } from "../../src/survey/indicators";
import { editCsv, figures, figuresOf, indicatorsCli, runScript, sampleDir, sampleFolder, sampleText, shippedInstrumentJson, writeInstrument } from "./sample-variant";

test("the committed JSON Schema is the one the zod schema generates", () => {
  assert.equal(readFileSync(join(sampleDir, "instrument.schema.json"), "utf8"), instrumentJsonSchema());
});

test("the shipped instrument keeps the names the code base imports: waves, their headers and patterns", () => {
  assert.deepEqual(Object.keys(waves), ["2024", "2025"]);
  assert.ok(waves["2024"].filePattern.test("alumni-survey-2024-reexport.csv"));
  assert.equal(waves["2024"].headers.role_start, undefined, "2024 did not ask when the role started");
  assert.equal(shippedInstrument.questions.find((q) => q.id === "current_work")?.optionIds?.get("alignment_org"), "Working/interning on AI alignment/control");
});

test("a mistake in an instrument file is one contract line naming the place in it", () => {
  const json = shippedInstrumentJson();
  json.waves[1].answers!.current_work["Working on alignment"] = "alignment";
  assert.throws(
    () => parseInstrument(json, "/x/instrument.json"),
    (error: unknown) =>
      error instanceof ContractError &&
      error.message ===
        "instrument.json, column 'waves.1.answers.current_work': expected an option id of current_work (alignment_org, alignment_independent, capabilities, governance, studying, unrelated, looking) or null, got 'alignment'",
  );
  const bad = shippedInstrumentJson() as unknown as { waves: { format: string }[] };
  bad.waves[0].format = "surveymonkey";
  assert.throws(() => parseInstrument(bad, "/x/instrument.json"), /^ContractError: instrument\.json, column 'waves\.0\.format': expected Invalid option: expected one of "google-forms"\|"qualtrics"$/);
});

test("an exports folder's own instrument wins over the shipped one", () => {
  const folder = sampleFolder();
  // This folder's 2024 wave did not ask about connections: its own instrument says so.
  writeInstrument(folder, (instrument) => {
    delete instrument.waves[0].headers.connections;
  });
  const own = figuresOf(indicatorsCli(folder, "2024"));
  assert.deepEqual(own.met_mentor, [null, null]);
  assert.deepEqual(own.published, [48, 71]);
  const report = indicatorsCli(folder, "2024");
  assert.deepEqual(report.indicators.find((f) => f.id === "met_mentor"), { id: "met_mentor", group: null, numerator: null, denominator: null, share: null, ci95: null, not_asked: true });
});

/** A 2026 wave: the 2024 export two years on, with a reworded question, two dropped and one added. */
function wave2026(): { folder: string } {
  const degree = "What is the highest academic degree you have earned?";
  const published = "Have you published alignment research during or since MATS?";
  const venues = "Where did it appear? (Select all that apply)";
  const text = editCsv(sampleText("alumni-survey-2024.csv"), (rows) => {
    const drop = [rows[0].indexOf(published), rows[0].indexOf(venues)].sort((a, b) => b - a);
    rows.forEach((row, i) => {
      for (const index of drop) row.splice(index, 1);
      if (i === 0) {
        row[row.indexOf(degree)] = "What’s the highest degree you hold?";
        row.push("Which AI tools do you use in your research? (Select all that apply)");
      } else {
        row[0] = row[0].replace("/2024 ", "/2026 ");
        row.push(i % 3 === 0 ? "Coding assistants, Chat assistants" : i % 3 === 1 ? "Chat assistants" : "");
      }
    });
  });
  const folder = sampleFolder({ "alumni-survey-2026.csv": text });
  writeInstrument(folder, (instrument) => {
    instrument.questions.push({
      id: "ai_tools",
      kind: "checkbox",
      options: [
        { id: "coding", text: "Coding assistants" },
        { id: "chat", text: "Chat assistants" },
      ],
    });
    const headers: Record<string, string | null> = { ...instrument.waves[0].headers, degree: "What's the highest degree you hold?", ai_tools: "Which AI tools do you use in your research? (Select all that apply)" };
    delete headers.published;
    delete headers.publication_venues;
    instrument.waves.push({
      ...instrument.waves[0],
      id: "2026",
      source: "alumni-survey-2026",
      files: "alumni-survey-2026*.csv",
      scope: { ...instrument.waves[0].scope, closesOn: "2026-08-31" },
      headers,
    });
  });
  return { folder };
}

test("a 2026 wave is a new entry in the instrument: reworded, dropped and added questions, no code changes", async () => {
  const { folder } = wave2026();
  const figure = await figures(folder, "2026");
  const sample2024 = await figures(sampleFolder({ "alumni-survey-2024-reexport.csv": null }), "2024");
  // The same people answered as in the 2024 export, so every question 2026 asked gives 2024's figure; the dropped ones are not asked.
  const dropped = new Set(indicators.filter((i) => i.reads.some((q) => q === "published" || q === "publication_venues")).map((i) => i.id));
  assert.deepEqual([...dropped].sort(), ["publication_quality_much_higher", "publication_sped_up_gt6m", "published", "published_lesswrong"]);
  for (const { id } of indicators) {
    if (id === "response_rate") continue;
    assert.deepEqual(figure[id], dropped.has(id) ? [null, null] : sample2024[id], id);
  }
  assert.deepEqual(figure.degree_phd, [12, 61]);
  const model = await loadExports(folder);
  const tools = model.selections.filter((s) => s.wave === "2026" && s.question === "ai_tools");
  assert.ok(tools.length > 0 && tools.every((s) => s.option === "Coding assistants" || s.option === "Chat assistants"));
  // The 2024 and 2025 figures are untouched by the new wave.
  assert.deepEqual((await figures(folder, "2024")).published, [48, 71]);
});

test("the 2026 wave through the indicators command: not asked is denominator null and not_asked true", () => {
  const { folder } = wave2026();
  const report = indicatorsCli(folder, "2026");
  assert.equal(report.wave, "2026");
  const published = report.indicators.find((f) => f.id === "published")!;
  assert.equal(published.denominator, null);
  assert.equal(published.not_asked, true);
  assert.deepEqual(figuresOf(report).degree_phd, [12, 61]);
});

test("npm run instrument: a 2025 export that rewords and omits questions, --write, then the right figures and not asked", () => {
  const published = "Have you published alignment research during or since MATS?";
  const stipend = "Would you have participated in MATS for a lower stipend?";
  const text = editCsv(sampleText("alumni-survey-2025.csv"), (rows) => {
    const texts = rows[1];
    const omitted = ["What kinds of connections did you make at MATS?", "Which kinds of support would be valuable to you at this stage?"];
    const drop = omitted.map((h) => texts.findIndex((t) => t.startsWith(h))).sort((a, b) => b - a);
    for (const row of rows) for (const index of drop) row.splice(index, 1);
    texts[texts.indexOf(published)] = "Have you published any alignment research since MATS?";
    texts[texts.indexOf(stipend)] = "Would you still have participated in MATS with a lower stipend?";
  });
  const folder = sampleFolder({ "alumni-survey-2025.csv": text });
  const check = runScript("scripts/instrument.ts", "--data", folder);
  assert.equal(check.status, 1);
  assert.match(check.stdout, /^ {2}exact {7}degree$/m);
  assert.match(check.stdout, /^ {2}not found {3}published: expected 'Have you published alignment research during or since MATS\?'; closest headers: 'Have you published any alignment research since MATS\?' \(0\.87\)/m);
  assert.match(check.stdout, /^ {2}unknown column 'Would you still have participated in MATS with a lower stipend\?'$/m);
  const write = runScript("scripts/instrument.ts", "--data", folder, "--write");
  assert.equal(write.status, 0, write.stderr);
  assert.match(write.stdout, /wave 2025: connections not asked/);
  const report = figuresOf(indicatorsCli(folder, "2025"));
  assert.deepEqual(report.published, [68, 105]);
  assert.deepEqual(report.no_stipend_needed, [26, 105]);
  assert.deepEqual(report.degree_phd, [29, 110]);
  for (const id of ["met_collaborator", "met_mentor", "no_connections", "wants_collaborators", "wants_job_recs"]) assert.deepEqual(report[id], [null, null], id);
  // Checked again, the folder's own instrument matches everything.
  assert.equal(runScript("scripts/instrument.ts", "--data", folder).status, 0);
});

test("npm run instrument: answer texts that are no option, with their counts and nearest option; --write proposes the mapping", () => {
  const header = "Which of these describe your current work? (Select all that apply)";
  const reworded = (text: string) => editCsv(text, (rows) => {
    const index = rows[0].indexOf(header);
    for (const row of rows.slice(1)) row[index] = row[index].replace("Working/interning on AI alignment/control", "Working or interning on AI alignment or control");
  });
  const folder = sampleFolder({ "alumni-survey-2024.csv": reworded(sampleText("alumni-survey-2024.csv")), "alumni-survey-2024-reexport.csv": reworded(sampleText("alumni-survey-2024-reexport.csv")) });
  const check = runScript("scripts/instrument.ts", "--data", folder);
  assert.match(check.stdout, /^ {2}answer not an option {2}current_work: 'Working or interning on AI alignment or control' in 51 submissions; nearest option 'Working\/interning on AI alignment\/control' \(0\.\d\d\)$/m);
  assert.equal(runScript("scripts/instrument.ts", "--data", folder, "--write").status, 0);
  assert.deepEqual(figuresOf(indicatorsCli(folder, "2024")).work_alignment_org, [35, 72]);
});

test("indicators name options by id; the browser-safe option texts are the ones the shipped instrument generates", () => {
  assert.equal(readFileSync(surveyOptionsPath, "utf8"), surveyOptionsModule());
  const org = indicators.find((i) => i.id === "work_alignment_org")!;
  assert.equal(org.numerator, "list_contains(current_work, 'Working/interning on AI alignment/control')");
});

test("a folder's instrument may add options but never re-text a shipped one (the indicators read the shipped texts)", () => {
  const json = shippedInstrumentJson();
  json.questions.find((q) => q.id === "current_work")!.options![0].text = "Working on AI alignment";
  assert.throws(
    () => parseInstrument(json, "/x/instrument.json"),
    /^ContractError: instrument\.json, column 'questions\.current_work\.options\.alignment_org': expected the shipped text 'Working\/interning on AI alignment\/control' \(declare a new wording under the wave's "answers" instead\), got 'Working on AI alignment'$/,
  );
});
