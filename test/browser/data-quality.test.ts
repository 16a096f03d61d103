// The Data quality page draws its counts and first chart from build-time figures, with DuckDB-WASM blocked, at phone
// and desktop width; the engine is fetched only when an analyst asks for the row-by-row list.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openWatchedPage } from "./chromium.js";
import { useBuiltSite } from "./site.js";

const site = useBuiltSite();

for (const width of [1280, 390]) {
  test(`at ${width} px Data quality draws its first chart with DuckDB-WASM blocked, and never asks for it`, async () => {
    const { page, errors, externalRequests } = await openWatchedPage(site.browser, { width });
    const engine: string[] = [];
    // Registered after the watcher's route, so it wins: any DuckDB file fails as if the network were down.
    await page.route(/duckdb/i, (route) => {
      engine.push(route.request().url());
      return route.abort("blockedbyclient");
    });
    await page.goto(`${site.url}/data-quality.html`);
    await page.waitForFunction(() => document.querySelectorAll("figure.workbench-figure svg").length >= 1, undefined, { timeout: 60_000 });
    assert.match(await page.locator("figure.workbench-figure h3").first().innerText(), /most common reason/);
    const cards = await page.locator(".card .big").allInnerTexts();
    const [rowsIn, kept, excluded] = cards.map((text) => Number(text.replace(/,/g, "")));
    assert.ok(rowsIn > 0 && kept + excluded === rowsIn, `rows in ${rowsIn} = kept ${kept} + excluded ${excluded}`);
    assert.ok(await page.locator(".simple-table").count() >= 2, "the files and the flags are tabled");
    assert.deepEqual(engine, [], "Data quality requested DuckDB before anyone asked for the row list");
    assert.deepEqual(externalRequests, []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}

test("the row-by-row list loads DuckDB-WASM only when asked for, and lists every excluded row", async () => {
  const { page, errors } = await openWatchedPage(site.browser);
  const engine: string[] = [];
  page.on("request", (request) => /duckdb/i.test(request.url()) && engine.push(request.url()));
  await page.goto(`${site.url}/data-quality.html`);
  await page.locator("figure.workbench-figure svg").first().waitFor({ timeout: 60_000 });
  const excluded = Number((await page.locator(".card .big").nth(2).innerText()).replace(/,/g, ""));
  assert.equal(engine.length, 0, "DuckDB was requested before the button was pressed");
  await page.getByRole("button", { name: /Show every excluded row/ }).click();
  await page.locator(".excluded-rows table tbody tr").first().waitFor({ timeout: 60_000 });
  assert.ok(engine.some((url) => url.endsWith(".wasm")), "the drill-down fetched the engine");
  assert.match(await page.locator(".excluded-rows").innerText(), new RegExp(`${excluded} excluded rows, by export file and line`));
  assert.deepEqual(errors, []);
  await page.context().close();
});
