// The outcome cube the Cohorts page slices (src/survey/cube.ts): counts per wave × cohort × stream ×
// degree × extension cell. Analyst build only: fine cells are small cells, so the public build ships none.
import { buildMode } from "../../loaders/build-mode.js";
import { storedQuery } from "../../loaders/clean-store.js";
import { runReportingContractErrors } from "../../loaders/contract-error.js";
import { dataDir } from "../../loaders/data-dir.js";
import { writeToStdout } from "../../loaders/stdout.js";
import { assembleCube, buildCube } from "../survey/cube.js";

await runReportingContractErrors(async () => {
  const cube =
    buildMode() === "public"
      ? assembleCube([], [], [], [], "public")
      : await buildCube(storedQuery(dataDir()));
  await writeToStdout(new TextEncoder().encode(JSON.stringify(cube)));
});
