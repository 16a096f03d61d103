// Quotable free-text answers (consent only, masked; cohorts pooled below the threshold in the public build).
import { buildMode, minQuoteGroup } from "../../loaders/build-mode.js";
import { loadExports } from "../../loaders/clean.js";
import { runReportingContractErrors } from "../../loaders/contract-error.js";
import { dataDir } from "../../loaders/data-dir.js";
import { namesInExports } from "../../loaders/masking.js";
import { quoteCollection } from "../../loaders/quotes.js";
import { writeToStdout } from "../../loaders/stdout.js";

await runReportingContractErrors(async () => {
  const directory = dataDir();
  const collection = quoteCollection(await loadExports(directory), await namesInExports(directory), { build: buildMode(), minGroup: minQuoteGroup() });
  await writeToStdout(new TextEncoder().encode(JSON.stringify(collection)));
});
