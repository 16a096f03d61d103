// Where the exports are: WORKBENCH_DATA (real exports, kept outside the repository), else the sample in data/.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const sampleDataDir = fileURLToPath(new URL("../data", import.meta.url));

export function dataDir(): string {
  return resolve(process.env.WORKBENCH_DATA || sampleDataDir);
}
