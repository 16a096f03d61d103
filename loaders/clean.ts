// The cleaning rules: every export in a data folder read, checked, de-duplicated and scoped into the clean tables.
// Rows stream into a sink (the clean store's staged files, loaders/staging.ts); only compact decision records
// (where a submission is, when it was made) stay in memory.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { answeredCount, type UnknownAnswerCounts } from "./answers";
import { ContractError } from "./contract-error";
import { readCsvFile, type CsvRecord } from "./csv";
import { readGoogleFormsWave, scanDateOrder } from "./google-forms";
import { idKey, pseudonymousId } from "./identity";
import { ignoredFiles, instrumentFor, interestForm, ratingLevel, rosterSource, type QuestionId, type WaveSpec } from "./instrument";
import { readInterestForm } from "./interest-form";
import { KeyIndex } from "./key-index";
import { refuseLongAnswers } from "./long-answers";
import { gatherNames, type NameWords } from "./masking";
import { normaliseCohort } from "./cohort";
import type { Cell, ExclusionReason, TableName } from "./model";
import { outOfScope, People, type Person } from "./people";
import { readQualtricsWave } from "./qualtrics";
import { readRoster } from "./roster";
import type { Submission } from "./submission";
import { endOfDay, monthsBetween, type DateOrder } from "./time";

export interface SourceFile {
  file: string;
  path: string;
  source: string;
  wave: WaveSpec | null;
}

/** The exports in `dataDir`, by source; any other file is a contract error (a misnamed export must not be skipped silently). */
export async function findSources(dataDir: string): Promise<SourceFile[]> {
  let entries;
  try {
    entries = await readdir(dataDir, { withFileTypes: true });
  } catch {
    throw new ContractError(dataDir, { expected: "a folder of survey exports", got: "no such folder" });
  }
  const waves = instrumentFor(dataDir).waves;
  const knownPatterns = ["roster*.csv", ...Object.values(waves).map((w) => w.files), "interest-form-*.csv"].join(", ");
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

export type CleanRow = Record<string, Cell>;

/** Where the clean rows go. A row with a `candidate` belongs to a submission that a later one may still replace. */
export interface CleanSink {
  add(table: TableName, row: CleanRow, candidate?: number): void;
  /** The candidate was replaced: none of its rows are clean data. */
  drop(candidate: number): void;
}

/** A submission's place, packed in one number: the file's index among the sources and the line in it. */
const LINES = 2 ** 32;

/** One cleaning run over the sources: where rows go, and how many each file gave and lost. */
class Run {
  readonly rowsIn = new Map<string, number>();
  readonly excluded = new Map<string, number>();

  constructor(
    readonly files: SourceFile[],
    readonly sink: CleanSink,
    readonly names: NameWords | null,
    /** The key of pseudonymous ids (loaders/identity.ts). */
    readonly idKey: string,
  ) {}

  records(source: SourceFile): Iterable<CsvRecord> {
    const records = refuseLongAnswers(readCsvFile(source.path, source.file), source.file);
    return this.names ? gatherNames(records, this.names) : records;
  }

  place(fileIndex: number, line: number): number {
    return fileIndex * LINES + line;
  }

  where(place: number): string {
    return `${this.files[Math.floor(place / LINES)].file} line ${place % LINES}`;
  }

  exclude(place: number, source: string, wave: string | null, reason: ExclusionReason, detail: string): void {
    const file = this.files[Math.floor(place / LINES)].file;
    this.excluded.set(file, (this.excluded.get(file) ?? 0) + 1);
    this.sink.add("exclusions", { source, wave, file, line: place % LINES, reason, detail });
  }
}

/** Applies the ledger's rules in order, as submissions stream in; what survives is one submission per in-scope person. */
function resolveWave(run: Run, wave: WaveSpec, people: People): void {
  const closes = endOfDay(wave.scope.closesOn, wave.scope.timeZone);
  const seen = new KeyIndex();
  const seenAt: number[] = [];
  const latestPlace = new Float64Array(people.size).fill(-1);
  const latestAt = new Float64Array(people.size);
  // A reworded option is counted over all of the wave's exports, not file by file.
  const unknownAnswers: UnknownAnswerCounts = new Map();
  let shownOrder: DateOrder | null | undefined;
  // Read only when one of the wave's exports cannot show its date order itself.
  const waveOrder = () => {
    if (shownOrder === undefined) {
      shownOrder = null;
      for (const source of run.files) if (source.wave === wave) shownOrder ??= scanDateOrder(source.path, source.file);
    }
    return shownOrder;
  };
  run.files.forEach((source, fileIndex) => {
    if (source.wave !== wave) return;
    const records = run.records(source);
    const read =
      wave.format === "qualtrics"
        ? readQualtricsWave(records, source.file, wave, unknownAnswers)
        : readGoogleFormsWave(records, source.file, wave, waveOrder, unknownAnswers);
    let rows = 0;
    for (const submission of read) {
      run.rowsIn.set(source.file, (rows += 1));
      const place = run.place(fileIndex, submission.line);
      const drop = (at: number, reason: ExclusionReason, detail: string) => run.exclude(at, wave.source, wave.id, reason, detail);
      if (submission.status === "preview_or_spam") {
        drop(place, "preview_or_spam", `status '${submission.statusText}' is not a respondent's answer`);
        continue;
      }
      const key = seen.add(submission.submissionKey);
      if (key < seenAt.length) {
        drop(place, "repeated_export", `repeated in another export: same submission as ${run.where(seenAt[key])}`);
        continue;
      }
      seenAt.push(place);
      if (!submission.finished && answeredCount(submission.answers) === 0) {
        drop(place, "unfinished_empty", "unfinished with no answers");
        continue;
      }
      if (submission.submittedAt >= closes) {
        drop(place, "after_close", `submitted ${submission.submittedAt.toISOString()}, after the wave closed on ${wave.scope.closesOn} (${wave.scope.timeZone})`);
        continue;
      }
      const index = people.find(submission.email);
      if (index === -1) {
        drop(place, "not_in_roster", submission.email === "" ? "no email address" : "email not in the roster");
        continue;
      }
      const person = people.person(index);
      const reason = outOfScope(person, wave.scope);
      if (reason) {
        drop(place, "out_of_scope", reason);
        continue;
      }
      const previous = latestPlace[index];
      const at = submission.submittedAt.getTime();
      if (previous !== -1 && at < latestAt[index]) {
        drop(place, "duplicate_replaced", `replaced by a later submission (${run.where(previous)})`);
        continue;
      }
      if (previous !== -1) {
        drop(previous, "duplicate_replaced", `replaced by a later submission (${run.where(place)})`);
        run.sink.drop(previous);
      }
      latestPlace[index] = place;
      latestAt[index] = at;
      addRespondent(run.sink, submission, person, place, run.idKey);
    }
  });
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

function addRespondent(sink: CleanSink, submission: Submission, person: Person, candidate: number, key: string): void {
  const { answers } = submission;
  const id = pseudonymousId(submission.email, key);
  const wave = submission.wave;
  const first = person.first;
  const selfReported = selfReportedCohort(submission);
  const selfCanonical = selfReported === null ? null : normaliseCohort(selfReported)?.cohort ?? null;
  const disagrees = selfCanonical !== null && selfCanonical !== first.cohort;
  const roleStart = answers.month.role_start ?? null;
  const quoteConsent = consent(submission);
  sink.add(
    "respondents",
    {
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
    },
    candidate,
  );
  const flag = (name: string, detail: string) =>
    sink.add("flags", { respondent_id: id, wave, file: submission.file, line: submission.line, flag: name, detail }, candidate);
  if (disagrees) flag("cohort_disagrees", `answered ${selfCanonical}; the roster's first cohort, used, is ${first.cohort}`);
  for (const note of submission.notes) flag(note.flag, note.detail);
  for (const [question, options] of Object.entries(answers.checkbox) as [QuestionId, string[]][]) {
    for (const option of options) sink.add("selections", { respondent_id: id, wave, question, option }, candidate);
  }
  for (const [, ratings] of Object.entries(answers.grid)) {
    for (const [element, rating] of Object.entries(ratings ?? {})) {
      sink.add("ratings", { respondent_id: id, wave, element, rating, rating_level: ratingLevel(rating) }, candidate);
    }
  }
  const text = (question: string, value: string, otherText: boolean) =>
    sink.add("free_text", { respondent_id: id, wave, question, text: value, other_text: otherText, quote_consent: quoteConsent, cohort: first.cohort }, candidate);
  for (const [question, value] of Object.entries(answers.text)) text(question, value!, false);
  for (const [question, value] of Object.entries(answers.other)) text(question, value!, true);
}

function addPopulation(sink: CleanSink, wave: WaveSpec, people: People): void {
  const groups = new Map<string, { first: Person["first"]; alumni: number }>();
  for (let index = 0; index < people.size; index += 1) {
    const person = people.person(index);
    if (outOfScope(person, wave.scope)) continue;
    const { first } = person;
    const key = [first.cohortOrder, first.stream, first.extension].join("\u0000");
    const group = groups.get(key) ?? { first, alumni: 0 };
    group.alumni += 1;
    groups.set(key, group);
  }
  for (const { first, alumni } of groups.values()) {
    sink.add("population", { wave: wave.id, cohort: first.cohort, cohort_order: first.cohortOrder, stream: first.stream, extension: first.extension, alumni });
  }
}

function addApplicants(run: Run): void {
  const seen = new KeyIndex();
  const seenAt: number[] = [];
  const latest = new KeyIndex();
  const latestPlace: number[] = [];
  const latestAt: number[] = [];
  const drop = (at: number, reason: ExclusionReason, detail: string) => run.exclude(at, interestForm.source, null, reason, detail);
  run.files.forEach((source, fileIndex) => {
    if (source.source !== interestForm.source) return;
    let rows = 0;
    for (const submission of readInterestForm(run.records(source), source.file)) {
      run.rowsIn.set(source.file, (rows += 1));
      const place = run.place(fileIndex, submission.line);
      const at = submission.submittedAt.getTime();
      const key = seen.add([submission.email, submission.submittedAt.toISOString(), submission.cohortOfInterest].join("\u0000"));
      if (key < seenAt.length) {
        drop(place, "repeated_export", `repeated in another export: same submission as ${run.where(seenAt[key])}`);
        continue;
      }
      seenAt.push(place);
      const person = latest.add([submission.email, submission.cohortOfInterest].join("\u0000"));
      if (person < latestPlace.length) {
        const previous = latestPlace[person];
        if (at < latestAt[person]) {
          drop(place, "duplicate_replaced", `replaced by a later submission (${run.where(previous)})`);
          continue;
        }
        drop(previous, "duplicate_replaced", `replaced by a later submission (${run.where(place)})`);
        run.sink.drop(previous);
        latestPlace[person] = place;
        latestAt[person] = at;
      } else {
        latestPlace.push(place);
        latestAt.push(at);
      }
      const id = pseudonymousId(submission.email, run.idKey);
      run.sink.add(
        "applicants",
        {
          applicant_id: id,
          submitted_at: submission.submittedAt,
          cohort_of_interest: submission.cohortOfInterest,
          career_stage: submission.careerStage,
          source_file: submission.file,
          source_line: submission.line,
        },
        place,
      );
      for (const channel of submission.channels) {
        run.sink.add("applicant_channels", { applicant_id: id, cohort_of_interest: submission.cohortOfInterest, channel }, place);
      }
    }
  });
}

/**
 * The independent parts of the cleaning: each survey wave (with the roster it is scoped by), and the interest forms.
 * They may run side by side; run one after the other, they give the same rows in the same order.
 */
export function cleanPartsOf(dataDir: string): CleanPart[] {
  return [...Object.keys(instrumentFor(dataDir).waves).map((wave) => `wave ${wave}` as const), "applicants"];
}
export type CleanPart = `wave ${string}` | "applicants";

/** Rows read and rows ledgered, per file. */
export interface PartCounts {
  rowsIn: [string, number][];
  excluded: [string, number][];
}

/**
 * Streams one part of the exports in `dataDir` through the cleaning rules into `sink`; a contract violation throws
 * a ContractError. With `names`, gathers the words of people's names from the exports' name columns (for masking quotes).
 */
export async function cleanPart(dataDir: string, part: CleanPart, sink: CleanSink, names: NameWords | null = null): Promise<PartCounts> {
  const run = new Run(await findSources(dataDir), sink, names, idKey(dataDir));
  if (part === "applicants") {
    addApplicants(run);
  } else {
    const waves = instrumentFor(dataDir).waves;
    const wave = waves[part.slice("wave ".length)];
    // Every wave reads the roster; the first one counts its rows and gathers its names.
    const first = wave === Object.values(waves)[0];
    const people = new People();
    for (const source of run.files.filter((f) => f.source === rosterSource.source)) {
      let rows = 0;
      const records = first ? run.records(source) : readCsvFile(source.path, source.file);
      for (const participation of readRoster(records, source.file)) {
        rows += 1;
        people.add(participation);
      }
      if (first) run.rowsIn.set(source.file, rows);
    }
    resolveWave(run, wave, people);
    addPopulation(sink, wave, people);
  }
  return { rowsIn: [...run.rowsIn], excluded: [...run.excluded] };
}

/** The `sources` table: each file's rows in, kept and ledgered. */
export function addSources(sink: CleanSink, files: readonly SourceFile[], counts: readonly PartCounts[]): void {
  const rowsIn = new Map(counts.flatMap((c) => c.rowsIn));
  const excludedRows = new Map(counts.flatMap((c) => c.excluded));
  for (const source of files) {
    const rows = rowsIn.get(source.file) ?? 0;
    const excluded = excludedRows.get(source.file) ?? 0;
    sink.add("sources", { file: source.file, source: source.source, wave: source.wave?.id ?? null, rows_in: rows, rows_kept: rows - excluded, rows_excluded: excluded });
  }
}

// The clean data in memory is read back from the clean store, the path that ships (loaders/clean-store.ts).
export { loadExports } from "./clean-store";
