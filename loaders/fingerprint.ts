// What the clean data depends on, as one string: the exports (folder, names and a SHA-256 of each file's bytes) and
// the cleaning code itself, so a change to either rebuilds the clean store and the pages' data.
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const loadersDir = fileURLToPath(new URL(".", import.meta.url));

/** The regular files of an exports folder, sorted by name, with their sizes (no content read). */
export function exportsListing(dataDir: string): { directory: string; files: [string, number][] } {
  const directory = resolve(dataDir);
  if (!existsSync(directory)) return { directory, files: [] };
  const files = readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort()
    .map((name) => [name, statSync(join(directory, name)).size] as [string, number]);
  return { directory, files };
}

/** SHA-256 of a file's bytes, read as a stream (exports reach gigabytes). */
export function fileSha256(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash("sha256");
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolvePromise(hash.digest("hex")));
  });
}

export interface ExportsFingerprint {
  directory: string;
  /** Name, size and SHA-256 of every regular file: a rewrite that keeps the size and modification time still shows. */
  files: [string, number, string][];
}

/**
 * The exports' fingerprint by content. Modification times are deliberately left out: they are what a copy or a
 * restore resets, and an edit can keep them.
 */
export async function exportsFingerprint(dataDir: string): Promise<ExportsFingerprint> {
  const { directory, files } = exportsListing(dataDir);
  const hashed: [string, number, string][] = [];
  for (const [name, size] of files) hashed.push([name, size, await fileSha256(join(directory, name))]);
  return { directory, files: hashed };
}

/** A hash of the loaders' source: the cleaning rules and the Parquet writing. */
export function cleaningCodeHash(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(loadersDir).filter((n) => n.endsWith(".ts")).sort()) hash.update(name).update(readFileSync(join(loadersDir, name)));
  return hash.digest("hex").slice(0, 16);
}
