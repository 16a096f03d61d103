// Build time, dist/ size, and time to the first SQL result on the example-question page (a ```sql block over Parquet)
// (median of cold loads: a fresh browser context each time, so nothing is cached).
// Usage: npm run bench:first-sql [-- --runs 5 --skip-build]
import { execSync } from "node:child_process";
import { parseArgs } from "node:util";
import { launchChromium, openWatchedPage } from "../test/browser/chromium.js";
import { serveStatic } from "../test/browser/static-server.js";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" }, "skip-build": { type: "boolean" } } });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

if (!values["skip-build"]) {
  execSync("rm -rf dist src/.observablehq/cache", { stdio: "inherit" });
  const started = performance.now();
  execSync("npx observable build", { stdio: "ignore" });
  console.log(`build (cold cache): ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
console.log(`dist/ size: ${execSync("du -sh dist").toString().split("\t")[0]}`);

const site = await serveStatic("dist");
const browser = await launchChromium();
const times: number[] = [];
try {
  for (let run = 0; run < Number(values.runs); ++run) {
    const { page, externalRequests, errors } = await openWatchedPage(browser);
    const started = performance.now();
    await page.goto(`${site.url}/example-question.html`);
    await page.locator("figure.workbench-figure svg").first().waitFor({ timeout: 60_000 });
    times.push(performance.now() - started);
    if (externalRequests.length || errors.length) throw new Error(`run ${run}: ${externalRequests} ${errors}`);
    await page.context().close();
  }
} finally {
  await browser.close();
  await site.close();
}
console.log(`first SQL result, cold (ms): ${times.map((t) => t.toFixed(0)).join(", ")}; median ${median(times).toFixed(0)}`);
