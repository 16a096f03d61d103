// The data-quality ledger's reasons and flags in words a reader understands (the clean tables store short codes).
import type { ExclusionReason } from "../../loaders/model.js";

export const exclusionReasonLabels: Record<ExclusionReason, string> = {
  repeated_export: "Same submission in another export file",
  duplicate_replaced: "Replaced by the person's later submission",
  after_close: "Submitted after the wave closed",
  out_of_scope: "Alumnus outside the wave's scope",
  not_in_roster: "Email not in the roster",
  unfinished_empty: "Unfinished, with no answers",
  preview_or_spam: "Survey preview or spam",
};

export const flagLabels: Record<string, string> = {
  cohort_disagrees: "Cohort answered differs from the roster (the roster's is used)",
  unknown_checkbox_option: "A ticked option not on the questionnaire (kept as “Other”)",
  unreadable_month: "A month and year that could not be read (left blank)",
};

/** A code the labels do not know yet still reads as words, never as an identifier. */
function words(code: string): string {
  const text = code.replaceAll("_", " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const exclusionReasonLabel = (code: string): string => (exclusionReasonLabels as Record<string, string>)[code] ?? words(code);
export const flagLabel = (code: string): string => flagLabels[code] ?? words(code);
