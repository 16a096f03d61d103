// Writes deterministic fake exports into a data folder: the roster, both survey waves, the interest form.
// Usage: npm run generate-sample -- [--out data] [--respondents 72] [--seed 2024] [--cohort-effect OR]
// --cohort-effect plants, in the 2025 wave, alignment work with that odds ratio per later cohort (1 = none) and
// realistic role start dates (scripts/sample/outcomes.ts); without it the shipped sample is written unchanged.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sampleMarker } from "../loaders/identity";
import { cohorts, googleFormsColumns, interestForm, questionById, waves, type QuestionId } from "../loaders/instrument";
import { calibratedAnswers, randomAnswers, truncated, type SampleAnswers } from "./sample/answers";
import { Random } from "./sample/random";
import { makePeople, programDates, rosterLines, type SamplePerson } from "./sample/roster";
import { CsvWriter } from "./sample/writer";
import { alignmentChance, drawAlignment, drawRoleStart, monthText, noCohortEffect, realisticStarts, withAlignment } from "./sample/outcomes";

const { values } = parseArgs({
  options: {
    out: { type: "string", default: "data" },
    respondents: { type: "string", default: "72" },
    seed: { type: "string", default: "2024" },
    "cohort-effect": { type: "string" },
  },
});
const out = values.out!;
const respondents2024 = Number(values.respondents);
if (!Number.isInteger(respondents2024) || respondents2024 < 72) {
  process.stderr.write("--respondents: expected a whole number of at least 72 (wave-2024 in-scope respondents)\n");
  process.exit(1);
}
const random = new Random(Number(values.seed));
const planted = values["cohort-effect"] === undefined ? null : { ...noCohortEffect, cohortOddsRatio: Number(values["cohort-effect"]) };
if (planted && !(planted.cohortOddsRatio > 0)) {
  process.stderr.write("--cohort-effect: expected an odds ratio above 0 (1 = no cohort effect)\n");
  process.exit(1);
}
const scale = respondents2024 / 72;
const scaled = (count: number) => Math.max(1, Math.round(count * scale));
mkdirSync(out, { recursive: true });
// Marks the folder as fake data: only such a folder's ids use the fixed, public key (loaders/identity.ts).
writeFileSync(join(out, sampleMarker), "Generated sample exports (scripts/generate-sample.ts): pseudonymous ids use the fixed sample key.\n");

const people = makePeople(scale, random);

// Roster: program records, plain LF CSV.
{
  const writer = new CsvWriter(join(out, "roster.csv"), "\n", false);
  writer.row(["scholar_id", "full_name", "email", "cohort", "stream", "program_start", "program_end", "completed", "extension"]);
  for (const line of rosterLines(people, random)) {
    const [start, end] = programDates[line.cohortOrder];
    writer.row([`S${String(line.person.index + 1).padStart(6, "0")}`, line.person.fullName, line.person.email, line.cohortText, line.person.stream, start, end, line.completed ? "TRUE" : "FALSE", line.extension ? "TRUE" : "FALSE"]);
  }
  writer.close();
}

// Wall-clock times are kept as "local milliseconds" (the wall clock read as if it were UTC) and formatted as such.
const localMs = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => Date.UTC(y, m - 1, d, h, min, s);
const formTime = (ms: number) => {
  const t = new Date(ms);
  return `${t.getUTCMonth() + 1}/${t.getUTCDate()}/${t.getUTCFullYear()} ${t.getUTCHours()}:${String(t.getUTCMinutes()).padStart(2, "0")}:${String(t.getUTCSeconds()).padStart(2, "0")}`;
};
const qualtricsTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");
const between = (from: number, to: number) => from + Math.floor(random.next() * (to - from));

/** The same person types their email differently from one submission to the next. */
function typedEmail(email: string): string {
  return random.pick([email, email.toUpperCase(), ` ${email}`, `${email} `, email[0].toUpperCase() + email.slice(1)]);
}

function fakeOutsider(tag: string, index: number): { fullName: string; email: string } {
  return { fullName: `Vex Outsider${index}`, email: `outsider.${tag}.${index}@example.net` };
}

interface SampleSubmission {
  at: number;
  email: string;
  fullName: string;
  answers: SampleAnswers;
}

const cohortName = (order: number) => cohorts[order - 1].name;

// ---- Wave 2024 (Google Forms) ----------------------------------------------------------------
const eligible2024 = random.shuffle(people.filter((p) => p.completed && p.firstCohort <= 4));
const in2024 = eligible2024.slice(0, respondents2024);
const selfReported: string[] = in2024.map((p) => cohortName(p.firstCohort));
const disagreeing = scaled(3);
for (let i = 0; i < disagreeing; i += 1) selfReported[i] = cohortName((in2024[i].firstCohort % 4) + 1);
for (let i = disagreeing; i < disagreeing + scaled(2); i += 1) selfReported[i] = `MATS ${in2024[i].firstCohort}`;
selfReported[disagreeing + scaled(2)] = "Can't remember, sometime in 2022?";
const answers2024 = calibratedAnswers(respondents2024, (i) => selfReported[i], random);

const open2024 = localMs(2024, 7, 15, 8);
const close2024 = localMs(2024, 8, 31, 22);
const submissions2024: SampleSubmission[] = in2024.map((person, i) => ({
  at: between(open2024, close2024),
  email: random.chance(0.1) ? typedEmail(person.email) : person.email,
  fullName: person.fullName,
  answers: answers2024[i],
}));
// Late on the closing day in Los Angeles is already September in UTC: still in scope.
submissions2024[submissions2024.length - 1].at = localMs(2024, 8, 31, 23, 30);
for (const [i, person] of in2024.slice(0, scaled(5)).entries()) {
  const later = submissions2024[i];
  submissions2024.push({ at: between(open2024, later.at), email: typedEmail(person.email), fullName: person.fullName, answers: randomAnswers(cohortName(person.firstCohort), random) });
}
for (const [i, person] of eligible2024.slice(respondents2024, respondents2024 + scaled(3)).entries()) {
  const at = i === 0 ? localMs(2024, 9, 1, 0, 15) : between(localMs(2024, 9, 1, 1), localMs(2024, 9, 10));
  submissions2024.push({ at, email: person.email, fullName: person.fullName, answers: randomAnswers(cohortName(person.firstCohort), random) });
}
const outOfScope2024 = [
  ...people.filter((p) => p.completed && p.firstCohort === 5).slice(0, scaled(2)),
  ...people.filter((p) => !p.completed && p.firstCohort === 2).slice(0, scaled(1)),
];
for (const person of outOfScope2024) {
  submissions2024.push({ at: between(open2024, close2024), email: person.email, fullName: person.fullName, answers: randomAnswers(cohortName(person.firstCohort), random) });
}
for (let i = 0; i < scaled(2); i += 1) {
  submissions2024.push({ at: between(open2024, close2024), ...fakeOutsider("2024", i), answers: randomAnswers("Summer 2023", random) });
}
submissions2024.sort((a, b) => a.at - b.at);

function googleHeader(): string[] {
  const headers: string[] = [googleFormsColumns.timestamp, googleFormsColumns.email, "Full name"];
  for (const [id, text] of Object.entries(waves["2024"].headers) as [QuestionId, string][]) {
    const question = questionById(id);
    if (question.kind === "grid") for (const row of question.rows ?? []) headers.push(`${text} [${row}]`);
    else headers.push(text);
  }
  return headers;
}

function answerCells(a: SampleAnswers, questionIds: QuestionId[], separator: string): string[] {
  const cells: string[] = [];
  for (const id of questionIds) {
    const question = questionById(id);
    if (question.kind === "grid") {
      for (const row of question.rows ?? []) cells.push(a.ratings[row] ?? "");
      continue;
    }
    const value = a[id as keyof SampleAnswers];
    cells.push(Array.isArray(value) ? value.join(separator) : String(value ?? ""));
  }
  return cells;
}

{
  const ids = Object.keys(waves["2024"].headers) as QuestionId[];
  const rows = submissions2024.map((s) => [formTime(s.at), s.email, s.fullName, ...answerCells(s.answers, ids, ", ")]);
  // A first export, and a later partial re-export that overlaps it: the overlap is the same submissions twice.
  const files: [string, string[][]][] = [
    ["alumni-survey-2024.csv", rows.slice(0, Math.floor(rows.length * 0.85))],
    ["alumni-survey-2024-reexport.csv", rows.slice(Math.floor(rows.length * 0.6))],
  ];
  for (const [file, part] of files) {
    const writer = new CsvWriter(join(out, file), "\r\n", true);
    writer.row(googleHeader());
    for (const row of part) writer.row(row);
    writer.close();
  }
}

// ---- Wave 2025 (Qualtrics) -------------------------------------------------------------------
const roleStarts = ["March 2024", "03/2024", "2024-03", "not applicable", "Sept 2023", "2023-11", "January 2025", "06/2024", "2022-10", "not applicable"];
const in2024Set = new Set(in2024);
const eligible2025 = random.shuffle(people.filter((p) => p.completed));
const both = in2024.slice(0, scaled(45));
const only2025 = eligible2025.filter((p) => !in2024Set.has(p)).slice(0, scaled(110) - both.length);
const in2025 = [...both, ...only2025];
const spare2025 = eligible2025.filter((p) => !in2024Set.has(p)).slice(scaled(110) - both.length);
const open2025 = Date.UTC(2025, 5, 1);
const close2025 = Date.UTC(2025, 7, 31, 23, 59, 59);

interface QualtricsRow extends SampleSubmission {
  status: string;
  finished: boolean;
  progress: number;
}
const real = (person: SamplePerson | { fullName: string; email: string }, at: number, answers: SampleAnswers, finished = true, progress = 100): QualtricsRow => ({
  at, email: person.email, fullName: person.fullName, answers, status: "IP Address", finished, progress,
});
const rows2025: QualtricsRow[] = [];
const partialFrom = in2025.length - scaled(5);
const monthOf = (ms: number) => new Date(ms).getUTCFullYear() * 12 + new Date(ms).getUTCMonth();
/** The planted model's answer to current work and role start, for a person answering at `at`. */
function plant(answers: SampleAnswers, person: SamplePerson, at: number): SampleAnswers {
  if (!planted) return answers;
  const end = Date.parse(programDates[person.firstCohort][1]);
  const months = (at - end) / 86_400_000 / 30.4375;
  const { onAlignment } = drawAlignment(random, alignmentChance(planted, person.firstCohort, months, 1), planted);
  const start = onAlignment ? drawRoleStart(random, monthOf(end), monthOf(at), realisticStarts) : null;
  return { ...answers, current_work: withAlignment(random, answers.current_work, onAlignment), role_start: start === null ? random.pick(["", "not applicable"]) : monthText(random, start) };
}
for (const [i, person] of in2025.entries()) {
  const drawn = randomAnswers(cohortName(person.firstCohort), random, random.pick(roleStarts));
  const plantedAt = planted ? between(open2025, close2025) : 0;
  const answers = plant(drawn, person, plantedAt);
  // Partial responses: unfinished, counted only for the questions they reached.
  const at = planted ? plantedAt : between(open2025, close2025);
  if (i >= partialFrom) rows2025.push(real(person, at, truncated(answers, random.int(3, 8)), false, random.int(20, 60)));
  else rows2025.push(real(person, at, answers));
}
for (const [i, person] of in2025.slice(scaled(45), scaled(45) + scaled(2)).entries()) {
  rows2025.push(real(person, open2025 + i * 3_600_000, randomAnswers(cohortName(person.firstCohort), random, "2024-01")));
}
for (const person of spare2025.slice(0, scaled(3))) rows2025.push(real(person, between(open2025, close2025), truncated(randomAnswers("", random), 0), false, 0));
for (const person of spare2025.slice(scaled(3), scaled(3) + scaled(1))) {
  rows2025.push(real(person, Date.UTC(2025, 8, 2, 10), randomAnswers(cohortName(person.firstCohort), random, "May 2025")));
}
rows2025.push(real(fakeOutsider("2025", 0), between(open2025, close2025), randomAnswers("Summer 2024", random, "2024-09")));
const nonCompleter2025 = people.find((p) => !p.completed && p.firstCohort === 6)!;
rows2025.push(real(nonCompleter2025, between(open2025, close2025), randomAnswers("Summer 2024", random, "not applicable")));
for (const status of ["Survey Preview", "Survey Preview", "Spam"]) {
  rows2025.push({ ...real({ fullName: "", email: status === "Spam" ? "bot@spam.example" : "" }, between(open2025, close2025), randomAnswers("Summer 2024", random)), status });
}
rows2025.sort((a, b) => a.at - b.at);

{
  const wave = waves["2025"];
  const ids = Object.keys(wave.headers) as QuestionId[];
  const metadata: [string, string, string][] = [
    ["StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"UTC"}'],
    ["EndDate", "End Date", '{"ImportId":"endDate","timeZone":"UTC"}'],
    ["Status", "Response Type", '{"ImportId":"status"}'],
    ["IPAddress", "IP Address", '{"ImportId":"ipAddress"}'],
    ["Progress", "Progress", '{"ImportId":"progress"}'],
    ["Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'],
    ["Finished", "Finished", '{"ImportId":"finished"}'],
    ["RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"UTC"}'],
    ["ResponseId", "Response ID", '{"ImportId":"_recordId"}'],
    ["RecipientLastName", "Recipient Last Name", '{"ImportId":"recipientLastName"}'],
    ["RecipientFirstName", "Recipient First Name", '{"ImportId":"recipientFirstName"}'],
    ["RecipientEmail", "Recipient Email", '{"ImportId":"recipientEmail"}'],
    ["LocationLatitude", "Location Latitude", '{"ImportId":"locationLatitude"}'],
    ["LocationLongitude", "Location Longitude", '{"ImportId":"locationLongitude"}'],
    ["UserLanguage", "User Language", '{"ImportId":"userLanguage"}'],
  ];
  const shortNames = metadata.map((m) => m[0]);
  const texts = metadata.map((m) => m[1]);
  const importIds = metadata.map((m) => m[2]);
  ids.forEach((id, k) => {
    const question = questionById(id);
    const shortName = `Q${k * 2 + 11}`;
    const importId = `QID${k * 3 + 40}`;
    if (question.kind === "grid") {
      (question.rows ?? []).forEach((row, r) => {
        shortNames.push(`${shortName}_${r + 1}`);
        texts.push(`${wave.headers[id]} - ${row}`);
        importIds.push(`{"ImportId":"${importId}_${r + 1}"}`);
      });
    } else {
      shortNames.push(shortName);
      texts.push(question.kind === "checkbox" && question.otherText ? `${wave.headers[id]} - Selected Choice` : wave.headers[id]!);
      importIds.push(`{"ImportId":"${importId}"}`);
    }
  });
  const writer = new CsvWriter(join(out, "alumni-survey-2025.csv"), "\n", true);
  writer.row(shortNames);
  writer.row(texts);
  writer.row(importIds);
  rows2025.forEach((row, i) => {
    const [first, ...rest] = row.fullName.split(" ");
    const started = row.at - random.int(300, 3600) * 1000;
    writer.row([
      qualtricsTime(started),
      qualtricsTime(row.at),
      row.status,
      row.status === "IP Address" ? `203.0.113.${(i % 250) + 1}` : "",
      String(row.progress),
      String(Math.round((row.at - started) / 1000)),
      row.finished ? "True" : "False",
      qualtricsTime(row.at),
      `R_${(0x1000000 + i * 7919).toString(36)}${String(i).padStart(6, "0")}`,
      rest.join(" "),
      first ?? "",
      row.email,
      (37 + random.next()).toFixed(4),
      (-122 + random.next()).toFixed(4),
      "EN",
      ...answerCells(row.answers, ids, ","),
    ]);
  });
  writer.close();
}

// ---- Interest form, Summer 2023 (Google Forms) -----------------------------------------------
{
  const writer = new CsvWriter(join(out, "interest-form-summer-2023.csv"), "\r\n", true);
  writer.row([googleFormsColumns.timestamp, googleFormsColumns.email, interestForm.headers.cohort_of_interest, interestForm.headers.channels, interestForm.headers.career_stage]);
  const applicants = Math.round(381 * scale);
  const admitted = people.filter((p) => p.firstCohort === 4);
  const channelOthers = ["A friend's podcast, I think", "Conference booth"];
  const rows: [number, string[]][] = [];
  for (let i = 0; i < applicants; i += 1) {
    const email = i < admitted.length && i % 3 === 0 ? admitted[i].email : `applicant.${i}@example.com`;
    const channels: string[] = interestForm.channelOptions.filter(() => random.chance(0.22));
    if (channels.length === 0 || random.chance(0.05)) channels.push(random.pick(channelOthers));
    // Spans the switch to daylight time (12 March 2023) in Los Angeles.
    const at = between(localMs(2023, 3, 1, 8), localMs(2023, 4, 10, 23));
    rows.push([at, [formTime(at), typedEmail(email), random.chance(0.9) ? "Summer 2023" : "summer '23", channels.join(", "), random.pick(interestForm.careerStages)]]);
  }
  rows.sort((a, b) => a[0] - b[0]);
  for (const [, row] of rows) writer.row(row);
  writer.close();
}

process.stdout.write(`wrote sample exports to ${out} (${respondents2024} wave-2024 in-scope respondents, seed ${values.seed})\n`);
