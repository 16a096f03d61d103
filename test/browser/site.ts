// Each browser test file serves the built site (dist/) from a sub-path of a plain file server and starts Chromium
// once, for all its tests. Pages are opened by their file name (`${site.url}/cohorts.html`), as the site links them.
import { after, before } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "./chromium.js";
import { serveStatic, type StaticSite } from "./static-server.js";

export interface BuiltSite {
  readonly url: string;
  readonly browser: Browser;
}

/** The sub-path every test serves a build from: a link that escapes it, or assumes the site root, 404s. */
export const subPath = "/some/sub/path";

export function useBuiltSite(directory = "dist", headers: Record<string, string> = {}): BuiltSite {
  let site: StaticSite | undefined;
  let browser: Browser | undefined;
  before(async () => {
    site = await serveStatic(directory, headers, subPath);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });
  return {
    get url() {
      return site!.url;
    },
    get browser() {
      return browser!;
    },
  };
}
