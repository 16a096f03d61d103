// The build runs the loaders the pages use, side by side, into Framework's cache; a failing one is left to Framework.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { test } from "node:test";
import { referencedLoaders, warmLoaders } from "../../scripts/warm-loaders";

function sourceRoot(): string {
  const root = mkdtempSync(join(tmpdir(), "workbench-warm-"));
  mkdirSync(join(root, "data"));
  mkdirSync(join(root, "components"));
  writeFileSync(join(root, "index.md"), 'const x = FileAttachment("data/x.json").json();');
  writeFileSync(join(root, "components", "tables.js"), 'FileAttachment("../data/clean/a.parquet")');
  writeFileSync(join(root, "data", "x.json.ts"), 'process.stdout.write(JSON.stringify({ x: 1 }));');
  writeFileSync(join(root, "data", "unused.json.ts"), 'process.stdout.write("{}");');
  writeFileSync(join(root, "data", "clean.tar.ts"), 'process.exit(3);');
  return root;
}

test("only the loaders a page or component refers to are run, archives by their members", () => {
  const root = sourceRoot();
  // A page whose name begins like the loaders' folder is a page all the same.
  writeFileSync(join(root, "data-quality.md"), 'const q = FileAttachment("data/quality.json").json();');
  writeFileSync(join(root, "data", "quality.json.ts"), 'process.stdout.write("{}");');
  assert.deepEqual(referencedLoaders(root).sort(), ["data/clean.tar", "data/quality.json", "data/x.json"]);
});

test("each loader's output lands in Framework's cache; a failing one leaves nothing there", async () => {
  const root = sourceRoot();
  const env = { ...process.env, PATH: [resolve("node_modules", ".bin"), process.env.PATH].join(delimiter) };
  await warmLoaders(root, { cwd: root, env }, new Set());
  const cache = join(root, ".observablehq", "cache", "data");
  // clean.tar fails: nothing of it lands in the cache, and Framework runs it itself (and says why it failed).
  assert.equal(existsSync(join(cache, "clean.tar")), false);
  assert.deepEqual(readdirSync(cache).filter((name) => name.includes(".warm-")), [], "no half-written output is left");
  writeFileSync(join(root, "data", "clean.tar.ts"), 'process.stdout.write("tar");');
  await warmLoaders(root, { cwd: root, env }, new Set());
  assert.equal(readFileSync(join(cache, "x.json"), "utf8"), '{"x":1}');
  assert.equal(readFileSync(join(cache, "clean.tar"), "utf8"), "tar");
  assert.equal(existsSync(join(cache, "unused.json")), false);
});

test("loaders side by side each get their share of the cores for their DuckDB, unless told otherwise", async () => {
  const root = sourceRoot();
  writeFileSync(join(root, "data", "x.json.ts"), "process.stdout.write(JSON.stringify(process.env.WORKBENCH_FIGURE_THREADS));");
  writeFileSync(join(root, "data", "clean.tar.ts"), 'process.stdout.write("tar");');
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: [resolve("node_modules", ".bin"), process.env.PATH].join(delimiter) };
  delete env.WORKBENCH_FIGURE_THREADS;
  await warmLoaders(root, { cwd: root, env }, new Set());
  const cache = join(root, ".observablehq", "cache", "data");
  // Two loaders at a time (one on a one-core machine), each with its share.
  const jobs = Math.min(2, cpus().length);
  assert.equal(JSON.parse(readFileSync(join(cache, "x.json"), "utf8")), String(Math.max(1, Math.floor(cpus().length / jobs))));
  const told = sourceRoot();
  writeFileSync(join(told, "data", "x.json.ts"), "process.stdout.write(JSON.stringify(process.env.WORKBENCH_FIGURE_THREADS));");
  await warmLoaders(told, { cwd: told, env: { ...env, WORKBENCH_FIGURE_THREADS: "3" } }, new Set());
  assert.equal(JSON.parse(readFileSync(join(told, ".observablehq", "cache", "data", "x.json"), "utf8")), "3");
});

test("a number of loaders at once that is no whole number is refused in one line, not read as the default", async () => {
  const root = sourceRoot();
  const before = process.env.WORKBENCH_LOADER_JOBS;
  try {
    for (const setting of ["two", "0", "1.5"]) {
      process.env.WORKBENCH_LOADER_JOBS = setting;
      await assert.rejects(warmLoaders(root, { cwd: root, env: process.env }, new Set()), { name: "SettingError", message: `WORKBENCH_LOADER_JOBS: expected a whole number of loaders at once, got '${setting}'` });
    }
    assert.equal(existsSync(join(root, ".observablehq", "cache", "data")), false, "no loader ran");
  } finally {
    if (before === undefined) delete process.env.WORKBENCH_LOADER_JOBS;
    else process.env.WORKBENCH_LOADER_JOBS = before;
  }
});
