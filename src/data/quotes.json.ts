// Quotable free-text answers (consent only, masked; cohorts pooled below the threshold in the public build).
import { buildMode, minQuoteGroup } from "../../loaders/build-mode.js";
import { loadExports } from "../../loaders/clean.js";
import { runReportingContractErrors } from "../../loaders/contract-error.js";
import { dataDir } from "../../loaders/data-dir.js";
import { quoteCollection } from "../../loaders/quotes.js";
import { writeToStdout } from "../../loaders/stdout.js";

await runReportingContractErrors(async () => {
  const directory = dataDir();
  const names = new Set<string>();
  const collection = quoteCollection(await loadExports(directory, names), names, { build: buildMode(), minGroup: minQuoteGroup() });
  await writeToStdout(new TextEncoder().encode(JSON.stringify(collection)));
});
