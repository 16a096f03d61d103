// Finds a question's column by its header text, tolerant of case, spacing, quote styles and the two grid forms.
import { ContractError } from "./contract-error";
import type { QuestionId, WaveSpec } from "./instrument";

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
  const repeated = new Map<string, number[]>();
  headers.forEach((header, index) => {
    const key = headerKey(header);
    if (!byKey.has(key)) byKey.set(key, index);
    else repeated.set(key, [...(repeated.get(key) ?? [byKey.get(key)!]), index]);
  });
  const missing = (header: string): ContractError =>
    new ContractError(file, { row: headerRow, column: header, expected: "a column with this header", got: "no such column" });
  // Two columns of one title (a question deleted and re-added): reading either could be the empty one.
  const unique = (index: number): number => {
    const twins = repeated.get(headerKey(headers[index]));
    if (twins) throw duplicateColumns(file, headerRow, headers[index], twins);
    return index;
  };
  const map: ColumnMap = { questions: new Map(), grid: new Map() };
  for (const [id, stem] of Object.entries(wave.headers) as [QuestionId, string][]) {
    const question = wave.questions.get(id)!;
    if (question.kind === "grid") {
      const rows = new Map<string, { index: number; header: string }>();
      for (const row of question.rows ?? []) {
        const forms = [`${stem} [${row}]`, `${stem} - ${row}`];
        const index = forms.map((form) => byKey.get(headerKey(form))).find((i) => i !== undefined);
        if (index === undefined) throw missing(forms[0]);
        rows.set(row, { index: unique(index), header: headers[index] });
      }
      map.grid.set(id, rows);
    } else {
      const index = byKey.get(headerKey(stem));
      if (index === undefined) throw missing(stem);
      map.questions.set(id, { index: unique(index), header: headers[index] });
    }
  }
  return map;
}

/** The index of a fixed column (identity, timestamp, metadata), or a contract error. */
export function requireColumn(headers: readonly string[], name: string, file: string, headerRow: number): number {
  const indexes = headers.flatMap((header, index) => (headerKey(header) === headerKey(name) ? [index] : []));
  if (indexes.length === 0) {
    throw new ContractError(file, { row: headerRow, column: name, expected: "a column with this header", got: "no such column" });
  }
  if (indexes.length > 1) throw duplicateColumns(file, headerRow, name, indexes);
  return indexes[0];
}

function duplicateColumns(file: string, headerRow: number, header: string, indexes: number[]): ContractError {
  const columns = indexes.map((i) => i + 1).join(" and ");
  return new ContractError(file, { row: headerRow, column: header, expected: "one column with this header (rename or remove the others)", found: `${indexes.length} columns (${columns})` });
}
