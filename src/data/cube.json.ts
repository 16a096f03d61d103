// The outcome cube the Cohorts page slices (src/survey/cube.ts): counts per wave × cohort × stream ×
// degree × extension cell. Analyst build only: fine cells are small cells, so the public build ships none.
import { buildMode } from "../../loaders/build-mode.js";
import { withCleanTables } from "../../loaders/clean-store.js";
import { runReportingContractErrors } from "../../loaders/contract-error.js";
import { dataDir } from "../../loaders/data-dir.js";
import { rowObjects } from "../../loaders/parquet.js";
import { writeToStdout } from "../../loaders/stdout.js";
import { assembleCube, buildCube } from "../survey/cube.js";

await runReportingContractErrors(async () => {
  const cube =
    buildMode() === "public"
      ? assembleCube([], [], [], [], "public")
      : await withCleanTables(dataDir(), (connection) =>
          buildCube((sql) => rowObjects(connection, sql)),
        );
  await writeToStdout(new TextEncoder().encode(JSON.stringify(cube)));
});
