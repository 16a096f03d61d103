// Proves the Trends method by simulation: datasets at the sample's real sizes with a planted cohort effect (or none)
// and realistic role start dates, run through the page's own estimators; writes bench/TRENDS-SIMULATION.md.
// Usage: npm run bench:trends -- [--datasets 400] [--seed 14]
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { cohortTrend, type CohortModel, type OutcomeRow } from "../src/stats/cohort-trend.js";
import { timeToRole, type RoleRow } from "../src/stats/time-to-role.js";
import { kaplanMeier, reachedBy } from "../src/components/kaplan-meier.js";
import { z95 } from "../src/stats/normal.js";
import { alignmentChance, drawAlignment, noCohortEffect, type PlantedEffects } from "../scripts/sample/outcomes.js";
import { programDates } from "../scripts/sample/roster.js";
import { Random } from "../scripts/sample/random.js";

const { values } = parseArgs({ options: { datasets: { type: "string", default: "400" }, seed: { type: "string", default: "14" } } });
const datasets = Number(values.datasets);
const random = new Random(Number(values.seed));

// Respondents who answered the current-work question, per cohort, in the sample (data/): the real sizes.
const sizes: Record<string, number[]> = { "2024": [14, 15, 18, 25], "2025": [17, 12, 22, 22, 17, 20] };
const repeaters = 45;
const windows: Record<string, [number, number]> = { "2024": [Date.UTC(2024, 6, 15), Date.UTC(2024, 7, 31)], "2025": [Date.UTC(2025, 5, 1), Date.UTC(2025, 7, 31)] };
const monthOf = (ms: number) => new Date(ms).getUTCFullYear() * 12 + new Date(ms).getUTCMonth();
const endOf = (cohort: number) => Date.parse(programDates[cohort][1]);

interface Person {
  id: string;
  cohort: number;
}

/** One simulated pair of waves: who answered which wave, with months since the program and outcome. */
function simulateWaves(effects: PlantedEffects): OutcomeRow[] {
  const rows: OutcomeRow[] = [];
  const draws = new Map<string, number>();
  // The model names a person by a number: one per id, in order of first answer.
  const numbers = new Map<string, number>();
  const numberOf = (id: string) => numbers.get(id) ?? numbers.set(id, numbers.size).size - 1;
  const people2024: Person[] = sizes["2024"].flatMap((n, c) => Array.from({ length: n }, (_, i) => ({ id: `a${c + 1}-${i}`, cohort: c + 1 })));
  const again = new Set(random.shuffle([...people2024]).slice(0, repeaters).map((p) => p.id));
  const answer = (person: Person, wave: string, waveIndex: number) => {
    const [from, to] = windows[wave];
    const at = from + random.next() * (to - from);
    const months = (at - endOf(person.cohort)) / 86_400_000 / 30.4375;
    const { onAlignment, draw } = drawAlignment(random, alignmentChance(effects, person.cohort, months, waveIndex), effects, draws.get(person.id));
    draws.set(person.id, draw);
    rows.push({ person: numberOf(person.id), wave, cohortOrder: person.cohort, monthsSinceEnd: months, outcome: onAlignment });
  };
  for (const p of people2024) answer(p, "2024", 0);
  sizes["2025"].forEach((n, c) => {
    const back = people2024.filter((p) => p.cohort === c + 1 && again.has(p.id)).slice(0, n);
    const fresh = Array.from({ length: n - back.length }, (_, i) => ({ id: `b${c + 1}-${i}`, cohort: c + 1 }));
    for (const p of [...back, ...fresh]) answer(p, "2025", 1);
  });
  return rows;
}

interface Tally {
  fits: number;
  covered: number;
  better: number;
  worse: number;
  cannotTell: number;
  widths: number[];
}
const tally = (): Tally => ({ fits: 0, covered: 0, better: 0, worse: 0, cannotTell: 0, widths: [] });
function count(t: Tally, model: CohortModel, planted: number) {
  if (model.verdict === "later cohorts do better") t.better += 1;
  else if (model.verdict === "later cohorts do worse") t.worse += 1;
  else t.cannotTell += 1;
  if (!model.ci95) return;
  t.fits += 1;
  if (model.ci95[0] <= planted && planted <= model.ci95[1]) t.covered += 1;
  t.widths.push(Math.log(model.ci95[1]) - Math.log(model.ci95[0]));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const pct = (k: number, n: number) => (n ? `${((100 * k) / n).toFixed(1)}%` : "–");

const scenarios = [1, 1.25, 0.8, 1.5];
const readings = ["pooled, cohort + months + wave (the verdict)", "2025 wave, cohort + months", "pooled, cohort + months (assumes no wave effect)", "pooled, cohort + wave (assumes no time effect)", "2025 wave, cohort alone (assumes no time effect)"];
const results = scenarios.map((or) => {
  const effects = { ...noCohortEffect, cohortOddsRatio: or };
  const tallies = readings.map(tally);
  for (let d = 0; d < datasets; d += 1) {
    const rows = simulateWaves(effects);
    const pooled = cohortTrend(rows);
    const latest = cohortTrend(rows.filter((r) => r.wave === "2025"));
    [pooled.model, latest.model, pooled.parametrisations[0], pooled.parametrisations[1], latest.parametrisations[0]].forEach((m, i) => count(tallies[i], m, or));
  }
  return { or, tallies };
});

// Time to role: each 2025 respondent was already in an alignment role at program end with chance 0.2; otherwise
// starts one in month m ≥ 0 with monthly chance `hazard` (so P(by t) = 1 − (1 − hazard)^(t + 1)); 12% of alignment
// workers give no start date. Coverage of the true share by 6 and 12 months, new method against the old one.
const hazard = 0.04;
const truth = (t: number) => 1 - Math.pow(1 - hazard, t + 1);
const roleTally = { new: { checked: 0, covered: 0, withheld: 0 }, old: { checked: 0, covered: 0 }, oldBias: [] as number[], newBias: [] as number[] };
for (let d = 0; d < datasets; d += 1) {
  sizes["2025"].forEach((n, c) => {
    const end = monthOf(endOf(c + 1));
    const rows: RoleRow[] = Array.from({ length: n }, () => {
      const survey = monthOf(windows["2025"][0] + random.next() * (windows["2025"][1] - windows["2025"][0])) - end;
      let roleMonth: number | null = null;
      let outcome = false;
      if (random.chance(0.2)) [outcome, roleMonth] = [true, -random.int(1, 18)];
      else {
        let m = 0;
        while (m <= survey && !random.chance(hazard)) m += 1;
        if (m <= survey) [outcome, roleMonth] = [true, m];
      }
      if (outcome && random.chance(0.12)) roleMonth = null;
      return { outcome, roleMonth, surveyMonth: survey };
    });
    const result = timeToRole(rows, [6, 12]);
    // The old page: every start clamped to month 0 or later, unknown starts censored at the survey as non-events.
    const old = kaplanMeier(rows.map((r) => (r.outcome && r.roleMonth !== null ? { time: Math.max(0, r.roleMonth), event: true } : { time: r.surveyMonth, event: false })), z95);
    for (const m of result.milestones) {
      if (m.share === null) {
        roleTally.new.withheld += 1;
        continue;
      }
      roleTally.new.checked += 1;
      if (m.ci95![0] <= truth(m.months) && truth(m.months) <= m.ci95![1]) roleTally.new.covered += 1;
      roleTally.newBias.push((m.share + m.share_upper!) / 2 - truth(m.months));
      const o = reachedBy(old, m.months);
      if (o) {
        roleTally.old.checked += 1;
        const [lo, hi] = o.reached === 0 ? [0, 1 - Math.pow(0.025, 1 / Math.max(1, o.atRisk))] : [o.lo, o.hi];
        if (lo <= truth(m.months) && truth(m.months) <= hi) roleTally.old.covered += 1;
        roleTally.oldBias.push(o.reached - truth(m.months));
      }
    }
  });
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const verdictCoverage = results.map((r) => r.tallies[0].covered / r.tallies[0].fits);
const nullCannotTell = results.find((r) => r.or === 1)!.tallies[0].cannotTell / datasets;
const strongest = results.find((r) => r.or === 1.5)!.tallies[0];
const narrowCoverage = results.flatMap((r) => r.tallies.slice(2).map((t) => t.covered / t.fits));
const summary = [
  "## What this shows",
  "",
  `- The verdict's model (cohort + months since the program + wave, errors clustered by person) covers the planted odds ratio in ${(100 * Math.min(...verdictCoverage)).toFixed(1)}–${(100 * Math.max(...verdictCoverage)).toFixed(1)}% of datasets across the planted effects (target 90–99%).`,
  `- On null datasets (no cohort effect) it says "these data cannot tell" ${(100 * nullCannotTell).toFixed(1)}% of the time.`,
  `- It has almost no power at these sizes: with a planted odds ratio of 1.5 per cohort it says "later cohorts do better" in ${pct(strongest.better, datasets)} of datasets. Within a wave, later cohorts are the ones with less time since the program, and across waves wave ≈ cohort + time, so the data barely separate the three: "cannot tell" is the honest answer, not a failure of the estimator.`,
  `- The narrower readings are precise but cover the truth in only ${(100 * Math.min(...narrowCoverage)).toFixed(1)}–${(100 * Math.max(...narrowCoverage)).toFixed(1)}% of datasets here, because the simulation plants the effect each one assumes away (time since the program, a wave effect): they are right only when their assumption is.`,
  "",
];

const lines = [
  "# Trends method by simulation",
  "",
  `\`npm run bench:trends -- --datasets ${datasets} --seed ${values.seed}\` (bench/trends-simulation.ts), ${new Date().toISOString().slice(0, 10)}.`,
  "",
  "Each dataset has the sample's real sizes — the 2024 wave's 72 answers from four cohorts (14, 15, 18, 25), the 2025",
  "wave's 110 from six (17, 12, 22, 22, 17, 20), 45 people in both — with each cohort's real program dates and survey",
  "windows. Alignment work is drawn from the planted logistic model (scripts/sample/outcomes.ts): the planted odds ratio per",
  `later cohort, ${noCohortEffect.perYear} log-odds per year since the program, ${noCohortEffect.perWave} in the 2025 wave (a reworded question), and a`,
  `person's answers correlated across waves (kept with chance ${noCohortEffect.persistence}). The fits are the Trends page's own (src/stats/cohort-trend.ts).`,
  "",
  ...summary,
  "## The cohort model: coverage of the planted odds ratio by the 95% interval, and the verdicts",
  "",
  "| planted OR | reading | fits | covered | says better | says worse | cannot tell | median width (× OR) |",
  "|---|---|---|---|---|---|---|---|",
  ...results.flatMap(({ or, tallies }) => tallies.map((t, i) => `| ${or} | ${readings[i]} | ${t.fits} | ${pct(t.covered, t.fits)} | ${pct(t.better, datasets)} | ${pct(t.worse, datasets)} | ${pct(t.cannotTell, datasets)} | ${Math.exp(median(t.widths)).toFixed(1)} |`)),
  "",
  "## Time to an alignment role (2025 wave, per cohort)",
  "",
  `Each respondent was already in an alignment role at program end with chance 0.2 (a role begun 1–18 months before); otherwise starts one in month m ≥ 0 with monthly chance ${hazard}; 12% of alignment workers give no start date. Truth by 6 and 12 months: ${(100 * truth(6)).toFixed(1)}% and ${(100 * truth(12)).toFixed(1)}% of those not already in a role.`,
  "",
  "| method | cohort × milestone estimates | 95% interval covers the truth | mean error of the estimate | withheld (< 5 at risk or not followed) |",
  "|---|---|---|---|---|",
  `| new (roles before the program apart; unknown starts bounded; at-risk rule) | ${roleTally.new.checked} | ${pct(roleTally.new.covered, roleTally.new.checked)} | ${(100 * mean(roleTally.newBias)).toFixed(1)} points (midpoint of the bounds) | ${roleTally.new.withheld} |`,
  `| old (starts clamped to month 0, unknown starts censored) | ${roleTally.old.checked} | ${pct(roleTally.old.covered, roleTally.old.checked)} | ${(100 * mean(roleTally.oldBias)).toFixed(1)} points | 0 |`,
  "",
];
writeFileSync(new URL("./TRENDS-SIMULATION.md", import.meta.url), `${lines.join("\n")}\n`);
process.stdout.write(`${lines.join("\n")}\n`);
