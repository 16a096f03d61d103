// Checks an exports folder against its instrument: where each wave's questions are, which columns and answer texts
// nobody declared, and the instrument file that would read the folder (every proposal for the analyst to review).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { rewordedAt } from "./answers";
import { answerKey, splitCheckbox } from "./checkbox";
import { normaliseCohort } from "./cohort";
import { readCsvFile, splitHeader } from "./csv";
import { headerKey } from "./header";
import { googleFormsColumns, instrumentFor, qualtricsRealStatus, qualtricsRealStatusCode, type InstrumentFile, type QuestionSpec, type WaveSpec } from "./instrument";
import { closest, similarity } from "./similarity";

/** How sure a proposed header must be (letter-pair similarity) to be proposed rather than taken as not asked. */
export const proposeHeaderFrom = 0.5;
/** How alike an answer text and an option must be for the option to be proposed rather than Other text. */
export const proposeOptionFrom = 0.6;

export type QuestionStatus =
  | { question: string; status: "exact" | "normalised"; header: string }
  | { question: string; status: "not found"; expected: string; closest: { text: string; score: number }[] }
  | { question: string; status: "not asked" };

export interface UnknownAnswer {
  question: string;
  text: string;
  respondents: number;
  nearest: { text: string; score: number } | null;
}

export interface WaveCheck {
  wave: string;
  files: string[];
  questions: QuestionStatus[];
  /** Question columns of the export no question of the wave reads. */
  unknownColumns: string[];
  /** Undeclared answer texts that are no option, given by `rewordedAt` or more respondents (shown in full). */
  unknownAnswers: UnknownAnswer[];
  /** Per question, how many answers that are no option fewer respondents gave (not shown: they may be personal). */
  rareAnswers: Record<string, number>;
}

/** The header of the export (a Qualtrics export's question-text row), its Qualtrics import ids, and its responses' cells. */
function readExport(path: string, file: string, wave: WaveSpec): { headers: string[]; importIds: string[] | null; rows: () => Generator<string[]> } {
  const rowsBefore = wave.format === "qualtrics" ? 3 : 1;
  const { header } = splitHeader(readCsvFile(path, file), rowsBefore);
  const headers = (wave.format === "qualtrics" ? header[1] : header[0])?.cells ?? [];
  const importIds = wave.format === "qualtrics" ? (header[2]?.cells ?? []) : null;
  const status = wave.format === "qualtrics" ? (header[0]?.cells ?? []).indexOf("Status") : -1;
  function* rows(): Generator<string[]> {
    const { rest } = splitHeader(readCsvFile(path, file), rowsBefore);
    for (const record of rest) {
      const text = status === -1 ? qualtricsRealStatus : (record.cells[status] ?? "").trim();
      if (text === qualtricsRealStatus || text === qualtricsRealStatusCode) yield record.cells;
    }
  }
  return { headers, importIds, rows };
}

/** The columns a question reads: one, or one per grid row (both grid forms tried). */
function questionColumns(question: QuestionSpec, stem: string): string[][] {
  return question.kind === "grid" ? (question.rows ?? []).map((row) => [`${stem} [${row}]`, `${stem} - ${row}`]) : [[stem]];
}

/** A grid's stem in a header that ends with one of its rows, if it does. */
function gridStem(header: string, rows: readonly string[]): string | null {
  for (const row of rows) {
    for (const suffix of [` [${row}]`, ` - ${row}`]) if (header.endsWith(suffix)) return header.slice(0, -suffix.length);
  }
  return null;
}

const exact = (header: string, wanted: string) => header === wanted || header === `${wanted} - Selected Choice`;

export function checkWave(dataDir: string, wave: WaveSpec): WaveCheck {
  const files = readdirSync(dataDir).filter((name) => wave.filePattern.test(name)).sort();
  const check: WaveCheck = { wave: wave.id, files, questions: [], unknownColumns: [], unknownAnswers: [], rareAnswers: {} };
  if (files.length === 0) return check;
  const { headers, importIds } = readExport(join(dataDir, files[0]), files[0], wave);
  const used = new Set<number>();
  const where = new Map<string, number[]>();
  const keys = headers.map(headerKey);
  for (const question of wave.questions.values()) {
    const stem = wave.headers[question.id];
    if (stem === undefined) {
      check.questions.push({ question: question.id, status: "not asked" });
      continue;
    }
    const columns = questionColumns(question, stem).map((forms) => {
      const raw = headers.findIndex((h) => forms.some((form) => exact(h, form)));
      return raw !== -1 ? { index: raw, exact: true } : { index: keys.findIndex((k) => forms.some((form) => k === headerKey(form))), exact: false };
    });
    if (columns.every((c) => c.index !== -1)) {
      columns.forEach((c) => used.add(c.index));
      where.set(question.id, columns.map((c) => c.index));
      check.questions.push({ question: question.id, status: columns.every((c) => c.exact) ? "exact" : "normalised", header: stem });
    } else {
      check.questions.push({ question: question.id, status: "not found", expected: stem, closest: [] });
    }
  }
  // Metadata and identity columns are the tool's, not questions: a Qualtrics one has no QID import id.
  const isQuestionColumn = (index: number) =>
    importIds ? (importIds[index] ?? "").includes('"QID') : !([googleFormsColumns.timestamp, googleFormsColumns.email] as string[]).includes(headers[index]);
  const free = headers.map((_, index) => index).filter((index) => !used.has(index) && isQuestionColumn(index));
  for (const status of check.questions) {
    if (status.status !== "not found") continue;
    const question = wave.questions.get(status.question)!;
    const candidates =
      question.kind === "grid"
        ? [...new Set(free.map((i) => gridStem(headers[i], question.rows ?? [])).filter((s): s is string => s !== null))]
        : free.map((i) => headers[i].replace(/ - Selected Choice$/, ""));
    status.closest = closest(status.expected, candidates, 3).filter((c) => c.score > 0);
  }
  check.unknownColumns = free.map((i) => headers[i]);
  // Answer texts that are no option, counted per respondent.
  const counts = new Map<string, Map<string, { text: string; n: number }>>();
  const choices = [...where].filter(([id]) => ["single", "checkbox"].includes(wave.questions.get(id)!.kind));
  for (const file of files) {
    // Each export of the wave, its columns found by the first export's header texts.
    const { headers: own, rows } = readExport(join(dataDir, file), file, wave);
    const ownKeys = own.map(headerKey);
    const cells = choices.map(([id, [index]]) => [id, ownKeys.indexOf(keys[index])] as const).filter(([, index]) => index !== -1);
    for (const row of rows()) countAnswers(wave, row, cells, counts);
  }
  for (const [id, byText] of counts) {
    const options = wave.questions.get(id)!.options ?? [];
    for (const { text, n } of byText.values()) {
      if (n >= rewordedAt) check.unknownAnswers.push({ question: id, text, respondents: n, nearest: closest(text, options)[0] ?? null });
      else check.rareAnswers[id] = (check.rareAnswers[id] ?? 0) + n;
    }
  }
  check.unknownAnswers.sort((a, b) => b.respondents - a.respondents);
  return check;
}

/** Counts, per question, the answer texts of `row` that are no option and not declared. */
function countAnswers(wave: WaveSpec, row: string[], cells: (readonly [string, number])[], counts: Map<string, Map<string, { text: string; n: number }>>): void {
  for (const [id, index] of cells) {
    const cell = (row[index] ?? "").trim();
    if (cell === "") continue;
    const question = wave.questions.get(id)!;
    const options = question.options ?? [];
    const declared = wave.answers?.[id];
    let texts: string[];
    if (question.kind === "single") texts = options.some((o) => answerKey(o) === answerKey(cell)) ? [] : [cell];
    else {
      const { options: matched, other } = splitCheckbox(cell, wave.declaredTexts?.[id] ?? options, wave.separator);
      texts = [...matched.filter((t) => !options.includes(t)), ...(other === null ? [] : [other])];
    }
    for (const text of texts) {
      if (declared?.has(answerKey(text)) || (id === "cohort" && normaliseCohort(text))) continue;
      let byText = counts.get(id);
      if (!byText) counts.set(id, (byText = new Map()));
      const entry = byText.get(answerKey(text)) ?? { text, n: 0 };
      entry.n += 1;
      byText.set(answerKey(text), entry);
    }
  }
}

export function checkFolder(dataDir: string): WaveCheck[] {
  return Object.values(instrumentFor(dataDir).waves).map((wave) => checkWave(dataDir, wave));
}

/**
 * The instrument file that reads the folder: each question not found gets the closest free header when it is alike
 * enough (else it is not asked), each frequent unknown answer its nearest option when alike enough (else Other text).
 */
export function proposeInstrument(json: InstrumentFile, checks: readonly WaveCheck[]): { instrument: InstrumentFile; proposals: string[] } {
  const instrument = structuredClone(json);
  const proposals: string[] = [];
  for (const check of checks) {
    const entry = instrument.waves.find((w) => w.id === check.wave);
    if (!entry || check.files.length === 0) continue;
    const taken = new Set<string>();
    // The surest proposals first, so two questions never take one header.
    const missing = check.questions
      .filter((q): q is Extract<QuestionStatus, { status: "not found" }> => q.status === "not found")
      .sort((a, b) => (b.closest[0]?.score ?? 0) - (a.closest[0]?.score ?? 0));
    for (const status of missing) {
      const proposal = status.closest.find((c) => c.score >= proposeHeaderFrom && !taken.has(c.text));
      if (proposal) {
        taken.add(proposal.text);
        entry.headers[status.question] = proposal.text;
        proposals.push(`wave ${check.wave}: ${status.question} → '${proposal.text}' (similarity ${proposal.score.toFixed(2)}; was '${status.expected}')`);
      } else {
        entry.headers[status.question] = null;
        proposals.push(`wave ${check.wave}: ${status.question} not asked (no header like '${status.expected}')`);
      }
    }
    for (const answer of check.unknownAnswers) {
      const question = instrument.questions.find((q) => q.id === answer.question)!;
      const option = answer.nearest && answer.nearest.score >= proposeOptionFrom ? question.options?.find((o) => o.text === answer.nearest!.text) : undefined;
      entry.answers ??= {};
      entry.answers[answer.question] ??= {};
      entry.answers[answer.question][answer.text] = option?.id ?? null;
      proposals.push(
        option
          ? `wave ${check.wave}: ${answer.question} answer '${answer.text}' → option ${option.id} '${option.text}' (similarity ${similarity(answer.text, option.text).toFixed(2)})`
          : `wave ${check.wave}: ${answer.question} answer '${answer.text}' kept as Other text (no option alike)`,
      );
    }
  }
  return { instrument, proposals };
}
