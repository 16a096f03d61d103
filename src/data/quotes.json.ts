// Quotable free-text answers (consent only, masked; cohorts pooled below the threshold in the public build;
// at most a few hundred per theme and cohort, with the true counts).
import { join } from "node:path";
import { buildMode, minQuoteGroup } from "../../loaders/build-mode.js";
import { cleanStore, withCleanTables } from "../../loaders/clean-store.js";
import { runReportingContractErrors } from "../../loaders/contract-error.js";
import { dataDir } from "../../loaders/data-dir.js";
import { quoteCollection } from "../../loaders/quotes.js";
import { nameWordsFile } from "../../loaders/staging.js";
import { writeToStdout } from "../../loaders/stdout.js";

await runReportingContractErrors(async () => {
  const directory = dataDir();
  const nameWords = join(await cleanStore(directory), nameWordsFile);
  const collection = await withCleanTables(directory, (connection) => quoteCollection(connection, nameWords, { build: buildMode(), minGroup: minQuoteGroup() }));
  await writeToStdout(new TextEncoder().encode(JSON.stringify(collection)));
});
