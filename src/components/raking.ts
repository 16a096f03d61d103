// Raking (iterative proportional fitting): weights that make the respondents' margins match the
// roster's population on each variable, and Kish's design effect of the resulting weights.

export type Margins = Record<string, Record<string, number>>;

export interface RakingResult {
  weights: number[];
  iterations: number;
  converged: boolean;
}

/**
 * `rows[i][variable]` is respondent i's level; `margins[variable][level]` is the population count (or share).
 * Weights are scaled to sum to the number of respondents. Levels with no respondents cannot be reached
 * and are dropped from that variable's targets (the population is renormalised over the reachable levels).
 */
export function rake(
  rows: readonly Record<string, unknown>[],
  margins: Margins,
  { maxIterations = 100, tolerance = 1e-9 } = {},
): RakingResult {
  const n = rows.length;
  const weights = new Array<number>(n).fill(1);
  if (n === 0) return { weights, iterations: 0, converged: true };
  const variables = Object.keys(margins);
  const targets = variables.map((variable) => {
    const present = new Set(rows.map((row) => String(row[variable])));
    const levels = Object.entries(margins[variable]).filter(([level]) => present.has(level));
    const total = levels.reduce((sum, [, count]) => sum + count, 0);
    return new Map(levels.map(([level, count]) => [level, (count / total) * n]));
  });
  for (let iteration = 1; iteration <= maxIterations; ++iteration) {
    let change = 0;
    variables.forEach((variable, v) => {
      const sums = new Map<string, number>();
      rows.forEach((row, i) => {
        const level = String(row[variable]);
        sums.set(level, (sums.get(level) ?? 0) + weights[i]);
      });
      rows.forEach((row, i) => {
        const level = String(row[variable]);
        const target = targets[v].get(level);
        if (target === undefined) return;
        const factor = target / sums.get(level)!;
        change = Math.max(change, Math.abs(factor - 1));
        weights[i] *= factor;
      });
    });
    if (change < tolerance) return { weights, iterations: iteration, converged: true };
  }
  return { weights, iterations: maxIterations, converged: false };
}

/** Kish's design effect: how much the weights inflate the variance of a share (1 = no loss). */
export function designEffect(weights: readonly number[]): number {
  const sum = weights.reduce((a, w) => a + w, 0);
  const sumOfSquares = weights.reduce((a, w) => a + w * w, 0);
  return weights.length && sum ? (weights.length * sumOfSquares) / (sum * sum) : 1;
}

/** A weighted share with its effective sample size (n / design effect). */
export function weightedShare(values: readonly boolean[], weights: readonly number[]): { share: number; effectiveN: number } {
  let hit = 0;
  let total = 0;
  values.forEach((value, i) => {
    total += weights[i];
    if (value) hit += weights[i];
  });
  return { share: total ? hit / total : NaN, effectiveN: weights.length / designEffect(weights) };
}
