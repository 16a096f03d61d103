// The clean tables as one DuckDB database file (data/clean.duckdb), attached read-only by the pages that query them.
import { buildMode } from "../../loaders/build-mode.js";
import { runReportingContractErrors } from "../../loaders/contract-error.js";
import { dataDir } from "../../loaders/data-dir.js";
import { writeSiteDatabase } from "../../loaders/site-database.js";

await runReportingContractErrors(async () => {
  await writeSiteDatabase(process.stdout, dataDir(), buildMode());
});
