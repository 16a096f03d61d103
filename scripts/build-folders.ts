// The folders a build works in: a private work folder next to the output (removed when the build ends, or at the
// next start if the build was killed), the private copy of the project a public build or preview runs Framework in,
// and the swap of a finished, checked build into place.
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { basename, delimiter, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { exportDigestsVariable, knownExportDigests } from "../loaders/fingerprint.js";
import { processAlive } from "../loaders/process-alive.js";
import { publicPages } from "../loaders/public-tables.js";

/** The repository: its src/, loaders/ and node_modules/. */
export const projectRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));

export const frameworkBin = join(projectRoot, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");

/** The environment Framework and its loaders run in: this build's settings, temporary files inside `work`. */
export function buildEnvironment(work: string, settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...settings, TMPDIR: join(work, "tmp") };
  // Loaders run with `tsx`, found on the PATH (npm puts node_modules/.bin there; a direct `tsx scripts/build.ts` may not).
  env.PATH = [join(projectRoot, "node_modules", ".bin"), process.env.PATH ?? ""].join(delimiter);
  // Relative to where the command was started, not to the project copy Framework runs in.
  if (process.env.WORKBENCH_DATA) env.WORKBENCH_DATA = resolve(process.env.WORKBENCH_DATA);
  // The exports' digests this process already computed: each loader would otherwise read every export again.
  env[exportDigestsVariable] = knownExportDigests();
  return env;
}

/**
 * Removes, in `parent`, the work folders of builds and previews whose process is gone (a killed build's half-written
 * site, private project copy, clean store and staging). A build killed between moving the previous site aside and
 * moving the new one in leaves no output: the previous one is put back.
 */
export function removeAbandonedWork(parent: string): void {
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    const match = /^\.(.+)\.build-(\d+)$/.exec(name);
    if (!match || processAlive(Number(match[2]))) continue;
    const work = join(parent, name);
    const output = join(parent, match[1]);
    if (!existsSync(output) && existsSync(join(work, "previous"))) renameSync(join(work, "previous"), output);
    rmSync(work, { recursive: true, force: true });
  }
}

/** A new work folder for this process's build of `output`, readable by its owner only (it holds clean data). */
export function createWorkFolder(output: string): string {
  const work = join(dirname(output), `.${basename(output)}.build-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(dirname(work), { recursive: true });
  mkdirSync(work, { mode: 0o700 });
  chmodSync(work, 0o700);
  mkdirSync(join(work, "tmp"), { mode: 0o700 });
  return work;
}

/**
 * A private copy of the project in `work/project` for a public build or preview: the public pages and everything
 * else under src/ except Framework's cache, so no loader output of any other run can be reused. Code that is not
 * state (loaders/, node_modules/) is linked, not copied.
 */
export function createPrivateProject(work: string): string {
  const project = join(work, "project");
  const source = join(projectRoot, "src");
  mkdirSync(project, { mode: 0o700 });
  cpSync(source, join(project, "src"), {
    recursive: true,
    filter: (path) => {
      const inside = relative(source, path);
      if (inside.split(sep).includes(".observablehq")) return false;
      // Pages outside the public list are never built, so no analyst page or its data can land in the output.
      if (!inside.includes(sep) && inside.endsWith(".md")) return (publicPages as readonly string[]).includes(inside.slice(0, -".md".length));
      return true;
    },
  });
  for (const file of ["observablehq.config.ts", "package.json", "tsconfig.json"]) cpSync(join(projectRoot, file), join(project, file));
  for (const folder of ["loaders", "node_modules"]) symlinkSync(join(projectRoot, folder), join(project, folder), "dir");
  return project;
}

// Framework's bundles of installed packages (`_node/`: d3, Plot, DuckDB-WASM…) depend on node_modules alone, never on
// data; public builds keep theirs here (npm ci clears it with node_modules) instead of re-bundling every time.
const packageBundles = join(projectRoot, "node_modules", ".cache", "workbench", "public-node-bundles");
const frameworkBundles = (project: string) => join(project, "src", ".observablehq", "cache", "_node");

/** Gives a private project the package bundles an earlier public build made. */
export function seedPackageBundles(project: string): void {
  if (existsSync(packageBundles)) cpSync(packageBundles, frameworkBundles(project), { recursive: true });
}

/** Keeps a successful public build's package bundles for the next one. */
export function keepPackageBundles(project: string): void {
  if (!existsSync(frameworkBundles(project))) return;
  const fresh = `${packageBundles}.${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  cpSync(frameworkBundles(project), fresh, { recursive: true });
  rmSync(packageBundles, { recursive: true, force: true });
  renameSync(fresh, packageBundles);
}

/**
 * Puts the finished `site` at `output`: the previous build is moved aside into `work` and the new one renamed in
 * (both on one file system, next to each other), so `output` is only ever a complete build.
 */
export function publish(site: string, output: string, work: string): void {
  const previous = join(work, "previous");
  if (existsSync(output)) renameSync(output, previous);
  try {
    renameSync(site, output);
  } catch (error) {
    if (!existsSync(output) && existsSync(previous)) renameSync(previous, output);
    throw error;
  }
  rmSync(previous, { recursive: true, force: true });
}
