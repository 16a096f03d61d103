// Summaries of repeated timings: median and 95th percentile (nearest rank), with the runs kept.
export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function summary(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { n: values.length, median, p95: percentile(values, 0.95), min: sorted[0], max: sorted[sorted.length - 1] };
}

/**
 * Cold loads of each page besides Overview and Cohorts. With 5, the 95th percentile was the slowest load, and one
 * slow load decided a page's figure (Trends at a million: 1013 ms in a run whose next twenty loads gave 738 ms).
 */
export const otherPageLoads = (runs: number) => Math.max(20, runs);

/** Fresh pages whose first Explore query (and Arquero's first load and query) is timed: a first run is one sample, and one sample is noise. */
export const exploreColdLoads = 5;
