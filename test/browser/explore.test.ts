import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { launchChromium, openWatchedPage } from "./chromium.js";
import { serveStatic, type StaticSite } from "./static-server.js";

let site: StaticSite;
let browser: Browser;

before(async () => {
  site = await serveStatic(process.env.EXPLORE_DIST ?? "dist", {}, "/some/sub/path");
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

const byCohort = "SELECT cohort, count(*) AS respondents FROM respondents GROUP BY cohort ORDER BY cohort";

test("the Explore page runs typed SQL on Ctrl+Enter, draws a table and a chart, and a reload from its link brings the same cells back", async () => {
  const { page, externalRequests, errors } = await openWatchedPage(browser);
  await page.goto(`${site.url}/explore.html`);
  const editor = page.locator(".explore-cell textarea").first();
  await editor.fill(byCohort);
  await editor.press("Control+Enter");
  const first = page.locator(".explore-cell").first();
  await page.locator(".explore-cell:first-child:is([data-state=done], [data-state=failed])").waitFor({ timeout: 60_000 });
  assert.equal(await first.getAttribute("data-state"), "done", await first.locator(".explore-error").innerText());

  const headers = await first.locator(".explore-table th").allInnerTexts();
  assert.deepEqual(headers.map((h) => h.trim()), ["cohort", "respondents"]);
  const rowCount = await first.locator(".explore-table tbody tr").count();
  assert.ok(rowCount >= 2, `expected a row per cohort, got ${rowCount}`);
  assert.match(await first.locator(".explore-status").innerText(), new RegExp(`^${rowCount} rows in \\d+ (ms|s)`));
  // category × number: a bar chart, one bar per cohort.
  assert.match(await first.locator(".explore-chart-kind").inputValue(), /auto/);
  assert.equal(await first.locator(".explore-chart g[aria-label=bar] rect").count(), rowCount);

  // Sorting by the count puts the largest cohort first when clicked twice (descending).
  await first.getByRole("button", { name: "respondents" }).click();
  await first.getByRole("button", { name: "respondents" }).click();
  const counts = (await first.locator(".explore-table tbody td:nth-child(2)").allInnerTexts()).map(Number);
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a));

  // A second cell from a starter question, with its chart switched to a histogram.
  await page.getByRole("button", { name: "Who advanced past first-round interviews, by stream?" }).click();
  const second = page.locator(".explore-cell").nth(1);
  await page.locator(".explore-cell:nth-child(2)[data-state=done]").waitFor({ timeout: 30_000 });
  await second.locator(".explore-chart-kind").selectOption("histogram");
  await second.locator(".explore-chart g[aria-label=rect] rect").first().waitFor();

  // An error is shown in words under the cell that caused it, and the editor selects the spot.
  await page.getByRole("button", { name: "Add cell" }).click();
  const third = page.locator(".explore-cell").nth(2);
  await third.locator("textarea").fill("SELECT cohort\nFROM respondent");
  await third.locator("textarea").press("Control+Enter");
  await page.locator(".explore-cell:nth-child(3)[data-state=failed]").waitFor({ timeout: 30_000 });
  const message = await third.locator(".explore-error").innerText();
  assert.match(message, /does not exist/);
  assert.match(message, /line 2, column 6/);

  // The link holds the notebook: a reload shows the same three cells, re-run in order.
  const link = page.url();
  assert.match(new URL(link).hash, /^#v1\.[A-Za-z0-9_-]+$/);
  const { page: shared, externalRequests: sharedExternal, errors: sharedErrors } = await openWatchedPage(browser);
  await shared.goto(link);
  await shared.locator(".explore-cell:nth-child(2)[data-state=done]").waitFor({ timeout: 60_000 });
  await shared.locator(".explore-cell:nth-child(3)[data-state=failed]").waitFor({ timeout: 30_000 });
  const sqls = await shared.locator(".explore-cell textarea").evaluateAll((areas) => areas.map((a) => (a as HTMLTextAreaElement).value));
  assert.equal(sqls.length, 3);
  assert.equal(sqls[0], byCohort);
  assert.match(sqls[1], /^SELECT stream/);
  assert.equal(sqls[2], "SELECT cohort\nFROM respondent");
  assert.equal(await shared.locator(".explore-cell").nth(1).locator(".explore-chart-kind").inputValue(), "histogram");
  assert.equal(await shared.locator(".explore-cell").first().locator(".explore-chart g[aria-label=bar] rect").count(), rowCount);

  assert.deepEqual([...externalRequests, ...sharedExternal], [], "the page must not reach any host but this one");
  // The failing query is a page state, not a console error.
  assert.deepEqual([...errors, ...sharedErrors], [], "the page logged errors");
});

test("a long query can be cancelled, and the next one runs", async () => {
  const { page, externalRequests, errors } = await openWatchedPage(browser);
  await page.goto(`${site.url}/explore.html`);
  const editor = page.locator(".explore-cell textarea").first();
  await page.locator(".database-status[data-state=ready]").waitFor({ timeout: 60_000 });
  await editor.fill("SELECT sum(a.range * b.range) AS total FROM range(200000) a, range(200000) b");
  await editor.press("Control+Enter");
  await page.locator(".explore-cell[data-state=running]").waitFor();
  await page.waitForTimeout(500);
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.locator(".explore-cell[data-state=cancelled]").waitFor({ timeout: 15_000 });
  assert.match(await page.locator(".explore-status").innerText(), /Cancelled/);
  await editor.fill("SELECT 42 AS answer");
  await editor.press("Control+Enter");
  await page.locator(".explore-cell[data-state=done]").waitFor({ timeout: 15_000 });
  assert.equal(await page.locator(".explore-table tbody td").innerText(), "42");
  assert.deepEqual(externalRequests, []);
  assert.deepEqual(errors, []);
});

test("results are paged 100 rows at a time with the full count kept", async () => {
  const { page, errors } = await openWatchedPage(browser, { width: 390 });
  await page.goto(`${site.url}/explore.html`);
  const editor = page.locator(".explore-cell textarea").first();
  await editor.fill("SELECT range AS i FROM range(250)");
  await editor.press("Control+Enter");
  await page.locator(".explore-cell[data-state=done]").waitFor({ timeout: 60_000 });
  assert.equal(await page.locator(".explore-table tbody tr").count(), 100);
  assert.equal(await page.locator(".explore-row-count").innerText(), "Rows 1–100 of 250");
  await page.getByRole("button", { name: "Next →" }).click();
  await page.getByRole("button", { name: "Next →" }).click();
  assert.equal(await page.locator(".explore-row-count").innerText(), "Rows 201–250 of 250");
  assert.equal(await page.locator(".explore-table tbody tr").count(), 50);
  assert.ok(await page.getByRole("button", { name: "Next →" }).isDisabled());
  // One number: a histogram.
  await page.locator(".explore-chart g[aria-label=rect] rect").first().waitFor();
  assert.deepEqual(errors, []);
});

test("dates and timestamps reach DuckDB-WASM typed, with the values native DuckDB reads from the same database file", async () => {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const { readdirSync } = await import("node:fs");
  const { join } = await import("node:path");
  const dist = process.env.EXPLORE_DIST ?? "dist";
  const folder = join(dist, "_file", "data");
  const file = readdirSync(folder).find((f) => /^clean\.[0-9a-f]{8}\.duckdb$/.test(f))!;
  const sql = `SELECT typeof(submitted_at) AS ts_type, typeof(program_end) AS date_type, min(submitted_at)::VARCHAR AS first_submitted,
  max(program_end)::VARCHAR AS last_end, count(role_start)::INTEGER AS role_starts, min(role_start)::VARCHAR AS first_role FROM respondents GROUP BY ALL`;
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(`ATTACH '${join(folder, file)}' AS clean (READ_ONLY)`);
  await connection.run("CREATE VIEW respondents AS SELECT * FROM clean.respondents");
  const expected = (await (await connection.runAndReadAll(sql)).getRowObjectsJS())[0];
  connection.closeSync();
  instance.closeSync();
  assert.equal(expected.ts_type, "TIMESTAMP");
  assert.equal(expected.date_type, "DATE");

  const { page, externalRequests, errors } = await openWatchedPage(browser);
  await page.goto(`${site.url}/explore.html`);
  const editor = page.locator(".explore-cell textarea").first();
  await editor.fill(sql);
  await editor.press("Control+Enter");
  await page.locator(".explore-cell:first-child:is([data-state=done], [data-state=failed])").waitFor({ timeout: 60_000 });
  const first = page.locator(".explore-cell").first();
  assert.equal(await first.getAttribute("data-state"), "done", await first.locator(".explore-error").innerText());
  const headers = (await first.locator(".explore-table th").allInnerTexts()).map((h) => h.trim());
  const cells = await first.locator(".explore-table tbody tr").first().locator("td").allInnerTexts();
  const shown = Object.fromEntries(headers.map((h, i) => [h, cells[i].trim()]));
  for (const [column, value] of Object.entries(expected)) assert.equal(shown[column], String(value), column);
  assert.deepEqual([externalRequests, errors], [[], []]);
  await page.context().close();
});

/** Runs `sql` in the first cell of a fresh Explore page at `url`; returns the result's header and rows as shown. */
async function explored(url: string, sql: string) {
  const watched = await openWatchedPage(browser);
  const { page } = watched;
  await page.goto(`${url}/explore.html`);
  const editor = page.locator(".explore-cell textarea").first();
  await editor.fill(sql);
  await editor.press("Control+Enter");
  const first = page.locator(".explore-cell").first();
  await page.locator(".explore-cell:first-child:is([data-state=done], [data-state=failed])").waitFor({ timeout: 60_000 });
  assert.equal(await first.getAttribute("data-state"), "done", await first.locator(".explore-error").innerText());
  const shown = [await first.locator(".explore-table th").allInnerTexts(), ...(await first.locator(".explore-table tbody tr").allInnerTexts())];
  // Resources the page's main thread fetched (the worker's own fetches are in the worker's timeline, not here).
  const mainThread = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name));
  return { ...watched, shown, mainThread };
}

test("Explore reads the database file by range requests, in DuckDB's worker, never on the page's main thread", async () => {
  const before = site.ranges.served;
  const { page, shown, mainThread, externalRequests, errors } = await explored(site.url, byCohort);
  assert.ok(shown.length > 2, "a row per cohort");
  assert.ok(site.ranges.served > before, "the worker asked for byte ranges and got them");
  assert.deepEqual(mainThread.filter((name) => /\.duckdb\b/.test(name)), [], "the main thread fetched the database file");
  assert.deepEqual([externalRequests, errors], [[], []]);
  await page.context().close();
});

test("the table list shows each table's size and columns, and a table's example values once it is opened", async () => {
  const { page, externalRequests, errors } = await openWatchedPage(browser);
  await page.goto(`${site.url}/explore.html`);
  const respondents = page.locator(".explore-schema details[data-table=respondents]");
  await respondents.waitFor({ timeout: 60_000 });
  assert.match(await respondents.locator("summary .count").innerText(), /^ [\d,]+ rows$/);
  // The fourth column of respondents (loaders/model.ts).
  const cohort = respondents.locator("tbody tr").nth(3);
  assert.deepEqual([await cohort.locator("td").nth(0).textContent(), await cohort.locator("td").nth(1).textContent()], ["cohort", "varchar"]);
  assert.equal(await cohort.locator("td").nth(2).textContent(), "", "no examples before the table is opened");
  await respondents.locator("summary").click();
  await page.waitForFunction(() => {
    const cell = document.querySelector(".explore-schema details[data-table=respondents] tbody tr:nth-child(4) td:nth-child(3)");
    return cell && cell.textContent !== "" && cell.textContent !== "…";
  });
  assert.match(await cohort.locator("td").nth(2).innerText(), /\S/);
  assert.deepEqual([externalRequests, errors], [[], []]);
  await page.context().close();
});

test("from a host that ignores Range, the worker fetches the database file whole and Explore gives the same answer", async () => {
  const plain = await serveStatic(process.env.EXPLORE_DIST ?? "dist", {}, "/some/sub/path", { ranges: false });
  try {
    const withRanges = await explored(site.url, byCohort);
    const without = await explored(plain.url, byCohort);
    assert.ok(plain.ranges.asked > 0 && plain.ranges.served === 0, "ranges were asked for and ignored");
    assert.deepEqual(without.shown, withRanges.shown);
    assert.deepEqual([without.externalRequests, without.errors, withRanges.errors], [[], [], []]);
    await withRanges.page.context().close();
    await without.page.context().close();
  } finally {
    await plain.close();
  }
});
