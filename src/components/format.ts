// How shares, counts and intervals read everywhere, pages and command line alike: "68% (49 of 72; 95% CI 57–78%)".

/** A share as a percentage: whole percents, but one decimal under 10% so 1.4% does not read as 1%; "–" for none. */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return "–";
  return `${percentNumber(share)}%`;
}

/** Two shares as one range, "57–78%", each end written as `percent` writes it. */
export function interval([lo, hi]: readonly [number, number]): string {
  return `${percentNumber(lo)}–${percentNumber(hi)}%`;
}

/** A share known only between two bounds (people whose start date is unknown): "18–47%", or "18%" when they meet. */
export function shareBetween(share: number, upper: number | null): string {
  return upper !== null && Math.abs(upper - share) > 1e-9 ? interval([share, upper]) : percent(share);
}

/** A difference of two shares in whole percentage points, always signed: "+12", "−3" (a true minus sign). */
export function points(difference: number): string {
  return `${difference < 0 ? "−" : "+"}${Math.round(Math.abs(difference) * 100)}`;
}

/** An odds ratio: two decimals, or in exponent form when that would round to 0.00; "–" for none. */
export function ratio(x: number | null | undefined): string {
  return x === null || x === undefined ? "–" : x < 0.01 ? x.toExponential(1) : x.toFixed(2);
}

export function countOf(numerator: number, denominator: number): string {
  return `${numerator} of ${denominator}`;
}

function percentNumber(share: number): string {
  const value = share * 100;
  // Decided on the rounded figure, so 9.99…% reads "10%", never "10.0%".
  return value.toFixed(value > 0 && Number(value.toFixed(1)) < 10 ? 1 : 0);
}
