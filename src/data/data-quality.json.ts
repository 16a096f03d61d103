// The Data quality page's first view, counted at build time (src/survey/ledger.ts), so the page draws it without
// DuckDB-WASM. The same counts in both builds: they count export rows, by file, wave, reason and flag, never people.
import { buildMode } from "../../loaders/build-mode.js";
import { withCleanTables } from "../../loaders/clean-store.js";
import { runReportingContractErrors } from "../../loaders/contract-error.js";
import { dataDir } from "../../loaders/data-dir.js";
import { rowObjects } from "../../loaders/parquet.js";
import { writeToStdout } from "../../loaders/stdout.js";
import { ledgerSummary } from "../survey/ledger.js";

await runReportingContractErrors(async () => {
  const summary = await withCleanTables(dataDir(), (connection) => ledgerSummary((sql) => rowObjects(connection, sql), buildMode()));
  await writeToStdout(new TextEncoder().encode(JSON.stringify(summary)));
});
