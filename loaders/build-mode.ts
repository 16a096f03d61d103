// The one setting that separates the analyst build (everything, for the team) from the public build
// (aggregates only, small cells suppressed, for funders): WORKBENCH_BUILD=public. WORKBENCH_MIN_CELL sets the threshold.
import { wholeNumberSetting } from "./settings.js";

export type BuildMode = "analyst" | "public";

export function buildMode(): BuildMode {
  const mode = process.env.WORKBENCH_BUILD || "analyst";
  if (mode !== "analyst" && mode !== "public") throw new Error(`WORKBENCH_BUILD: expected 'analyst' or 'public', got '${mode}'`);
  return mode;
}

/** Shares whose denominator or complement is below this are withheld in the public build (default 5). */
export function minCell(): number {
  return wholeNumberSetting("WORKBENCH_MIN_CELL", "≥ 1") ?? 5;
}

/** Free-text groups (quotes by cohort) need more people before they are shown apart: twice the threshold. */
export function minQuoteGroup(): number {
  return 2 * minCell();
}

/** Where the build is written: WORKBENCH_OUTPUT, else dist/ (analyst) or dist-public/ (public). */
export function outputDir(): string {
  return process.env.WORKBENCH_OUTPUT || (buildMode() === "public" ? "dist-public" : "dist");
}
