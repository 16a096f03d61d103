// The disclosure auditor on the shipped sample: it fails the unprotected and the old figures, and passes the public ones.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { auditTables } from "../../loaders/disclosure-audit";
import { protectSmallCells } from "../../loaders/disclosure";
import { indicatorTables } from "../../loaders/indicator-tables";
import { perIndicatorSuppression } from "./disclosure-tables";

const sample = fileURLToPath(new URL("../../data", import.meta.url));
const k = 5;

/** The sample's shipped data, as the analyst build computes it (every count shown). */
const analyst = await indicatorTables(sample);

test("the auditor's facts hold on the sample's unprotected figures, and it fails them: small counts are shown", async () => {
  const audit = await auditTables(analyst, k);
  assert.equal(audit.ok, false);
  assert.ok(!audit.problems.some((p) => p.includes("break a fact") || p.includes("disagree") || p.includes("contradict")), "every fact the auditor assumes is true of real tables");
  assert.ok(audit.problems.some((p) => p.startsWith("2024 all work_capabilities: a count between 1 and 4 is shown")));
});

test("the old per-indicator suppression fails the auditor on the sample: withheld counts are worked out", async () => {
  const audit = await auditTables(perIndicatorSuppression(analyst, k), k);
  assert.equal(audit.ok, false);
  assert.ok(audit.problems.some((p) => /withheld (numerator|denominator|complement) (can be narrowed|is shown)/.test(p)), audit.problems.slice(0, 5).join("\n"));
});

test("the sample's public figures pass the auditor, and the pooled headline figures mostly stay", async () => {
  const safe = await protectSmallCells(analyst, k);
  const audit = await auditTables(safe, k);
  assert.deepEqual(audit.problems, []);
  assert.ok(audit.narrowestWidth === null || audit.narrowestWidth >= k);
  for (const wave of safe.waves) {
    const pooled = safe.reports[wave].all.indicators;
    assert.ok(pooled.filter((f) => f.suppressed).length <= pooled.length / 3, `${wave}: most pooled figures shown`);
    assert.equal(pooled.find((f) => f.id === "response_rate")?.suppressed, undefined, `${wave}: the response rate is shown`);
  }
});
