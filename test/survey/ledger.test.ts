// The Data quality page's build-time counts: every export row accounted for, the same exclusions the indicators
// count, and in the public build a file the allow-list and the disclosure auditor both check.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { withCleanTables } from "../../loaders/clean-store";
import { auditPublicRelease } from "../../loaders/disclosure-audit";
import { protectSmallCells } from "../../loaders/disclosure";
import { indicatorTables } from "../../loaders/indicator-tables";
import { rowObjects } from "../../loaders/parquet";
import { publicJson } from "../../loaders/public-tables";
import { ledgerSummary, type LedgerSummary } from "../../src/survey/ledger";
import type { IndicatorTables } from "../../src/survey/report";

const data = fileURLToPath(new URL("../../data", import.meta.url));
let ledger: LedgerSummary;
let tables: IndicatorTables;

before(async () => {
  ledger = await withCleanTables(data, (connection) => ledgerSummary((sql) => rowObjects(connection, sql), "public"));
  tables = await indicatorTables(data);
});

test("every export row of the sample is kept or left out for a counted reason", () => {
  assert.equal(ledger.sources.length, 5);
  for (const s of ledger.sources) assert.equal(s.rows_kept + s.rows_excluded, s.rows_in, s.file);
  const excluded = ledger.sources.reduce((sum, s) => sum + s.rows_excluded, 0);
  assert.equal(ledger.exclusions.reduce((sum, e) => sum + e.rows, 0), excluded);
  assert.ok(ledger.flags.length > 0 && ledger.flags.every((f) => f.rows > 0));
});

test("the ledger's exclusions by wave are the indicators' excluded counts", () => {
  for (const wave of tables.waves) {
    const ledgerCounts = Object.fromEntries(ledger.exclusions.filter((e) => e.wave === wave).map((e) => [e.reason, e.rows]));
    assert.deepEqual(ledgerCounts, tables.reports[wave].all.excluded, wave);
  }
});

test("the public allow-list takes the ledger's counts and nothing row-level", () => {
  const schema = publicJson({ minCell: 5, minQuoteGroup: 10 })["data-quality"];
  assert.ok(schema.safeParse(JSON.parse(JSON.stringify(ledger))).success);
  assert.equal(schema.safeParse({ ...ledger, build: "analyst" }).success, false);
  const withLine = { ...ledger, exclusions: ledger.exclusions.map((e) => ({ ...e, line: 4 })) };
  assert.equal(schema.safeParse(withLine).success, false);
  const withRows = { ...ledger, rows: [{ file: "alumni-survey-2024.csv", line: 4 }] };
  assert.equal(schema.safeParse(withRows).success, false);
});

test("the disclosure auditor knows the ledger, and refuses one whose counts are not the indicators'", async () => {
  const dir = mkdtempSync(join(tmpdir(), "workbench-ledger-audit-"));
  try {
    const files = join(dir, "_file", "data");
    mkdirSync(files, { recursive: true });
    writeFileSync(join(files, "indicators.0123abcd.json"), JSON.stringify(await protectSmallCells(tables, 5)));
    writeFileSync(join(files, "data-quality.4567cdef.json"), JSON.stringify(ledger));
    assert.deepEqual((await auditPublicRelease(dir, 5)).problems, []);
    const changed = { ...ledger, exclusions: ledger.exclusions.map((e, i) => (i === 0 ? { ...e, rows: e.rows + 1 } : e)) };
    writeFileSync(join(files, "data-quality.4567cdef.json"), JSON.stringify(changed));
    assert.match((await auditPublicRelease(dir, 5)).problems.join("\n"), /data-quality\.4567cdef\.json: the \d+ rows left out as [a-z_]+ differ from the indicators' count/);
    writeFileSync(join(files, "data-quality.4567cdef.json"), JSON.stringify({ ...ledger, build: "analyst" }));
    assert.match((await auditPublicRelease(dir, 5)).problems.join("\n"), /computed by the analyst build/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
