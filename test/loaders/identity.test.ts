// Pseudonymous ids: stable per person, keyed; a real build's key comes from the environment or a private key file.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { ContractError } from "../../loaders/contract-error";
import { idKey, keyFromFile, pseudonymousId, sampleKey } from "../../loaders/identity";
import { sampleDataDir } from "../../loaders/data-dir";

const root = fileURLToPath(new URL("../..", import.meta.url));

test("the id ignores case and surrounding spaces, and depends on the key", () => {
  const id = pseudonymousId("ana@example.org", "k1");
  assert.equal(pseudonymousId("  Ana@Example.ORG ", "k1"), id);
  assert.notEqual(pseudonymousId("ana@example.org", "k2"), id);
  assert.match(id, /^[0-9a-f]{16}$/);
  assert.ok(!id.includes("ana"));
});

/** Runs `idKey(folder)` in a fresh process with `env` (and no WORKBENCH_ID_KEY unless given). */
function keyIn(folder: string, env: Record<string, string>): string {
  const { WORKBENCH_ID_KEY: _, ...inherited } = process.env;
  return execFileSync(process.execPath, ["--import", "tsx", "-e", `import("./loaders/identity.ts").then(({ idKey }) => process.stdout.write(idKey(${JSON.stringify(folder)})))`], {
    cwd: root, env: { ...inherited, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"],
  });
}

test("only sample data uses the fixed key; WORKBENCH_ID_KEY wins over everything", () => {
  const config = mkdtempSync(join(tmpdir(), "workbench-config-"));
  assert.equal(keyIn(sampleDataDir, { XDG_CONFIG_HOME: config }), sampleKey);
  assert.equal(keyIn(sampleDataDir, { XDG_CONFIG_HOME: config, WORKBENCH_ID_KEY: "from-env" }), "from-env");
  const real = mkdtempSync(join(tmpdir(), "workbench-real-"));
  assert.equal(keyIn(real, { XDG_CONFIG_HOME: config, WORKBENCH_ID_KEY: "from-env" }), "from-env");
  assert.equal(existsSync(join(config, "outcomes-workbench")), false, "no key file while the environment gives one");
});

test("real exports get a random key file on first use, private to its owner, the same key every time after", () => {
  const config = mkdtempSync(join(tmpdir(), "workbench-config-"));
  const real = mkdtempSync(join(tmpdir(), "workbench-real-"));
  const first = keyIn(real, { XDG_CONFIG_HOME: config });
  const file = join(config, "outcomes-workbench", "id-key");
  assert.notEqual(first, sampleKey);
  assert.match(first, /^[0-9a-f]{64}$/);
  assert.equal(readFileSync(file, "utf8").trim(), first);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(keyIn(real, { XDG_CONFIG_HOME: config }), first);
  assert.equal(keyIn(mkdtempSync(join(tmpdir(), "workbench-real-")), { WORKBENCH_ID_KEY_FILE: file }), first);
});

test("a key file inside the repository, readable by others or too short is refused with one line", () => {
  assert.throws(() => keyFromFile(join(root, "data", "id-key")), (e: unknown) => e instanceof ContractError && /expected an id key file outside the repository/.test(e.message));
  const file = join(mkdtempSync(join(tmpdir(), "workbench-key-")), "id-key");
  writeFileSync(file, `${"k".repeat(40)}\n`, { mode: 0o644 });
  chmodSync(file, 0o644);
  assert.throws(() => keyFromFile(file), (e: unknown) => e instanceof ContractError && e.message.endsWith("expected an id key file readable only by its owner (chmod 600), got 'mode 644'"));
  chmodSync(file, 0o600);
  assert.equal(keyFromFile(file), "k".repeat(40));
  writeFileSync(file, "short\n");
  assert.throws(() => keyFromFile(file), /expected an id key of at least 32 characters/);
});

test("processes creating the key file at once agree on one key", async () => {
  const config = mkdtempSync(join(tmpdir(), "workbench-config-"));
  const real = mkdtempSync(join(tmpdir(), "workbench-real-"));
  const { execFile } = await import("node:child_process");
  const { WORKBENCH_ID_KEY: _, ...inherited } = process.env;
  const run = () => new Promise<string>((resolve, reject) => execFile(process.execPath, ["--import", "tsx", "-e", `import("./loaders/identity.ts").then(({ idKey }) => process.stdout.write(idKey(${JSON.stringify(real)})))`], { cwd: root, env: { ...inherited, XDG_CONFIG_HOME: config } }, (error, stdout) => (error ? reject(error) : resolve(stdout))));
  const keys = await Promise.all([run(), run(), run(), run()]);
  assert.equal(new Set(keys).size, 1);
});

test("a folder that does not exist is reported, and no key file is made for it", () => {
  const config = mkdtempSync(join(tmpdir(), "workbench-config-"));
  assert.throws(() => keyIn(join(config, "no-such-folder"), { XDG_CONFIG_HOME: config }), /no-such-folder: expected a folder of survey exports, got 'no such folder'/);
  assert.equal(existsSync(join(config, "outcomes-workbench")), false);
});

test("the shipped sample and the test fixtures are marked as sample data", () => {
  assert.equal(idKey(sampleDataDir), process.env.WORKBENCH_ID_KEY || sampleKey);
});

test("pseudonymous ids are HMAC-SHA256 of the normalised email, whatever the key's and email's length", () => {
  for (const key of ["k1", "x".repeat(64), "y".repeat(65), "outcomes-workbench-sample-key"]) {
    for (const email of ["ana@example.org", " Ana@Example.ORG ", "", `${"é".repeat(400)}@example.org`, `${"a".repeat(2000)}@example.org`]) {
      const expected = createHmac("sha256", key).update(email.trim().toLowerCase()).digest("hex").slice(0, 16);
      assert.equal(pseudonymousId(email, key), expected);
    }
  }
});
