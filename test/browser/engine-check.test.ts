import { test } from "node:test";
import assert from "node:assert/strict";
import { openWatchedPage } from "./chromium.js";
import { useBuiltSite } from "./site.js";

const site = useBuiltSite();

test("the engine-check page runs SQL in DuckDB-WASM from the site's own files and draws a chart", async () => {
  const { page, externalRequests, errors } = await openWatchedPage(site.browser);
  await page.goto(`${site.url}/engine-check`);
  // The ```sql block renders a table of the demo Parquet file.
  await page.locator("table td", { hasText: "Summer 2023" }).first().waitFor({ timeout: 30_000 });
  // The Plot chart reacts to the range input.
  const bars = page.locator("svg[class^=plot] rect, svg[class*=plot] g[aria-label=bar] rect");
  await bars.first().waitFor({ timeout: 30_000 });
  assert.equal(await bars.count(), 2);
  await page.locator("input[type=number]").first().fill("25");
  await page.locator("input[type=number]").first().dispatchEvent("input");
  await page.waitForFunction(() => document.querySelectorAll("g[aria-label=bar] rect").length === 1, null, {
    timeout: 10_000,
  });
  assert.match(await page.locator(".database-status").innerText(), /ready/i);
  assert.deepEqual(externalRequests, [], "the page must not reach any host but this one");
  assert.deepEqual(errors, [], "the page logged errors");
});
