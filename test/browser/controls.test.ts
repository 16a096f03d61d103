// Pages with controls show only what the controls say, and the URL they write reproduces exactly that view:
// the Cohorts page is walked through its views, slicings, waves and a filter by clicking its controls, and each
// URL is opened afresh and compared; the wave chosen on one page carries to the next through the links.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { openWatchedPage } from "./chromium.js";
import { useBuiltSite } from "./site.js";

const site = useBuiltSite();

/** What the page shows below its controls, in words: which views are on screen and what their captions say. */
async function shown(page: Page): Promise<string> {
  let last = "";
  for (let stable = 0, tries = 0; stable < 3 && tries < 200; tries++) {
    await page.waitForTimeout(100);
    const now = await page.evaluate(() => {
      const main = document.querySelector("main")!;
      const parts = [...main.querySelectorAll(".workbench-figure, .crosstab, .options-view > form, .share-bars")].map((node) => {
        const kind = node.classList.contains("share-bars") ? "share-bars" : node.classList.contains("crosstab") ? "crosstab" : node.tagName === "FORM" ? "options-table" : "figure";
        const text = [...node.querySelectorAll(":scope > h3, :scope > .subtitle, :scope > p, figcaption .figure-note, thead")].map((e) => e.textContent!.trim()).join(" | ");
        return `${kind}: ${kind === "share-bars" ? node.querySelectorAll("rect").length + " bars" : text}`;
      });
      const pending = main.querySelector(".workbench-figure:not(:has(svg))") !== null;
      return pending ? "" : parts.join("\n");
    });
    stable = now && now === last ? stable + 1 : 0;
    last = now;
  }
  return last;
}

const control = (page: Page, label: string) => page.locator("main form").filter({ has: page.getByText(label, { exact: true }) }).first();

async function choose(page: Page, label: string, option: string): Promise<void> {
  const form = control(page, label);
  if (await form.locator("select").count()) await form.locator("select").selectOption({ label: option });
  else await form.getByLabel(option, { exact: true }).check();
}

/** The option a select or radio control shows as chosen, by its label. */
async function chosen(page: Page, label: string): Promise<string> {
  return control(page, label).evaluate((form) => {
    const select = form.querySelector("select");
    if (select) return select.selectedOptions[0]?.textContent ?? "";
    return form.querySelector("input:checked")?.closest("label")?.textContent?.trim() ?? "";
  });
}

test("Cohorts: every view × slicing × wave × filter shows only its own chart, and its URL reproduces it", async () => {
  const { page, externalRequests, errors } = await openWatchedPage(site.browser);
  const { page: fresh } = await openWatchedPage(site.browser);
  await page.goto(`${site.url}/cohorts.html`);
  await page.locator("main figure.workbench-figure svg").first().waitFor({ timeout: 30_000 });
  const streams = await page.locator("main form").filter({ hasText: "Only streams" }).locator("label:has(input)").allInnerTexts();
  const stream = streams[0].trim();
  let combinations = 0;
  for (const [viewLabel, kind] of [["Select-all options", "options"], ["Crosstab (counts)", "crosstab"], ["Bars by group", "bars"]]) {
    await choose(page, "View", viewLabel);
    for (const slice of ["Cohort", "Survey wave"]) {
      await choose(page, "Slice by", slice);
      for (const wave of ["2025", "2024"]) {
        await choose(page, "Wave", wave);
        for (const filtered of [false, true]) {
          const box = page.locator("main form").filter({ hasText: "Only streams" }).locator("label", { hasText: stream }).locator("input");
          if ((await box.isChecked()) !== filtered) await box.click();
          const view = await shown(page);
          const where = `${kind} by ${slice} ${wave}${filtered ? ` only ${stream}` : ""}`;
          const kinds = view.split("\n").map((line) => line.split(":")[0]);
          if (kind === "bars") assert.deepEqual(kinds, ["figure", "share-bars"], `${where}:\n${view}`);
          if (kind === "crosstab") assert.deepEqual(kinds, ["crosstab"], `${where}:\n${view}`);
          if (kind === "options") assert.deepEqual(kinds, ["figure", "options-table"], `${where}:\n${view}`);
          assert.match(view, slice === "Survey wave" ? /all waves/ : new RegExp(`${wave} wave`), where);
          if (filtered) assert.match(view, new RegExp(`only streams: ${stream}`), where);
          else assert.doesNotMatch(view, /only streams/, where);
          // Only the control that applies to the view is offered.
          assert.equal(await page.locator("main form").filter({ hasText: "Select-all question" }).isVisible(), kind === "options", where);
          assert.equal(await page.locator("main form").filter({ hasText: /^Indicator/ }).isVisible(), kind !== "options", where);
          await fresh.goto(page.url());
          assert.equal(await shown(fresh), view, `${where}: ${page.url()} shows the same view when opened afresh`);
          combinations += 1;
        }
      }
    }
  }
  assert.equal(combinations, 24);
  assert.deepEqual(externalRequests, []);
  assert.deepEqual(errors, []);
  await page.context().close();
  await fresh.context().close();
});

test("the wave chosen on one page carries to the next through the links, and each page's URL reproduces its view", async () => {
  const { page, errors } = await openWatchedPage(site.browser);
  await page.goto(`${site.url}/index.html`);
  await page.locator(".indicator-card").first().waitFor({ timeout: 30_000 });
  await choose(page, "Survey wave", "2025");
  await page.waitForURL(/wave=2025/);
  await page.locator("#observablehq-sidebar a", { hasText: "Outcomes by group" }).click();
  await page.waitForURL(/groups\.html\?.*wave=2025/);
  assert.equal(await chosen(page, "Wave"), "2025");
  await page.locator("#observablehq-sidebar a", { hasText: "Program elements" }).click();
  await page.waitForURL(/elements\.html\?.*wave=2025/);
  assert.equal(await chosen(page, "Wave"), "2025", "Program elements opens on 2025");
  for (const path of ["groups.html?wave=2025&indicator=accepted_offer&by=stream", "applicants.html?interest=All%20cohorts", "elements.html?wave=2025&split=yes", "weighting.html?wave=2025&weighted=no", "voices.html?q=research"]) {
    await page.goto(`${site.url}/${path}`);
    const view = await shown(page);
    const { page: fresh } = await openWatchedPage(site.browser);
    await fresh.goto(page.url());
    assert.equal(await shown(fresh), view, path);
    await fresh.context().close();
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("by keyboard alone: the skip link comes first and lands on the content, and the Cohorts view changes with arrow keys", async () => {
  const { page, errors } = await openWatchedPage(site.browser);
  await page.goto(`${site.url}/cohorts.html`);
  await page.locator("main figure.workbench-figure svg").first().waitFor({ timeout: 30_000 });
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Skip to content");
  await page.keyboard.press("Enter");
  await page.waitForURL(/#observablehq-main$/);
  // The first radio of "View" takes the focus; the right arrow picks the next view, as in any radio group.
  await control(page, "View").getByLabel("Bars by group", { exact: true }).focus();
  await page.keyboard.press("ArrowRight");
  await page.waitForURL(/view=crosstab/);
  assert.match(await shown(page), /^crosstab:/);
  // Each download button says which chart it downloads.
  await page.keyboard.press("ArrowLeft");
  await page.waitForURL(/view=bars/);
  const names = await page.locator("main figure.workbench-figure .downloads button").evaluateAll((buttons) => buttons.map((b) => b.getAttribute("aria-label")));
  assert.ok(names.length === 3 && names.every((name) => /Published alignment research/.test(name ?? "")), names.join(" | "));
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("a chart's SVG and PNG downloads carry its title, its n and the source line", async () => {
  const { page, errors } = await openWatchedPage(site.browser);
  await page.goto(`${site.url}/cohorts.html?view=bars&indicator=published&by=cohort&wave=2024`);
  const figure = page.locator("main figure.workbench-figure").first();
  await figure.locator("svg").first().waitFor({ timeout: 30_000 });
  const title = await figure.locator("h3").innerText();
  const saved = async (format: string) => {
    const [download] = await Promise.all([page.waitForEvent("download"), figure.locator(".downloads button", { hasText: format }).click()]);
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const svg = (await saved("SVG")).toString("utf8");
  const text = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, t]) => t.replaceAll("&amp;", "&")).join(" ");
  for (const word of title.split(/\s+/)) assert.ok(text.includes(word), `the SVG's caption holds the title word ${word}`);
  assert.match(text, /n = \d+ respondents/);
  assert.match(text, /Source: .*cohorts\.html/);
  const png = await saved("PNG");
  assert.equal(png.subarray(1, 4).toString("latin1"), "PNG");
  const chartHeight = (await figure.locator("svg").first().boundingBox())!.height;
  assert.ok(png.readUInt32BE(20) / 2 > chartHeight + 60, "the PNG is taller than the chart: it has room for the caption");
  assert.deepEqual(errors, []);
  await page.context().close();
});
