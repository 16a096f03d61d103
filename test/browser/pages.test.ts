// Every page renders from the built site with the sample data: charts present, no console errors,
// nothing fetched from outside; the overview's figures equal the indicators command's output.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { openWatchedPage } from "./chromium.js";
import { useBuiltSite } from "./site.js";

const site = useBuiltSite();

const pages: { path: string; figures: number; text: RegExp }[] = [
  { path: "", figures: 1, text: /in-scope respondents/ },
  { path: "cohorts", figures: 1, text: /Published alignment research/ },
  { path: "cohorts?view=options&question=connections&by=stream", figures: 1, text: /Research collaborator/ },
  { path: "trends", figures: 3, text: /can and cannot support/ },
  { path: "weighting", figures: 1, text: /design effect/ },
  { path: "elements", figures: 1, text: /Mentorship/ },
  { path: "applicants", figures: 2, text: /Share of applicants/ },
  { path: "data-quality", figures: 1, text: /Rows excluded/ },
  { path: "voices", figures: 0, text: /quotable answers shown/ },
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
