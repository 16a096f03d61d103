// The folders a build works in: a killed build's work folder (half-written site, private project, clean store,
// staging) is removed at the next start, the previous site put back if the kill fell between the two renames,
// and a finished build replaces the previous one whole.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { createPrivateProject, createWorkFolder, publish, removeAbandonedWork } from "../../scripts/build-folders";
import { publicPages } from "../../loaders/public-tables";

const deadPid = () => Number(execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }));

function builtSite(directory: string, label: string): void {
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, "index.html"), label);
}

test("a finished build replaces the previous one; the work folder is private", () => {
  const parent = mkdtempSync(join(tmpdir(), "workbench-out-"));
  const output = join(parent, "dist-public");
  builtSite(output, "previous");
  const work = createWorkFolder(output);
  assert.equal(statSync(work).mode & 0o777, 0o700);
  builtSite(join(work, "site"), "new");
  publish(join(work, "site"), output, work);
  assert.equal(readFileSync(join(output, "index.html"), "utf8"), "new");
  assert.deepEqual(readdirSync(join(work)).sort(), ["tmp"]);
});

test("a killed build's work folder is removed at the next start; a live one is left alone", () => {
  const parent = mkdtempSync(join(tmpdir(), "workbench-out-"));
  const output = join(parent, "dist-public");
  builtSite(output, "previous");
  const killed = join(parent, `.dist-public.build-${deadPid()}`);
  builtSite(join(killed, "project", "dist"), "half-written analyst page");
  writeFileSync(join(parent, "unrelated"), "");
  const live = join(parent, `.dist-public.build-${process.pid}`);
  mkdirSync(live);
  removeAbandonedWork(parent);
  assert.deepEqual(readdirSync(parent).sort(), [".dist-public.build-" + process.pid, "dist-public", "unrelated"]);
  assert.equal(readFileSync(join(output, "index.html"), "utf8"), "previous");
});

test("a build killed between moving the previous site aside and moving the new one in gets the previous one back", () => {
  const parent = mkdtempSync(join(tmpdir(), "workbench-out-"));
  const output = join(parent, "dist");
  const killed = join(parent, `.dist.build-${deadPid()}`);
  builtSite(join(killed, "previous"), "previous");
  builtSite(join(killed, "site"), "new, never published");
  removeAbandonedWork(parent);
  assert.equal(readFileSync(join(output, "index.html"), "utf8"), "previous");
  assert.equal(existsSync(killed), false);
});

test("the private project holds the public pages and no loader cache", () => {
  const work = createWorkFolder(join(mkdtempSync(join(tmpdir(), "workbench-out-")), "dist-public"));
  const project = createPrivateProject(work);
  const pages = readdirSync(join(project, "src")).filter((f) => f.endsWith(".md")).map((f) => f.slice(0, -3)).sort();
  assert.deepEqual(pages, [...publicPages].sort());
  assert.equal(existsSync(join(project, "src", ".observablehq")), false);
  assert.ok(existsSync(join(project, "src", "data", "indicators.json.ts")));
  assert.ok(existsSync(join(project, "loaders", "build-mode.ts")));
});
