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
 * What identifies one version of a file without reading it: device, inode, size, and modification and change times in
 * nanoseconds. Any write changes the change time (ctime), which, unlike the modification time, no tool can set back.
 */
function fileVersion(path: string): string {
  const s = statSync(path, { bigint: true });
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

/** The environment variable through which a build hands the digests it computed to its loader processes. */
export const exportDigestsVariable = "WORKBENCH_EXPORT_DIGESTS";

/** Digests already computed: by this process, or by the build that started it; each is trusted only for the same file version. */
const digests = new Map<string, [version: string, sha256: string]>(Object.entries(JSON.parse(process.env[exportDigestsVariable] || "{}")));

/** The digests this process knows, for the processes it starts (`exportDigestsVariable`). */
export function knownExportDigests(): string {
  return JSON.stringify(Object.fromEntries(digests));
}

/** A file's SHA-256, read once per file version: every loader of a build reads the clean store's key, and exports reach gigabytes. */
async function exportDigest(path: string): Promise<string> {
  const version = fileVersion(path);
  const known = digests.get(path);
  if (known?.[0] === version) return known[1];
  const sha256 = await fileSha256(path);
  // Written while being read: not remembered, so the next reader hashes it again.
  if (fileVersion(path) === version) digests.set(path, [version, sha256]);
  return sha256;
}

/**
 * The exports' fingerprint by content. Modification times are deliberately left out: they are what a copy or a
 * restore resets, and an edit can keep them.
 */
export async function exportsFingerprint(dataDir: string): Promise<ExportsFingerprint> {
  const { directory, files } = exportsListing(dataDir);
  const hashed: [string, number, string][] = [];
  for (const [name, size] of files) hashed.push([name, size, await exportDigest(join(directory, name))]);
  return { directory, files: hashed };
}

/** A hash of the loaders' source: the cleaning rules and the Parquet writing. */
export function cleaningCodeHash(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(loadersDir).filter((n) => n.endsWith(".ts")).sort()) hash.update(name).update(readFileSync(join(loadersDir, name)));
  return hash.digest("hex").slice(0, 16);
}
