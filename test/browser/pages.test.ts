// Every page renders from the built site (served from a sub-path, no rewrites) with the sample data: charts present,
// no console errors, nothing fetched from outside, every link opens, no Plot warning, no serious accessibility
// violation, nothing overflowing at 390px; the overview's figures equal the indicators command's output.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { openWatchedPage } from "./chromium.js";
import { useBuiltSite } from "./site.js";
import { brokenLinks, pageProblems } from "./site-checks.js";

const site = useBuiltSite();

const pages: { path: string; figures: number; text: RegExp }[] = [
  { path: "", figures: 1, text: /in-scope respondents/ },
  { path: "cohorts.html", figures: 1, text: /Published alignment research/ },
  { path: "cohorts.html?view=options&question=connections&by=stream", figures: 1, text: /Research collaborator/ },
  { path: "trends.html", figures: 3, text: /can and cannot support/ },
  { path: "weighting.html", figures: 1, text: /design effect/ },
  { path: "elements.html", figures: 1, text: /Mentorship/ },
  { path: "applicants.html", figures: 2, text: /Share of applicants/ },
  { path: "data-quality.html", figures: 1, text: /Rows excluded/ },
  { path: "voices.html", figures: 0, text: /quotable answers shown/ },
  // Not in the menu (a worked example linked from the README): a ```sql block run by DuckDB-WASM from the site's own files.
  { path: "example-question.html", figures: 1, text: /advanced past a first round/ },
];

for (const { path, figures, text } of pages) {
  test(`/${path} renders its charts with no errors and no outside requests`, async () => {
    const { page, externalRequests, errors } = await openWatchedPage(site.browser);
    await page.goto(`${site.url}/${path}`);
    if (figures > 0) {
      await page.waitForFunction((n) => document.querySelectorAll("figure.workbench-figure svg").length >= n, figures, { timeout: 60_000 });
    }
    await page.getByText(text).filter({ visible: true }).first().waitFor({ timeout: 60_000 });
    const status = page.locator(".database-status");
    if (await status.count()) assert.notEqual(await status.first().getAttribute("data-state"), "failed");
    for (const title of await page.locator("figure.workbench-figure h3").allInnerTexts()) assert.ok(title.trim().length > 10, `chart title '${title}' states a finding`);
    assert.deepEqual(externalRequests, []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}

test("every sidebar and pager link opens a page of the site on a plain file server, from a sub-path", async () => {
  const { visited, problems } = await brokenLinks(site.browser, `${site.url}/`);
  assert.ok(visited.length >= 9, `sidebar and pager links walked: ${visited.length}`);
  assert.ok(visited.every((url) => /\.html$/.test(new URL(url).pathname)), `links name their file: ${visited.join(" ")}`);
  assert.deepEqual(problems, []);
});

for (const path of readdirSync("dist").filter((f) => f.endsWith(".html")).sort()) {
  test(`/${path}: no Plot warning, no serious accessibility violation, nothing too wide at 390px`, async () => {
    assert.deepEqual(await pageProblems(site.browser, `${site.url}/${path}`), []);
  });
}

test("the overview's cards show exactly the indicators command's figures", async () => {
  const cli = JSON.parse(execFileSync("npx", ["tsx", "scripts/indicators.ts", "--data", "data", "--wave", "2024", "--json"], { encoding: "utf8" }));
  const expected = new Map(cli.indicators.map((f: { id: string }) => [f.id, f]));
  const { page, errors } = await openWatchedPage(site.browser);
  await page.goto(`${site.url}/`);
  await page.locator(".indicator-card").first().waitFor({ timeout: 30_000 });
  const cards = await page.locator(".indicator-card").evaluateAll((elements) =>
    elements.map((card) => ({
      id: (card as HTMLElement).dataset.indicator!,
      share: Number((card.querySelector(".big") as HTMLElement).dataset.share),
      numerator: Number((card.querySelector(".count") as HTMLElement).dataset.numerator),
      denominator: Number((card.querySelector(".count") as HTMLElement).dataset.denominator),
    })),
  );
  assert.ok(cards.length >= 10, `expected the headline cards, got ${cards.length}`);
  for (const card of cards) {
    const figure = expected.get(card.id) as { numerator: number; denominator: number; share: number } | undefined;
    assert.ok(figure, `card ${card.id} is an indicator of the command`);
    assert.deepEqual(
      { numerator: card.numerator, denominator: card.denominator, share: card.share },
      { numerator: figure.numerator, denominator: figure.denominator, share: figure.share },
      card.id,
    );
  }
  const scope = await page.locator("#scope").innerText();
  assert.match(scope, new RegExp(`${cli.respondents} in-scope respondents`));
  assert.deepEqual(errors, []);
  await page.context().close();
});
