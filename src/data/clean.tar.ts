// The clean tables (data/clean/<table>.parquet for the pages), from the exports in WORKBENCH_DATA or data/.
import { buildMode } from "../../loaders/build-mode.js";
import { writeCleanArchive } from "../../loaders/clean-archive.js";
import { runReportingContractErrors } from "../../loaders/contract-error.js";
import { dataDir } from "../../loaders/data-dir.js";

await runReportingContractErrors(async () => {
  await writeCleanArchive(process.stdout, dataDir(), buildMode());
});
