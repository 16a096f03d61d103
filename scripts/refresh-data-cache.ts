// Framework re-runs a loader only when the loader's own file changes, not when the exports it reads do
// (or WORKBENCH_DATA points elsewhere). Before every build or preview, drop the cached clean data if the
// exports' fingerprint (folder, names, sizes, modification times, build and Parquet settings, cleaning code) changed, so no page shows stale figures.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildMode, minCell } from "../loaders/build-mode.js";
import { dataDir } from "../loaders/data-dir.js";
import { cleaningCodeHash, exportsFingerprint } from "../loaders/fingerprint.js";
import { idKeyDigest } from "../loaders/identity.js";
import { parquetSettings } from "../loaders/parquet.js";

const cache = join("src", ".observablehq", "cache");

// Framework's build reuses a loader's cached output even when the loader file is newer ("[using stale]"),
// and never looks at what a loader imports: hash the data loaders and the shared SQL/cube code they run too.
function codeHash(folders: readonly string[]): string {
  const hash = createHash("sha256");
  for (const folder of folders) {
    for (const name of readdirSync(folder).filter((n) => n.endsWith(".ts")).sort()) hash.update(name).update(readFileSync(join(folder, name)));
  }
  return hash.digest("hex").slice(0, 16);
}
const stamp = join(cache, "data-fingerprint.json");
const directory = dataDir();
const fingerprint = JSON.stringify({
  ...exportsFingerprint(directory),
  build: buildMode(),
  minCell: minCell(),
  code: cleaningCodeHash(),
  loaders: codeHash([join("src", "data"), join("src", "components")]),
  parquet: parquetSettings(),
  // Ids made with another key (WORKBENCH_ID_KEY, the key file) are stale too.
  key: idKeyDigest(directory),
});
const previous = existsSync(stamp) ? readFileSync(stamp, "utf8") : null;
if (previous !== fingerprint) {
  // Every loader's output: they all read the clean store (loaders/clean-store.ts), itself keyed by the same things.
  rmSync(join(cache, "data"), { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  writeFileSync(stamp, fingerprint);
  if (previous !== null) process.stderr.write(`exports in ${directory} changed: the clean data will be rebuilt\n`);
}
