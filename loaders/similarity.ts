// How alike two texts are (Sørensen–Dice over letter pairs of their answer keys), to name the nearest option or header.
import { answerKey } from "./checkbox";

function pairs(text: string): Map<string, number> {
  const key = answerKey(text);
  const counts = new Map<string, number>();
  for (let i = 0; i < key.length - 1; i += 1) {
    const pair = key.slice(i, i + 2);
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/** 1 for the same key, 0 for no letter pair in common. */
export function similarity(a: string, b: string): number {
  if (answerKey(a) === answerKey(b)) return 1;
  const left = pairs(a);
  const right = pairs(b);
  let shared = 0;
  let total = 0;
  for (const n of left.values()) total += n;
  for (const [pair, n] of right) {
    total += n;
    shared += Math.min(n, left.get(pair) ?? 0);
  }
  return total === 0 ? 0 : (2 * shared) / total;
}

/** The `count` candidates most like `text`, most alike first. */
export function closest(text: string, candidates: readonly string[], count = 1): { text: string; score: number }[] {
  return candidates
    .map((candidate) => ({ text: candidate, score: similarity(text, candidate) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, count);
}
