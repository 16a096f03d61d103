// The clean tables the loaders write (src/data/clean.tar.ts), by name, as URLs for openDatabase.
// Static FileAttachment calls, so Framework ships exactly these files.
import { FileAttachment } from "observablehq:stdlib";

export const cleanTables = {
  respondents: FileAttachment("../data/clean/respondents.parquet").href,
  selections: FileAttachment("../data/clean/selections.parquet").href,
  ratings: FileAttachment("../data/clean/ratings.parquet").href,
  free_text: FileAttachment("../data/clean/free_text.parquet").href,
  population: FileAttachment("../data/clean/population.parquet").href,
  applicants: FileAttachment("../data/clean/applicants.parquet").href,
  applicant_channels: FileAttachment("../data/clean/applicant_channels.parquet").href,
  exclusions: FileAttachment("../data/clean/exclusions.parquet").href,
  flags: FileAttachment("../data/clean/flags.parquet").href,
  sources: FileAttachment("../data/clean/sources.parquet").href,
} as const;

export type CleanTableName = keyof typeof cleanTables;

/** The URLs of just the named tables, for pages that need a few. */
export function tablesNamed(...names: CleanTableName[]): Partial<Record<CleanTableName, string>> {
  return Object.fromEntries(names.map((name) => [name, cleanTables[name]]));
}
