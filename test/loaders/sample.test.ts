import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { loadExports } from "../../loaders/clean";
import { parseCsv } from "../../loaders/csv";
import { tableColumns, type CleanModel } from "../../loaders/model";
import { assertEveryRowAccountedFor } from "./ledger";

const root = fileURLToPath(new URL("../..", import.meta.url));
const sample = join(root, "data");

let model: CleanModel;
before(async () => {
  model = await loadExports(sample);
});

test("the sample in data/ is exactly what the generator writes", () => {
  const out = mkdtempSync(join(tmpdir(), "workbench-sample-"));
  execFileSync(process.execPath, ["--import", "tsx", "scripts/generate-sample.ts", "--out", out], { cwd: root });
  for (const file of readdirSync(out)) {
    assert.ok(readFileSync(join(out, file)).equals(readFileSync(join(sample, file))), file);
  }
});

test("every row of every sample file is either clean or in the ledger", () => {
  assert.equal(model.sources.length, 5);
  assertEveryRowAccountedFor(model);
  assert.equal(model.applicants.length, 381);
});

test("no clean table has an identifying column", () => {
  for (const [table, columns] of Object.entries(tableColumns)) {
    for (const { name } of columns) assert.doesNotMatch(name, /email|name|ip_?address|latitude|longitude|response_?id|scholar/i, `${table}.${name}`);
  }
});

test("no name or email from the sample roster or exports appears in any clean table", () => {
  const [header, ...rows] = parseCsv(readFileSync(join(sample, "roster.csv"), "utf8"), "roster.csv");
  const nameAt = header.cells.indexOf("full_name");
  const emailAt = header.cells.indexOf("email");
  const secrets = new Set(rows.flatMap((r) => [r.cells[nameAt], r.cells[emailAt].trim().toLowerCase()]));
  const cells = new Set<string>();
  for (const table of Object.values(model)) for (const row of table) for (const value of Object.values(row)) if (typeof value === "string") cells.add(value.toLowerCase());
  const text = [...cells].join("\n");
  for (const secret of secrets) assert.ok(!text.includes(secret.toLowerCase()), secret);
  for (const pattern of ["@example", "@spam", "203.0.113."]) assert.ok(![...cells].some((c) => c.includes(pattern)), pattern);
  // Qualtrics response ids (R_…) identify a submission: they stay in the loader.
  const ids = readFileSync(join(sample, "alumni-survey-2025.csv"), "utf8").match(/\bR_[0-9a-z]+/g) ?? [];
  assert.ok(ids.length > 100);
  for (const id of ids) assert.ok(!cells.has(id.toLowerCase()), id);
});
