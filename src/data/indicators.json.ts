// Headline indicators of every wave, pooled and by cohort, stream, degree and extension phase
// (small cells withheld in the public build).
import { runReportingContractErrors } from "../../loaders/contract-error.js";
import { buildMode, minCell } from "../../loaders/build-mode.js";
import { dataDir } from "../../loaders/data-dir.js";
import { indicatorTables, publicIndicatorTables } from "../../loaders/indicator-tables.js";
import { writeToStdout } from "../../loaders/stdout.js";

await runReportingContractErrors(async () => {
  const shipped = buildMode() === "public" ? await publicIndicatorTables(dataDir(), minCell()) : await indicatorTables(dataDir());
  await writeToStdout(new TextEncoder().encode(JSON.stringify(shipped)));
});
