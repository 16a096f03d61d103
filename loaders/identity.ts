// A person's pseudonymous id: the same email gives the same id in every wave, and the email never leaves the loader.
// The key is WORKBENCH_ID_KEY, else a key file kept outside the repository (created on first use, readable only by
// its owner); only generated sample data (a folder holding the generator's marker file) uses the fixed, public key.
import { createHmac, hash, randomBytes } from "node:crypto";
import { chmodSync, closeSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ContractError } from "./contract-error";

/** The fixed key of generated sample data: public, so ids made with it protect nobody. */
export const sampleKey = "outcomes-workbench-sample-key";

/** The file the sample generator writes into every folder of sample exports (`data/` holds one). */
export const sampleMarker = ".workbench-sample";

const repository = fileURLToPath(new URL("..", import.meta.url));

/** Emails differ only in case and surrounding spaces between a person's submissions. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** HMAC-SHA256's padded key blocks (RFC 2104): the key, hashed first when longer than a block, XOR 0x36 and 0x5c. */
export interface HmacPads {
  inner: Buffer;
  outer: Buffer;
}

const padsByKey = new Map<string, HmacPads>();

/** The key's two 64-byte pads, kept per key: sql-values.ts's idMap computes pseudonymousId's HMAC with them in DuckDB. */
export function hmacPads(key: string): HmacPads {
  let pads = padsByKey.get(key);
  if (pads === undefined) {
    let bytes = Buffer.from(key);
    if (bytes.length > 64) bytes = hash("sha256", bytes, "buffer");
    const inner = Buffer.alloc(64);
    const outer = Buffer.alloc(64);
    for (let i = 0; i < 64; i += 1) {
      inner[i] = (bytes[i] ?? 0) ^ 0x36;
      outer[i] = (bytes[i] ?? 0) ^ 0x5c;
    }
    pads = { inner, outer };
    padsByKey.set(key, pads);
  }
  return pads;
}

/** Hex digits of the HMAC an id keeps. */
export const idLength = 16;

/** The definition of an id (the cleaning computes it in DuckDB, sql-values.ts's idMap, pinned to this in a test). */
export function pseudonymousId(email: string, key: string): string {
  return createHmac("sha256", key).update(normaliseEmail(email)).digest("hex").slice(0, idLength);
}

/** Where the key file is: WORKBENCH_ID_KEY_FILE, else outcomes-workbench/id-key in the user's config folder. */
export function idKeyFile(): string {
  const config = process.env.XDG_CONFIG_HOME || join(homedir(), ".config");
  return resolve(process.env.WORKBENCH_ID_KEY_FILE || join(config, "outcomes-workbench", "id-key"));
}

export function isSampleData(dataDir: string): boolean {
  return existsSync(join(dataDir, sampleMarker));
}

function insideRepository(path: string): boolean {
  const fromRoot = relative(repository, path);
  return fromRoot === "" || (!fromRoot.startsWith("..") && !isAbsolute(fromRoot));
}

/** Writes a new random key to `path` unless one is there (two processes at once agree on one), readable by its owner only. */
function createKeyFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const draft = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  const fd = openSync(draft, "wx", 0o600);
  try {
    writeSync(fd, `${randomBytes(32).toString("hex")}\n`);
  } finally {
    closeSync(fd);
  }
  chmodSync(draft, 0o600);
  try {
    // A hard link never replaces an existing file: the first process's key wins.
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(draft);
  }
}

/** The key in the key file at `path`, created on first use; refused inside the repository or readable by others. */
export function keyFromFile(path: string): string {
  const shown = path.replace(homedir(), "~");
  if (insideRepository(path)) {
    throw new ContractError(shown, { expected: "an id key file outside the repository (WORKBENCH_ID_KEY_FILE), so it is never committed", got: "a path inside it" });
  }
  if (!existsSync(path)) createKeyFile(path);
  if (process.platform !== "win32" && (statSync(path).mode & 0o077) !== 0) {
    throw new ContractError(shown, { expected: "an id key file readable only by its owner (chmod 600)", got: `mode ${(statSync(path).mode & 0o777).toString(8)}` });
  }
  const key = readFileSync(path, "utf8").trim();
  if (key.length < 32) throw new ContractError(shown, { expected: "an id key of at least 32 characters", got: `${key.length} characters` });
  return key;
}

/** The key of the exports in `dataDir`: WORKBENCH_ID_KEY, the fixed key for sample data, else the key file. */
export function idKey(dataDir: string): string {
  if (process.env.WORKBENCH_ID_KEY) return process.env.WORKBENCH_ID_KEY;
  // A mistyped folder is reported as such, before any key file is made for it.
  if (!existsSync(dataDir)) throw new ContractError(dataDir, { expected: "a folder of survey exports", got: "no such folder" });
  if (isSampleData(dataDir)) return sampleKey;
  return keyFromFile(idKeyFile());
}

/** A digest of the key, so that a store or cache built with another key is not reused (the key itself is never written). */
export function idKeyDigest(dataDir: string): string {
  return createHmac("sha256", idKey(dataDir)).update("outcomes-workbench key digest").digest("hex").slice(0, 16);
}
