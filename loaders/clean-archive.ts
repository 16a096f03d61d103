// Every clean table as Parquet, in one tar archive, from the clean store: one pass over the exports serves every page.
// The public build keeps only the allow-listed columns of the allow-listed tables (loaders/public-tables.ts).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Writable } from "node:stream";
import type { BuildMode } from "./build-mode.js";
import { cleanStore } from "./clean-store.js";
import { tableColumns, tableNames } from "./model.js";
import { quoteIdentifier, sqlString } from "../src/survey/sql.js";
import { parquetCopyOptions, withDuckDB } from "./parquet.js";
import { publicColumns } from "./public-tables.js";
import { writeTar } from "./tar.js";

export async function writeCleanArchive(out: Writable, dataDir: string, build: BuildMode = "analyst"): Promise<void> {
  const store = await cleanStore(dataDir);
  const entries = (directory: string) => tableNames.map((name) => ({ name: `${name}.parquet`, path: join(directory, `${name}.parquet`) }));
  if (build === "analyst") return writeTar(out, entries(store));
  const directory = await mkdtemp(join(tmpdir(), "workbench-public-"));
  try {
    await withDuckDB(async (connection) => {
      for (const name of tableNames) {
        const allowed = publicColumns[name];
        const columns = allowed ? tableColumns[name].filter((c) => allowed.includes(c.name)) : tableColumns[name];
        // A table that is not allow-listed ships empty, with its columns, so pages that name it still load.
        const rows = allowed ? "" : " LIMIT 0";
        const source = `read_parquet(${sqlString(join(store, `${name}.parquet`))})`;
        await connection.run(
          `COPY (SELECT ${columns.map((c) => quoteIdentifier(c.name)).join(", ")} FROM ${source}${rows}) TO ${sqlString(join(directory, `${name}.parquet`))} (${parquetCopyOptions()})`,
        );
      }
    });
    await writeTar(out, entries(directory));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
