// Debian's Chromium, driven by playwright-core, with every request to a host other than this machine aborted
// and recorded, so a test fails if anything (a CDN, DuckDB's extension host, a font) is fetched from outside.
import { chromium, type Browser, type Page } from "playwright-core";

export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs });
}

export interface WatchedPage {
  page: Page;
  /** Requests to hosts other than localhost, all aborted. */
  externalRequests: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
}

const localHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);

export async function openWatchedPage(
  browser: Browser,
  options: { width?: number; height?: number } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
  });
  const page = await context.newPage();
  const externalRequests: string[] = [];
  const errors: string[] = [];
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "data:" || url.protocol === "blob:" || localHosts.has(url.hostname)) return route.continue();
    externalRequests.push(url.href);
    return route.abort("blockedbyclient");
  });
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, externalRequests, errors };
}
