// The outcome cube the Cohorts page slices (src/components/cube.ts): counts per wave × cohort × stream ×
// degree × extension cell. Analyst build only: fine cells are small cells, so the public build ships none.
import { buildMode } from "../../loaders/build-mode.js";
import { loadExports } from "../../loaders/clean.js";
import { runReportingContractErrors } from "../../loaders/contract-error.js";
import { dataDir } from "../../loaders/data-dir.js";
import { loadCleanTables } from "../../loaders/indicator-report.js";
import { withDuckDB } from "../../loaders/parquet.js";
import { writeToStdout } from "../../loaders/stdout.js";
import { assembleCube, buildCube } from "../components/cube.js";

await runReportingContractErrors(async () => {
  const cube =
    buildMode() === "public"
      ? assembleCube([], [], [], "public")
      : await withDuckDB(async (connection) => {
          await loadCleanTables(connection, await loadExports(dataDir()));
          return buildCube(async (sql) => (await (await connection.runAndReadAll(sql)).getRowObjectsJS()) as Record<string, unknown>[]);
        });
  await writeToStdout(new TextEncoder().encode(JSON.stringify(cube)));
});
