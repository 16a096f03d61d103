// Shares and differences of shares with 95% intervals, for rows of people who may appear in two waves.
import { levelsOf } from "./levels.js";
import { twoSidedP, z95 } from "./normal.js";

/** Wilson score interval for k of n, z = 1.959964; null when n is 0. */
export function wilsonInterval(k: number, n: number, z = z95): [number, number] | null {
  if (!(n > 0)) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Exact (Clopper–Pearson) upper 95% bound on a share when none of n had the outcome: 1 − 0.025^(1/n). */
export function upperBoundWhenNone(n: number): number {
  return n > 0 ? 1 - Math.pow(0.025, 1 / n) : 1;
}

/** How far apart the shares of two groups of n people each can be by chance alone (95%, at a share near half): z·√(2·¼/n). */
export function chanceDifference(n: number): number {
  return z95 * Math.sqrt(0.5 / n);
}

export interface ShareDifference {
  /** Later share minus earlier share. */
  difference: number;
  ci95: [number, number];
  p: number;
  /** People counted in both groups (answered both waves): their two answers are paired, not independent. */
  paired: number;
  from: { numerator: number; denominator: number; share: number };
  to: { numerator: number; denominator: number; share: number };
}

/**
 * The difference of two shares (`to` − `from`) with a Wald interval whose variance treats a person in both groups as
 * one cluster: R's lm(y ~ group) with sandwich::vcovCL(cluster = ~person, type = "HC0"), scaled by G / (G − 1).
 */
export function shareDifference(from: readonly { person: number; outcome: boolean }[], to: readonly { person: number; outcome: boolean }[]): ShareDifference | null {
  if (!from.length || !to.length) return null;
  const yes1 = from.filter((r) => r.outcome).length;
  const yes2 = to.filter((r) => r.outcome).length;
  const p1 = yes1 / from.length;
  const p2 = yes2 / to.length;
  // People numbered as they first appear, in `from` then `to`: whoever is numbered below `inFrom` answered `from`.
  const people = levelsOf(from.length + to.length, (i) => (i < from.length ? from[i].person : to[i - from.length].person));
  let inFrom = 0;
  for (let i = 0; i < from.length; i += 1) inFrom = Math.max(inFrom, people.index[i] + 1);
  // Each person's contribution to the slope's score: residual / n of their group, with sign by group.
  const scores = new Float64Array(people.size);
  for (let i = 0; i < from.length; i += 1) scores[people.index[i]] -= (Number(from[i].outcome) - p1) / from.length;
  for (let i = 0; i < to.length; i += 1) scores[people.index[from.length + i]] += (Number(to[i].outcome) - p2) / to.length;
  const g = people.size;
  let variance = 0;
  for (const s of scores) variance += s * s;
  variance *= g > 1 ? g / (g - 1) : 1;
  const se = Math.sqrt(variance);
  const d = p2 - p1;
  let paired = 0;
  const counted = new Uint8Array(inFrom);
  for (let i = 0; i < to.length; i += 1) {
    const person = people.index[from.length + i];
    if (person < inFrom && !counted[person]) {
      counted[person] = 1;
      paired += 1;
    }
  }
  return {
    difference: d,
    ci95: [d - z95 * se, d + z95 * se],
    p: se > 0 ? twoSidedP(d / se) : d === 0 ? 1 : 0,
    paired,
    from: { numerator: yes1, denominator: from.length, share: p1 },
    to: { numerator: yes2, denominator: to.length, share: p2 },
  };
}
