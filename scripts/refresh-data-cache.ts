// Framework re-runs a loader only when the loader's own file changes, not when the exports it reads do
// (or WORKBENCH_DATA points elsewhere). Before every build or preview, drop the cached clean data if the
// exports' fingerprint (folder, names, sizes, modification times, build setting) changed, so no page shows stale figures.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildMode, minCell } from "../loaders/build-mode.js";
import { dataDir } from "../loaders/data-dir.js";

const cache = join("src", ".observablehq", "cache");
const stamp = join(cache, "data-fingerprint.json");
const directory = dataDir();
const fingerprint = JSON.stringify({
  directory,
  build: buildMode(),
  minCell: minCell(),
  files: existsSync(directory)
    ? readdirSync(directory).sort().map((name) => {
        const stats = statSync(join(directory, name));
        return [name, stats.size, stats.mtimeMs];
      })
    : [],
});
const previous = existsSync(stamp) ? readFileSync(stamp, "utf8") : null;
if (previous !== fingerprint) {
  for (const output of ["data/clean", "data/clean.tar", "data/indicators.json", "data/quotes.json", "data/cube.json"]) rmSync(join(cache, output), { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  writeFileSync(stamp, fingerprint);
  if (previous !== null) process.stderr.write(`exports in ${directory} changed: the clean data will be rebuilt\n`);
}
