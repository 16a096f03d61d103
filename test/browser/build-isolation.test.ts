// The race of issue 12: a preview serving analyst pages (their loaders running) while `npm run build:public` runs.
// Every file the public build ships must be the public one; a killed or failed build must leave the previous
// complete build, never a half-written one, and its work folder is removed at the next start.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import type { Browser } from "playwright-core";
import { checkPublicRelease, filesUnder } from "../../loaders/public-check.js";
import { publicColumns, publicPages } from "../../loaders/public-tables.js";
import { readSiteDatabase } from "../../loaders/site-database.js";
import { launchChromium, openWatchedPage } from "./chromium.js";

const root = join(import.meta.dirname, "..", "..");
const parent = mkdtempSync(join(tmpdir(), "workbench-isolation-"));
const output = join(parent, "dist-public");
let browser: Browser;
let preview: ChildProcess | undefined;
let previewUrl: string;

/** Runs an npm script in its own process group (so the whole build can be killed); resolves with its exit code. */
function npmRun(script: string, env: Record<string, string>): { child: ChildProcess; exit: Promise<number | null>; log: () => string } {
  let log = "";
  const child = spawn("npm", ["run", script], { cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (chunk) => (log += chunk));
  child.stderr!.on("data", (chunk) => (log += chunk));
  return { child, exit: new Promise((resolve) => child.on("close", resolve)), log: () => log };
}

function snapshot(directory: string): Record<string, string> {
  return Object.fromEntries(filesUnder(directory).map((file) => [relative(directory, file), createHash("sha256").update(readFileSync(file)).digest("hex")]));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
  browser = await launchChromium();
  // The analyst loaders must really run while the public build does: start the preview from an empty loader cache.
  rmSync(join(root, "src", ".observablehq", "cache", "data"), { recursive: true, force: true });
  preview = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts"], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  previewUrl = await new Promise<string>((resolve, reject) => {
    let out = "";
    preview!.stdout!.on("data", (chunk) => {
      out += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out.replace(/\x1b\[[0-9;]*m/g, ""));
      if (url) resolve(url[0]);
    });
    preview!.on("close", () => reject(new Error(`the preview stopped: ${out}`)));
  });
});

after(async () => {
  await browser?.close();
  preview?.kill("SIGTERM");
  rmSync(parent, { recursive: true, force: true });
});

test("a public build run while a preview serves analyst pages ships only public files", async () => {
  const build = npmRun("build:public", { WORKBENCH_OUTPUT: output });
  const served: string[] = [];
  for (const path of ["", "groups", "voices"]) {
    const { page } = await openWatchedPage(browser);
    page.on("response", async (response) => {
      if (/\/_file\/data\/(indicators|quotes)\.json/.test(response.url())) served.push(await response.text().catch(() => ""));
    });
    await page.goto(`${previewUrl}${path}`);
    await page.locator(".build-label[data-build=analyst]").waitFor({ timeout: 120_000 });
    if (path === "voices") await page.locator(".quote").first().waitFor({ timeout: 120_000 });
    else await page.locator(".indicator-card, figure.workbench-figure svg").first().waitFor({ timeout: 120_000 });
    await page.context().close();
  }
  assert.ok(served.some((body) => body.includes('"build":"analyst"')), "the preview served analyst figures during the build");
  assert.equal(await build.exit, 0, build.log());

  // Every shipped file, decoded: of a known kind, on the allow-list, the public one.
  assert.deepEqual(await checkPublicRelease(output, { sourceRoot: join(root, "src"), minCell: 5, minQuoteGroup: 10 }), []);
  const files = filesUnder(output).map((file) => relative(output, file));
  const pages = files.filter((f) => !f.includes("/") && f.endsWith(".html")).map((f) => f.slice(0, -5)).sort();
  assert.deepEqual(pages, [...publicPages].sort());
  for (const page of pages) assert.match(readFileSync(join(output, `${page}.html`), "utf8"), /data-build="public"/, page);
  const data = files.filter((f) => f.startsWith("_file/"));
  for (const file of data) {
    const bytes = readFileSync(join(output, file));
    if (file.endsWith(".duckdb")) {
      for (const [table, { columns }] of Object.entries(await readSiteDatabase(join(output, file)))) {
        assert.ok(publicColumns[table as keyof typeof publicColumns], `${file}: no respondent-level table (${table})`);
        assert.deepEqual(columns.filter((c) => !publicColumns[table as keyof typeof publicColumns]!.includes(c)), [], `${file}: ${table}`);
      }
      continue;
    }
    assert.match(file, /^_file\/data\/(indicators|quotes|trends|about|data-quality)\.[0-9a-f]{8}\.json$/, `${file}: only the public JSON and the database file`);
    const json = JSON.parse(bytes.toString("utf8"));
    // The About page's words come from the instrument, not from any build's figures.
    if (file.includes("about")) continue;
    assert.equal(json.build, "public", file);
    if (file.includes("indicators")) assert.equal(json.minCell, 5);
    else if (file.includes("trends")) assert.ok(!("by_wave" in json) && !("like_for_like" in json), "trends: no per-cohort figures");
    else if (file.includes("data-quality")) assert.deepEqual(Object.keys(json).sort(), ["build", "exclusions", "flags", "sources"], "data quality: counts only");
    else {
      assert.equal(json.minGroup, 10, "quotes pooled at twice the threshold");
      // A cohort is named only with at least minGroup quotes (people, once pooling counts them, are fewer still).
      const named = new Map<string, number>();
      for (const quote of json.quotes as { cohort: string }[]) if (!/cohorts$/.test(quote.cohort)) named.set(quote.cohort, (named.get(quote.cohort) ?? 0) + 1);
      for (const [cohort, n] of named) assert.ok(n >= json.minGroup, `${cohort} is named with ${n} quotes`);
    }
  }
  assert.ok(data.some((f) => f.includes("indicators")) && data.some((f) => f.includes("quotes")));
  assert.deepEqual(readdirSync(parent), ["dist-public"], "no work folder is left");
});

test("a public build killed midway leaves the previous complete build; the next start removes its work folder", async () => {
  const published = snapshot(output);
  const build = npmRun("build:public", { WORKBENCH_OUTPUT: output });
  // Wait until Framework is writing the new site inside the work folder, then kill every process of the build.
  const writing = () => readdirSync(parent).some((name) => name.startsWith(".dist-public.build-") && existsSync(join(parent, name, "project", "dist")));
  for (let waited = 0; !writing(); waited += 100) {
    assert.ok(waited < 120_000, `the build never started writing: ${build.log()}`);
    await sleep(100);
  }
  process.kill(-build.child.pid!, "SIGKILL");
  await build.exit;
  assert.deepEqual(snapshot(output), published, "the previous build is intact");
  assert.ok(readdirSync(parent).some((name) => name.startsWith(".dist-public.build-")), "the killed build left its work folder");

  // The next build starts by removing it; this one fails (an export it cannot read) and keeps the previous build too.
  const broken = mkdtempSync(join(tmpdir(), "workbench-broken-exports-"));
  writeFileSync(join(broken, "roster.csv"), "not a roster\n");
  const failed = npmRun("build:public", { WORKBENCH_OUTPUT: output, WORKBENCH_DATA: broken });
  assert.notEqual(await failed.exit, 0);
  assert.deepEqual(snapshot(output), published, "a failed build keeps the previous build");
  assert.deepEqual(readdirSync(parent), ["dist-public"], "no work folder is left, the killed one's included");
  rmSync(broken, { recursive: true, force: true });
});

test("a failed analyst build keeps the previous dist/", async () => {
  const dist = join(parent, "dist");
  mkdirSync(dist);
  writeFileSync(join(dist, "index.html"), "the previous complete build");
  const broken = mkdtempSync(join(tmpdir(), "workbench-broken-exports-"));
  writeFileSync(join(broken, "roster.csv"), "not a roster\n");
  const failed = npmRun("build", { WORKBENCH_OUTPUT: dist, WORKBENCH_DATA: broken, WORKBENCH_BUILD: "analyst" });
  assert.notEqual(await failed.exit, 0);
  assert.equal(readFileSync(join(dist, "index.html"), "utf8"), "the previous complete build");
  assert.deepEqual(readdirSync(dirname(dist)).filter((name) => name.startsWith(".dist.build-")), []);
  rmSync(broken, { recursive: true, force: true });
});

test("no analyst page is left in or written to a public output folder", async () => {
  const legacy = join(parent, "legacy", "dist-public");
  mkdirSync(legacy, { recursive: true });
  writeFileSync(join(legacy, "explore.html"), '<span data-build="analyst"></span>');
  const analyst = npmRun("build", { WORKBENCH_OUTPUT: legacy, WORKBENCH_BUILD: "analyst" });
  assert.notEqual(await analyst.exit, 0);
  assert.match(analyst.log(), /never written to a folder named for the public build/);
  // A public build finds an older dist-public that fails today's check: it goes, even when the new build fails too.
  const broken = mkdtempSync(join(tmpdir(), "workbench-broken-exports-"));
  writeFileSync(join(broken, "roster.csv"), "not a roster\n");
  const failed = npmRun("build:public", { WORKBENCH_OUTPUT: legacy, WORKBENCH_DATA: broken });
  assert.notEqual(await failed.exit, 0);
  assert.match(failed.log(), /explore\.html: not a public page/);
  assert.deepEqual(readdirSync(dirname(legacy)), []);
  rmSync(broken, { recursive: true, force: true });
});
