// Time from pressing Ctrl+Enter on the Explore page to a drawn result (status, table and chart in the page)
// for a group-by, median of 5 runs in one warm page. Timed inside the page (performance.now() at the key
// press, then at the first animation frame where the cell shows its new result).
// Usage: npm run bench:explore -- [--dist dist] [--runs 5] [--respondents 100000]
//   --respondents N generates N-respondent sample exports into a temporary folder and builds the site from
//   them (WORKBENCH_DATA) into dist-bench-<N>/ first, from a copy of the project so that the large data
//   never lands in the shared loader cache (src/.observablehq/cache), which would then rebuild twice.
import { execSync } from "node:child_process";
import { cpSync, rmSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { launchChromium, openWatchedPage } from "../test/browser/chromium.js";
import { timeExploreRun } from "./explore-run.js";
import { serveStatic } from "../test/browser/static-server.js";

const { values } = parseArgs({
  options: { dist: { type: "string" }, runs: { type: "string", default: "5" }, respondents: { type: "string" } },
});

const queries = {
  "respondents by cohort × stream": `SELECT cohort, stream, count(*) AS respondents,
  avg(CASE WHEN advanced = 'Yes' THEN 1 ELSE 0 END) AS share_advanced
FROM respondents GROUP BY cohort, stream ORDER BY respondents DESC`,
  "selections by question × option": `SELECT question || ': ' || option AS answer, count(*) AS selections
FROM selections GROUP BY ALL ORDER BY selections DESC`,
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

let dist = values.dist ?? "dist";
if (values.respondents) {
  const data = mkdtempSync(join(tmpdir(), "workbench-bench-"));
  execSync(`npx tsx scripts/generate-sample.ts --out ${data} --respondents ${values.respondents}`, { stdio: "inherit" });
  dist = `dist-bench-${values.respondents}`;
  // Framework clears only an output folder inside the project it builds, and the build runs in a copy.
  rmSync(dist, { recursive: true, force: true });
  const tree = mkdtempSync(join(tmpdir(), "workbench-bench-tree-"));
  for (const part of ["src", "loaders", "observablehq.config.ts", "package.json"]) {
    cpSync(part, join(tree, part), { recursive: true, filter: (path) => !path.includes(".observablehq") });
  }
  symlinkSync(resolve("node_modules"), join(tree, "node_modules"));
  const started = performance.now();
  execSync("npx observable build", {
    cwd: tree,
    // Loader errors (stderr) are worth seeing; the build's progress lines are not.
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, WORKBENCH_DATA: data, WORKBENCH_OUTPUT: resolve(dist) },
  });
  console.log(`build from ${values.respondents} respondents: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const site = await serveStatic(dist);
const browser = await launchChromium();
try {
  const { page, externalRequests, errors } = await openWatchedPage(browser);
  const loadStarted = performance.now();
  await page.goto(`${site.url}/explore.html`);
  await page.locator(".database-status[data-state=ready]").waitFor({ timeout: 300_000 });
  console.log(`${dist}: page to database ready (the database file attached; a query reads the blocks it needs): ${(performance.now() - loadStarted).toFixed(0)} ms`);
  const editor = page.locator(".explore-cell textarea").first();
  const cell = page.locator(".explore-cell").first();
  for (const [name, sql] of Object.entries(queries)) {
    await editor.fill(sql);
    const times: number[] = [];
    const queries: number[] = [];
    const before = { ...site.ranges };
    let firstRead = { requests: 0, bytes: 0 };
    for (let run = 0; run < Number(values.runs); ++run) {
      // The first run of a query also fetches the blocks it reads, which can take longer than a default timeout.
      const { drawn, query } = await timeExploreRun(page, editor, cell, 300_000);
      times.push(drawn);
      queries.push(query);
      if (run === 0) firstRead = { requests: site.ranges.served - before.served, bytes: site.ranges.bytes - before.bytes };
    }
    const status = await cell.locator(".explore-status").innerText();
    console.log(
      `${name} (${status}): press to drawn (ms) ${times.map((t) => t.toFixed(0)).join(", ")}; median ${median(times).toFixed(0)}; ` +
        `query to rows (ms) ${queries.map((t) => t.toFixed(0)).join(", ")}; ` +
        `first run read ${(firstRead.bytes / 1e6).toFixed(1)} MB in ${firstRead.requests} range requests`,
    );
  }
  if (externalRequests.length || errors.length) throw new Error(`external requests ${externalRequests}, errors ${errors}`);
} finally {
  await browser.close();
  await site.close();
}
