// Indicator tables computed in plain JavaScript from made-up people, so adversarial releases (groups of 1–4, shared
// denominators, split questions) can be built by hand with every sum consistent, as the real loader's are.
import { figureOf } from "../../loaders/indicator-report.js";
import type { IndicatorFigure, IndicatorTables } from "../../src/survey/report.js";

export interface Person {
  cohort: string;
  stream: string;
  degree: "Bachelor's" | "Master's" | "PhD" | "Other" | null;
  extension: boolean;
  /** Q5 options chosen ([] = not answered). */
  work: string[];
  advanced: "Yes" | "No" | null;
  /** Q10 options chosen ([] = not answered). */
  hiring: string[];
  published: "Yes" | "No" | null;
  venues: string[];
}

type Measure = { id: string; n: (p: Person) => boolean; d: (p: Person) => boolean };
const measures: Measure[] = [
  { id: "work_alignment_any", n: (p) => p.work.includes("org") || p.work.includes("independent"), d: (p) => p.work.length > 0 },
  { id: "work_alignment_org", n: (p) => p.work.includes("org"), d: (p) => p.work.length > 0 },
  { id: "work_alignment_independent", n: (p) => p.work.includes("independent"), d: (p) => p.work.length > 0 },
  { id: "work_capabilities", n: (p) => p.work.includes("capabilities"), d: (p) => p.work.length > 0 },
  { id: "advanced_past_first_round", n: (p) => p.advanced === "Yes", d: (p) => p.advanced !== null },
  { id: "hiring_skills", n: (p) => p.hiring.includes("skills"), d: (p) => p.hiring.length > 0 },
  { id: "hiring_career_capital", n: (p) => p.hiring.includes("capital"), d: (p) => p.hiring.length > 0 },
  { id: "hiring_no_contribution", n: (p) => p.hiring.includes("none"), d: (p) => p.hiring.length > 0 },
  { id: "published", n: (p) => p.published === "Yes", d: (p) => p.published !== null },
  { id: "published_lesswrong", n: (p) => p.venues.includes("lesswrong"), d: (p) => p.published !== null },
  { id: "degree_bachelors", n: (p) => p.degree === "Bachelor's", d: (p) => p.degree !== null },
  { id: "degree_masters", n: (p) => p.degree === "Master's", d: (p) => p.degree !== null },
  { id: "degree_phd", n: (p) => p.degree === "PhD", d: (p) => p.degree !== null },
];

const groupings = ["cohort", "stream", "degree", "extension"] as const;
const groupOf = (p: Person, by: (typeof groupings)[number]): string | null => (by === "extension" ? String(p.extension) : p[by]);

/** The tables the analyst build would hold for `people` of one wave, with `alumni` per cohort on the roster. */
export function tablesOf(people: Person[], alumni: Record<string, number>, wave = "2025"): IndicatorTables {
  const figures = (members: Person[], group: string | null, population: number | null): IndicatorFigure[] => [
    figureOf("respondents", group, members.length, null),
    figureOf("response_rate", group, members.length, population),
    ...measures.map((m) => figureOf(m.id, group, members.filter((p) => m.d(p) && m.n(p)).length, members.filter(m.d).length)),
  ];
  const report = (indicators: IndicatorFigure[]) => ({ wave, respondents: people.length, excluded: {}, indicators });
  const total = Object.values(alumni).reduce((a, b) => a + b, 0);
  const reports: IndicatorTables["reports"][string] = { all: report(figures(people, null, total)) };
  for (const by of groupings) {
    const groups = [...new Set(people.map((p) => groupOf(p, by)))];
    // The roster gives each cohort's alumni; other groupings' populations are split off the cohorts' in these tables.
    const population = (group: string | null) => (by === "cohort" ? alumni[group!] : by === "degree" ? null : people.filter((p) => groupOf(p, by) === group).length + 3);
    const rows = groups.map((group) => figures(people.filter((p) => groupOf(p, by) === group), group, population(group)));
    // Figures ordered by indicator, then group, as the loader writes them.
    reports[by] = report(rows[0].map((_, i) => rows.map((r) => r[i])).flat());
  }
  // Populations by stream and extension made up above must add up to the roster's.
  for (const by of ["stream", "extension"]) {
    const rates = reports[by].indicators.filter((f) => f.id === "response_rate");
    const shortBy = total - rates.reduce((s, f) => s + f.denominator!, 0);
    const last = rates[rates.length - 1];
    Object.assign(last, figureOf("response_rate", last.group, last.numerator!, last.denominator! + shortBy));
  }
  return { build: "analyst", minCell: 0, waves: [wave], reports: { [wave]: reports } };
}

/** A deterministic stream of made-up people: `sizes` per cohort, answers spread so some counts are small. */
export function peopleOf(sizes: Record<string, number>, seed = 1): Person[] {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(options: readonly T[]) => options[Math.floor(next() * options.length)];
  const people: Person[] = [];
  for (const [cohort, size] of Object.entries(sizes)) {
    for (let i = 0; i < size; i++) {
      const advanced = pick(["Yes", "Yes", "No", null] as const);
      const published = pick(["Yes", "No", "No"] as const);
      people.push({
        cohort,
        stream: pick(["Interpretability", "Control", "Governance"]),
        degree: pick(["Bachelor's", "Master's", "Master's", "PhD", "PhD", null] as const),
        extension: next() < 0.3,
        work: next() < 0.9 ? [...new Set([pick(["org", "org", "independent", "other"]), ...(next() < 0.1 ? ["capabilities"] : [])])] : [],
        advanced,
        hiring: advanced === "Yes" ? [pick(["skills", "capital", "skills"]), ...(next() < 0.08 ? ["none"] : [])] : [],
        published,
        venues: published === "Yes" && next() < 0.6 ? ["lesswrong"] : [],
      });
    }
  }
  return people;
}

/** Suppression as it was at 247d437 (per indicator, plus one complementary group), which issue 12 broke: kept to show the auditor fails it. */
export function perIndicatorSuppression(tables: IndicatorTables, k: number): IndicatorTables {
  const copy: IndicatorTables = structuredClone(tables);
  Object.assign(copy, { build: "public", minCell: k });
  const hide = (f: IndicatorFigure) => Object.assign(f, { numerator: null, denominator: null, share: null, ci95: null, suppressed: true });
  for (const wave of copy.waves) {
    const reports = copy.reports[wave];
    for (const report of Object.values(reports))
      for (const f of report.indicators)
        if (f.numerator !== null && (f.denominator === null ? f.numerator < k : f.denominator < k || f.denominator - f.numerator < k)) hide(f);
    for (const [grouping, report] of Object.entries(reports)) {
      if (grouping === "all" || reports.all.indicators.length === 0) continue;
      for (const id of new Set(report.indicators.map((f) => f.id))) {
        const groups = report.indicators.filter((f) => f.id === id);
        if (groups.filter((f) => f.suppressed).length !== 1) continue;
        const shown = groups.filter((f) => !f.suppressed).sort((a, b) => (a.denominator ?? a.numerator ?? 0) - (b.denominator ?? b.numerator ?? 0));
        if (shown.length) hide(shown[0]);
      }
    }
  }
  return copy;
}
