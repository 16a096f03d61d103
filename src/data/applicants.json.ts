// The Applicants page's figures for every choice of cohort (src/components/applicant-figures.ts).
// Analyst build only (the page is not public): the public build ships none.
import { buildMode } from "../../loaders/build-mode.js";
import { withCleanTables } from "../../loaders/clean-store.js";
import { runReportingContractErrors } from "../../loaders/contract-error.js";
import { dataDir } from "../../loaders/data-dir.js";
import { rowObjects } from "../../loaders/parquet.js";
import { writeToStdout } from "../../loaders/stdout.js";
import { applicantFigures } from "../components/applicant-figures.js";

await runReportingContractErrors(async () => {
  const figures =
    buildMode() === "public"
      ? { cohorts: [], views: {} }
      : await withCleanTables(dataDir(), (connection) =>
          applicantFigures((sql) => rowObjects(connection, sql)),
        );
  await writeToStdout(new TextEncoder().encode(JSON.stringify(figures)));
});
