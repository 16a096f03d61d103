// Headline indicators of every wave, pooled and by cohort, stream, degree and extension phase.
import { runReportingContractErrors } from "../../loaders/contract-error.js";
import { dataDir } from "../../loaders/data-dir.js";
import { indicatorTables } from "../../loaders/indicator-tables.js";
import { writeToStdout } from "../../loaders/stdout.js";

await runReportingContractErrors(async () => {
  await writeToStdout(new TextEncoder().encode(JSON.stringify(await indicatorTables(dataDir()))));
});
