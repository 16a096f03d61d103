// One submission's answers read from its cells by question kind, whatever tool exported them.
import { splitCheckbox } from "./checkbox";
import { ContractError } from "./contract-error";
import type { CsvRecord } from "./csv";
import type { ColumnMap } from "./header";
import { questionById, type QuestionId, type WaveSpec } from "./instrument";
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

/** Reads every mapped question of `record`; unknown single-choice values stop the build, unknown checkbox options become notes. */
export function readAnswers(record: CsvRecord, columns: ColumnMap, wave: WaveSpec, file: string, notes: Note[]): Answers {
  const answers = emptyAnswers();
  for (const [id, { index, header }] of columns.questions) {
    const cell = (record.cells[index] ?? "").trim();
    if (cell === "") continue;
    const question = questionById(id);
    switch (question.kind) {
      case "single": {
        const options = question.options ?? [];
        const option = options.find((o) => o === cell) ?? options.find((o) => o.toLowerCase() === cell.toLowerCase());
        if (option) answers.single[id] = option;
        else if (question.otherText) {
          answers.single[id] = "Other";
          answers.other[id] = cell;
        } else {
          throw new ContractError(file, {
            row: record.line,
            column: header,
            expected: `one of ${options.map((o) => `'${o}'`).join(", ")}`,
            got: cell,
          });
        }
        break;
      }
      case "checkbox": {
        const { options, other } = splitCheckbox(cell, question.options ?? [], wave.separator);
        if (other !== null) {
          options.push("Other");
          answers.other[id] = other;
          if (!question.otherText) {
            notes.push({ flag: "unknown_checkbox_option", detail: `${id}: text matching no listed option kept as Other` });
          }
        }
        answers.checkbox[id] = options;
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
    const scale = questionById(id).options ?? [];
    const ratings: Record<string, string> = {};
    for (const [row, { index, header }] of rows) {
      const cell = (record.cells[index] ?? "").trim();
      if (cell === "") continue;
      const rating = scale.find((o) => o.toLowerCase() === cell.toLowerCase());
      if (!rating) {
        throw new ContractError(file, {
          row: record.line,
          column: header,
          expected: `one of ${scale.map((o) => `'${o}'`).join(", ")}`,
          got: cell,
        });
      }
      ratings[row] = rating;
    }
    if (Object.keys(ratings).length > 0) answers.grid[id] = ratings;
  }
  return answers;
}
