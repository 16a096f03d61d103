// Every clean table as Parquet, in one tar archive: one pass over the exports serves every page.
import { cleanTable, loadExports } from "./clean.js";
import { tableNames, tableSortBy } from "./model.js";
import { toParquet } from "./parquet.js";
import { tar, type TarEntry } from "./tar.js";

export async function cleanArchive(dataDir: string): Promise<Uint8Array> {
  const model = await loadExports(dataDir);
  const entries: TarEntry[] = [];
  for (const name of tableNames) {
    const { columns, rows } = cleanTable(model, name);
    entries.push({ name: `${name}.parquet`, bytes: await toParquet(columns, rows, { sortBy: tableSortBy[name] }) });
  }
  return tar(entries);
}
