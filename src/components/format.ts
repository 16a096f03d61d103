// How shares, counts and intervals read everywhere: "68% (49 of 72; 95% CI 57–78%)".

export function percent(share: number | null | undefined, digits = 0): string {
  if (share === null || share === undefined || Number.isNaN(share)) return "–";
  const value = share * 100;
  // Shares under 10% keep a decimal so 1.4% does not read as 1%.
  const places = digits || (value > 0 && value < 10 ? 1 : 0);
  return `${value.toFixed(places)}%`;
}

export function interval([lo, hi]: readonly [number, number]): string {
  return `${Math.round(lo * 100)}–${Math.round(hi * 100)}%`;
}

export function countOf(numerator: number, denominator: number): string {
  return `${numerator} of ${denominator}`;
}
