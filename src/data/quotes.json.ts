// Quotable free-text answers (consent only, masked; in the public build cohorts named only with 10 people per wave
// and theme, else pooled; at most a few hundred per wave, theme and cohort, with the counts of each group shown).
import { join } from "node:path";
import { buildMode, minQuoteGroup } from "../../loaders/build-mode.js";
import { cleanStore, withCleanTables } from "../../loaders/clean-store.js";
import { runReportingContractErrors } from "../../loaders/contract-error.js";
import { dataDir } from "../../loaders/data-dir.js";
import { otherNamesToMask } from "../../loaders/masking.js";
import { quoteCollection } from "../../loaders/quotes.js";
import { nameWordsFile } from "../../loaders/staging.js";
import { writeToStdout } from "../../loaders/stdout.js";

await runReportingContractErrors(async () => {
  const directory = dataDir();
  const nameWords = join(await cleanStore(directory), nameWordsFile);
  const collection = await withCleanTables(directory, (connection) => quoteCollection(connection, nameWords, { build: buildMode(), minGroup: minQuoteGroup(), otherNames: otherNamesToMask(directory) }));
  await writeToStdout(new TextEncoder().encode(JSON.stringify(collection)));
});
