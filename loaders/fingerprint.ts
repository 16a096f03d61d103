// What the clean data depends on, as one string: the exports (folder, names and a SHA-256 of each file's bytes) and
// the cleaning code itself, so a change to either rebuilds the clean store and the pages' data.
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

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

/** A worker that answers each path it is sent with that file's SHA-256, as fileSha256 computes it. */
const hashWorker = `const { parentPort } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const { createReadStream } = require("node:fs");
parentPort.on("message", (path) => {
  const hash = createHash("sha256");
  createReadStream(path, { highWaterMark: 1 << 20 })
    .on("data", (chunk) => hash.update(chunk))
    .on("error", (error) => parentPort.postMessage({ error: error.message }))
    .on("end", () => parentPort.postMessage({ sha256: hash.digest("hex") }));
});`;

/** Files this large in all are hashed a file per core at once (at a million respondents, 3.2 GB: 3.0 s on one core). */
const parallelHashingFrom = 256 * 1024 * 1024;

/**
 * The SHA-256 of each of `files` (path and size), largest first, one file per core at a time when there is enough to
 * read: hashing runs on the thread that reads, and a build waits for every export's digest before its first loader.
 */
export async function filesSha256(files: readonly { path: string; size: number }[], parallelFrom = parallelHashingFrom): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  const total = files.reduce((sum, { size }) => sum + size, 0);
  const workers = Math.min(availableParallelism(), files.length);
  if (workers < 2 || total < parallelFrom) {
    for (const { path } of files) digests.set(path, await fileSha256(path));
    return digests;
  }
  const queue = [...files].sort((a, b) => b.size - a.size).map(({ path }) => path);
  const hashing = async () => {
    const worker = new Worker(hashWorker, { eval: true });
    try {
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        const answer = await new Promise<{ sha256?: string; error?: string }>((done, fail) => {
          worker.once("message", done);
          worker.once("error", fail);
          worker.postMessage(path);
        });
        worker.removeAllListeners("error");
        if (answer.error !== undefined) throw new Error(`${path}: ${answer.error}`);
        digests.set(path, answer.sha256!);
      }
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: workers }, hashing));
  return digests;
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

/**
 * The exports' fingerprint by content. Modification times are deliberately left out: they are what a copy or a
 * restore resets, and an edit can keep them. Each file is read once per file version: every loader of a build reads
 * the clean store's key, and exports reach gigabytes.
 */
export async function exportsFingerprint(dataDir: string): Promise<ExportsFingerprint> {
  const { directory, files } = exportsListing(dataDir);
  const exports = files.map(([name, size]) => {
    const path = join(directory, name);
    return { name, size, path, version: fileVersion(path) };
  });
  const computed = await filesSha256(exports.filter(({ path, version }) => digests.get(path)?.[0] !== version));
  for (const { path, version } of exports) {
    const sha256 = computed.get(path);
    // Written while being read: not remembered, so the next reader hashes it again.
    if (sha256 !== undefined && fileVersion(path) === version) digests.set(path, [version, sha256]);
  }
  return { directory, files: exports.map(({ name, size, path }) => [name, size, computed.get(path) ?? digests.get(path)![1]]) };
}

/** A hash of the loaders' source: the cleaning rules and the Parquet writing. */
export function cleaningCodeHash(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(loadersDir).filter((n) => n.endsWith(".ts")).sort()) hash.update(name).update(readFileSync(join(loadersDir, name)));
  return hash.digest("hex").slice(0, 16);
}
