// The clean tables the loaders write (src/data/clean.duckdb.ts), by name, as sources for openDatabase: all live in one
// DuckDB database file, a static FileAttachment so Framework ships it.
import { FileAttachment } from "observablehq:stdlib";
import type { TableSource } from "./database.js";

const database = FileAttachment("../data/clean.duckdb").href;

const table = (name: string): TableSource => ({ database, table: name });

export const cleanTables = {
  respondents: table("respondents"),
  selections: table("selections"),
  ratings: table("ratings"),
  free_text: table("free_text"),
  population: table("population"),
  applicants: table("applicants"),
  applicant_channels: table("applicant_channels"),
  exclusions: table("exclusions"),
  flags: table("flags"),
  sources: table("sources"),
} as const;

export type CleanTableName = keyof typeof cleanTables;

/** Just the named tables, for pages that need a few. */
export function tablesNamed<Name extends CleanTableName>(...names: Name[]): Pick<typeof cleanTables, Name> {
  return Object.fromEntries(names.map((name) => [name, cleanTables[name]])) as Pick<typeof cleanTables, Name>;
}
