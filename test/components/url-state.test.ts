import { test } from "node:test";
import assert from "node:assert/strict";
import { readUrlState, urlSearch } from "../../src/components/url-state.js";

test("a view written to the URL reads back the same, commas inside values included", () => {
  const defaults = { indicator: "published", by: "cohort", streams: [] as string[] };
  const state = { indicator: "accepted_offer", by: "stream", streams: ["Interpretability", "Governance, policy"] };
  assert.deepEqual(readUrlState(defaults, urlSearch(state)), state);
  assert.deepEqual(readUrlState(defaults, ""), defaults);
  assert.deepEqual(readUrlState(defaults, "?streams="), { ...defaults, streams: [] });
});

test("a value the controls do not offer falls back to the default, so a link cannot show a view they cannot", () => {
  const defaults = { view: "bars", wave: "2024", stream: [] as string[] };
  const allowed = { view: ["bars", "options"], wave: ["2024", "2025"], stream: ["Interpretability"] };
  assert.deepEqual(readUrlState(defaults, "?view=pie&wave=2025&stream=Interpretability,Nope", allowed), { view: "bars", wave: "2025", stream: ["Interpretability"] });
});
