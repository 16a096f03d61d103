// Every clean table as Parquet, in one tar archive: one pass over the exports serves every page.
// The public build keeps only the allow-listed columns of the allow-listed tables (loaders/public-tables.ts).
import { cleanTable, loadExports } from "./clean.js";
import { tableNames, tableSortBy } from "./model.js";
import type { BuildMode } from "./build-mode.js";
import { toParquet } from "./parquet.js";
import { publicColumns } from "./public-tables.js";
import { tar, type TarEntry } from "./tar.js";

export async function cleanArchive(dataDir: string, build: BuildMode = "analyst"): Promise<Uint8Array> {
  const model = await loadExports(dataDir);
  const entries: TarEntry[] = [];
  for (const name of tableNames) {
    let { columns, rows } = cleanTable(model, name);
    if (build === "public") {
      const allowed = publicColumns[name];
      columns = allowed ? columns.filter((c) => allowed.includes(c.name)) : columns;
      rows = allowed ? rows : [];
    }
    const sortBy = tableSortBy[name]?.filter((c) => columns.some((column) => column.name === c));
    entries.push({ name: `${name}.parquet`, bytes: await toParquet(columns, rows, { sortBy }) });
  }
  return tar(entries);
}
