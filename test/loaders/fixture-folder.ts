// A copy of the hand-made exports in test/fixtures/exports, with one file replaced or added, in a temp folder.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const fixtureExports = fileURLToPath(new URL("../fixtures/exports", import.meta.url));

export function fixtureText(file: string): string {
  return readFileSync(join(fixtureExports, file), "utf8");
}

export function fixtureFolder(changes: Record<string, string | Uint8Array> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), "workbench-fixture-"));
  cpSync(fixtureExports, folder, { recursive: true });
  for (const [file, content] of Object.entries(changes)) writeFileSync(join(folder, file), content);
  return folder;
}
