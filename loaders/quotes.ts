// The quotes the Voices page may show: free-text answers whose authors consented to quoting, masked
// (loaders/masking.ts). In the public build, a cohort with fewer quotes than the free-text threshold is
// pooled into "Other cohorts", so no quote is pinned to a handful of people.
import type { CleanModel } from "./model.js";
import { maskText } from "./masking.js";

export const quoteThemes: Record<string, string> = {
  work_description: "Current work",
  roles_accepted: "Roles accepted",
  other_outcome: "Other impactful outcomes",
  negative_effect: "Negative effects",
  career_plan: "Career plans",
};

export interface Quote {
  wave: string;
  cohort: string;
  theme: string;
  text: string;
}

export interface QuoteCollection {
  build: "analyst" | "public";
  /** Fewest quotes a cohort needs to be named (public build; 0 in the analyst build). */
  minGroup: number;
  quotes: Quote[];
  /** Answers not shown because their authors did not consent. */
  withheld: number;
}

export function quoteCollection(
  model: CleanModel,
  names: ReadonlySet<string>,
  { build, minGroup }: { build: "analyst" | "public"; minGroup: number },
): QuoteCollection {
  const answers = model.free_text.filter((t) => String(t.question) in quoteThemes && String(t.text ?? "").trim() !== "");
  const consented = answers.filter((t) => t.quote_consent === true);
  let quotes: Quote[] = consented.map((t) => ({
    wave: String(t.wave),
    cohort: String(t.cohort),
    theme: quoteThemes[String(t.question)],
    text: maskText(String(t.text), names),
  }));
  if (build === "public") {
    const perCohort = new Map<string, number>();
    for (const q of quotes) perCohort.set(q.cohort, (perCohort.get(q.cohort) ?? 0) + 1);
    const small = new Set([...perCohort].filter(([, n]) => n < minGroup).map(([cohort]) => cohort));
    const pooled = quotes.filter((q) => small.has(q.cohort)).length;
    const label = pooled >= minGroup ? "Other cohorts" : "All cohorts";
    quotes = quotes.map((q) => (small.has(q.cohort) ? { ...q, cohort: label } : q));
  }
  return { build, minGroup: build === "public" ? minGroup : 0, quotes, withheld: answers.length - consented.length };
}
