// Raking (iterative proportional fitting): weights that make the respondents' margins match the
// roster's population on each variable, and Kish's design effect of the resulting weights.

export type Margins = Record<string, Record<string, number>>;

export interface RakingResult {
  weights: number[];
  iterations: number;
  converged: boolean;
  /** Population levels with no respondents: they cannot be reached, so the weighted figures speak for the rest only. */
  dropped: { variable: string; level: string; population: number }[];
}

/** Weighted figures may be shown only when raking converged; otherwise the reason, in words. */
export function rakingProblem(result: RakingResult): string | null {
  return result.converged ? null : `raking did not converge in ${result.iterations} iterations: weighted figures withheld`;
}

/**
 * `rows[i][variable]` is respondent i's level; `margins[variable][level]` is the population count (or share).
 * Weights are scaled to sum to the number of respondents. Levels with no respondents cannot be reached: they are
 * dropped from that variable's targets (the population renormalised over the reachable levels) and named in `dropped`.
 */
export function rake(
  rows: readonly Record<string, unknown>[],
  margins: Margins,
  { maxIterations = 100, tolerance = 1e-9, counts }: { maxIterations?: number; tolerance?: number; counts?: readonly number[] } = {},
): RakingResult {
  // With `counts`, each row stands for that many respondents alike (a cell), and its weight is each one's.
  const count = (i: number) => (counts ? counts[i] : 1);
  const n = counts ? counts.reduce((a, c) => a + c, 0) : rows.length;
  const weights = new Array<number>(rows.length).fill(1);
  const variables = Object.keys(margins);
  const dropped: RakingResult["dropped"] = [];
  if (n === 0) return { weights, iterations: 0, converged: true, dropped };
  const targets = variables.map((variable) => {
    const present = new Set(rows.filter((_, i) => count(i) > 0).map((row) => String(row[variable])));
    for (const [level, population] of Object.entries(margins[variable])) if (!present.has(level) && population > 0) dropped.push({ variable, level, population });
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
        sums.set(level, (sums.get(level) ?? 0) + weights[i] * count(i));
      });
      rows.forEach((row, i) => {
        const level = String(row[variable]);
        const target = targets[v].get(level);
        if (target === undefined || !sums.get(level)) return;
        const factor = target / sums.get(level)!;
        change = Math.max(change, Math.abs(factor - 1));
        weights[i] *= factor;
      });
    });
    if (change < tolerance) return { weights, iterations: iteration, converged: true, dropped };
  }
  return { weights, iterations: maxIterations, converged: false, dropped };
}

/** Kish's design effect: how much the weights inflate the variance of a share (1 = no loss); `counts` as in rake. */
export function designEffect(weights: readonly number[], counts?: readonly number[]): number {
  let n = 0;
  let sum = 0;
  let sumOfSquares = 0;
  weights.forEach((w, i) => {
    const c = counts ? counts[i] : 1;
    n += c;
    sum += c * w;
    sumOfSquares += c * w * w;
  });
  return n && sum ? (n * sumOfSquares) / (sum * sum) : 1;
}

/**
 * A weighted share with its effective sample size (n / design effect). Per row or cell i: `hits[i]` of the
 * `totals[i]` people who answered said yes, each weighing `weights[i]` (per respondent: hits 0 or 1, totals 1).
 */
export function weightedShare(hits: readonly number[], totals: readonly number[], weights: readonly number[]): { share: number; effectiveN: number } {
  let hit = 0;
  let total = 0;
  let sumOfSquares = 0;
  weights.forEach((w, i) => {
    hit += w * hits[i];
    total += w * totals[i];
    sumOfSquares += w * w * totals[i];
  });
  return { share: total ? hit / total : NaN, effectiveN: sumOfSquares ? (total * total) / sumOfSquares : 0 };
}
