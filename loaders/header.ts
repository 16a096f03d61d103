// Finds a question's column by its header text, tolerant of case, spacing, quote styles and the two grid forms.
import { ContractError } from "./contract-error";
import { questionById, type QuestionId, type WaveSpec } from "./instrument";

export function headerKey(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, " ")
    .replace(/ - selected choice$/i, "")
    .trim()
    .toLowerCase();
}

/** Where each question of a wave sits in an export: a column per question, a column per grid row. */
export interface ColumnMap {
  questions: Map<QuestionId, { index: number; header: string }>;
  grid: Map<QuestionId, Map<string, { index: number; header: string }>>;
}

/** Maps the wave's questions to columns of `headers`; a missing question is a contract error naming its header. */
export function mapColumns(headers: readonly string[], wave: WaveSpec, file: string, headerRow: number): ColumnMap {
  const byKey = new Map<string, number>();
  headers.forEach((header, index) => {
    const key = headerKey(header);
    if (!byKey.has(key)) byKey.set(key, index);
  });
  const missing = (header: string): ContractError =>
    new ContractError(file, { row: headerRow, column: header, expected: "a column with this header", got: "no such column" });
  const map: ColumnMap = { questions: new Map(), grid: new Map() };
  for (const [id, stem] of Object.entries(wave.headers) as [QuestionId, string][]) {
    const question = questionById(id);
    if (question.kind === "grid") {
      const rows = new Map<string, { index: number; header: string }>();
      for (const row of question.rows ?? []) {
        const forms = [`${stem} [${row}]`, `${stem} - ${row}`];
        const index = forms.map((form) => byKey.get(headerKey(form))).find((i) => i !== undefined);
        if (index === undefined) throw missing(forms[0]);
        rows.set(row, { index, header: headers[index] });
      }
      map.grid.set(id, rows);
    } else {
      const index = byKey.get(headerKey(stem));
      if (index === undefined) throw missing(stem);
      map.questions.set(id, { index, header: headers[index] });
    }
  }
  return map;
}

/** The index of a fixed column (identity, timestamp, metadata), or a contract error. */
export function requireColumn(headers: readonly string[], name: string, file: string, headerRow: number): number {
  const index = headers.findIndex((header) => headerKey(header) === headerKey(name));
  if (index === -1) {
    throw new ContractError(file, { row: headerRow, column: name, expected: "a column with this header", got: "no such column" });
  }
  return index;
}
