// The ledger's promise, checked the same way on fixtures and on the sample: per file, rows in = clean + excluded.
import assert from "node:assert/strict";
import type { CleanModel } from "../../loaders/model";

export function assertEveryRowAccountedFor(model: CleanModel): void {
  for (const source of model.sources) {
    const kept =
      source.source === "roster"
        ? Number(source.rows_in)
        : [...model.respondents, ...model.applicants].filter((r) => r.source_file === source.file).length;
    const ledgered = model.exclusions.filter((e) => e.file === source.file).length;
    assert.equal(kept + ledgered, source.rows_in, String(source.file));
    assert.equal(ledgered, source.rows_excluded, String(source.file));
  }
}
