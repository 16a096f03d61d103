// Exports as real survey owners and spreadsheets change them: each is read to the right figures or stops with one line.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadExports } from "../../loaders/clean";
import { contractLine, editColumn, editCsv, figures, figuresOf, indicatorsCli, sampleFolder, sampleText, writeInstrument } from "./sample-variant";

const g2024 = "alumni-survey-2024.csv";
const g2024b = "alumni-survey-2024-reexport.csv";
const q2025 = "alumni-survey-2025.csv";
const currentWork2024 = "Which of these describe your current work? (Select all that apply)";
const alignmentOrg = "Working/interning on AI alignment/control";

/** Both 2024 exports (the export and its re-export) with the same column edit. */
function both2024(header: string, change: (cell: string) => string): Record<string, string> {
  return { [g2024]: editColumn(sampleText(g2024), header, change), [g2024b]: editColumn(sampleText(g2024b), header, change) };
}

test("an option reworded by the survey owner stops the build naming the nearest option, never 0/72", async () => {
  const folder = sampleFolder(both2024(currentWork2024, (cell) => cell.replace(alignmentOrg, "Working/interning on AI alignment or control")));
  assert.equal(
    await contractLine(folder),
    `${g2024b} row 7, column '${currentWork2024}': expected one of the question's options: 3 respondents gave this answer, nearest option '${alignmentOrg}' (declare it in instrument.json under the wave's "answers" as an option id, or as null for Other text), got a text of 44 characters (not shown: it may be an answer)`,
  );
  // Declared as the option it is, the figure is the one the export means.
  writeInstrument(folder, (instrument) => {
    instrument.waves[0].answers!.current_work["Working/interning on AI alignment or control"] = "alignment_org";
  });
  const figure = await figures(folder, "2024");
  assert.deepEqual(figure.work_alignment_org, [35, 72]);
  assert.deepEqual(figure.work_alignment_any, [56, 72]);
});

test("a reworded option of a question without Other text (Q10) stops the build too, never 0/39", async () => {
  const header = "How did MATS contribute to your progress in these hiring rounds? (Select all that apply)";
  const folder = sampleFolder(both2024(header, (cell) => cell.replace("Increased my research or technical skills", "Improved my research or technical skills")));
  assert.equal(
    await contractLine(folder),
    `${g2024b} row 12, column '${header}': expected one of the question's options: 3 respondents gave this answer, nearest option 'Increased my research or technical skills' (declare it in instrument.json under the wave's "answers" as an option id, or as null for Other text), got 'Improved my research or technical skills'`,
  );
});

test("checkbox answers are matched like single-choice ones: any case, doubled spaces, typographic quotes", async () => {
  const connections = "What kinds of connections did you make at MATS? (Select all that apply)";
  const degree = "What is the highest academic degree you have earned?";
  const retyped = (file: string) =>
    [
      (text: string) => editColumn(text, currentWork2024, (cell) => cell.toLowerCase()),
      (text: string) => editColumn(text, connections, (cell) => cell.replaceAll(", ", ",  ")),
      (text: string) => editColumn(text, degree, (cell) => cell.replace("'", "\u2019")),
    ].reduce((text, edit) => edit(text), sampleText(file));
  const folder = sampleFolder({ [g2024]: retyped(g2024), [g2024b]: retyped(g2024b) });
  const figure = await figures(folder, "2024");
  assert.deepEqual(figure.work_alignment_org, [35, 72]);
  assert.deepEqual(figure.work_alignment_independent, [21, 72]);
  assert.deepEqual(figure.work_alignment_any, [56, 72]);
  assert.deepEqual(figure.met_mentor, [38, 71]);
  assert.deepEqual(figure.met_collaborator, [45, 71]);
  assert.deepEqual(figure.degree_bachelors, [28, 70]);
  assert.deepEqual(figure.degree_masters, [28, 70]);
});

test("two columns with one question's title (deleted and re-added) stop the build", async () => {
  const published = "Have you published alignment research during or since MATS?";
  const withTwin = (text: string) =>
    editCsv(text, (rows) => {
      const index = rows[0].indexOf(published);
      rows.forEach((row, i) => row.splice(index, 0, i === 0 ? published : ""));
    });
  const folder = sampleFolder({ [g2024]: withTwin(sampleText(g2024)), [g2024b]: withTwin(sampleText(g2024b)) });
  assert.equal(
    await contractLine(folder),
    `${g2024b} row 1, column '${published}': expected one column with this header (rename or remove the others), got '2 columns (12 and 13)'`,
  );
});

test("a question titled Email Address before the collected one stops the build", async () => {
  const withQuestion = (text: string) => editCsv(text, (rows) => rows.forEach((row, i) => row.splice(2, 0, i === 0 ? "Email Address" : "someone@example.org")));
  const folder = sampleFolder({ [g2024]: withQuestion(sampleText(g2024)), [g2024b]: withQuestion(sampleText(g2024b)) });
  assert.equal(
    await contractLine(folder),
    `${g2024b} row 1, column 'Email Address': expected one column with this header (rename or remove the others), got '2 columns (2 and 3)'`,
  );
});

test("a Qualtrics numeric-values export: Status 0 is a response; numeric answers are refused asking for choice text", async () => {
  const codes: Record<string, string> = { "IP Address": "0", "Survey Preview": "1", Spam: "8" };
  const statusCoded = editColumn(sampleText(q2025), "Status", (cell) => codes[cell] ?? cell, 3);
  const figure = await figures(sampleFolder({ [q2025]: statusCoded }), "2025");
  assert.deepEqual(figure.respondents, [110, null]);
  assert.deepEqual(figure.published, [68, 105]);
  const degrees = ["Bachelor's", "Master's", "PhD", "Other"];
  const degree = "What is the highest academic degree you have earned?";
  const answersCoded = editColumn(statusCoded, degree, (cell) => (cell === "" ? "" : String(degrees.indexOf(cell) + 1)), 3, 1);
  assert.equal(
    await contractLine(sampleFolder({ [q2025]: answersCoded })),
    `${q2025} row 4, column '${degree}': expected choice text (export from Qualtrics with 'Use choice text', not 'Use numeric values'), got 'a numeric choice code'`,
  );
});

test("a Qualtrics export's own time zone (third header row) is the zone of its times", async () => {
  const auckland = editCsv(sampleText(q2025), (rows) => {
    rows[2] = rows[2].map((cell) => cell.replace('"timeZone":"UTC"', '"timeZone":"Pacific/Auckland"'));
  });
  const model = await loadExports(sampleFolder({ [q2025]: auckland }));
  const utc = await loadExports(sampleFolder());
  const at = (m: typeof model, line: number) => (m.respondents.find((r) => r.wave === "2025" && r.source_line === line)?.submitted_at as Date).toISOString();
  // RecordedDate 2025-06-01 23:07:54 at row 6, in Auckland (NZST, UTC+12) is 11:07:54 that day in UTC.
  assert.equal(at(utc, 6), "2025-06-01T23:07:54.000Z");
  assert.equal(at(model, 6), "2025-06-01T11:07:54.000Z");
});

test("day/month timestamps that cannot show their order stop the build unless the wave declares it", async () => {
  // As a day-first spreadsheet re-saves them, with every day 12 or below.
  const dayFirst = (cell: string) => cell.replace(/^(\d+)\/(\d+)\//, (_, month, day) => `${((Number(day) - 1) % 12) + 1}/${month}/`);
  const files = both2024("Timestamp", dayFirst);
  const folder = sampleFolder(files);
  assert.equal(
    await contractLine(folder),
    `${g2024b} row 1, column 'Timestamp': expected timestamps that show whether the day or the month comes first (a number above 12), or the wave's "dateOrder" declared in instrument.json, got 'every day and month 12 or below in 34 row(s)'`,
  );
  writeInstrument(folder, (instrument) => {
    instrument.waves[0].dateOrder = "day-first";
  });
  const model = await loadExports(folder);
  const first = model.respondents.find((r) => r.wave === "2024" && r.source_file === g2024 && r.source_line === 2)!;
  // 7/17/2024 1:31:58 became 5/7/2024 (day 5 of July), read in Los Angeles time.
  assert.equal((first.submitted_at as Date).toISOString(), "2024-07-05T08:31:58.000Z");
});

test("a wave export without email addresses (an anonymous link) stops the build instead of giving 0 respondents", async () => {
  const folder = sampleFolder({ [g2024b]: null, [g2024]: editColumn(sampleText(g2024), "Email Address", () => "") });
  assert.equal(
    await contractLine(folder),
    `${g2024} row 1, column 'Email Address': expected respondents' email addresses (a survey that collects emails, not an anonymous link), got 'no email address in any of 72 response(s)'`,
  );
  const qualtrics = sampleFolder({ [q2025]: editColumn(sampleText(q2025), "RecipientEmail", () => "", 3) });
  assert.equal(
    await contractLine(qualtrics),
    `${q2025} row 2, column 'RecipientEmail': expected respondents' email addresses (a survey that collects emails, not an anonymous link), got 'no email address in any of 118 response(s)'`,
  );
});

test("an export in Windows-1252 stops the build naming the file and row, never U+FFFD", async () => {
  // The first answer spans lines 2 and 3 (a quoted newline): the bytes are on line 3.
  const text = editColumn(sampleText(g2024), "Please describe your current work in a sentence or two.", (cell) => (cell === "" ? cell : `${cell} Caf\u00e9\u2019s`));
  // Windows-1252: é is 0xE9 and ’ is 0x92, neither of them UTF-8.
  const bytes = Uint8Array.from([...text].map((c) => (c === "\u2019" ? 0x92 : c.charCodeAt(0) & 0xff)));
  assert.equal(
    await contractLine(sampleFolder({ [g2024]: bytes })),
    `${g2024} row 3: expected UTF-8 text (save the export as CSV UTF-8), got 'bytes that are not UTF-8, such as Windows-1252'`,
  );
});

test("a semicolon- or tab-delimited export is named as such", async () => {
  const roster = sampleText("roster.csv").replaceAll(",", ";");
  assert.equal(await contractLine(sampleFolder({ "roster.csv": roster })), "roster.csv row 1: expected comma-delimited CSV, got 'semicolon-delimited text'");
  const tabbed = editCsv(sampleText(g2024), () => {}).split("\n").map((line) => line.replaceAll(",", "\t")).join("\n");
  assert.equal(await contractLine(sampleFolder({ [g2024]: tabbed })), `${g2024} row 1: expected comma-delimited CSV, got 'tab-delimited text'`);
});

// Answers over 8 MiB are refused with a contract line (test/loaders/long-answers.test.ts); below that they are read.
test("a 5 MB answer is read, and the figures are those of the sample (through the clean store and the CLI)", () => {
  const long = editCsv(sampleText(g2024), (rows) => {
    const index = rows[0].indexOf("Please describe your current work in a sentence or two.");
    rows[1][index] = "word ".repeat(1 << 20);
  });
  const report = indicatorsCli(sampleFolder({ [g2024]: long }), "2024");
  assert.equal(report.respondents, 72);
  const figure = figuresOf(report);
  assert.deepEqual(figure.work_alignment_org, [35, 72]);
  assert.deepEqual(figure.published, [48, 71]);
});

test("a cell that begins with a byte-order mark (text pasted from a file Excel saved) is the same answer, and no option still stops", async () => {
  const degree = "What is the highest academic degree you have earned?";
  const marked = (cell: string) => (cell ? `\ufeff${cell}` : cell);
  const edit = (file: string) => editColumn(editColumn(sampleText(file), currentWork2024, marked), degree, marked);
  const figure = await figures(sampleFolder({ [g2024]: edit(g2024), [g2024b]: edit(g2024b) }), "2024");
  // Read without the mark's help before: every such cell was looked up without its mark and read as blank.
  assert.deepEqual(figure.work_alignment_org, [35, 72]);
  assert.deepEqual(figure.work_alignment_any, [56, 72]);
  assert.deepEqual(figure.degree_masters, [28, 70]);
  const unknown = sampleFolder(both2024(degree, (cell) => (cell === "Master's" ? "\ufeffMasters of Arts" : cell)));
  assert.equal(await contractLine(unknown), `${g2024b} row 6, column '${degree}': expected one of 'Bachelor's', 'Master's', 'PhD', 'Other' (nearest 'Master's'; or declare this answer in instrument.json), got 'Masters of Arts'`);
});
