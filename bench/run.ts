// The speed benchmark: one command, every scale, results written to bench/RESULTS.md (and bench/results.json).
//
//   npm run bench -- [--scales 1000,100000,1000000] [--runs 20]
//
// For each scale (wave-2024 respondents of the sample generator) it generates the exports (cached in
// bench/tmp/), measures the loaders in a fresh process (time, peak memory), builds the analyst site from a
// copy of the project (time, dist/ size), then, in headless Chromium on localhost with every outside request
// blocked: the Overview and Cohorts pages' cold time to first chart (a fresh browser context per run), the
// bytes the Overview fetched before its first chart, the Cohorts page's time from a filter click to the
// redrawn chart, and the Explore page's group-by times. Each browser figure sits beside a baseline measured in
// the same run: the same question answered by Arquero over the same rows, loaded from an Arrow IPC file.
// Scales not re-run keep their earlier results in the file (each row says when it was measured).
import { execFileSync, execSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem, release, platform } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Browser, Page } from "playwright-core";
import { launchChromium, openWatchedPage } from "../test/browser/chromium.js";
import { timeExploreRun } from "./explore-run.js";
import { serveStatic, type StaticSite } from "../test/browser/static-server.js";
import { writeArrowFiles } from "./arrow-files.js";
import { baselineFigures, writeBaselinePage, type BaselineFigures } from "./baseline.js";
import { renderResults, type ScaleResult, type Results } from "./results.js";
import { exploreColdLoads, otherPageLoads, summary, type Summary } from "./stats.js";
import { runMeasured } from "./process-memory.js";

const { values } = parseArgs({
  options: {
    scales: { type: "string", default: "1000,100000,1000000" },
    runs: { type: "string", default: "20" },
    seed: { type: "string", default: "2024" },
  },
});
const root = resolve(".");
const work = join(root, "bench", "tmp");
const runs = Number(values.runs);
const resultsJson = join(root, "bench", "results.json");
const resultsMd = join(root, "bench", "RESULTS.md");

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function folderBytes(path: string): number {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : statSync(full).size;
  }
  return total;
}

/** Sample exports for `respondents`, generated once per scale and seed. */
function ensureData(respondents: number): { dir: string; generateSeconds: number | null } {
  const dir = join(work, `data-${respondents}-${values.seed}`);
  const done = join(dir, ".complete");
  if (existsSync(done)) return { dir, generateSeconds: null };
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  execFileSync(process.execPath, ["--import", "tsx", "scripts/generate-sample.ts", "--out", dir, "--respondents", String(respondents), "--seed", values.seed!], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  writeFileSync(done, "");
  return { dir, generateSeconds: (performance.now() - started) / 1000 };
}

/** What the loaders' measure gives: the results' figures of it, every one present. */
type LoaderFigures = Required<ScaleResult["loaders"]>;

/** The loaders (exports → clean Parquet) in a fresh process, so peak memory is theirs alone. */
function measureLoaders(dataDir: string): LoaderFigures {
  const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/measure-loaders.ts", "--data", dataDir, "--json"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 24,
  });
  const m = JSON.parse(out) as Record<string, number>;
  return { seconds: m.seconds, cpuSeconds: m.cpuSeconds, peakRssMB: m.peakRssMB, inputMB: m.inputMB, inputRows: m.inputRows, outputMB: m.outputMB };
}

/** Builds the analyst site from `dataDir` in a copy of the project (a cold loader cache), into bench/tmp/dist-N. */
async function buildSite(dataDir: string, respondents: number): Promise<{ dist: string; seconds: number; cpuSeconds: number; peakRssMB: number }> {
  const dist = join(work, `dist-${respondents}`);
  const tree = join(work, `tree-${respondents}`);
  rmSync(dist, { recursive: true, force: true });
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  for (const part of ["src", "loaders", "scripts", "observablehq.config.ts", "package.json", "tsconfig.json"]) {
    cpSync(join(root, part), join(tree, part), { recursive: true, filter: (path) => !path.includes(".observablehq") });
  }
  // The instrument the project ships (data/instrument.json) is read when the exports folder has none of its own.
  mkdirSync(join(tree, "data"));
  for (const file of ["instrument.json", "instrument.schema.json"]) cpSync(join(root, "data", file), join(tree, "data", file));
  symlinkSync(join(root, "node_modules"), join(tree, "node_modules"));
  const { seconds, cpuSeconds, peakRssMB } = await runMeasured("npm run build", {
    cwd: tree,
    env: { ...process.env, WORKBENCH_DATA: dataDir, WORKBENCH_OUTPUT: dist, WORKBENCH_BUILD: "analyst" },
  });
  rmSync(tree, { recursive: true, force: true });
  return { dist, seconds, cpuSeconds, peakRssMB };
}

/** tsx compiles with esbuild's keepNames, so functions passed to page.evaluate call a `__name` helper. */
export const keepNamesShim = "window.__name = (f) => f";

/** Marks, in page time (ms since navigation), when the first element matching each selector appeared. */
const firstSeenScript = (chart: string) => `(() => {
  const wanted = ${JSON.stringify({ chart, card: ".indicator-card" })};
  const seen = (window.__firstSeen = {});
  const check = () => {
    for (const [name, selector] of Object.entries(wanted)) if (!(name in seen) && document.querySelector(selector)) seen[name] = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();`;

interface ColdLoad {
  chart: number;
  card?: number;
  bytesBeforeChart: Record<string, number>;
  wasmFetched: boolean;
  wasmBeforeChart: boolean;
}

/** What counts as a page's first view: its first chart, or for the pages without one, their first content. */
const firstViews: Record<string, string> = { "voices.html": ".quote", "about.html": ".indicator-definition" };
const chartSelector = ".workbench-figure svg";

async function coldLoad(browser: Browser, url: string, selector = chartSelector): Promise<ColdLoad> {
  const { page, externalRequests, errors } = await openWatchedPage(browser);
  await page.addInitScript(firstSeenScript(selector));
  const responses: { type: string; bytes: number; at: number }[] = [];
  page.on("response", async (response) => {
    const at = Date.now();
    const body = await response.body().catch(() => Buffer.alloc(0));
    const path = new URL(response.url()).pathname;
    const type = path.endsWith(".wasm") ? "wasm" : path.endsWith(".js") ? "js" : path.endsWith(".css") ? "css" : /\.(json|parquet|csv|arrow|duckdb)$/.test(path) ? "data" : "html";
    responses.push({ type, bytes: body.length, at });
  });
  const navigationStarted = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => "chart" in (window as unknown as { __firstSeen: object }).__firstSeen, null, { timeout: 600_000, polling: 20 });
  const seen = (await page.evaluate(() => (window as unknown as { __firstSeen: Record<string, number> }).__firstSeen)) as Record<string, number>;
  await page.waitForLoadState("networkidle");
  const chartAt = navigationStarted + seen.chart;
  const bytesBeforeChart: Record<string, number> = {};
  for (const r of responses) if (r.at <= chartAt + 50) bytesBeforeChart[r.type] = (bytesBeforeChart[r.type] ?? 0) + r.bytes;
  const wasmFetched = responses.some((r) => r.type === "wasm");
  const wasmBeforeChart = responses.some((r) => r.type === "wasm" && r.at <= chartAt);
  if (externalRequests.length || errors.length) throw new Error(`${url}: outside requests ${externalRequests.join(" ")}; errors ${errors.join(" ")}`);
  await page.context().close();
  return { chart: seen.chart, card: seen.card, bytesBeforeChart, wasmFetched, wasmBeforeChart };
}

type ColdFigures = { chart: Summary; card: Summary | null; bytes: Record<string, number>; wasmFetched: boolean; wasmBeforeChart: boolean };

async function coldLoads(browser: Browser, url: string, count = runs, selector = chartSelector): Promise<ColdFigures> {
  const loads: ColdLoad[] = [];
  for (let run = 0; run < count; run += 1) loads.push(await coldLoad(browser, url, selector));
  const cards = loads.map((l) => l.card).filter((c): c is number => c !== undefined);
  return {
    chart: summary(loads.map((l) => l.chart)),
    card: cards.length ? summary(cards) : null,
    bytes: loads[0].bytesBeforeChart,
    wasmFetched: loads.some((l) => l.wasmFetched),
    wasmBeforeChart: loads.some((l) => l.wasmBeforeChart),
  };
}

/** Every other page of the menu (Explore aside, measured on its own), cold: its first view, and whether DuckDB came first. */
async function otherPages(browser: Browser, site: StaticSite, dist: string): Promise<Record<string, ColdFigures>> {
  const measured: Record<string, ColdFigures> = {};
  const skip = new Set(["index.html", "cohorts.html", "explore.html", "example-question.html", "404.html"]);
  const pages = readdirSync(dist).filter((f) => f.endsWith(".html") && !skip.has(f)).sort();
  for (const file of pages) {
    log(`${file}, cold ×${otherPageLoads(runs)}`);
    measured[file.slice(0, -".html".length)] = await coldLoads(browser, `${site.url}/${file}`, otherPageLoads(runs), firstViews[file] ?? chartSelector);
  }
  return measured;
}

/**
 * The filter states both sides step through: one stream ticked, none, the next stream ticked, none, …
 * The page reaches each state by clicking the stream that changed; the baseline runs its group-by for each.
 */
export function filterSequence(streams: readonly string[], count: number): string[][] {
  return Array.from({ length: count }, (_, i) => (i % 2 === 0 ? [streams[(i / 2) % streams.length]] : []));
}

/**
 * Clicks a stream checkbox on the Cohorts page and times the click to the redrawn chart on screen.
 * - Before each click the page idles 100–200 ms, as between a reader's clicks, so clicks land at any point
 *   of the frame cycle. Clicking right after the previous measurement's frame would always wait a whole frame.
 * - The end is the first task after the chart's SVG is inserted. The page inserts it inside a rendering
 *   update (the runtime computes in an animation frame, `resize` draws in a ResizeObserver callback), and a
 *   task runs only after that update has painted. A trace showed this task within about 1 ms of the frame's
 *   commit. The next animation frame would add up to a whole idle frame.
 */
async function filterChanges(page: Page): Promise<{ times: Summary; streams: string[] }> {
  const streams = await page.evaluate(() => {
    const form = [...document.querySelectorAll("form")].find((f) => f.textContent?.includes("Only streams"));
    return [...(form?.querySelectorAll("label:has(input)") ?? [])].map((l) => l.textContent!.trim());
  });
  if (streams.length === 0) throw new Error("cohorts: no stream checkboxes");
  await page.evaluate(keepNamesShim);
  const times: number[] = [];
  const sequence = filterSequence(streams, runs + 2);
  for (let i = 0; i < sequence.length; i += 1) {
    const previous = i === 0 ? [] : sequence[i - 1];
    const stream = [...sequence[i], ...previous].find((s) => sequence[i].includes(s) !== previous.includes(s))!;
    const elapsed = await page.evaluate(async (label) => {
      const form = [...document.querySelectorAll("form")].find((f) => f.textContent?.includes("Only streams"));
      const input = [...(form?.querySelectorAll("label") ?? [])].find((l) => l.textContent?.trim() === label)?.querySelector("input");
      if (!input) throw new Error(`no checkbox for ${label}`);
      const before = document.querySelector(".workbench-figure svg");
      await new Promise((idle) => setTimeout(idle, 100 + Math.random() * 100));
      const started = performance.now();
      input.click();
      await new Promise<void>((done) => {
        const check = () => {
          const now = document.querySelector(".workbench-figure svg");
          if (now && now !== before) {
            observer.disconnect();
            const channel = new MessageChannel();
            channel.port1.onmessage = () => done();
            channel.port2.postMessage(null);
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true });
      });
      return performance.now() - started;
    }, stream);
    // The first tick and untick warm the page's code paths; the rest are measured.
    if (i >= 2) times.push(elapsed);
  }
  return { times: summary(times), streams };
}

const exploreQueries = {
  respondents: `SELECT cohort, stream, count(*) AS respondents,
  avg(CASE WHEN advanced = 'Yes' THEN 1 ELSE 0 END) AS share_advanced
FROM respondents GROUP BY cohort, stream ORDER BY respondents DESC`,
  selections: `SELECT question, option, count(*) AS selections
FROM selections GROUP BY question, option ORDER BY selections DESC`,
};

interface ExploreFigures {
  ready: number;
  /** First run, from the key press to the result drawn (table and chart). */
  first: Record<string, number>;
  /** First run, the query alone: from the statement's start to its rows in the page, the blocks it reads fetched (respondents: the median of `firstQueries`). */
  firstQuery: Record<string, number>;
  /** The respondents query's first run on each of several fresh pages. */
  firstQueries: number[];
  warm: Record<string, Summary>;
  /** Queries that could not be measured, with the reason. */
  failed?: Record<string, string>;
}

/** A fresh page of Explore, its database ready (and how long that took), with its first cell's editor and cell. */
async function openExplore(browser: Browser, site: StaticSite) {
  const watched = await openWatchedPage(browser);
  const { page } = watched;
  const started = performance.now();
  await page.goto(`${site.url}/explore.html`);
  await page.locator(".database-status[data-state=ready]").waitFor({ timeout: 600_000 });
  const ready = performance.now() - started;
  await page.evaluate(keepNamesShim);
  return { ...watched, ready, editor: page.locator(".explore-cell textarea").first(), cell: page.locator(".explore-cell").first() };
}

/** The respondents query's first run on each of `exploreColdLoads` fresh pages, the query alone (to its rows). */
async function exploreFirstQueries(browser: Browser, site: StaticSite): Promise<number[]> {
  const times: number[] = [];
  for (let load = 0; load < exploreColdLoads; load += 1) {
    const { page, editor, cell, externalRequests, errors } = await openExplore(browser, site);
    await editor.fill(exploreQueries.respondents);
    times.push((await timeExploreRun(page, editor, cell, 600_000)).query);
    if (externalRequests.length || errors.length) throw new Error(`explore: outside requests ${externalRequests.join(" ")}; errors ${errors.join(" ")}`);
    await page.context().close();
  }
  return times;
}

async function explore(browser: Browser, site: StaticSite): Promise<ExploreFigures> {
  const firstQueries = await exploreFirstQueries(browser, site);
  const { page, ready, editor, cell, externalRequests, errors } = await openExplore(browser, site);
  const first: Record<string, number> = {};
  const firstQuery: Record<string, number> = {};
  const warm: Record<string, Summary> = {};
  const failed: Record<string, string> = {};
  for (const [name, sql] of Object.entries(exploreQueries)) {
    try {
      await editor.fill(sql);
      const times: number[] = [];
      for (let run = 0; run < Math.max(5, Math.round(runs / 2)) + 1; run += 1) {
        const { drawn, query } = await timeExploreRun(page, editor, cell, 600_000);
        if (run === 0) firstQuery[name] = query;
        times.push(drawn);
      }
      first[name] = times[0];
      warm[name] = summary(times.slice(1));
    } catch (error) {
      // At the largest scales the tab can run out of memory loading a table: record it and go on.
      failed[name] = String((error as Error).message ?? error).split("\n")[0].slice(0, 200);
      log(`explore ${name} failed: ${failed[name]}`);
    }
  }
  await page.context().close().catch(() => undefined);
  // The respondents query's first run: the median of the fresh pages'.
  firstQuery.respondents = summary(firstQueries).median;
  const figures = { ready, first, firstQuery, firstQueries, warm };
  if (Object.keys(failed).length) return { ...figures, failed };
  if (externalRequests.length || errors.length) throw new Error(`explore: outside requests ${externalRequests.join(" ")}; errors ${errors.join(" ")}`);
  return figures;
}

async function measureScale(browser: Browser, respondents: number): Promise<ScaleResult> {
  log(`${respondents.toLocaleString("en")} respondents: exports`);
  const data = ensureData(respondents);
  log(`loaders`);
  const loaders = measureLoaders(data.dir);
  log(`loaders: ${loaders.seconds.toFixed(1)} s, ${loaders.peakRssMB.toFixed(0)} MB peak; building the site`);
  const build = await buildSite(data.dir, respondents);
  const distBytes = folderBytes(build.dist);
  const duckdbBytes = readdirSync(join(build.dist, "_node"), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /duckdb/.test(join(e.parentPath ?? "", e.name)))
    .reduce((sum, e) => sum + statSync(join(e.parentPath ?? "", e.name)).size, 0);
  log(`built in ${build.seconds.toFixed(0)} s; Arrow files for the baseline`);
  const arrowDir = join(work, `arrow-${respondents}`);
  const arrow = await writeArrowFiles(join(build.dist, "_file", "data"), arrowDir, log);
  writeBaselinePage(arrowDir);
  const site = await serveStatic(build.dist);
  const baselineSite = await serveStatic(arrowDir);
  try {
    log(`overview, cold ×${runs}`);
    const overview = await coldLoads(browser, `${site.url}/`);
    log(`cohorts, cold ×${runs}`);
    const cohorts = await coldLoads(browser, `${site.url}/cohorts.html`);
    const pages = await otherPages(browser, site, build.dist);
    log(`cohorts, filter changes ×${runs}`);
    const { page } = await openWatchedPage(browser);
    await page.goto(`${site.url}/cohorts.html`);
    await page.locator(".workbench-figure svg").first().waitFor({ timeout: 600_000 });
    const filters = await filterChanges(page);
    await page.context().close();
    log(`explore`);
    const explored = await explore(browser, site);
    log(`Arquero baseline`);
    const baseline: BaselineFigures = await baselineFigures(browser, baselineSite.url, { runs, sequence: filterSequence(filters.streams, runs + 2).slice(2), exploreRuns: Math.max(5, Math.round(runs / 2)) });
    return {
      respondents,
      measuredAt: new Date().toISOString(),
      inputMB: loaders.inputMB,
      inputRows: loaders.inputRows,
      generateSeconds: data.generateSeconds,
      loaders,
      buildSeconds: build.seconds,
      buildCpuSeconds: build.cpuSeconds,
      buildPeakRssMB: build.peakRssMB,
      distMB: distBytes / 1e6,
      duckdbMB: duckdbBytes / 1e6,
      arrowMB: arrow.bytes / 1e6,
      rows: arrow.rows,
      overview,
      cohorts,
      pages,
      filterChange: filters.times,
      explore: explored,
      baseline,
    };
  } finally {
    await site.close();
    await baselineSite.close();
  }
}

const previous: Results | null = existsSync(resultsJson) ? (JSON.parse(readFileSync(resultsJson, "utf8")) as Results) : null;
const byScale = new Map((previous?.scales ?? []).map((s) => [s.respondents, s]));
const browser = await launchChromium();
const chromiumVersion = browser.version();

/** Writes what is measured so far, after every scale: a failure at a million respondents keeps the rest. */
function writeResults(): void {
  const results: Results = {
    machine: {
      cpu: `${cpus().length} × ${cpus()[0]?.model ?? "unknown"}`,
      cores: availableParallelism(),
      memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
      os: `${platform()} ${release()}`,
      node: process.version,
      chromium: chromiumVersion,
      commit: execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim(),
    },
    runs,
    scales: [...byScale.values()].sort((a, b) => a.respondents - b.respondents),
  };
  writeFileSync(resultsJson, JSON.stringify(results, null, 2) + "\n");
  writeFileSync(resultsMd, renderResults(results));
  log(`wrote ${resultsMd} and ${resultsJson}`);
}

try {
  for (const scale of values.scales!.split(",").map(Number)) {
    byScale.set(scale, await measureScale(browser, scale));
    writeResults();
  }
} finally {
  await browser.close();
}
