// The Cohorts page's figures from the cube: an indicator's share per group, and a select-all question's options per
// group and across groups, each with its 95% Wilson interval (one home, tested; the page only draws them).
import { wilson } from "../survey/indicators.js";
import { sliceIndicators, sliceOptions, type CellDimension, type CubeSlice, type OptionRow, type OutcomeCube } from "../survey/cube.js";
import type { IndicatorFilter } from "../survey/indicators.js";
import type { ShareRow } from "./share-bars.js";

/** The group of respondents who did not answer the slicing question (e.g. gave no degree). */
export const notGiven = "not given";

export type OptionShare = OptionRow & { share: number; lo: number; hi: number };

function withInterval<Row extends { numerator: number; denominator: number }>(row: Row): Row & { share: number; lo: number; hi: number } {
  const [lo, hi] = wilson(row.numerator, row.denominator);
  return { ...row, share: row.numerator / row.denominator, lo, hi };
}

/**
 * `indicator`'s share in each group of `by` (each wave when `by` is "wave"), among respondents who answered.
 * Groups where no one answered have no row: a share of nothing is not 0.
 */
export function indicatorShares(
  cube: OutcomeCube,
  { waves, indicator, by, filter = {} }: { waves: readonly string[]; indicator: string; by: CellDimension | "wave"; filter?: IndicatorFilter },
): ShareRow[] {
  return waves.flatMap((wave) =>
    sliceIndicators(cube, { wave, by: by === "wave" ? null : by, filter })
      .filter((r) => r.id === indicator && r.denominator !== null && r.denominator > 0)
      .map((r) => withInterval({ group: by === "wave" ? wave : (r.group ?? notGiven), numerator: r.numerator, denominator: r.denominator! })),
  );
}

/** Each option's share of the respondents who answered `question`, per group of `by`. */
export function optionShares(
  cube: OutcomeCube,
  { waves, question, by, filter = {} }: { waves: readonly string[]; question: string; by: CubeSlice; filter?: IndicatorFilter },
): OptionShare[] {
  return sliceOptions(cube, { waves, question, by, filter }).map(withInterval);
}

/**
 * Each option's share across all the groups: the groups are disjoint, so it is the sum of their counts over the sum of
 * every group's base, including groups where no one chose the option (they have no row for it, but they answered).
 */
export function optionsAcrossGroups(options: readonly OptionShare[]): OptionShare[] {
  const bases = new Map(options.map((r) => [r.group, r.denominator]));
  const denominator = [...bases.values()].reduce((s, n) => s + n, 0);
  return [...new Set(options.map((r) => r.option))].map((option) => {
    const numerator = options.filter((r) => r.option === option).reduce((s, r) => s + r.numerator, 0);
    return withInterval({ group: "all", option, numerator, denominator });
  });
}
