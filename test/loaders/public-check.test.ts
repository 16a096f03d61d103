// The check a public build must pass before it is published: every shipped file of a known kind, decoded, every
// field on the allow-list, the public build's label and threshold on its figures.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { parquetWriteBuffer } from "hyparquet-writer";
import { checkPublicRelease } from "../../loaders/public-check";
import { siteStorageVersion } from "../../loaders/site-database";

const sourceRoot = join(import.meta.dirname, "..", "..", "src");
const options = { sourceRoot, minCell: 5, minQuoteGroup: 10 };

const figure = { id: "response_rate", group: null, numerator: 72, denominator: 157, share: 0.4586, ci95: [0.38, 0.54] };
const withheld = { id: "response_rate", group: "Summer 2022", numerator: null, denominator: null, share: null, ci95: null, suppressed: true };
const indicators = {
  build: "public",
  minCell: 5,
  waves: ["2024"],
  reports: { "2024": { all: { wave: "2024", respondents: 72, excluded: { after_close: 3 }, indicators: [figure, withheld] } } },
};
const quotes = {
  build: "public",
  minGroup: 10,
  perGroup: 200,
  quotes: [{ wave: "2024", cohort: "All cohorts", theme: "Career plans", text: "Move into [organisation]." }],
  groups: [{ wave: "2024", theme: "Career plans", cohort: "All cohorts", quotable: 12, shown: 1 }],
  withheld: 0,
};

function parquet(columns: Record<string, string[]>): Uint8Array {
  const buffer = parquetWriteBuffer({ columnData: Object.entries(columns).map(([name, data]) => ({ name, data, type: "STRING" as const })) });
  return new Uint8Array(buffer);
}

/** The bytes of a DuckDB database file made by `statements` (run with the file attached as `site`). */
async function database(...statements: string[]): Promise<Uint8Array> {
  const directory = mkdtempSync(join(tmpdir(), "workbench-public-database-"));
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run(`ATTACH '${join(directory, "site.duckdb")}' AS site (STORAGE_VERSION '${siteStorageVersion}')`);
    for (const statement of statements) await connection.run(statement);
    await connection.run("DETACH site");
    return new Uint8Array(readFileSync(join(directory, "site.duckdb")));
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(directory, { recursive: true, force: true });
  }
}

const flags = "CREATE TABLE site.flags AS SELECT '2024' AS wave, 'alumni-survey-2024.csv' AS file, 4 AS line, 'late' AS flag";
const sources = "CREATE TABLE site.sources AS SELECT 'alumni-survey-2024.csv' AS file, 'survey' AS source, '2024' AS wave, 10 AS rows_in, 9 AS rows_kept, 1 AS rows_excluded";
const shipped = await database(sources);

/** A public site as the build writes it, with `changes` applied (null removes a file). */
function site(changes: Record<string, string | Uint8Array | null> = {}): string {
  const directory = mkdtempSync(join(tmpdir(), "workbench-public-site-"));
  const files: Record<string, string | Uint8Array | null> = {
    "index.html": '<footer><span class="build-label" data-build="public"></span></footer>',
    "voices.html": '<span data-build="public"></span>',
    "_file/data/indicators.3c70ee8e.json": JSON.stringify(indicators),
    "_file/data/quotes.90e61261.json": JSON.stringify(quotes),
    "_file/data/clean.4709ae3f.duckdb": shipped,
    "_import/survey/report.bfa49d6f.js": "export const x = 1;",
    "_observablehq/client.d10d8454.js": "",
    "_node/d3-array@3.2.5/index.js": "",
    "_node/@duckdb/duckdb-wasm@1.32.0/dist/duckdb-eh.wasm": new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
    ...changes,
  };
  for (const [path, content] of Object.entries(files)) {
    if (content === null) continue;
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), content);
  }
  return directory;
}

async function problems(changes: Record<string, string | Uint8Array | null> = {}): Promise<string[]> {
  const directory = site(changes);
  try {
    return await checkPublicRelease(directory, options);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

test("a public build as written passes", async () => {
  assert.deepEqual(await problems(), []);
});

test("analyst figures, another threshold or a field off the allow-list fail the build", async () => {
  const json = (value: object) => ({ "_file/data/indicators.3c70ee8e.json": JSON.stringify(value) });
  assert.match((await problems(json({ ...indicators, build: "analyst", minCell: 0 }))).join("\n"), /indicators\.3c70ee8e\.json: build/);
  assert.match((await problems(json({ ...indicators, minCell: 3 }))).join("\n"), /minCell/);
  const extra = structuredClone(indicators) as typeof indicators & { reports: { "2024": { all: { indicators: object[] } } } };
  extra.reports["2024"].all.indicators.push({ ...figure, respondent_ids: [] });
  assert.match((await problems(json(extra))).join("\n"), /reports\.2024\.all\.indicators\.2 unrecognized_keys/);
  const revealed = structuredClone(indicators);
  Object.assign(revealed.reports["2024"].all.indicators[1], { numerator: 3 });
  assert.match((await problems(json(revealed))).join("\n"), /a withheld figure carries numbers/);
  const unpooled = { "_file/data/quotes.90e61261.json": JSON.stringify({ ...quotes, build: "analyst", minGroup: 0 }) };
  assert.match((await problems(unpooled)).join("\n"), /quotes\.90e61261\.json: build/);
});

test("a problem names the file and field, never the value that broke the rule", async () => {
  const secret = "Ada Lovelace said something private";
  const found = await problems({ "_file/data/quotes.90e61261.json": JSON.stringify({ ...quotes, build: secret }) });
  assert.equal(found.length, 1);
  assert.ok(!found[0].includes(secret), found[0]);
  assert.ok(!(await problems({ "_file/data/indicators.3c70ee8e.json": `{"a": "${secret}` })).join("").includes(secret));
});

test("respondent-level tables, columns off the list, unknown files and analyst pages fail the build", async () => {
  const clean = async (...statements: string[]) => (await problems({ "_file/data/clean.4709ae3f.duckdb": await database(sources, ...statements) })).join("\n");
  assert.match(await clean("CREATE TABLE site.respondents AS SELECT 'r1' AS respondent_id"), /clean\.4709ae3f\.duckdb: a clean table that is not on the public allow-list: respondents/);
  assert.match(await clean("ALTER TABLE site.sources ADD COLUMN email VARCHAR"), /sources: columns not on the public allow-list: email/);
  // The ledger's row-level tables (file and line) stay in the analyst build.
  assert.match(await clean(flags), /a clean table that is not on the public allow-list: flags/);
  assert.match(await clean("CREATE VIEW site.people AS SELECT 'Ada' AS name"), /a view that is not on the public allow-list: people/);
  assert.match(await clean("CREATE MACRO site.who() AS 'Ada'"), /a function that is not on the public allow-list: who/);
  assert.match(await clean("CREATE SCHEMA site.private", "CREATE TABLE site.private.flags AS SELECT 'x' AS flag"), /a schema that is not on the public allow-list: private.*a clean table that is not on the public allow-list: flags/);
  // Rows deleted after a checkpoint keep their values in the file's blocks.
  assert.match(await clean("INSERT INTO site.sources SELECT 'a@b.org', 'survey', '2024', 1, 1, 0", "CHECKPOINT site", "DELETE FROM site.sources WHERE rows_in = 1", "CHECKPOINT site"), /sources: 1 stored rows are deleted but still in the file/);
  assert.match(await clean("CREATE TABLE site.gone AS SELECT range AS respondent_id FROM range(100000)", "CHECKPOINT site", "DROP TABLE site.gone", "CHECKPOINT site"), /free blocks/);
  const padded = new Uint8Array([...shipped, ...new TextEncoder().encode("a@b.org")]);
  assert.match((await problems({ "_file/data/clean.4709ae3f.duckdb": padded })).join("\n"), /7 bytes beyond the database's blocks/);
  assert.match((await problems({ "_file/data/clean.4709ae3f.duckdb": "not a database" })).join("\n"), /clean\.4709ae3f\.duckdb: could not be decoded/);
  // The clean tables ship as the database file only: a Parquet file is of no public kind.
  assert.match((await problems({ "_file/data/clean/flags.4709ae3f.parquet": parquet({ wave: ["2024"] }) })).join("\n"), /flags\.4709ae3f\.parquet: a data file of a kind/);
  assert.match((await problems({ "_file/data/cube.a60a84be.json": "{}" })).join("\n"), /cube\.a60a84be\.json: a data file of a kind/);
  assert.match((await problems({ "_file/data/people.0123abcd.csv": "name\nAda\n" })).join("\n"), /people\.0123abcd\.csv: a data file of a kind/);
  assert.match((await problems({ "_file/data/rows.0123abcd.js": "export default []" })).join("\n"), /rows\.0123abcd\.js: a data file of a kind/);
  assert.match((await problems({ "_import/data/rows.0123abcd.js": "export default []" })).join("\n"), /not compiled from the project's source/);
  assert.match((await problems({ "explore.html": '<span data-build="public"></span>' })).join("\n"), /explore\.html: not a public page/);
  assert.match((await problems({ "index.html": '<span data-build="analyst"></span>' })).join("\n"), /index\.html: page not labelled as the public build/);
  assert.match((await problems({ "notes.txt": "x" })).join("\n"), /notes\.txt: a file of a kind/);
  assert.match((await problems({ "_node/d3-array@3.2.5/data.wasm": "respondent_id,email" })).join("\n"), /data\.wasm: not WebAssembly/);
});
