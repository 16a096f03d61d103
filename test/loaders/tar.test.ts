import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tar } from "../../loaders/tar.js";

test("the archive is readable by the system's tar, byte for byte", () => {
  const directory = mkdtempSync(join(tmpdir(), "tar-test-"));
  const payload = new Uint8Array(1300).map((_, i) => (i * 7) % 251);
  writeFileSync(join(directory, "out.tar"), tar([{ name: "a.parquet", bytes: payload }, { name: "b.txt", bytes: new TextEncoder().encode("hello") }]));
  execFileSync("tar", ["-xf", "out.tar"], { cwd: directory });
  assert.deepEqual(new Uint8Array(readFileSync(join(directory, "a.parquet"))), payload);
  assert.equal(readFileSync(join(directory, "b.txt"), "utf8"), "hello");
});
