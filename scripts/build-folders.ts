// The folders a build works in: a private work folder next to the output (removed when the build ends, or at the
// next start if the build was killed), the private copy of the project a public build or preview runs Framework in,
// and the swap of a finished, checked build into place.
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { basename, delimiter, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { publicPages } from "../loaders/public-tables.js";

/** The repository: its src/, loaders/ and node_modules/. */
export const projectRoot = fileURLToPath(new URL("..", import.meta.url));

export const frameworkBin = join(projectRoot, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");

/** The environment Framework and its loaders run in: this build's settings, temporary files inside `work`. */
export function buildEnvironment(work: string, settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...settings, TMPDIR: join(work, "tmp") };
  // Loaders run with `tsx`, found on the PATH (npm puts node_modules/.bin there; a direct `tsx scripts/build.ts` may not).
  env.PATH = [join(projectRoot, "node_modules", ".bin"), process.env.PATH ?? ""].join(delimiter);
  // Relative to where the command was started, not to the project copy Framework runs in.
  if (process.env.WORKBENCH_DATA) env.WORKBENCH_DATA = resolve(process.env.WORKBENCH_DATA);
  return env;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const workPattern = (output: string) => new RegExp(`^\\.${basename(output).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.build-(\\d+)$`);

/**
 * Removes the work folders of builds of `output` whose process is gone (a killed build's half-written site, private
 * project copy, clean store and staging). A build killed between moving the previous site aside and moving the new
 * one in leaves no `output`: the previous one is put back.
 */
export function removeAbandonedWork(output: string): void {
  const parent = dirname(output);
  if (!existsSync(parent)) return;
  const pattern = workPattern(output);
  for (const name of readdirSync(parent)) {
    const match = pattern.exec(name);
    if (!match || alive(Number(match[1]))) continue;
    const work = join(parent, name);
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

/**
 * Puts the finished `site` at `output`: the previous build is moved aside into `work` and the new one renamed in
 * (both on one file system, next to each other), so `output` is only ever a complete build.
 */
export function publish(site: string, output: string, work: string): void {
  const previous = join(work, "previous");
  if (existsSync(output)) renameSync(output, previous);
  renameSync(site, output);
  rmSync(previous, { recursive: true, force: true });
}
