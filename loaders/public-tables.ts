// What the public build may ship of the clean tables: these columns of these tables, nothing else.
// Respondent-level tables are left empty there (their pages are not part of the public site); the postbuild
// check (scripts/postbuild.ts) decodes every shipped Parquet file against this list.
import type { TableName } from "./model.js";

export const publicColumns: Partial<Record<TableName, readonly string[]>> = {
  sources: ["file", "source", "wave", "rows_in", "rows_kept", "rows_excluded"],
  exclusions: ["source", "wave", "file", "line", "reason"],
  flags: ["wave", "file", "line", "flag"],
};

/** Pages of the public site (paths without extension; "index" is the overview). */
export const publicPages = ["index", "groups", "voices", "data-quality", "about"] as const;
