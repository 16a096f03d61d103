// Checks every page of a build must pass, shared by the analyst and public browser tests: links that open on a
// plain static host, no Plot warning, no serious accessibility violation (axe-core), and a readable phone layout.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { openWatchedPage } from "./chromium.js";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Waits until the page's cells have run: the network is quiet, every figure has drawn its chart, and what the page
 * shows (figures, charts, tables) has stopped changing for a second (DuckDB pages add charts after the network idles).
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle", { timeout: 60_000 });
  let last = "";
  for (let stable = 0, waited = 0; stable < 4 && waited < 60_000; waited += 250) {
    const now = await page.evaluate(() => {
      const figures = [...document.querySelectorAll("figure.workbench-figure")];
      const drawn = figures.every((f) => f.querySelector("svg"));
      const loading = document.querySelector(".database-status[data-state=loading]") !== null;
      return `${figures.length} ${document.querySelectorAll("main svg, main table").length} ${drawn && !loading}`;
    });
    stable = now === last && now.endsWith("true") ? stable + 1 : 0;
    last = now;
    await page.waitForTimeout(250);
  }
}

/**
 * From the home page, clicks every sidebar and pager link (as a reader would) and requests every other link a
 * page holds; returns each link that did not open a page of this site, e.g. "cohorts.html → 404".
 */
export async function brokenLinks(browser: Browser, home: string): Promise<{ visited: string[]; problems: string[] }> {
  const { page, externalRequests, errors } = await openWatchedPage(browser);
  const problems: string[] = [];
  const visited: string[] = [];
  const checked = new Set<string>();
  const origin = new URL(home).origin;
  const base = new URL(".", home).href;
  await page.goto(home);
  const navigation = await page.locator("#observablehq-sidebar a, #observablehq-footer nav a").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
  const queue = [...new Set(navigation)];
  for (const href of queue) {
    await page.goto(home);
    const link = page.locator(`#observablehq-sidebar a[href="${href}"], #observablehq-footer nav a[href="${href}"]`).first();
    const [response] = await Promise.all([page.waitForEvent("response", (r) => r.request().isNavigationRequest()), link.click()]);
    // Links drawn by the page's cells (e.g. the Overview's "See Trends") exist only once its data has arrived.
    await page.waitForLoadState("networkidle");
    visited.push(page.url());
    if (!response.ok()) problems.push(`${href} (clicked) → ${response.status()}`);
    if (!page.url().startsWith(base)) problems.push(`${href} (clicked) left the site's folder: ${page.url()}`);
    // Every link of the page reached (its own pager, links in its text) is requested below.
    for (const other of await page.locator("a[href]").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))) checked.add(other.split("#")[0]);
  }
  for (const url of checked) {
    if (!url.startsWith(origin)) {
      if (/^https?:/.test(url)) problems.push(`${url} links outside the site`);
      continue;
    }
    const status = (await page.request.get(url)).status();
    if (status !== 200) problems.push(`${url.slice(origin.length)} → ${status}`);
  }
  problems.push(...externalRequests.map((r) => `outside request: ${r}`), ...errors.map((e) => `error: ${e}`));
  await page.context().close();
  return { visited, problems };
}

/** Plot draws ⚠ with a <title> "N warnings. Please check the console." into a chart it had to guess about. */
export async function plotWarnings(page: Page): Promise<string[]> {
  return page.locator("svg text > title").evaluateAll((titles) =>
    titles
      .filter((t) => /warnings?\. Please check the console/.test(t.textContent ?? ""))
      .map((t) => `${t.closest("figure")?.querySelector("h3")?.textContent ?? "a chart"}: ${t.textContent}`),
  );
}

/** axe-core's serious and critical violations, as "rule: selector" lines. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugger protocol, so the page's content security policy needs no exception.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({ id: v.id, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return violations.map((v) => `${v.id} (${v.help}): ${v.targets.join(", ")}`);
}

/** At a phone's width: what overflows the viewport sideways, and which charts drew at zero width. */
export async function phoneLayoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const viewport = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > viewport) {
      const wide = [...document.querySelectorAll("main *")]
        .filter((e) => e.getBoundingClientRect().right > viewport + 1 && !e.closest("[data-scrolls]") && getComputedStyle(e).position !== "fixed")
        .slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} (right edge ${Math.round(e.getBoundingClientRect().right)})`);
      problems.push(`page is ${document.documentElement.scrollWidth}px wide in a ${viewport}px viewport: ${wide.join(", ")}`);
    }
    for (const figure of document.querySelectorAll("main figure")) {
      const title = figure.querySelector("h3")?.textContent ?? "a figure";
      if (figure.getBoundingClientRect().width <= 0) problems.push(`${title}: figure has zero width`);
      for (const svg of figure.querySelectorAll("svg")) {
        if (svg.getBoundingClientRect().width <= 0) problems.push(`${title}: chart has zero width`);
      }
    }
    return problems;
  });
}

/** Opens one page at desktop and at phone width and returns everything the checks above found. */
export async function pageProblems(browser: Browser, url: string): Promise<string[]> {
  const problems: string[] = [];
  for (const width of [1280, 390]) {
    const { page, externalRequests, errors } = await openWatchedPage(browser, { width, height: 844 });
    // Plot also says so on the console: "Warning: some data associated with the x scale …".
    const warnings: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "warning" && message.text().startsWith("Warning:")) warnings.push(`console: ${message.text().slice(0, 160)}`);
    });
    await page.goto(url);
    await settle(page);
    if (width === 1280) problems.push(...(await plotWarnings(page)), ...warnings, ...(await seriousAccessibilityViolations(page)));
    else problems.push(...(await phoneLayoutProblems(page)).map((p) => `390px: ${p}`));
    problems.push(...externalRequests.map((r) => `outside request: ${r}`), ...errors.map((e) => `error: ${e}`));
    await page.context().close();
  }
  return problems;
}
