// "The command line and the pages print the same text for the same figure": the Overview's cards and the Outcomes by
// group bars say, character for character, the share, counts and interval `npm run indicators` prints.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { openWatchedPage } from "./chromium.js";
import { useBuiltSite } from "./site.js";

const site = useBuiltSite();

interface PrintedRow {
  id: string;
  group: string;
  share: string;
  numerator: string;
  denominator: string;
  interval: string;
}

/** The command's aligned table, read back into its cells (columns are two or more spaces apart). */
function printedTable(...args: string[]): PrintedRow[] {
  const text = execFileSync("npx", ["tsx", "scripts/indicators.ts", "--data", "data", ...args], { encoding: "utf8" });
  const pooled = !args.includes("--by");
  return text
    .split("\n")
    .slice(3)
    .filter((line) => line.trim())
    .map((line) => {
      const cells = line.split(/\s{2,}/);
      const [id, group, share, numerator, denominator, interval] = pooled ? [cells[0], "", ...cells.slice(1)] : cells;
      return { id, group, share, numerator, denominator, interval };
    });
}

test("the Overview's cards print each share, count and interval exactly as the indicators command does", async () => {
  const printed = new Map(printedTable("--wave", "2024").map((row) => [row.id, row]));
  const { page, errors } = await openWatchedPage(site.browser);
  await page.goto(`${site.url}/?wave=2024`);
  await page.locator(".indicator-card").first().waitFor({ timeout: 30_000 });
  const cards = await page.locator(".indicator-card").evaluateAll((elements) =>
    elements.map((card) => ({ id: (card as HTMLElement).dataset.indicator!, big: card.querySelector(".big")!.textContent!, count: card.querySelector(".count")!.textContent! })),
  );
  assert.ok(cards.length >= 10, `cards: ${cards.length}`);
  for (const card of cards) {
    const row = printed.get(card.id);
    assert.ok(row, `${card.id} is printed by the command`);
    assert.equal(card.big, row.share, card.id);
    assert.equal(card.count, `${row.numerator} of ${row.denominator} · 95% CI ${row.interval}`, card.id);
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("Outcomes by group labels each bar with the command's share and counts, and its interval in the command's words", async () => {
  const rows = printedTable("--wave", "2024", "--by", "cohort").filter((row) => row.id === "published");
  assert.ok(rows.length >= 3, `groups printed: ${rows.length}`);
  const { page, errors } = await openWatchedPage(site.browser);
  await page.goto(`${site.url}/groups.html?wave=2024&indicator=published&by=cohort`);
  await page.waitForFunction(() => document.querySelectorAll("svg.share-bars g rect").length > 0, undefined, { timeout: 30_000 });
  const bars = new Map(
    await page.evaluate(() =>
      // A bar's group: its first text is the group's name, its last the share and counts.
      [...document.querySelectorAll("svg.share-bars g")].map((g) => [
        g.querySelector("text")?.textContent ?? "",
        { label: [...g.querySelectorAll("text")].at(-1)?.textContent ?? "", title: g.querySelector("title")?.textContent ?? "" },
      ] as const),
    ),
  );
  for (const row of rows) {
    const bar = bars.get(row.group);
    assert.ok(bar, `a bar for ${row.group}`);
    assert.equal(bar.label, `${row.share}  (${row.numerator}/${row.denominator})`, row.group);
    assert.ok(bar.title.endsWith(`\n95% CI ${row.interval}`), `${row.group}: ${bar.title}`);
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});
