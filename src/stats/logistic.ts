// Logistic regression by iteratively reweighted least squares, with standard errors clustered by person.
// Hand-written: no well-kept npm package gives cluster-robust (sandwich) errors, and with a handful of
// parameters IRLS is a few dozen lines. Matches R's glm(binomial) with sandwich::vcovCL(type = "HC0") and
// survey::svyglm(ids = ~person) for weights (both scale the sandwich by G / (G − 1) for G clusters), and for weights
// raked to margins, svyglm on a survey::rake design (the influence of each answer is first taken net of the margins).
import type { Levels } from "./levels.js";

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
 * A working array of `length` numbers, its contents left from the last use (the caller writes every element), kept
 * for the next fit under `name`. Fits at a million respondents each took some 500 MB of fresh arrays, and each
 * allocation that size made V8 collect its whole heap (0.7 s a time, 14 s of the trends loader's 70 s).
 */
export function scratch(name: string, length: number): Float64Array {
  let buffer = scratchArrays.get(name);
  if (!buffer || buffer.length < length) scratchArrays.set(name, (buffer = new Float64Array(length)));
  return buffer.subarray(0, length);
}

const scratchArrays = new Map<string, Float64Array>();

/** A fit's data as flat arrays: `x` is `rows` × `columns`, row-major, intercept column included. */
export interface LogisticData {
  x: Float64Array;
  columns: number;
  y: Float64Array;
  /** Each row's person: rows of one person share a cluster. */
  cluster: Levels;
  /** Survey weights (default 1). */
  weights?: Float64Array;
  /** The levels of each raking margin, when `weights` were raked to them. */
  margins?: readonly Levels[];
}

/**
 * Fits P(y = 1) = 1 / (1 + exp(−x·β)). Returns null when the design is singular (e.g. a column constant) or every
 * outcome is the same. The data come as flat typed arrays, made once per set of rows by the caller: arrays of rows,
 * their copies and a Map of persons per fit were most of the trends loader's time and memory at a million respondents.
 */
export function fitLogistic(
  { x: xs, columns: k, y, cluster, weights, margins }: LogisticData,
  { maxIterations = 50, tolerance = 1e-10 }: { maxIterations?: number; tolerance?: number } = {},
): LogisticFit | null {
  const n = y.length;
  if (n === 0 || y.every((v) => v === y[0])) return null;
  // Every sum below runs in the same order as the plain formula, so the figures do not change in any digit.
  const w = weights ?? scratch("fit.weights", n).fill(1);
  const mu = scratch("fit.mu", n);
  const score = new Array<number>(k).fill(0);
  const info = new Float64Array(k * k);
  const pass = (b: readonly number[]): number => (k <= 4 ? passUpToFour : passAnyColumns)({ xs, k, y, w, mu }, b, score, info);
  const information = (): number[][] => Array.from({ length: k }, (_, a) => Array.from(info.subarray(a * k, a * k + k)));
  let beta = new Array<number>(k).fill(0);
  let bread: number[][] | null = null;
  let converged = false;
  let iterations = 0;
  let deviance = Infinity;
  pass(beta);
  for (iterations = 1; iterations <= maxIterations; iterations += 1) {
    bread = invert(information());
    if (!bread) return null;
    const step = bread.map((row) => row.reduce((s, v, j) => s + v * score[j], 0));
    beta = beta.map((b, j) => b + step[j]);
    const next = pass(beta);
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
  bread = invert(information());
  if (!bread) return null;
  const influence = scratch("fit.influence", n * k);
  const breadFlat = Float64Array.from(bread.flat());
  for (let i = 0, at = 0; i < n; i += 1, at += k) {
    for (let a = 0; a < k; a += 1) {
      let sum = 0;
      for (let j = 0; j < k; j += 1) sum += breadFlat[a * k + j] * w[i] * (y[i] - mu[i]) * xs[at + j];
      influence[at + a] = sum;
    }
  }
  if (margins?.length) {
    // survey::svyrecvar for a raked design: ten sweeps, each margin's level means of influence / weight taken out.
    // What a sweep takes out of a row depends only on its cell (its level in every margin), so the sweeps run over
    // the cells' sums, a few hundred, not the rows, millions (they were a third of the trends loader's fits).
    netOfMargins(influence, k, w, margins);
  }
  const clusters = cluster;
  const g = clusters.size;
  const sums = scratch("fit.sums", g * k).fill(0);
  for (let i = 0, at = 0; i < n; i += 1, at += k) {
    const s = clusters.index[i] * k;
    for (let a = 0; a < k; a += 1) sums[s + a] += influence[at + a];
  }
  const centre = new Array<number>(k).fill(0);
  for (let c = 0; c < g; c += 1) for (let a = 0; a < k; a += 1) centre[a] += sums[c * k + a] / g;
  const adjust = g > 1 ? g / (g - 1) : 1;
  const covariance = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let c = 0; c < g; c += 1) {
    for (let a = 0; a < k; a += 1) for (let b = 0; b < k; b += 1) covariance[a][b] += adjust * (sums[c * k + a] - centre[a]) * (sums[c * k + b] - centre[b]);
  }
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

/** What one IRLS pass reads and writes: `mu` receives each row's fitted probability. */
interface PassData {
  xs: Float64Array;
  k: number;
  y: Float64Array;
  w: Float64Array;
  mu: Float64Array;
}

/**
 * One pass over the rows at β: μ, and from it the deviance (returned), the score and the information, each summed
 * over the rows in order. (Four passes, one per quantity, were most of the trends loader's time at a million
 * respondents.) With y 0 or 1 one of the deviance's two terms is 0 × a finite number: adding it changes nothing, so
 * only the other is computed.
 */
function passAnyColumns({ xs, k, y, w, mu }: PassData, b: readonly number[], score: number[], info: Float64Array): number {
  score.fill(0);
  info.fill(0);
  let deviance = 0;
  for (let i = 0, at = 0; i < y.length; i += 1, at += k) {
    let eta = 0;
    for (let j = 0; j < k; j += 1) eta += xs[at + j] * b[j];
    const m = (mu[i] = 1 / (1 + Math.exp(-eta)));
    const ifOne = y[i] === 0 ? 0 : Math.log(Math.max(m, 1e-300));
    const ifZero = y[i] === 1 ? 0 : Math.log(Math.max(1 - m, 1e-300));
    deviance += w[i] * (y[i] === 1 ? ifOne : y[i] === 0 ? ifZero : y[i] * ifOne + (1 - y[i]) * ifZero);
    const residual = w[i] * (y[i] - m);
    for (let a = 0; a < k; a += 1) score[a] += residual * xs[at + a];
    const v = w[i] * m * (1 - m);
    for (let a = 0; a < k; a += 1) {
      // v · x_a · x_c is (v · x_a) · x_c, left to right: v · x_a is the same for every c.
      const va = v * xs[at + a];
      for (let c = 0; c < k; c += 1) info[a * k + c] += va * xs[at + c];
    }
  }
  return -2 * deviance;
}

/**
 * The same pass for up to four columns (every model of one wave, and of two waves pooled), its sums held in local
 * variables rather than arrays: 35 ns a row against 73 (2.5 million rows of four columns), half the trends loader's
 * fits at a million respondents. Every sum runs in the same order as passAnyColumns', so the figures are the same in
 * every digit; a column beyond `k` reads as 0 and adds 0 to sums that are not read.
 */
function passUpToFour({ xs, k, y, w, mu }: PassData, b: readonly number[], score: number[], info: Float64Array): number {
  const b0 = b[0], b1 = k > 1 ? b[1] : 0, b2 = k > 2 ? b[2] : 0, b3 = k > 3 ? b[3] : 0;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i00 = 0, i01 = 0, i02 = 0, i03 = 0, i10 = 0, i11 = 0, i12 = 0, i13 = 0;
  let i20 = 0, i21 = 0, i22 = 0, i23 = 0, i30 = 0, i31 = 0, i32 = 0, i33 = 0;
  let deviance = 0;
  for (let i = 0, at = 0; i < y.length; i += 1, at += k) {
    const x0 = xs[at], x1 = k > 1 ? xs[at + 1] : 0, x2 = k > 2 ? xs[at + 2] : 0, x3 = k > 3 ? xs[at + 3] : 0;
    let eta = 0;
    eta += x0 * b0;
    eta += x1 * b1;
    eta += x2 * b2;
    eta += x3 * b3;
    const m = (mu[i] = 1 / (1 + Math.exp(-eta)));
    const yi = y[i], wi = w[i];
    const ifOne = yi === 0 ? 0 : Math.log(Math.max(m, 1e-300));
    const ifZero = yi === 1 ? 0 : Math.log(Math.max(1 - m, 1e-300));
    deviance += wi * (yi === 1 ? ifOne : yi === 0 ? ifZero : yi * ifOne + (1 - yi) * ifZero);
    const residual = wi * (yi - m);
    s0 += residual * x0;
    s1 += residual * x1;
    s2 += residual * x2;
    s3 += residual * x3;
    const v = wi * m * (1 - m);
    let va = v * x0;
    i00 += va * x0; i01 += va * x1; i02 += va * x2; i03 += va * x3;
    va = v * x1;
    i10 += va * x0; i11 += va * x1; i12 += va * x2; i13 += va * x3;
    va = v * x2;
    i20 += va * x0; i21 += va * x1; i22 += va * x2; i23 += va * x3;
    va = v * x3;
    i30 += va * x0; i31 += va * x1; i32 += va * x2; i33 += va * x3;
  }
  const sums = [s0, s1, s2, s3];
  const all = [i00, i01, i02, i03, i10, i11, i12, i13, i20, i21, i22, i23, i30, i31, i32, i33];
  for (let a = 0; a < k; a += 1) {
    score[a] = sums[a];
    for (let c = 0; c < k; c += 1) info[a * k + c] = all[a * 4 + c];
  }
  return -2 * deviance;
}

/**
 * Takes the raking margins out of each row's influence `u` (`k` per row), as survey::svyrecvar does for a raked
 * design: ten sweeps, each margin in turn, each row's v = u / w less its level's mean of v. After the sweeps a row's v
 * is its first v less the sum of the means taken from its cell (the row's levels in all margins): sweeping the
 * cells' sums of v and counts gives the same means, a cell at a time.
 */
function netOfMargins(u: Float64Array, k: number, w: Float64Array, margins: readonly Levels[]): void {
  const n = w.length;
  // Each row's cell: its levels' mixed-radix number, renumbered in order of first appearance.
  const cellOf = new Int32Array(n);
  const cellNumbers = new Map<number, number>();
  const levelsOfCell: number[][] = [];
  for (let i = 0; i < n; i += 1) {
    let key = 0;
    for (const { index, size } of margins) key = key * size + index[i];
    let cell = cellNumbers.get(key);
    if (cell === undefined) {
      cellNumbers.set(key, (cell = cellNumbers.size));
      levelsOfCell.push(margins.map(({ index }) => index[i]));
    }
    cellOf[i] = cell;
  }
  const cells = levelsOfCell.length;
  const sum = new Float64Array(cells * k);
  const count = new Float64Array(cells);
  for (let i = 0, at = 0; i < n; i += 1, at += k) {
    const c = cellOf[i] * k;
    for (let a = 0; a < k; a += 1) sum[c + a] += u[at + a] / w[i];
    count[cellOf[i]] += 1;
  }
  // taken[c·k + a]: what the sweeps so far took out of the v of each row of cell c.
  const taken = new Float64Array(cells * k);
  for (let sweep = 0; sweep < 10; sweep += 1) {
    margins.forEach(({ size }, m) => {
      const total = new Float64Array(size * k);
      const rows = new Float64Array(size);
      for (let c = 0; c < cells; c += 1) {
        const level = levelsOfCell[c][m];
        for (let a = 0; a < k; a += 1) total[level * k + a] += sum[c * k + a] - count[c] * taken[c * k + a];
        rows[level] += count[c];
      }
      for (let c = 0; c < cells; c += 1) {
        const level = levelsOfCell[c][m];
        for (let a = 0; a < k; a += 1) taken[c * k + a] += total[level * k + a] / rows[level];
      }
    });
  }
  for (let i = 0, at = 0; i < n; i += 1, at += k) {
    const c = cellOf[i] * k;
    for (let a = 0; a < k; a += 1) u[at + a] -= w[i] * taken[c + a];
  }
}
