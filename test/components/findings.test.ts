import { test } from "node:test";
import assert from "node:assert/strict";
import { comparisonTitle } from "../../src/components/findings.js";

const row = (group: string, share: number, lo: number, hi: number) => ({ group, share, lo, hi, numerator: 1, denominator: 10 });

test("the title names the extremes and whether their intervals overlap", () => {
  assert.match(comparisonTitle("Published", [row("A", 0.2, 0.1, 0.4), row("B", 0.5, 0.3, 0.7)]), /overlap/);
  assert.match(comparisonTitle("Published", [row("A", 0.1, 0.05, 0.2), row("B", 0.8, 0.6, 0.9)]), /larger than the uncertainty/);
  assert.match(comparisonTitle("Published", [row("A", 0.1, 0.05, 0.2), row("B", 0.8, 0.6, 0.9)]), /from 10% \(A\) to 80% \(B\)/);
});
