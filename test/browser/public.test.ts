// The public build, from exports seeded with known names, emails, IP addresses and locations: nothing of them
// in any shipped file (Parquet decoded), no small cell recoverable, and every page rendering under the
// content security policy, from a sub-path, with every outside request blocked.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { Browser } from "playwright-core";
import { parseCsv } from "../../loaders/csv.js";
import { csvCell } from "../../src/components/csv.js";
import { readSiteDatabase } from "../../loaders/site-database.js";
import { publicColumns, publicPages } from "../../loaders/public-tables.js";
import type { IndicatorTables } from "../../src/survey/report.js";
import { auditTables } from "../../loaders/disclosure-audit.js";
import { launchChromium, openWatchedPage } from "./chromium.js";
import { serveStatic, type StaticSite } from "./static-server.js";
import { brokenLinks, pageProblems } from "./site-checks.js";

const identifyingColumns = new Set([
  "full_name", "email", "Email Address", "Full name", "RecipientEmail", "RecipientFirstName", "RecipientLastName",
  "IPAddress", "LocationLatitude", "LocationLongitude", "ResponseId",
]);

/** Every 2024 free-text description now names its author, their email and an employer: masking must catch them. */
function seedIdentities(file: string): void {
  const [header, ...rows] = parseCsv(readFileSync(file, "utf8"), file);
  const name = header.cells.indexOf("Full name");
  const email = header.cells.indexOf("Email Address");
  const work = header.cells.indexOf("Please describe your current work in a sentence or two.");
  const lines = [header, ...rows].map((record, i) => {
    const cells = [...record.cells];
    if (i > 0 && cells[work]) cells[work] = `${cells[work]} Ask ${cells[name]} (${cells[email].trim()}), now at Anthropic.`;
    return cells.map(csvCell).join(",");
  });
  writeFileSync(file, `\uFEFF${lines.join("\r\n")}\r\n`);
}

function identifyingValues(directory: string): string[] {
  const values = new Set<string>();
  for (const file of readdirSync(directory).filter((f) => f.endsWith(".csv"))) {
    const [header, ...records] = parseCsv(readFileSync(join(directory, file), "utf8"), file);
    // Qualtrics: rows 2 and 3 are header rows (question text, import ids), not people.
    const rows = header.cells.includes("ResponseId") ? records.slice(2) : records;
    const columns = header.cells.flatMap((c, i) => (identifyingColumns.has(c) ? [i] : []));
    for (const row of rows) for (const c of columns) if ((row.cells[c] ?? "").trim().length > 3) values.add(row.cells[c].trim().toLowerCase());
  }
  return [...values];
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function shippedText(file: string): Promise<string> {
  const bytes = readFileSync(file, "latin1").toLowerCase();
  if (!file.endsWith(".duckdb")) return bytes;
  // The database file's bytes are compressed: its decoded rows are searched too.
  const tables = await readSiteDatabase(file);
  return `${bytes}\n${JSON.stringify(tables, (_, v) => (typeof v === "bigint" ? String(v) : v)).toLowerCase()}`;
}

const output = mkdtempSync(join(tmpdir(), "workbench-public-"));
const exportsDir = mkdtempSync(join(tmpdir(), "workbench-public-exports-"));
let site: StaticSite;
let browser: Browser;

before(async () => {
  cpSync("data", exportsDir, { recursive: true });
  for (const file of readdirSync(exportsDir).filter((f) => f.startsWith("alumni-survey-2024"))) seedIdentities(join(exportsDir, file));
  execFileSync("npm", ["run", "build"], {
    env: { ...process.env, WORKBENCH_DATA: exportsDir, WORKBENCH_BUILD: "public", WORKBENCH_OUTPUT: output },
    stdio: "ignore",
  });
  site = await serveStatic(output, {}, "/funders/outcomes");
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.close();
  rmSync(output, { recursive: true, force: true });
  rmSync(exportsDir, { recursive: true, force: true });
});

test("no name, email, IP address, location or response id from the exports is in any shipped file", async () => {
  const needles = identifyingValues(exportsDir);
  assert.ok(needles.length > 500, `seeded identities found: ${needles.length}`);
  const files = filesUnder(output);
  assert.ok(files.some((f) => f.endsWith(".duckdb")), "the public build ships a database file to check");
  // Emails, IPs, coordinates, ids and full names are distinctive: any occurrence counts. A lone first or last
  // name counts as a whole word only (as a substring, "rian" would match CSS).
  const distinctive = needles.filter((n) => /[\s@\d._]/.test(n));
  const words = needles.filter((n) => !/[\s@\d._]/.test(n));
  for (const file of files) {
    const text = await shippedText(file);
    const tokens = new Set(text.split(/[^\p{L}'-]+/u));
    const found = [...distinctive.filter((needle) => text.includes(needle)), ...words.filter((word) => tokens.has(word))];
    assert.deepEqual(found.slice(0, 5), [], relative(output, file));
  }
  const quotes = files.find((f) => /quotes\.[0-9a-f]+\.json$/.test(f))!;
  assert.match(readFileSync(quotes, "utf8"), /\[name\].*\[email\].*\[organisation\]/, "seeded quotes are shipped masked");
});

test("only the public pages and the allow-listed columns are shipped", async () => {
  const pages = readdirSync(output).filter((f) => f.endsWith(".html")).map((f) => f.replace(/\.html$/, "")).sort();
  assert.deepEqual(pages, [...publicPages].sort());
  const databases = filesUnder(output).filter((f) => f.endsWith(".duckdb"));
  assert.equal(databases.length, 1);
  const tables = await readSiteDatabase(databases[0]);
  assert.deepEqual(Object.keys(tables).sort(), Object.keys(publicColumns).sort());
  for (const [table, { columns }] of Object.entries(tables)) assert.deepEqual([...columns].sort(), [...publicColumns[table as keyof typeof publicColumns]!].sort(), table);
  assert.deepEqual(filesUnder(output).filter((f) => f.endsWith(".parquet")), [], "no clean table ships as Parquet");
});

test("no count under the threshold is shown, and the disclosure auditor can narrow no withheld one", async () => {
  const file = filesUnder(output).find((f) => /indicators\.[0-9a-f]+\.json$/.test(f))!;
  const tables = JSON.parse(readFileSync(file, "utf8")) as IndicatorTables;
  assert.equal(tables.build, "public");
  assert.ok(tables.waves.some((w) => Object.values(tables.reports[w]).some((r) => r.indicators.some((f) => f.suppressed))), "the sample has small cells to withhold");
  assert.deepEqual((await auditTables(tables, tables.minCell)).problems, []);
});

for (const path of publicPages) {
  test(`public /${path} renders under the content security policy, from a sub-path, with no outside requests`, async () => {
    const { page, externalRequests, errors } = await openWatchedPage(browser);
    await page.goto(`${site.url}/${path === "index" ? "" : `${path}.html`}`);
    await page.locator(".build-label[data-build=public]").waitFor({ timeout: 30_000 });
    if (path !== "voices") await page.waitForFunction(() => document.querySelectorAll("figure.workbench-figure svg, .indicator-card, .simple-table, .indicator-definition").length > 0, null, { timeout: 60_000 });
    else await page.locator(".quote").first().waitFor({ timeout: 30_000 });
    assert.ok(await page.locator('meta[http-equiv="Content-Security-Policy"]').count(), "the page carries its CSP");
    assert.deepEqual(externalRequests, []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}

test("public: every sidebar and pager link opens a shipped page on a plain file server, and no link points elsewhere", async () => {
  const { visited, problems } = await brokenLinks(browser, `${site.url}/`);
  assert.equal(visited.length >= publicPages.length - 1, true, `links walked: ${visited.join(" ")}`);
  assert.deepEqual(problems, []);
});

for (const path of publicPages) {
  test(`public /${path}: no Plot warning, no serious accessibility violation, nothing too wide at 390px`, async () => {
    assert.deepEqual(await pageProblems(browser, `${site.url}/${path}.html`), []);
  });
}
