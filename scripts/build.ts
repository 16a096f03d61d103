// `npm run build` / `npm run build:public`: builds the site in a private work folder next to the output, checks it,
// and only then swaps it in, so a failed or killed build leaves the previous complete one. The public build runs
// Framework on a fresh private copy of the project (its own loader cache, clean store and temporary files), so
// nothing an analyst build or preview computed can reach it, whatever runs beside it.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { buildMode, outputDir } from "../loaders/build-mode.js";
import { buildEnvironment, createPrivateProject, createWorkFolder, frameworkBin, keepPackageBundles, projectRoot, publish, removeAbandonedWork, seedPackageBundles } from "./build-folders.js";
import { finishBuild, publicReleaseProblems } from "./postbuild.js";
import { refreshDataCache } from "./refresh-data-cache.js";
import { dataDir } from "../loaders/data-dir.js";
import { exportsFingerprint } from "../loaders/fingerprint.js";
import { stopOnSettingErrorsInOneLine } from "../loaders/settings.js";
import { prebundlePackages } from "./prebundle.js";
import { warmLoaders } from "./warm-loaders.js";

// A setting that is not what it must be stops the build with its own one line, not a stack trace.
stopOnSettingErrorsInOneLine();

const mode = buildMode();
const output = resolve(outputDir());
if (mode === "analyst" && basename(output) === "dist-public") {
  process.stderr.write(`${output}: the analyst build is never written to a folder named for the public build\n`);
  process.exit(1);
}
// At every start: whatever a killed build or preview left, next to this output and in the project.
for (const parent of new Set([dirname(output), projectRoot])) removeAbandonedWork(parent);
// A public site left by an older build that would not pass today's check is not kept as "the previous build".
if (mode === "public" && existsSync(output)) {
  const stale = await publicReleaseProblems(output, join(projectRoot, "src"));
  if (stale.length) {
    rmSync(output, { recursive: true, force: true });
    process.stderr.write(`${output} was removed: it does not pass the public check (${stale[0]})\n`);
  }
}
const work = createWorkFolder(output);
let framework: ReturnType<typeof spawn> | undefined;
const warming = new Set<ChildProcess>();

function fail(message: string): never {
  rmSync(work, { recursive: true, force: true });
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    framework?.kill(signal);
    for (const loader of warming) loader.kill(signal);
    fail(`build stopped (${signal}): ${output} is left as it was`);
  });
}

let cwd = projectRoot;
let sourceRoot = join(projectRoot, "src");
let site = join(work, "site");
const settings: Record<string, string> = { WORKBENCH_BUILD: mode };
if (mode === "public") {
  cwd = createPrivateProject(work);
  seedPackageBundles(cwd);
  sourceRoot = join(cwd, "src");
  // Inside the project copy, so Framework's own clearing of its output stays within its working directory.
  site = join(cwd, "dist");
  settings.WORKBENCH_STORE = join(work, "clean-store");
} else {
  // The analyst build shares the analyst preview's loader cache (src/.observablehq/cache): drop it if the exports changed.
  await refreshDataCache(sourceRoot);
}
settings.WORKBENCH_OUTPUT = site;
// Read the exports once here; the loaders receive the digests (buildEnvironment) instead of each reading gigabytes again.
await exportsFingerprint(dataDir());

// The loaders run side by side first, and the pages' packages are bundled beside them; Framework then finds both in
// its cache.
const env = buildEnvironment(work, settings);
await Promise.all([warmLoaders(sourceRoot, { cwd, env }, warming), prebundlePackages({ cwd, env }, warming)]);
framework = spawn(process.execPath, [frameworkBin, "build"], { cwd, env, stdio: "inherit" });
const code = await new Promise<number | null>((done) => framework!.on("close", done));
if (code !== 0) fail(`the ${mode} build failed: ${output} is left as it was`);

const problems = await finishBuild(site, mode, sourceRoot);
if (problems.length) {
  fail(`The public build was not published: it held data outside the allow-list (loaders/public-tables.ts); ${output} is left as it was.\n${problems.join("\n")}`);
}
try {
  publish(site, output, work);
} catch (error) {
  // Another build of the same output swapped in first: this one is dropped, and that one stands.
  fail(`the ${mode} build could not be moved into ${output} (${(error as NodeJS.ErrnoException).code}): another build may have finished first`);
}
if (mode === "public") keepPackageBundles(cwd);
rmSync(work, { recursive: true, force: true });
process.stderr.write(`${mode} build published at ${output}\n`);
