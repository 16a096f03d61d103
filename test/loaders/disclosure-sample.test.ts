// The disclosure auditor on the shipped sample: it fails the unprotected and the old figures, and passes the public ones.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { auditTables } from "../../loaders/disclosure-audit";
import { protectSmallCells } from "../../loaders/disclosure";
import { indicatorTables } from "../../loaders/indicator-tables";
import type { IndicatorFigure, IndicatorTables } from "../../src/survey/report";

const sample = fileURLToPath(new URL("../../data", import.meta.url));
const k = 5;

/** The sample's shipped data, as the analyst build computes it (every count shown). */
const analyst = await indicatorTables(sample);

/** Suppression as it was at 247d437 (per indicator, plus one complementary group), which issue 12 broke. */
function perIndicatorSuppression(tables: IndicatorTables): IndicatorTables {
  const copy: IndicatorTables = structuredClone(tables);
  Object.assign(copy, { build: "public", minCell: k });
  const hide = (f: IndicatorFigure) => Object.assign(f, { numerator: null, denominator: null, share: null, ci95: null, suppressed: true });
  for (const wave of copy.waves) {
    const reports = copy.reports[wave];
    for (const report of Object.values(reports))
      for (const f of report.indicators)
        if (f.numerator !== null && (f.denominator === null ? f.numerator < k : f.denominator < k || f.denominator - f.numerator < k)) hide(f);
    for (const [grouping, report] of Object.entries(reports)) {
      if (grouping === "all" || reports.all.indicators.length === 0) continue;
      for (const id of new Set(report.indicators.map((f) => f.id))) {
        const groups = report.indicators.filter((f) => f.id === id);
        if (groups.filter((f) => f.suppressed).length !== 1) continue;
        const shown = groups.filter((f) => !f.suppressed).sort((a, b) => (a.denominator ?? a.numerator ?? 0) - (b.denominator ?? b.numerator ?? 0));
        if (shown.length) hide(shown[0]);
      }
    }
  }
  return copy;
}

test("the auditor's facts hold on the sample's unprotected figures, and it fails them: small counts are shown", async () => {
  const audit = await auditTables(analyst, k);
  assert.equal(audit.ok, false);
  assert.ok(!audit.problems.some((p) => p.includes("break a fact") || p.includes("disagree") || p.includes("contradict")), "every fact the auditor assumes is true of real tables");
  assert.ok(audit.problems.some((p) => p.startsWith("2024 all work_capabilities: a count between 1 and 4 is shown")));
});

test("the old per-indicator suppression fails the auditor on the sample: withheld counts are worked out", async () => {
  const audit = await auditTables(perIndicatorSuppression(analyst), k);
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
