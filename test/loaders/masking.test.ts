import { test } from "node:test";
import assert from "node:assert/strict";
import { maskText } from "../../loaders/masking";

test("emails, links, handles, known names and organisations are masked; the rest of the quote stays", () => {
  const names = new Set(["jane", "doe"]);
  const masked = maskText("I work with Jane Doe at Anthropic on evals; email jane.doe@example.org or see https://x.example/jd and @janed. MATS helped.", names);
  assert.equal(masked, "I work with [organisation] at [organisation] on evals; email [email] or see [link] and [handle]. MATS helped.");
  assert.doesNotMatch(masked, /jane|doe|anthropic/i);
});

test("a capitalised employer after 'at' is masked even if no list knows it", () => {
  assert.equal(maskText("Now a research engineer at Quux Labs.", new Set()), "Now a research engineer at [organisation].");
  assert.equal(maskText("Doing interpretability research independently.", new Set()), "Doing interpretability research independently.");
});
