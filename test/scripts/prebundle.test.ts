// The build bundles the pages' npm packages beside the loaders, with Framework's own code, into Framework's cache.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { test } from "node:test";
import { prebundlePackages } from "../../scripts/prebundle";

const env = { ...process.env, PATH: [resolve("node_modules", ".bin"), process.env.PATH].join(delimiter) };

/** A Framework project whose one page imports an installed package, and a data file whose loader must not run. */
function project(config: string): string {
  const cwd = mkdtempSync(join(tmpdir(), "workbench-prebundle-"));
  symlinkSync(resolve("node_modules"), join(cwd, "node_modules"));
  writeFileSync(join(cwd, "observablehq.config.js"), config);
  mkdirSync(join(cwd, "src", "data"), { recursive: true });
  writeFileSync(join(cwd, "src", "index.md"), '```js\nimport {html} from "htl";\nconst x = FileAttachment("data/x.json").json();\n```\n');
  writeFileSync(join(cwd, "src", "data", "x.json.js"), 'require("node:fs").writeFileSync("ran", ""); process.stdout.write("{}");');
  return cwd;
}

test("the pages' packages land in Framework's cache, and no loader runs", async () => {
  const cwd = project('export default { root: "src" };');
  assert.equal(await prebundlePackages({ cwd, env }, new Set()), true);
  const bundles = join(cwd, "src", ".observablehq", "cache", "_node");
  const htl = readdirSync(bundles).find((name) => name.startsWith("htl@"));
  assert.ok(htl, "htl is bundled");
  assert.ok(existsSync(join(bundles, htl, "index.js")));
  assert.equal(existsSync(join(cwd, "ran")), false, "the data loader did not run");
  assert.equal(existsSync(join(cwd, "src", ".observablehq", "cache", "data")), false);
});

test("a project Framework cannot read is left to Framework's build", async () => {
  const cwd = project("export default {;");
  assert.equal(await prebundlePackages({ cwd, env }, new Set()), false);
});
