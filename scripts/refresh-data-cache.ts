// Framework re-runs a loader only when the loader's own file changes, not when the exports it reads do
// (or WORKBENCH_DATA points elsewhere). Before every analyst build or preview, drop the cached loader output if the
// fingerprint (exports by content, build and Parquet settings, cleaning and loader code) changed, so no page shows stale figures.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { buildMode, minCell } from "../loaders/build-mode.js";
import { dataDir } from "../loaders/data-dir.js";
import { cleaningCodeHash, exportsFingerprint } from "../loaders/fingerprint.js";
import { idKeyDigest } from "../loaders/identity.js";
import { instrumentDigest } from "../loaders/instrument.js";
import { parquetSettings } from "../loaders/parquet.js";
import { projectRoot } from "./build-folders.js";

// Framework's build reuses a loader's cached output even when the loader file is newer ("[using stale]"),
// and never looks at what a loader imports: hash every TypeScript file under the source root (loaders and the
// survey, statistics and component code they run), so a folder added later is covered too; Framework's cache is not.
function codeHash(sourceRoot: string): string {
  const hash = createHash("sha256");
  const files = readdirSync(sourceRoot, { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith(".ts") && !path.split(sep).includes(".observablehq"))
    .sort();
  for (const path of files) hash.update(path).update(readFileSync(join(sourceRoot, path)));
  return hash.digest("hex").slice(0, 16);
}

/** Everything the loaders' output depends on, as one string. */
export async function dataFingerprint(sourceRoot: string): Promise<string> {
  return JSON.stringify({
    ...(await exportsFingerprint(dataDir())),
    // The shipped instrument is read when the exports folder has none of its own.
    instrument: instrumentDigest(dataDir()),
    build: buildMode(),
    minCell: minCell(),
    code: cleaningCodeHash(),
    loaders: codeHash(sourceRoot),
    parquet: parquetSettings(),
    // Ids made with another key (WORKBENCH_ID_KEY, the key file) are stale too.
    key: idKeyDigest(dataDir()),
  });
}

/**
 * Drops the loaders' cached output under `<sourceRoot>/.observablehq/cache` when the fingerprint changed since it was
 * written; returns whether it did.
 */
// Framework's cache is `<root>/.observablehq/cache` (its build.js and loader.js), root being `src` here.
export async function refreshDataCache(sourceRoot = join(projectRoot, "src")): Promise<boolean> {
  const cache = join(sourceRoot, ".observablehq", "cache");
  const stamp = join(cache, "data-fingerprint.json");
  const fingerprint = await dataFingerprint(sourceRoot);
  const previous = existsSync(stamp) ? readFileSync(stamp, "utf8") : null;
  if (previous === fingerprint) return false;
  // Every loader's output: they all read the clean store (loaders/clean-store.ts), itself keyed by the same things.
  rmSync(join(cache, "data"), { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  writeFileSync(stamp, fingerprint);
  if (previous !== null) process.stderr.write(`exports in ${dataDir()} changed: the clean data will be rebuilt\n`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await refreshDataCache();
