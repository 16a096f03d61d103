// The standard normal distribution's tails and the 95% quantile every interval of the trend statistics uses.

/** The 97.5% point of the standard normal, as R's qnorm(0.975) to seven figures. */
export const z95 = 1.959964;

/** erfc(x) by W. J. Cody's rational Chebyshev approximations (relative error below 1e-15), for p-values R agrees with. */
export function erfc(x: number): number {
  const ax = Math.abs(x);
  let result: number;
  if (ax < 0.5) {
    const t = ax * ax;
    const top = (((0.185777706184603153 * t + 3.16112374387056560) * t + 113.864154151050156) * t + 377.485237685302021) * t + 3209.37758913846947;
    const bottom = (((t + 23.6012909523441209) * t + 244.024637934444173) * t + 1282.61652607737228) * t + 2844.23683343917062;
    result = 1 - (ax * top) / bottom;
  } else if (ax < 4) {
    const top = (((((((2.15311535474403846e-8 * ax + 0.564188496988670089) * ax + 8.88314979438837594) * ax + 66.1191906371416295) * ax + 298.635138197400131) * ax + 881.952221241769090) * ax + 1712.04761263407058) * ax + 2051.07837782607147) * ax + 1230.33935479799725;
    const bottom = (((((((ax + 15.7449261107098347) * ax + 117.693950891312499) * ax + 537.181101862009858) * ax + 1621.38957456669019) * ax + 3290.79923573345963) * ax + 4362.61909014324716) * ax + 3439.36767414372164) * ax + 1230.33935480374942;
    result = Math.exp(-ax * ax) * (top / bottom);
  } else {
    const t = 1 / (ax * ax);
    const top = ((((0.0163153871373020978 * t + 0.305326634961232344) * t + 0.360344899949804439) * t + 0.125781726111229246) * t + 0.0160837851487422766) * t + 6.58749161529837803e-4;
    const bottom = ((((t + 2.56852019228982242) * t + 1.87295284992346725) * t + 0.527905102951428412) * t + 0.0605183413124413191) * t + 0.00233520497626869185;
    result = (Math.exp(-ax * ax) / ax) * (0.564189583547756287 - (t * top) / bottom);
  }
  return x < 0 ? 2 - result : result;
}

/** P(Z > z) for a standard normal Z. */
export function upperTail(z: number): number {
  return erfc(z / Math.SQRT2) / 2;
}

/** Two-sided p-value of a Wald z statistic. */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * upperTail(Math.abs(z)));
}
