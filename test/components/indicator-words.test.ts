// Every headline indicator is described in words from its own SQL, naming its question and the answers it counts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { indicators } from "../../src/survey/indicators.js";
import { indicatorInWords } from "../../src/components/indicator-words.js";
import { ratingScale, waves } from "../../loaders/instrument.js";

const wording = { questions: waves["2025"].headers as Record<string, string>, ratingScale };

test("each indicator reads as a question, who is counted and who the share is of, with no SQL left", () => {
  for (const definition of indicators.filter((i) => i.id !== "respondents" && i.id !== "response_rate")) {
    const words = indicatorInWords(definition, wording);
    assert.ok(words.question.length > 10, `${definition.id}: question`);
    assert.match(words.counts, /^Respondents who (ticked|answered|rated)/, definition.id);
    for (const text of [words.counts, words.of]) assert.doesNotMatch(text, /list_contains|IS NOT NULL|len\(|rating_|>=|\[/, definition.id);
    // Every answer the SQL counts is named, as the instrument spells it.
    for (const [, answer] of definition.numerator.matchAll(/'((?:[^']|'')*)'/g)) assert.ok(words.counts.includes(answer.replaceAll("''", "'")), `${definition.id}: ${answer}`);
  }
});

test("a top-two rating names both top levels of the scale, and a share of a filtered group names the filter", () => {
  const mentorship = indicatorInWords(indicators.find((i) => i.id === "mentorship_top2")!, wording);
  assert.match(mentorship.counts, new RegExp(`“${ratingScale[0]}” or “${ratingScale[1]}”$`));
  const lesswrong = indicatorInWords(indicators.find((i) => i.id === "published_lesswrong")!, wording);
  assert.match(lesswrong.of, /Have you published alignment research/);
});
