// The clean model: every export in a data folder read, checked, de-duplicated and scoped into the clean tables.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { answeredCount } from "./answers";
import { ContractError } from "./contract-error";
import { readGoogleFormsWave } from "./google-forms";
import { pseudonymousId } from "./identity";
import {
  ignoredFiles,
  interestForm,
  ratingLevel,
  rosterSource,
  waves,
  type QuestionId,
  type WaveSpec,
} from "./instrument";
import { readInterestForm, type InterestSubmission } from "./interest-form";
import { normaliseCohort } from "./cohort";
import { tableColumns, type Cell, type CleanModel, type ExclusionReason, type TableName } from "./model";
import type { ColumnSpec } from "./parquet";
import { groupPeople, outOfScope, type Person } from "./people";
import { readQualtricsWave } from "./qualtrics";
import { readRoster, type Participation } from "./roster";
import type { Submission } from "./submission";
import { endOfDay, monthsBetween } from "./time";

export interface SourceFile {
  file: string;
  path: string;
  source: string;
  wave: WaveSpec | null;
}

const knownPatterns = "roster*.csv, alumni-survey-2024*.csv, alumni-survey-2025*.csv or interest-form-*.csv";

/** The exports in `dataDir`, by source; any other file is a contract error (a misnamed export must not be skipped silently). */
export async function findSources(dataDir: string): Promise<SourceFile[]> {
  let entries;
  try {
    entries = await readdir(dataDir, { withFileTypes: true });
  } catch {
    throw new ContractError(dataDir, { expected: "a folder of survey exports", got: "no such folder" });
  }
  const files: SourceFile[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!entry.isFile() || ignoredFiles.test(entry.name)) continue;
    const path = join(dataDir, entry.name);
    const wave = Object.values(waves).find((w) => w.filePattern.test(entry.name)) ?? null;
    if (wave) files.push({ file: entry.name, path, source: wave.source, wave });
    else if (rosterSource.filePattern.test(entry.name)) files.push({ file: entry.name, path, source: rosterSource.source, wave: null });
    else if (interestForm.filePattern.test(entry.name)) files.push({ file: entry.name, path, source: interestForm.source, wave: null });
    else throw new ContractError(entry.name, { expected: `a source file named ${knownPatterns}`, got: "an unknown source file" });
  }
  if (!files.some((f) => f.source === rosterSource.source)) {
    throw new ContractError(dataDir, { expected: "a roster*.csv file (the wave scopes need it)", got: "none" });
  }
  return files;
}

type Ledger = CleanModel["exclusions"];

function exclude(ledger: Ledger, submission: { file: string; line: number }, source: string, wave: string | null, reason: ExclusionReason, detail: string): void {
  ledger.push({ source, wave, file: submission.file, line: submission.line, reason, detail });
}

function where(submission: { file: string; line: number }): string {
  return `${submission.file} line ${submission.line}`;
}

/** Applies the ledger's rules in order; what survives is one submission per in-scope person. */
function resolveWave(
  wave: WaveSpec,
  submissions: Submission[],
  people: Map<string, Person>,
  ledger: Ledger,
): { submission: Submission; person: Person }[] {
  const closes = endOfDay(wave.scope.closesOn, wave.scope.timeZone);
  const seen = new Map<string, Submission>();
  const latest = new Map<string, { submission: Submission; person: Person }>();
  const drop = (s: Submission, reason: ExclusionReason, detail: string) => exclude(ledger, s, wave.source, wave.id, reason, detail);
  for (const submission of submissions) {
    if (submission.status === "preview_or_spam") {
      drop(submission, "preview_or_spam", `status '${submission.statusText}' is not a respondent's answer`);
      continue;
    }
    const earlier = seen.get(submission.submissionKey);
    if (earlier) {
      drop(submission, "repeated_export", `repeated in another export: same submission as ${where(earlier)}`);
      continue;
    }
    seen.set(submission.submissionKey, submission);
    if (!submission.finished && answeredCount(submission.answers) === 0) {
      drop(submission, "unfinished_empty", "unfinished with no answers");
      continue;
    }
    if (submission.submittedAt >= closes) {
      drop(submission, "after_close", `submitted ${submission.submittedAt.toISOString()}, after the wave closed on ${wave.scope.closesOn} (${wave.scope.timeZone})`);
      continue;
    }
    const person = people.get(submission.email);
    if (!person) {
      drop(submission, "not_in_roster", submission.email === "" ? "no email address" : "email not in the roster");
      continue;
    }
    const reason = outOfScope(person, wave.scope);
    if (reason) {
      drop(submission, "out_of_scope", reason);
      continue;
    }
    const previous = latest.get(submission.email);
    const isLater = !previous || submission.submittedAt >= previous.submission.submittedAt;
    const [kept, replaced] = isLater ? [submission, previous?.submission] : [previous.submission, submission];
    if (replaced) drop(replaced, "duplicate_replaced", `replaced by a later submission (${where(kept)})`);
    if (isLater) latest.set(submission.email, { submission, person });
  }
  return [...latest.values()].sort((a, b) => a.submission.submittedAt.getTime() - b.submission.submittedAt.getTime());
}

function selfReportedCohort(submission: Submission): string | null {
  const chosen = submission.answers.single.cohort;
  if (chosen === undefined) return null;
  if (chosen !== "Other") return chosen;
  const text = submission.answers.other.cohort ?? "";
  return normaliseCohort(text)?.cohort ?? text;
}

function consent(submission: Submission): boolean | null {
  const answer = submission.answers.single.quote_consent;
  return answer === undefined ? null : answer === "Yes";
}

function addRespondent(model: CleanModel, submission: Submission, person: Person): void {
  const { answers } = submission;
  const id = person.id;
  const wave = submission.wave;
  const first = person.first;
  const selfReported = selfReportedCohort(submission);
  const selfCanonical = selfReported === null ? null : normaliseCohort(selfReported)?.cohort ?? null;
  const disagrees = selfCanonical !== null && selfCanonical !== first.cohort;
  const roleStart = answers.month.role_start ?? null;
  const quoteConsent = consent(submission);
  model.respondents.push({
    respondent_id: id,
    wave,
    submitted_at: submission.submittedAt,
    cohort: first.cohort,
    cohort_order: first.cohortOrder,
    stream: first.stream,
    program_start: first.programStart,
    program_end: first.programEnd,
    extension: first.extension,
    months_since_end: monthsBetween(first.programEnd, submission.submittedAt),
    finished: submission.finished,
    self_reported_cohort: selfReported,
    cohort_disagrees: disagrees,
    degree: answers.single.degree ?? null,
    advanced: answers.single.advanced ?? null,
    published: answers.single.published ?? null,
    lower_stipend: answers.single.lower_stipend ?? null,
    quote_consent: quoteConsent,
    other_outcome_answered: answers.text.other_outcome !== undefined,
    role_start: roleStart,
    months_to_role: roleStart ? monthsBetween(first.programEnd, roleStart) : null,
    answered_questions: answeredCount(answers),
    source_file: submission.file,
    source_line: submission.line,
  });
  const flag = (name: string, detail: string) =>
    model.flags.push({ respondent_id: id, wave, file: submission.file, line: submission.line, flag: name, detail });
  if (disagrees) flag("cohort_disagrees", `answered ${selfCanonical}; the roster's first cohort, used, is ${first.cohort}`);
  for (const note of submission.notes) flag(note.flag, note.detail);
  for (const [question, options] of Object.entries(answers.checkbox) as [QuestionId, string[]][]) {
    for (const option of options) model.selections.push({ respondent_id: id, wave, question, option });
  }
  for (const [, ratings] of Object.entries(answers.grid)) {
    for (const [element, rating] of Object.entries(ratings ?? {})) {
      model.ratings.push({ respondent_id: id, wave, element, rating, rating_level: ratingLevel(rating) });
    }
  }
  const text = (question: string, value: string, otherText: boolean) =>
    model.free_text.push({ respondent_id: id, wave, question, text: value, other_text: otherText, quote_consent: quoteConsent, cohort: first.cohort });
  for (const [question, value] of Object.entries(answers.text)) text(question, value!, false);
  for (const [question, value] of Object.entries(answers.other)) text(question, value!, true);
}

function addPopulation(model: CleanModel, wave: WaveSpec, people: Map<string, Person>): void {
  const groups = new Map<string, { first: Participation; alumni: number }>();
  for (const person of people.values()) {
    if (outOfScope(person, wave.scope)) continue;
    const { first } = person;
    const key = [first.cohortOrder, first.stream, first.extension].join("\u0000");
    const group = groups.get(key) ?? { first, alumni: 0 };
    group.alumni += 1;
    groups.set(key, group);
  }
  for (const { first, alumni } of groups.values()) {
    model.population.push({ wave: wave.id, cohort: first.cohort, cohort_order: first.cohortOrder, stream: first.stream, extension: first.extension, alumni });
  }
}

function addApplicants(model: CleanModel, submissions: InterestSubmission[]): void {
  const seen = new Map<string, InterestSubmission>();
  const latest = new Map<string, InterestSubmission>();
  for (const submission of submissions) {
    const key = [submission.email, submission.submittedAt.toISOString(), submission.cohortOfInterest].join("\u0000");
    const earlier = seen.get(key);
    if (earlier) {
      exclude(model.exclusions, submission, interestForm.source, null, "repeated_export", `repeated in another export: same submission as ${where(earlier)}`);
      continue;
    }
    seen.set(key, submission);
    const person = [submission.email, submission.cohortOfInterest].join("\u0000");
    const previous = latest.get(person);
    const isLater = !previous || submission.submittedAt >= previous.submittedAt;
    const [kept, replaced] = isLater ? [submission, previous] : [previous, submission];
    if (replaced) exclude(model.exclusions, replaced, interestForm.source, null, "duplicate_replaced", `replaced by a later submission (${where(kept)})`);
    if (isLater) latest.set(person, submission);
  }
  for (const submission of latest.values()) {
    const id = pseudonymousId(submission.email);
    model.applicants.push({
      applicant_id: id,
      submitted_at: submission.submittedAt,
      cohort_of_interest: submission.cohortOfInterest,
      career_stage: submission.careerStage,
      source_file: submission.file,
      source_line: submission.line,
    });
    for (const channel of submission.channels) {
      model.applicant_channels.push({ applicant_id: id, cohort_of_interest: submission.cohortOfInterest, channel });
    }
  }
}

export function emptyModel(): CleanModel {
  return Object.fromEntries(Object.keys(tableColumns).map((name) => [name, []])) as unknown as CleanModel;
}

/** Reads every export in `dataDir` into the clean tables; a contract violation throws a ContractError. */
export async function loadExports(dataDir: string): Promise<CleanModel> {
  const files = await findSources(dataDir);
  const texts = new Map<string, string>();
  for (const source of files) texts.set(source.file, await readFile(source.path, "utf8"));
  const model = emptyModel();
  const rowsIn = new Map<string, number>();

  const participations: Participation[] = [];
  for (const source of files.filter((f) => f.source === rosterSource.source)) {
    const rows = readRoster(texts.get(source.file)!, source.file);
    rowsIn.set(source.file, rows.length);
    for (const row of rows) participations.push(row);
  }
  const people = groupPeople(participations);

  for (const wave of Object.values(waves)) {
    const submissions: Submission[] = [];
    for (const source of files.filter((f) => f.wave === wave)) {
      const text = texts.get(source.file)!;
      const read = wave.format === "qualtrics" ? readQualtricsWave(text, source.file, wave) : readGoogleFormsWave(text, source.file, wave);
      rowsIn.set(source.file, read.length);
      for (const submission of read) submissions.push(submission);
    }
    for (const { submission, person } of resolveWave(wave, submissions, people, model.exclusions)) addRespondent(model, submission, person);
    addPopulation(model, wave, people);
  }

  const interest: InterestSubmission[] = [];
  for (const source of files.filter((f) => f.source === interestForm.source)) {
    const read = readInterestForm(texts.get(source.file)!, source.file);
    rowsIn.set(source.file, read.length);
    for (const submission of read) interest.push(submission);
  }
  addApplicants(model, interest);

  for (const source of files) {
    const rows = rowsIn.get(source.file) ?? 0;
    const excluded = model.exclusions.filter((e) => e.file === source.file).length;
    model.sources.push({ file: source.file, source: source.source, wave: source.wave?.id ?? null, rows_in: rows, rows_kept: rows - excluded, rows_excluded: excluded });
  }
  return model;
}

/** One clean table with its declared columns, ready for `toParquet` or a DuckDB table. */
export function cleanTable(model: CleanModel, name: TableName): { columns: readonly ColumnSpec[]; rows: Record<string, Cell>[] } {
  return { columns: tableColumns[name], rows: model[name] as Record<string, Cell>[] };
}

