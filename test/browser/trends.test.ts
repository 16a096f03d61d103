// One answer everywhere: the Trends page, `npm run trends` and the Overview say the same thing on the sample,
// the Trends page draws without DuckDB-WASM, and its charts carry no Plot warnings at phone or desktop width.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { openWatchedPage } from "./chromium.js";
import { useBuiltSite } from "./site.js";

const site = useBuiltSite();
const cli = JSON.parse(execFileSync("npx", ["tsx", "scripts/trends.ts", "--data", "data", "--wave", "2025", "--json"], { encoding: "utf8" }));

for (const width of [1280, 390]) {
  test(`at ${width} px the Trends page states the command's verdict first, with no Plot warnings and no database`, async () => {
    const { page, errors, externalRequests } = await openWatchedPage(site.browser, { width });
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(`${site.url}/trends.html`);
    await page.waitForFunction(() => document.querySelectorAll("figure.workbench-figure svg").length >= 3, undefined, { timeout: 60_000 });
    assert.equal((await page.locator("#verdict .verdict-sentence").innerText()).trim(), cli.verdict_sentence);
    const svgText = await page.locator("figure.workbench-figure svg").evaluateAll((svgs) => svgs.map((s) => s.textContent ?? "").join(" "));
    assert.ok(!svgText.includes("⚠"), "a Plot warning is drawn in a chart");
    assert.ok(!requests.some((url) => /duckdb/i.test(url)), "the Trends page fetched DuckDB");
    const overflow = await page.evaluate(() => document.querySelector("main")!.scrollWidth - document.querySelector("main")!.clientWidth);
    assert.ok(overflow <= 1, `the page is ${overflow} px wider than the screen`);
    assert.deepEqual(externalRequests, []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}

test("the Overview shows the command's wave-over-wave change and verdict", async () => {
  const { page, errors } = await openWatchedPage(site.browser);
  await page.goto(`${site.url}/`);
  const text = await page.locator("#wave-change").innerText({ timeout: 30_000 });
  const change = cli.wave_change;
  const signed = (x: number) => `${x < 0 ? "−" : "+"}${Math.abs(Math.round(x * 100))}`;
  assert.ok(text.includes(`${signed(change.difference)} points (95% interval ${signed(change.ci95[0])} to ${signed(change.ci95[1])})`), text);
  assert.ok(text.includes(cli.verdict_sentence), text);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("weighting and the 2024 wave: the verdict follows the toggle, and a wave without start dates says whose figures are shown", async () => {
  const { page, errors } = await openWatchedPage(site.browser);
  await page.goto(`${site.url}/trends.html`);
  const verdict = page.locator("#verdict .verdict-sentence");
  await verdict.waitFor({ timeout: 30_000 });
  await page.getByLabel(/Weight to the roster/).check();
  await page.waitForFunction(() => /0\.40 per later cohort/.test(document.querySelector("#verdict .verdict-sentence")?.textContent ?? ""), undefined, { timeout: 10_000 });
  await page.getByLabel("2024").check();
  await page.getByText(/The 2024 wave did not ask when the current role started/).waitFor({ timeout: 10_000 });
  assert.deepEqual(errors, []);
  await page.context().close();
});
