// The exports are known by their bytes: a rewrite that keeps the size and modification time is noticed by the
// clean store (so by the CLI and every loader) and by the builds' and preview's loader cache.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { cleanStore, storeKey } from "../../loaders/clean-store";
import { createHash } from "node:crypto";
import { exportsFingerprint, filesSha256 } from "../../loaders/fingerprint";
import { refreshDataCache } from "../../scripts/refresh-data-cache";
import { fixtureFolder } from "./fixture-folder";

process.env.WORKBENCH_STORE = mkdtempSync(join(tmpdir(), "workbench-stores-"));

// Whole seconds, so the rewritten file's time is restored exactly (a Date keeps only milliseconds).
const fixedTime = 1_700_000_000;

/** The fixture exports in a temp folder, every file's modification time pinned. */
function pinnedFolder(): string {
  const folder = fixtureFolder();
  for (const name of readdirSync(folder)) utimesSync(join(folder, name), fixedTime, fixedTime);
  return folder;
}

/** Rewrites `file` with `change` applied, keeping its size and (pinned) modification time. */
function rewriteInPlace(file: string, change: (text: string) => string): void {
  const before = statSync(file);
  assert.equal(before.mtimeMs, fixedTime * 1000);
  const text = readFileSync(file, "utf8");
  const changed = change(text);
  assert.notEqual(changed, text);
  assert.equal(Buffer.byteLength(changed), before.size, "the change keeps the size");
  writeFileSync(file, changed);
  utimesSync(file, fixedTime, fixedTime);
  assert.equal(statSync(file).mtimeMs, before.mtimeMs);
}

// A column header's letter case changes, not its length: same size, different bytes.
const sameSize = (text: string) => text.replace("Timestamp", "TIMESTAMP");

test("a changed export with the same size and modification time changes the fingerprint and the clean store", async () => {
  const folder = pinnedFolder();
  const before = await exportsFingerprint(folder);
  const store = await cleanStore(folder);
  rewriteInPlace(join(folder, "alumni-survey-2024.csv"), sameSize);
  assert.notDeepEqual(await exportsFingerprint(folder), before);
  assert.notEqual(await cleanStore(folder).catch(() => "a new clean, which stopped on the changed header"), store);
});

test("the loader cache of a build or preview is dropped when an export's bytes change, not otherwise", async () => {
  const folder = pinnedFolder();
  const sourceRoot = mkdtempSync(join(tmpdir(), "workbench-source-"));
  for (const part of ["data", "components"]) mkdirSync(join(sourceRoot, part));
  const cached = join(sourceRoot, ".observablehq", "cache", "data", "indicators.json");
  const cache = (present: boolean) => {
    if (present) mkdirSync(join(cached, ".."), { recursive: true }), writeFileSync(cached, "{}");
    return existsSync(cached);
  };
  process.env.WORKBENCH_DATA = folder;
  try {
    assert.equal(await refreshDataCache(sourceRoot), true);
    cache(true);
    assert.equal(await refreshDataCache(sourceRoot), false);
    assert.equal(cache(false), true, "unchanged exports keep the cache");
    rewriteInPlace(join(folder, "roster.csv"), (text) => text.replace(/Summer 2022/, "SUMMER 2022"));
    assert.equal(await refreshDataCache(sourceRoot), true);
    assert.equal(cache(false), false, "changed exports drop it");
    // Code the loaders import from any folder of the source root (an indicator definition in survey/) counts too.
    cache(true);
    mkdirSync(join(sourceRoot, "survey"));
    writeFileSync(join(sourceRoot, "survey", "indicators.ts"), "export const indicators = [];\n");
    assert.equal(await refreshDataCache(sourceRoot), true);
    assert.equal(cache(false), false, "a changed indicator definition drops it");
  } finally {
    delete process.env.WORKBENCH_DATA;
  }
});

test("the store key is the same for the same bytes and changes with them", async () => {
  const a = pinnedFolder();
  const key = await storeKey(a);
  assert.equal(await storeKey(a), key);
  rewriteInPlace(join(a, "roster.csv"), (text) => text.replace(/Summer 2022/, "SUMMER 2022"));
  assert.notEqual(await storeKey(a), key);
});

test("a half-built store of a process that is gone (its plaintext staging included) is removed at the next start", async () => {
  const folder = fixtureFolder();
  const dead = Number(execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }));
  const abandoned = join(process.env.WORKBENCH_STORE!, `0123456789abcdef.building-${dead}`);
  mkdirSync(join(abandoned, ".staging", "sources"), { recursive: true });
  writeFileSync(join(abandoned, ".staging", "sources", "respondents.csv"), "Ada Lovelace,ada@example.org\n");
  const mine = join(process.env.WORKBENCH_STORE!, `fedcba9876543210.building-${process.pid}`);
  mkdirSync(mine);
  await cleanStore(folder);
  assert.equal(existsSync(abandoned), false);
  assert.equal(existsSync(mine), true, "a live builder's folder is left alone");
});

test("stores are readable by their owner only", async () => {
  const store = await cleanStore(fixtureFolder());
  assert.equal(statSync(store).mode & 0o777, 0o700);
  assert.equal(statSync(process.env.WORKBENCH_STORE!).mode & 0o777, 0o700);
});

test("a build hands its export digests to its loaders, which trust one only for the same file version", async () => {
  const folder = pinnedFolder();
  const file = join(folder, "roster.csv");
  const { knownExportDigests, exportDigestsVariable } = await import("../../loaders/fingerprint");
  await exportsFingerprint(folder);
  const handed = JSON.parse(knownExportDigests()) as Record<string, [string, string]>;
  assert.ok(handed[file], "the digest of every export read is handed on");
  // A loader process given a digest for this very version uses it without reading the file (shown by a planted value)…
  const planted = JSON.stringify({ [file]: [handed[file][0], "planted"] });
  const script = `import { exportsFingerprint } from ${JSON.stringify(join(process.cwd(), "loaders", "fingerprint.ts"))};
    const f = await exportsFingerprint(${JSON.stringify(folder)}); console.log(f.files.find(([n]) => n === "roster.csv")[2]);`;
  const run = () => execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env: { ...process.env, [exportDigestsVariable]: planted }, encoding: "utf8" }).trim();
  assert.equal(run(), "planted");
  // …and reads the file again once it was rewritten, even with the same size and modification time.
  rewriteInPlace(file, (text) => text.replace("cohort", "COHORT"));
  assert.notEqual(run(), "planted");
});

test("large exports are hashed a file per core at once, to the same digests; an unreadable one is named", async () => {
  const folder = mkdtempSync(join(tmpdir(), "workbench-hash-"));
  const files = ["a.csv", "b.csv", "c.csv"].map((name, i) => {
    const path = join(folder, name);
    writeFileSync(path, `respondent,answer\n${"x,y\n".repeat(1000 * (i + 1))}`);
    return { path, size: statSync(path).size };
  });
  const expected = new Map(files.map(({ path }) => [path, createHash("sha256").update(readFileSync(path)).digest("hex")]));
  assert.deepEqual(await filesSha256(files, 0), expected, "in worker threads");
  assert.deepEqual(await filesSha256(files), expected, "on this thread");
  await assert.rejects(filesSha256([...files, { path: join(folder, "gone.csv"), size: 1 }], 0), (error: Error) => error.message.startsWith(join(folder, "gone.csv")));
});
