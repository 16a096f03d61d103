// The cells of a wave export read by question kind, whatever tool exported them.
import { answerKey, optionsByKey, splitCheckbox, tidyAnswer } from "./checkbox";
import { normaliseCohort } from "./cohort";
import { ContractError } from "./contract-error";
import type { QuestionId, WaveSpec } from "./instrument";
import { closest } from "./similarity";
import { parseMonthYear } from "./time";

export interface Note {
  flag: string;
  detail: string;
}

/** Answer texts that are no option become an error once this many respondents give them: a reworded option, not Other text. */
export const rewordedAt = 3;

const numericCodes = /^\d+(,\d+)*$/;

/**
 * What one cell of a wave export says, read by its question's kind: unknown single-choice values and grid ratings
 * break the contract, unknown checkbox options become notes, and an answer text that is no option is counted
 * (`count`): once `rewordedAt` respondents give it, it is a reworded option and breaks the contract too.
 */
export interface CellReading {
  /** The question counts as answered (the cell is not blank). */
  answered: boolean;
  /** A single-choice option, or `Other`. */
  single?: string;
  /** Checkbox options chosen, `Other` last when there was text of the respondent's own. */
  options?: string[];
  /** The respondent's own "Other" text. */
  other?: string;
  text?: string;
  /** A month answer: the first of the month; null for "not applicable" or unreadable. */
  month?: Date | null;
  rating?: string;
  note?: Note;
  /** The answer key to count toward a reworded option, with the text as given. */
  count?: { key: string; text: string };
  /** The contract error of this cell, at a row. */
  error?: (row: number) => ContractError;
}

const blank: CellReading = { answered: false };

/** Reads the cells of a wave's questions, whatever tool exported them (one instance per export: errors name `file`). */
export class CellReader {
  constructor(
    private readonly wave: WaveSpec,
    private readonly file: string,
  ) {}

  /** The cell of question `id` (for a grid, the cell of one of its rows), headed `header`. */
  read(id: QuestionId, header: string, raw: string): CellReading {
    const { wave } = this;
    const cell = raw.trim();
    if (cell === "") return blank;
    const question = wave.questions.get(id)!;
    const options: readonly string[] = question.options ?? [];
    if (question.kind === "single" || question.kind === "checkbox" || question.kind === "grid") {
      const refused = this.refuseCodes(cell, options, header);
      if (refused) return { answered: true, error: refused };
    }
    switch (question.kind) {
      case "single": {
        const key = answerKey(cell);
        const option = optionsByKey(options).get(key) ?? this.declared(id, key);
        if (option) return { answered: true, single: option };
        if (question.otherText || option === null) {
          return { answered: true, single: "Other", other: cell, count: option === undefined ? this.countable(id, cell) : undefined };
        }
        return { answered: true, error: this.notAnOption(header, cell, options) };
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
        let count: CellReading["count"];
        if (other !== null) {
          if (this.declared(id, answerKey(other)) === undefined) count = this.countable(id, other);
          leftovers.push(other);
        }
        const reading: CellReading = { answered: true, options: chosen, count };
        if (leftovers.length > 0) {
          chosen.push("Other");
          reading.other = leftovers.join(wave.separator);
          if (!question.otherText) reading.note = { flag: "unknown_checkbox_option", detail: `${id}: text matching no listed option kept as Other` };
        }
        return reading;
      }
      case "text":
        return { answered: true, text: cell };
      case "month": {
        const month = parseMonthYear(cell);
        return { answered: true, month: month ?? null, note: month === undefined ? { flag: "unreadable_month", detail: `${id}: expected a month and year` } : undefined };
      }
      case "grid": {
        const key = answerKey(cell);
        const rating = optionsByKey(options).get(key) ?? this.declared(id, key);
        if (rating) return { answered: true, rating };
        return { answered: true, error: this.notAnOption(header, cell, options) };
      }
    }
  }

  /** The error of a single-choice answer or a rating that is none of the question's options. */
  private notAnOption(header: string, cell: string, options: readonly string[]): (row: number) => ContractError {
    return (row) =>
      new ContractError(this.file, {
        row,
        column: header,
        expected: `one of ${options.map((o) => `'${o}'`).join(", ")} (nearest '${closest(cell, options)[0]?.text ?? ""}'; or declare this answer in instrument.json)`,
        got: cell,
      });
  }

  /** The error of a text that `rewordedAt` respondents gave: a reworded option until declared. */
  reworded(id: QuestionId, header: string, text: string, respondents: number): (row: number) => ContractError {
    const options: readonly string[] = this.wave.questions.get(id)!.options ?? [];
    return (row) =>
      new ContractError(this.file, {
        row,
        column: header,
        expected: `one of the question's options: ${respondents} respondents gave this answer, nearest option '${closest(text, options)[0]?.text ?? ""}' (declare it in instrument.json under the wave's "answers" as an option id, or as null for Other text)`,
        got: tidyAnswer(text),
      });
  }

  /** The option a wave declares for an answer text: an option's text, null for "keep as Other text", undefined if undeclared. */
  private declared(id: QuestionId, key: string): string | null | undefined {
    return this.wave.answers?.[id]?.get(key);
  }

  /** A Qualtrics "numeric values" export gives choice codes, whose meaning the export does not carry: refuse them. */
  private refuseCodes(cell: string, options: readonly string[], column: string): ((row: number) => ContractError) | undefined {
    if (this.wave.format !== "qualtrics" || !numericCodes.test(cell) || options.some((o) => numericCodes.test(o))) return undefined;
    return (row) =>
      new ContractError(this.file, {
        row,
        column,
        expected: "choice text (export from Qualtrics with 'Use choice text', not 'Use numeric values')",
        got: "a numeric choice code",
      });
  }

  /** The key a respondent's answer that is no option is counted by, or undefined when it is not counted. */
  private countable(id: QuestionId, text: string): CellReading["count"] {
    if (id === "cohort" && normaliseCohort(text)) return undefined;
    const key = answerKey(text);
    if (key === "" || key.length > 200) return undefined;
    return { key, text };
  }
}
