// Every exclusion reason the cleaning can record has a label in words, and an unknown code never shows as a code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { exclusionReasons } from "../../loaders/model.js";
import { exclusionReasonLabel, flagLabel } from "../../src/components/ledger-labels.js";

test("each exclusion reason and flag reads as words", () => {
  for (const reason of exclusionReasons) assert.doesNotMatch(exclusionReasonLabel(reason), /_/, reason);
  for (const flag of ["cohort_disagrees", "unknown_checkbox_option", "unreadable_month", "a_new_flag"]) assert.doesNotMatch(flagLabel(flag), /_/, flag);
  assert.equal(flagLabel("a_new_flag"), "A new flag");
});
