// One submission's answers read from its cells by question kind, whatever tool exported them.
import { answerKey, optionsByKey, splitCheckbox, tidyAnswer } from "./checkbox";
import { normaliseCohort } from "./cohort";
import { ContractError } from "./contract-error";
import type { CsvRecord } from "./csv";
import type { ColumnMap } from "./header";
import type { QuestionId, WaveSpec } from "./instrument";
import { closest } from "./similarity";
import { parseMonthYear } from "./time";

export interface Answers {
  /** Single-choice answers: a listed option, or `Other` when the respondent typed their own. */
  single: Partial<Record<QuestionId, string>>;
  /** Checkbox answers: listed options, plus `Other` when there was text of the respondent's own. */
  checkbox: Partial<Record<QuestionId, string[]>>;
  /** The respondent's own "Other" text, per question. */
  other: Partial<Record<QuestionId, string>>;
  /** Grid answers: question -> row -> rating. */
  grid: Partial<Record<QuestionId, Record<string, string>>>;
  text: Partial<Record<QuestionId, string>>;
  /** Month answers as the first of the month; null for "not applicable". */
  month: Partial<Record<QuestionId, Date | null>>;
}

export interface Note {
  flag: string;
  detail: string;
}

export function emptyAnswers(): Answers {
  return { single: {}, checkbox: {}, other: {}, grid: {}, text: {}, month: {} };
}

/** How many questions the submission answered (a partial response counts only for these). */
export function answeredCount(answers: Answers): number {
  return (
    Object.keys(answers.single).length +
    Object.keys(answers.checkbox).length +
    Object.keys(answers.grid).length +
    Object.keys(answers.text).length +
    Object.keys(answers.month).length
  );
}

/** Answer texts that are no option become an error once this many respondents give them: a reworded option, not Other text. */
export const rewordedAt = 3;

const numericCodes = /^\d+(,\d+)*$/;

/**
 * Reads the answers of a wave export's submissions. Unknown single-choice values stop the build, unknown checkbox
 * options become notes, and an unknown text that `rewordedAt` respondents give stops it unless the wave declares it.
 */
/** Per question, how many submissions gave each undeclared answer text that is no option (shared by a wave's exports). */
export type UnknownAnswerCounts = Map<QuestionId, Map<string, number>>;

export class AnswerReader {
  constructor(
    private readonly columns: ColumnMap,
    private readonly wave: WaveSpec,
    private readonly file: string,
    private readonly unknown: UnknownAnswerCounts = new Map(),
  ) {}

  read(record: CsvRecord, notes: Note[]): Answers {
    const { columns, wave, file } = this;
    const answers = emptyAnswers();
    for (const [id, { index, header }] of columns.questions) {
      const cell = (record.cells[index] ?? "").trim();
      if (cell === "") continue;
      const question = wave.questions.get(id)!;
      const options: readonly string[] = question.options ?? [];
      if (question.kind === "single" || question.kind === "checkbox") this.refuseCodes(cell, options, record, header);
      switch (question.kind) {
        case "single": {
          const key = answerKey(cell);
          const option = optionsByKey(options).get(key) ?? this.declared(id, key);
          if (option) answers.single[id] = option;
          else if (question.otherText || option === null) {
            if (option === undefined) this.count(id, cell, record, header, options);
            answers.single[id] = "Other";
            answers.other[id] = cell;
          } else {
            throw new ContractError(file, {
              row: record.line,
              column: header,
              expected: `one of ${options.map((o) => `'${o}'`).join(", ")} (nearest '${closest(cell, options)[0]?.text ?? ""}'; or declare this answer in instrument.json)`,
              got: cell,
            });
          }
          break;
        }
        case "checkbox": {
          // Declared answer texts are split on like options, so one holding the separator stays whole.
          const { options: matched, other } = splitCheckbox(cell, wave.declaredTexts?.[id] ?? options, wave.separator);
          const chosen: string[] = [];
          const leftovers: string[] = [];
          for (const text of matched) {
            const option = options.includes(text) ? text : this.declared(id, answerKey(text));
            if (option) {
              if (!chosen.includes(option)) chosen.push(option);
            } else leftovers.push(text);
          }
          if (other !== null) {
            if (this.declared(id, answerKey(other)) === undefined) this.count(id, other, record, header, options);
            leftovers.push(other);
          }
          if (leftovers.length > 0) {
            chosen.push("Other");
            answers.other[id] = leftovers.join(wave.separator);
            if (!question.otherText) {
              notes.push({ flag: "unknown_checkbox_option", detail: `${id}: text matching no listed option kept as Other` });
            }
          }
          answers.checkbox[id] = chosen;
          break;
        }
        case "text":
          answers.text[id] = cell;
          break;
        case "month": {
          const month = parseMonthYear(cell);
          if (month === undefined) notes.push({ flag: "unreadable_month", detail: `${id}: expected a month and year` });
          answers.month[id] = month ?? null;
          break;
        }
        case "grid":
          break;
      }
    }
    for (const [id, rows] of columns.grid) {
      const scale: readonly string[] = wave.questions.get(id)!.options ?? [];
      const ratings: Record<string, string> = {};
      for (const [row, { index, header }] of rows) {
        const cell = (record.cells[index] ?? "").trim();
        if (cell === "") continue;
        this.refuseCodes(cell, scale, record, header);
        const key = answerKey(cell);
        const rating = optionsByKey(scale).get(key) ?? this.declared(id, key);
        if (!rating) {
          throw new ContractError(file, {
            row: record.line,
            column: header,
            expected: `one of ${scale.map((o) => `'${o}'`).join(", ")} (nearest '${closest(cell, scale)[0]?.text ?? ""}'; or declare this answer in instrument.json)`,
            got: cell,
          });
        }
        ratings[row] = rating;
      }
      if (Object.keys(ratings).length > 0) answers.grid[id] = ratings;
    }
    return answers;
  }

  /** The option a wave declares for an answer text: an option's text, null for "keep as Other text", undefined if undeclared. */
  private declared(id: QuestionId, key: string): string | null | undefined {
    return this.wave.answers?.[id]?.get(key);
  }

  /** A Qualtrics "numeric values" export gives choice codes, whose meaning the export does not carry: refuse them. */
  private refuseCodes(cell: string, options: readonly string[], record: CsvRecord, column: string): void {
    if (this.wave.format !== "qualtrics" || !numericCodes.test(cell) || options.some((o) => numericCodes.test(o))) return;
    throw new ContractError(this.file, {
      row: record.line,
      column,
      expected: "choice text (export from Qualtrics with 'Use choice text', not 'Use numeric values')",
      got: "a numeric choice code",
    });
  }

  /** Counts a respondent's answer that is no option; at `rewordedAt` respondents it is a reworded option until declared. */
  private count(id: QuestionId, text: string, record: CsvRecord, column: string, options: readonly string[]): void {
    if (id === "cohort" && normaliseCohort(text)) return;
    const key = answerKey(text);
    if (key === "" || key.length > 200) return;
    let counts = this.unknown.get(id);
    if (!counts) this.unknown.set(id, (counts = new Map()));
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n < rewordedAt) return;
    throw new ContractError(this.file, {
      row: record.line,
      column,
      expected: `one of the question's options: ${n} respondents gave this answer, nearest option '${closest(text, options)[0]?.text ?? ""}' (declare it in instrument.json under the wave's "answers" as an option id, or as null for Other text)`,
      got: tidyAnswer(text),
    });
  }
}
