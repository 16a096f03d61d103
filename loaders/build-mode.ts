// The one setting that separates the analyst build (everything, for the team) from the public build
// (aggregates only, small cells suppressed, for funders): WORKBENCH_BUILD=public. WORKBENCH_MIN_CELL sets the threshold.

export type BuildMode = "analyst" | "public";

export function buildMode(): BuildMode {
  const mode = process.env.WORKBENCH_BUILD || "analyst";
  if (mode !== "analyst" && mode !== "public") throw new Error(`WORKBENCH_BUILD: expected 'analyst' or 'public', got '${mode}'`);
  return mode;
}

/** Shares whose denominator or complement is below this are withheld in the public build (default 5). */
export function minCell(): number {
  const value = Number(process.env.WORKBENCH_MIN_CELL || 5);
  if (!Number.isInteger(value) || value < 1) throw new Error(`WORKBENCH_MIN_CELL: expected a whole number ≥ 1, got '${process.env.WORKBENCH_MIN_CELL}'`);
  return value;
}

/** Free-text groups (quotes by cohort) need more people before they are shown apart: twice the threshold. */
export function minQuoteGroup(): number {
  return 2 * minCell();
}

/** Where the build is written: WORKBENCH_OUTPUT, else dist/ (analyst) or dist-public/ (public). */
export function outputDir(): string {
  return process.env.WORKBENCH_OUTPUT || (buildMode() === "public" ? "dist-public" : "dist");
}
