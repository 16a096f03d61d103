// Each browser test file serves the built site (dist/) and starts Chromium once, for all its tests.
import { after, before } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "./chromium.js";
import { serveStatic, type StaticSite } from "./static-server.js";

export interface BuiltSite {
  readonly url: string;
  readonly browser: Browser;
}

export function useBuiltSite(directory = "dist", headers: Record<string, string> = {}): BuiltSite {
  let site: StaticSite | undefined;
  let browser: Browser | undefined;
  before(async () => {
    site = await serveStatic(directory, headers);
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
