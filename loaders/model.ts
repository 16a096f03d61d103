// The clean tables the pages, the CLI and the tests read: each table's columns declared once, as data.
import type { ColumnSpec } from "./parquet";

export type Cell = string | number | boolean | Date | null;

export const tableColumns = {
  respondents: [
    { name: "respondent_id", type: "VARCHAR" },
    { name: "wave", type: "VARCHAR" },
    { name: "submitted_at", type: "TIMESTAMP" },
    { name: "cohort", type: "VARCHAR" },
    { name: "cohort_order", type: "INTEGER" },
    { name: "stream", type: "VARCHAR" },
    { name: "program_start", type: "DATE" },
    { name: "program_end", type: "DATE" },
    { name: "extension", type: "BOOLEAN" },
    { name: "months_since_end", type: "DOUBLE" },
    { name: "finished", type: "BOOLEAN" },
    { name: "self_reported_cohort", type: "VARCHAR" },
    { name: "cohort_disagrees", type: "BOOLEAN" },
    { name: "degree", type: "VARCHAR" },
    { name: "advanced", type: "VARCHAR" },
    { name: "published", type: "VARCHAR" },
    { name: "lower_stipend", type: "VARCHAR" },
    { name: "quote_consent", type: "BOOLEAN" },
    { name: "other_outcome_answered", type: "BOOLEAN" },
    { name: "role_start", type: "DATE" },
    { name: "months_to_role", type: "DOUBLE" },
    { name: "answered_questions", type: "INTEGER" },
    { name: "source_file", type: "VARCHAR" },
    { name: "source_line", type: "INTEGER" },
  ],
  selections: [
    { name: "respondent_id", type: "VARCHAR" },
    { name: "wave", type: "VARCHAR" },
    { name: "question", type: "VARCHAR" },
    { name: "option", type: "VARCHAR" },
  ],
  ratings: [
    { name: "respondent_id", type: "VARCHAR" },
    { name: "wave", type: "VARCHAR" },
    { name: "element", type: "VARCHAR" },
    { name: "rating", type: "VARCHAR" },
    { name: "rating_level", type: "INTEGER" },
  ],
  free_text: [
    { name: "respondent_id", type: "VARCHAR" },
    { name: "wave", type: "VARCHAR" },
    { name: "question", type: "VARCHAR" },
    { name: "text", type: "VARCHAR" },
    /** True for the respondent's own "Other" text of a choice question. */
    { name: "other_text", type: "BOOLEAN" },
    { name: "quote_consent", type: "BOOLEAN" },
    { name: "cohort", type: "VARCHAR" },
  ],
  population: [
    { name: "wave", type: "VARCHAR" },
    { name: "cohort", type: "VARCHAR" },
    { name: "cohort_order", type: "INTEGER" },
    { name: "stream", type: "VARCHAR" },
    { name: "extension", type: "BOOLEAN" },
    { name: "alumni", type: "INTEGER" },
  ],
  applicants: [
    { name: "applicant_id", type: "VARCHAR" },
    { name: "submitted_at", type: "TIMESTAMP" },
    { name: "cohort_of_interest", type: "VARCHAR" },
    { name: "career_stage", type: "VARCHAR" },
    { name: "source_file", type: "VARCHAR" },
    { name: "source_line", type: "INTEGER" },
  ],
  applicant_channels: [
    { name: "applicant_id", type: "VARCHAR" },
    { name: "cohort_of_interest", type: "VARCHAR" },
    { name: "channel", type: "VARCHAR" },
  ],
  exclusions: [
    { name: "source", type: "VARCHAR" },
    { name: "wave", type: "VARCHAR" },
    { name: "file", type: "VARCHAR" },
    { name: "line", type: "INTEGER" },
    { name: "reason", type: "VARCHAR" },
    { name: "detail", type: "VARCHAR" },
  ],
  flags: [
    { name: "respondent_id", type: "VARCHAR" },
    { name: "wave", type: "VARCHAR" },
    { name: "file", type: "VARCHAR" },
    { name: "line", type: "INTEGER" },
    { name: "flag", type: "VARCHAR" },
    { name: "detail", type: "VARCHAR" },
  ],
  sources: [
    { name: "file", type: "VARCHAR" },
    { name: "source", type: "VARCHAR" },
    { name: "wave", type: "VARCHAR" },
    { name: "rows_in", type: "INTEGER" },
    { name: "rows_kept", type: "INTEGER" },
    { name: "rows_excluded", type: "INTEGER" },
  ],
} as const satisfies Record<string, readonly ColumnSpec[]>;

export type TableName = keyof typeof tableColumns;

export const tableNames = Object.keys(tableColumns) as TableName[];

/** Sort order of each table's Parquet file, so that the pages' usual filters (wave, cohort) touch few row groups. */
export const tableSortBy: Partial<Record<TableName, string[]>> = {
  respondents: ["wave", "cohort_order", "respondent_id"],
  // By respondent: an id then repeats across their answers, so Parquet dictionary-encodes it. Sorted by
  // question instead, the file is 4.9 times larger at a million respondents (bench/PARQUET.md).
  selections: ["wave", "respondent_id", "question", "option"],
  // By respondent too: sorted by element, the file was 4.5 times larger at a million respondents (283 MB, not 64),
  // and the per-respondent view's parts (loaders/clean-store.ts storeAnswers) read every row group of it.
  ratings: ["wave", "respondent_id", "element"],
  free_text: ["wave", "question"],
  population: ["wave", "cohort_order"],
  exclusions: ["file", "line"],
  flags: ["file", "line"],
};

type RowOf<Columns extends readonly { name: string }[]> = { [Name in Columns[number]["name"]]: Cell };

export type CleanModel = { [Name in TableName]: RowOf<(typeof tableColumns)[Name]>[] };

/** Reasons a row of an export is left out of the clean data (the ledger's `reason` column). */
export const exclusionReasons = [
  "preview_or_spam",
  "repeated_export",
  "unfinished_empty",
  "after_close",
  "not_in_roster",
  "out_of_scope",
  "duplicate_replaced",
] as const;

export type ExclusionReason = (typeof exclusionReasons)[number];
