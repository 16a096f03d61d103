// `npm run dev` notices changed exports without a restart, even a rewrite that keeps the file's size and
// modification time: the preview serves data cleaned from the new bytes, and an open page reloads it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { launchChromium, openWatchedPage } from "./chromium.js";

const root = join(import.meta.dirname, "..", "..");
// A copy of the project, so the test's preview neither uses nor touches this checkout's loader cache or loaders.
const tree = mkdtempSync(join(tmpdir(), "workbench-dev-"));
const exportsDir = join(tree, "exports");
let preview: ChildProcess;
let url: string;
let browser: Browser;

before(async () => {
  // data/ holds the shipped instrument (data/instrument.json) the loaders read.
  for (const part of ["src", "loaders", "scripts", "data", "observablehq.config.ts", "package.json", "tsconfig.json"]) {
    cpSync(join(root, part), join(tree, part), { recursive: true, filter: (path) => !path.includes(".observablehq") });
  }
  symlinkSync(join(root, "node_modules"), join(tree, "node_modules"));
  mkdirSync(exportsDir);
  cpSync(join(root, "data"), exportsDir, { recursive: true });
  // Whole seconds, so the rewrite below can restore the time exactly.
  for (const name of readdirSync(exportsDir)) utimesSync(join(exportsDir, name), 1_700_000_000, 1_700_000_000);
  preview = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts"], {
    cwd: tree,
    env: { ...process.env, WORKBENCH_DATA: exportsDir, WORKBENCH_BUILD: "analyst" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = "";
    preview.stdout!.on("data", (chunk) => {
      out += chunk;
      const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(out.replace(/\x1b\[[0-9;]*m/g, ""));
      if (found) resolve(found[0]);
    });
    preview.on("close", () => reject(new Error(`the preview stopped: ${out}`)));
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  preview?.kill("SIGTERM");
  rmSync(tree, { recursive: true, force: true });
});

test("a rewritten export with the same size and modification time reaches the open page without a restart", async () => {
  const { page } = await openWatchedPage(browser);
  await page.goto(`${url}voices`);
  const quote = page.locator(".quote", { hasText: "then join a safety team" }).first();
  await quote.waitFor({ timeout: 120_000 });

  const file = join(exportsDir, "alumni-survey-2025.csv");
  const before = statSync(file);
  const text = readFileSync(file, "utf8");
  writeFileSync(file, text.replaceAll("then join a safety team", "then join a safety TEAM"));
  utimesSync(file, before.atime, before.mtime);
  assert.equal(statSync(file).size, before.size);
  assert.equal(statSync(file).mtimeMs, before.mtimeMs);

  await page.locator(".quote", { hasText: "then join a safety TEAM" }).first().waitFor({ timeout: 120_000 });
  await page.context().close();
});
