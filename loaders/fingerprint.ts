// What the clean data depends on, as one string: the exports (folder, names, sizes, modification times) and
// the cleaning code itself, so a change to either rebuilds the clean store and the pages' data.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const loadersDir = fileURLToPath(new URL(".", import.meta.url));

export function exportsFingerprint(dataDir: string): { directory: string; files: [string, number, number][] } {
  const directory = resolve(dataDir);
  return {
    directory,
    files: existsSync(directory)
      ? readdirSync(directory)
          .sort()
          .map((name) => {
            const stats = statSync(join(directory, name));
            return [name, stats.size, stats.mtimeMs] as [string, number, number];
          })
      : [],
  };
}

/** A hash of the loaders' source: the cleaning rules and the Parquet writing. */
export function cleaningCodeHash(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(loadersDir).filter((n) => n.endsWith(".ts")).sort()) hash.update(name).update(readFileSync(join(loadersDir, name)));
  return hash.digest("hex").slice(0, 16);
}
