// Framework bundles every npm package the pages import (into <root>/.observablehq/cache/_node) while it loads the
// pages, which it does only once every loader has finished: at a million respondents some 7 s of one core, after the
// loaders, with the other core idle. This resolves the pages' imports the same way beside the loaders, with
// Framework's own code, so its build finds the bundles made. Framework has no public interface for it: the modules
// below are its build's own (@observablehq/framework 1.13, dist/build.js). Should they fail, the build goes on and
// Framework bundles the packages itself, as before.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Resolves the imports of every page and module of the Framework project in the working folder, as `observable build` does. */
async function resolvePageImports(): Promise<void> {
  // @ts-expect-error: Framework's internal modules carry no types.
  const { readConfig } = await import("@observablehq/framework/dist/config.js");
  // @ts-expect-error: as above.
  const { getModuleResolvers, getResolvers } = await import("@observablehq/framework/dist/resolvers.js");
  // @ts-expect-error: as above.
  const { findModule } = await import("@observablehq/framework/dist/javascript/module.js");
  // The project's observablehq.config.ts, found in the working folder as Framework's command finds it.
  const config = await readConfig(undefined, undefined);
  for await (const path of config.paths() as AsyncIterable<string>) {
    const options = { path, ...config };
    if (path.endsWith(".js") && findModule(config.root, path)) await getModuleResolvers(path, config);
    // A data file: its loader is not this script's to run.
    else if (config.loaders.find(path)) continue;
    else await getResolvers(await config.loaders.loadPage(path, options), options);
  }
}

/**
 * Bundles the pages' packages in a process of its own (Framework's bundler would otherwise hold up the build's
 * reading of the loaders' output). Resolves true when it did, false when it failed, saying so in one line.
 */
export function prebundlePackages(options: { cwd: string; env: NodeJS.ProcessEnv }, running: Set<ChildProcess>): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn("tsx", [fileURLToPath(import.meta.url)], { ...options, stdio: ["ignore", "ignore", "pipe"] });
    running.add(child);
    const messages: Buffer[] = [];
    child.stderr!.on("data", (chunk: Buffer) => messages.push(chunk));
    child.on("error", () => undefined);
    child.on("close", (code) => {
      running.delete(child);
      // The error's own line, not its stack (which would bury the build's output) nor the bundler's warnings.
      const why = Buffer.concat(messages).toString("utf8").split("\n").find((line) => /^\w*Error\b/.test(line))?.slice(0, 200);
      if (code !== 0) process.stderr.write(`the pages' packages could not be bundled ahead of the build (${why || `exit ${code}`}): Framework bundles them itself\n`);
      resolve(code === 0);
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await resolvePageImports();
