import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { tar, writeTar } from "../../loaders/tar.js";

test("the archive is readable by the system's tar, byte for byte", () => {
  const directory = mkdtempSync(join(tmpdir(), "tar-test-"));
  const payload = new Uint8Array(1300).map((_, i) => (i * 7) % 251);
  writeFileSync(join(directory, "out.tar"), tar([{ name: "a.parquet", bytes: payload }, { name: "b.txt", bytes: new TextEncoder().encode("hello") }]));
  execFileSync("tar", ["-xf", "out.tar"], { cwd: directory });
  assert.deepEqual(new Uint8Array(readFileSync(join(directory, "a.parquet"))), payload);
  assert.equal(readFileSync(join(directory, "b.txt"), "utf8"), "hello");
});

test("an archive of files on disk, streamed, is byte for byte the archive of their bytes", async () => {
  const folder = mkdtempSync(join(tmpdir(), "workbench-tar-"));
  const files = [{ name: "a.parquet", bytes: new Uint8Array(1500).fill(7) }, { name: "b.parquet", bytes: new Uint8Array(0) }];
  for (const { name, bytes } of files) writeFileSync(join(folder, name), bytes);
  const chunks: Buffer[] = [];
  const out = new Writable({ write: (chunk, _, done) => (chunks.push(Buffer.from(chunk)), done()) });
  await writeTar(out, files.map(({ name }) => ({ name, path: join(folder, name) })));
  assert.ok(Buffer.concat(chunks).equals(Buffer.from(tar(files))));
});
