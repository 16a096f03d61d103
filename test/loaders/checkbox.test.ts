import assert from "node:assert/strict";
import { test } from "node:test";
import { splitCheckbox } from "../../loaders/checkbox";
import { interestForm, questionById } from "../../loaders/instrument";

const outcomes = questionById("hiring_outcomes").options!;
const work = questionById("current_work").options!;

test("an option containing the separator is matched whole, never split (Google `, `)", () => {
  assert.deepEqual(splitCheckbox("Accepted a job offer, Received an offer, declined it", outcomes, ", "), {
    options: ["Accepted a job offer", "Received an offer, declined it"],
    other: null,
  });
});

test("Qualtrics joins with `,` and options may still contain `, `", () => {
  assert.deepEqual(splitCheckbox("Received an offer, declined it,Still in process", outcomes, ","), {
    options: ["Received an offer, declined it", "Still in process"],
    other: null,
  });
});

test("an option with a comma and no space (80,000 Hours) is matched whole", () => {
  const answer = splitCheckbox("Word of mouth, 80,000 Hours job board, Twitter/X", interestForm.channelOptions, ", ");
  assert.deepEqual(answer.options, ["Word of mouth", "80,000 Hours job board", "Twitter/X"]);
});

test("Other text among the options, itself containing the separator, is kept whole", () => {
  const answer = splitCheckbox("Working/interning on AI alignment/control, Founding a startup, part-time, Looking for work", work, ", ");
  assert.deepEqual(answer.options, ["Working/interning on AI alignment/control", "Looking for work"]);
  assert.equal(answer.other, "Founding a startup, part-time");
});

test("a prefix of an option is not taken for the option", () => {
  const answer = splitCheckbox("Accepted a job offer at a lab", outcomes, ", ");
  assert.deepEqual(answer, { options: [], other: "Accepted a job offer at a lab" });
});

test("an empty cell is no answer", () => {
  assert.deepEqual(splitCheckbox("  ", outcomes, ", "), { options: [], other: null });
});

test("options are matched whatever the case, spacing and typography, as single-choice answers are", () => {
  assert.deepEqual(splitCheckbox("working/interning on ai alignment/control,  LOOKING FOR WORK", work, ", "), {
    options: ["Working/interning on AI alignment/control", "Looking for work"],
    other: null,
  });
  assert.deepEqual(splitCheckbox("Received an offer, declined it , Still  in process", outcomes, ", "), {
    options: ["Received an offer, declined it", "Still in process"],
    other: null,
  });
  const connections = questionById("connections").options!;
  assert.deepEqual(splitCheckbox("Mentor\u2010adviser, Research collaborator", connections, ", ").options, ["Research collaborator"]);
  assert.deepEqual(splitCheckbox("Mentor/adviser,\u00a0Research\u2003collaborator", connections, ",").options, ["Mentor/adviser", "Research collaborator"]);
});
