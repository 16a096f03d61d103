// Logistic regression by iteratively reweighted least squares, with standard errors clustered by person.
// Hand-written: no well-kept npm package gives cluster-robust (sandwich) errors, and with a handful of
// parameters IRLS is a few dozen lines. Matches R's glm(binomial) with sandwich::vcovCL(type = "HC0") and
// survey::svyglm(ids = ~person) for weights (both scale the sandwich by G / (G − 1) for G clusters), and for weights
// raked to margins, svyglm on a survey::rake design (the influence of each answer is first taken net of the margins).

export interface LogisticFit {
  coefficients: number[];
  /** Cluster-robust covariance of the coefficients. */
  covariance: number[][];
  standardErrors: number[];
  converged: boolean;
  iterations: number;
  /** People (clusters) and rows the fit rests on. */
  clusters: number;
  rows: number;
}

/** Solves A x = b for a small symmetric positive-definite A (Gauss–Jordan with partial pivoting); null if singular. */
export function invert(a: readonly (readonly number[])[]): number[][] | null {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    const scale = Math.max(...a.map((row) => Math.abs(row[col])), 1e-300);
    if (Math.abs(m[pivot][col]) < 1e-12 * scale) return null;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const p = m[col][col];
    for (let j = 0; j < 2 * n; j += 1) m[col][j] /= p;
    for (let r = 0; r < n; r += 1) {
      if (r === col || m[r][col] === 0) continue;
      const f = m[r][col];
      for (let j = 0; j < 2 * n; j += 1) m[r][j] -= f * m[col][j];
    }
  }
  return m.map((row) => row.slice(n));
}

/**
 * Fits P(y = 1) = 1 / (1 + exp(−x·β)). `x` rows include the intercept column; `cluster[i]` names row i's person
 * (rows of one person share a cluster); `weights` are survey weights (default 1). Returns null when the design is
 * singular (e.g. a column constant) or every outcome is the same.
 */
export function fitLogistic(
  x: readonly (readonly number[])[],
  y: readonly number[],
  cluster: readonly string[],
  {
    weights,
    margins,
    maxIterations = 50,
    tolerance = 1e-10,
  }: {
    weights?: readonly number[];
    /** The levels each row had in each raking margin (`margins[m][i]`), when `weights` were raked to them. */
    margins?: readonly (readonly string[])[];
    maxIterations?: number;
    tolerance?: number;
  } = {},
): LogisticFit | null {
  const n = x.length;
  const k = x[0]?.length ?? 0;
  const w = weights ?? new Array<number>(n).fill(1);
  if (n === 0 || y.every((v) => v === y[0])) return null;
  let beta = new Array<number>(k).fill(0);
  let bread: number[][] | null = null;
  let converged = false;
  let iterations = 0;
  const fitted = (b: readonly number[]) => x.map((row) => 1 / (1 + Math.exp(-row.reduce((s, v, j) => s + v * b[j], 0))));
  let deviance = Infinity;
  for (iterations = 1; iterations <= maxIterations; iterations += 1) {
    const mu = fitted(beta);
    const info = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    const score = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i += 1) {
      const v = w[i] * mu[i] * (1 - mu[i]);
      for (let a = 0; a < k; a += 1) {
        score[a] += w[i] * (y[i] - mu[i]) * x[i][a];
        for (let b = 0; b < k; b += 1) info[a][b] += v * x[i][a] * x[i][b];
      }
    }
    bread = invert(info);
    if (!bread) return null;
    const step = bread.map((row) => row.reduce((s, v, j) => s + v * score[j], 0));
    beta = beta.map((b, j) => b + step[j]);
    const mu2 = fitted(beta);
    const next = -2 * mu2.reduce((s, m, i) => s + w[i] * (y[i] * Math.log(Math.max(m, 1e-300)) + (1 - y[i]) * Math.log(Math.max(1 - m, 1e-300))), 0);
    // glm's own rule: relative change in deviance below the tolerance.
    if (Math.abs(next - deviance) / (Math.abs(next) + 0.1) < tolerance) {
      converged = true;
      deviance = next;
      break;
    }
    deviance = next;
  }
  // The sandwich: each row's influence bread · w(y − μ)x, net of the raking margins when there are any; then the
  // spread of people's summed influences (centred, as survey's multistage does), scaled by G / (G − 1).
  const mu = fitted(beta);
  const info = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < n; i += 1) {
    const v = w[i] * mu[i] * (1 - mu[i]);
    for (let a = 0; a < k; a += 1) for (let b = 0; b < k; b += 1) info[a][b] += v * x[i][a] * x[i][b];
  }
  bread = invert(info);
  if (!bread) return null;
  const influence = x.map((row, i) => bread!.map((r) => r.reduce((sum, v, j) => sum + v * w[i] * (y[i] - mu[i]) * row[j], 0)));
  if (margins?.length) {
    // survey::svyrecvar for a raked design: ten sweeps, each margin's level means of influence / weight taken out.
    for (let sweep = 0; sweep < 10; sweep += 1) {
      for (const levels of margins) {
        const sums = new Map<string, { total: number[]; count: number }>();
        influence.forEach((u, i) => {
          const cell = sums.get(levels[i]) ?? { total: new Array<number>(k).fill(0), count: 0 };
          u.forEach((value, a) => (cell.total[a] += value / w[i]));
          cell.count += 1;
          sums.set(levels[i], cell);
        });
        influence.forEach((u, i) => {
          const cell = sums.get(levels[i])!;
          for (let a = 0; a < k; a += 1) u[a] -= (w[i] * cell.total[a]) / cell.count;
        });
      }
    }
  }
  const sums = new Map<string, number[]>();
  influence.forEach((u, i) => {
    const s = sums.get(cluster[i]) ?? new Array<number>(k).fill(0);
    for (let a = 0; a < k; a += 1) s[a] += u[a];
    sums.set(cluster[i], s);
  });
  const g = sums.size;
  const centre = new Array<number>(k).fill(0);
  for (const s of sums.values()) for (let a = 0; a < k; a += 1) centre[a] += s[a] / g;
  const adjust = g > 1 ? g / (g - 1) : 1;
  const covariance = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const s of sums.values()) for (let a = 0; a < k; a += 1) for (let b = 0; b < k; b += 1) covariance[a][b] += adjust * (s[a] - centre[a]) * (s[b] - centre[b]);
  return {
    coefficients: beta,
    covariance,
    standardErrors: covariance.map((row, j) => Math.sqrt(row[j])),
    converged,
    iterations,
    clusters: g,
    rows: n,
  };
}
