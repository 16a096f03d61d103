// Kaplan–Meier estimate of the share of people who have reached an event (e.g. started their current role)
// by each time since the program ended, treating people not yet observed that far out as censored.

export interface Observation {
  /** Months from program end to the event, or to the last time we saw the person if no event. */
  time: number;
  /** true if the event happened at `time`; false if censored at `time`. */
  event: boolean;
}

export interface Step {
  time: number;
  /** Share who have had the event by `time` (1 − survival). */
  reached: number;
  /** 95% interval on `reached` (Greenwood's variance, log-log transformed so it stays in [0, 1]). */
  lo: number;
  hi: number;
  atRisk: number;
  events: number;
  censored: number;
}

export function kaplanMeier(observations: readonly Observation[], z = 1.96): Step[] {
  const times = [...new Set(observations.map((o) => o.time))].sort((a, b) => a - b);
  let atRisk = observations.length;
  let survival = 1;
  let greenwood = 0;
  const steps: Step[] = [];
  for (const time of times) {
    const here = observations.filter((o) => o.time === time);
    const events = here.filter((o) => o.event).length;
    const censored = here.length - events;
    if (events > 0 && atRisk > 0) {
      survival *= 1 - events / atRisk;
      if (atRisk > events) greenwood += events / (atRisk * (atRisk - events));
    }
    let lo = 1 - survival;
    let hi = 1 - survival;
    if (survival > 0 && survival < 1) {
      const spread = (z * Math.sqrt(greenwood)) / Math.abs(Math.log(survival));
      const upperSurvival = Math.pow(survival, Math.exp(-spread));
      const lowerSurvival = Math.pow(survival, Math.exp(spread));
      lo = 1 - upperSurvival;
      hi = 1 - lowerSurvival;
    }
    steps.push({ time, reached: 1 - survival, lo, hi, atRisk, events, censored });
    atRisk -= here.length;
  }
  return steps;
}

/** The estimate at time t (the last step at or before t), or null if nobody is still observed at t. */
export function reachedBy(steps: readonly Step[], t: number): Step | null {
  let found: Step | null = null;
  for (const step of steps) if (step.time <= t) found = step;
  const observedPast = steps.some((step) => step.time >= t);
  return observedPast ? found ?? { time: t, reached: 0, lo: 0, hi: 0, atRisk: 0, events: 0, censored: 0 } : null;
}
