// What the public data must never allow: a shown share with a small denominator or complement, or a withheld
// group that subtraction from the shown total and the other shown groups gives back.
import assert from "node:assert/strict";
import type { IndicatorTables } from "../../src/survey/report.js";

export function assertNoSmallCellRecoverable(tables: IndicatorTables, threshold: number): void {
  for (const wave of tables.waves) {
    const reports = tables.reports[wave];
    for (const [grouping, report] of Object.entries(reports)) {
      for (const f of report.indicators) {
        if (f.suppressed || f.numerator === null) continue;
        const where = `${wave} ${grouping} ${f.id} ${f.group}`;
        if (f.denominator === null) assert.ok(f.numerator >= threshold, `${where}: count ${f.numerator} shown`);
        else {
          assert.ok(f.denominator >= threshold, `${where}: denominator ${f.denominator} shown`);
          assert.ok(f.denominator - f.numerator >= threshold, `${where}: complement ${f.denominator - f.numerator} shown`);
        }
      }
      if (grouping === "all") continue;
      for (const id of new Set(report.indicators.map((f) => f.id))) {
        const total = reports.all.indicators.find((f) => f.id === id && f.group === null);
        const withheld = report.indicators.filter((f) => f.id === id && f.suppressed);
        if (total && !total.suppressed) assert.notEqual(withheld.length, 1, `${wave} ${grouping} ${id}: one withheld group = total − the rest`);
      }
    }
  }
}
