// Validates one CSV record's named cells with a zod schema, turning the first issue into a located contract error.
import type { z } from "zod";
import { ContractError } from "./contract-error";

export function parseRecord<Schema extends z.ZodType>(
  schema: Schema,
  cells: Record<string, string | undefined>,
  file: string,
  row: number,
): z.output<Schema> {
  const result = schema.safeParse(cells);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const column = issue.path.length > 0 ? String(issue.path[0]) : undefined;
  return fail(file, row, column, issue.message, column === undefined ? undefined : cells[column] ?? "");
}

function fail(file: string, row: number, column: string | undefined, expected: string, got: string | undefined): never {
  throw new ContractError(file, { row, column, expected, got });
}
