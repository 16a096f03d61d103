// Opens built pages in headless Chromium (external requests blocked) and saves screenshots to look at.
// Usage: tsx scripts/screenshot.ts [--width 1280] [--out screenshots] [--dist dist-public] page[?query] [page …]
import { mkdir } from "node:fs/promises";
import { parseArgs } from "node:util";
import { launchChromium, openWatchedPage } from "../test/browser/chromium.js";
import { serveStatic } from "../test/browser/static-server.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { width: { type: "string", default: "1280" }, out: { type: "string", default: "screenshots" }, wait: { type: "string", default: "4000" }, dist: { type: "string", default: "dist" } },
});
await mkdir(values.out!, { recursive: true });
const site = await serveStatic(values.dist!);
const browser = await launchChromium();
try {
  for (const name of positionals.length ? positionals : ["index"]) {
    const width = Number(values.width);
    const { page, externalRequests, errors } = await openWatchedPage(browser, { width });
    await page.goto(`${site.url}/${name === "index" ? "" : name.replace(/^[^?]*/, (page) => `${page}.html`)}`);
    await page.waitForTimeout(Number(values.wait));
    const file = `${values.out}/${name.replaceAll("/", "_")}-${width}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(`${file}\n  errors: ${JSON.stringify(errors)}\n  external: ${JSON.stringify(externalRequests)}`);
    await page.context().close();
  }
} finally {
  await browser.close();
  await site.close();
}
