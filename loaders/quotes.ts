// The quotes the Voices page may show: free-text answers whose authors consented to quoting, masked
// (loaders/masking.ts). In the public build quotes are grouped by wave and theme, and a cohort is named only when
// at least `minGroup` distinct people of that cohort and wave answered the theme with consent; smaller cohorts are
// pooled into "Other cohorts" (with the smallest named cohorts added until the pool too reaches `minGroup` people),
// or "All cohorts" when no cohort is large enough; a wave's theme with fewer than `minGroup` people is not shipped.
// At most `perGroup` quotes of each group are shipped, the same ones every build, picked and ordered by a hash of
// respondent, wave and theme, so a person's answers do not sit at the same place in every theme.
import type { DuckDBConnection } from "@duckdb/node-api";
import { maskContacts, maskNames, nameCandidates } from "./masking.js";
import { sqlString } from "../src/survey/sql.js";

export const quoteThemes: Record<string, string> = {
  work_description: "Current work",
  roles_accepted: "Roles accepted",
  other_outcome: "Other impactful outcomes",
  negative_effect: "Negative effects",
  career_plan: "Career plans",
};

/** Most quotes shipped per wave, theme and cohort. */
export const quotesPerGroup = 200;

export interface Quote {
  wave: string;
  cohort: string;
  theme: string;
  text: string;
}

export interface QuoteGroup {
  wave: string;
  theme: string;
  /** A cohort, or "Other cohorts" / "All cohorts" (public build, pooled). */
  cohort: string;
  /** Consented answers of this wave, theme and cohort (or pool). */
  quotable: number;
  /** Of them, shipped in `quotes`. */
  shown: number;
}

export interface QuoteCollection {
  build: "analyst" | "public";
  /** Fewest distinct people a group of quotes needs to be shown (public build; 0 in the analyst build). */
  minGroup: number;
  /** Most quotes shipped per wave, theme and cohort. */
  perGroup: number;
  quotes: Quote[];
  groups: QuoteGroup[];
  /** Answers not shown because their authors did not consent (public build: null when between 1 and `minGroup` − 1). */
  withheld: number | null;
}

export const otherCohorts = "Other cohorts";
export const allCohorts = "All cohorts";

const themeList = Object.keys(quoteThemes).map(sqlString).join(", ");
const answered = `question IN (${themeList}) AND text <> ''`;

async function rows<T>(connection: DuckDBConnection, sql: string): Promise<T[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJS() as T[];
}

/** The consenting people of one wave and theme, by cohort. */
export interface CohortPeople {
  cohort: string;
  people: number;
}

/**
 * How the cohorts of one wave and theme are shown, given how many distinct consenting people each has: the label
 * of each cohort (its name, "Other cohorts" or "All cohorts"), or none for all of them when the whole wave and
 * theme has fewer than `minGroup` people. Every label shown stands for at least `minGroup` people.
 */
export function poolCohorts(cohorts: readonly CohortPeople[], minGroup: number): Map<string, string> | null {
  const total = cohorts.reduce((sum, c) => sum + c.people, 0);
  if (total < minGroup) return null;
  const named = cohorts.filter((c) => c.people >= minGroup).sort((a, b) => b.people - a.people || (a.cohort < b.cohort ? -1 : 1));
  const pooled = cohorts.filter((c) => c.people < minGroup);
  let pool = pooled.reduce((sum, c) => sum + c.people, 0);
  // A pool too small to show takes the smallest named cohorts until it is not.
  while (pool > 0 && pool < minGroup) {
    const smallest = named.pop()!;
    pooled.push(smallest);
    pool += smallest.people;
  }
  const poolLabel = named.length ? otherCohorts : allCohorts;
  return new Map([...named.map((c) => [c.cohort, c.cohort] as const), ...pooled.map((c) => [c.cohort, poolLabel] as const)]);
}

/**
 * The quotes of the clean table `free_text` (as `connection` sees it), masked with the name words in the
 * Parquet file `nameWords` and `otherNames` (mask-names.txt).
 */
export async function quoteCollection(
  connection: DuckDBConnection,
  nameWords: string,
  { build, minGroup, perGroup = quotesPerGroup, otherNames = new Set<string>() }: { build: "analyst" | "public"; minGroup: number; perGroup?: number; otherNames?: ReadonlySet<string> },
): Promise<QuoteCollection> {
  const people = await rows<{ wave: string; question: string; cohort: string; people: number }>(
    connection,
    `SELECT wave, question, cohort, count(DISTINCT respondent_id)::INTEGER AS people FROM free_text WHERE ${answered} AND quote_consent GROUP BY ALL`,
  );
  const [{ withheld }] = await rows<{ withheld: number }>(connection, `SELECT count(*)::INTEGER AS withheld FROM free_text WHERE ${answered} AND quote_consent IS NOT TRUE`);
  // (wave, question, cohort) → the label it is shown under; absent: not shown.
  const labels: { wave: string; question: string; cohort: string; label: string }[] = [];
  const byTheme = new Map<string, typeof people>();
  for (const p of people) byTheme.set(`${p.wave}\u0000${p.question}`, [...(byTheme.get(`${p.wave}\u0000${p.question}`) ?? []), p]);
  for (const cohorts of byTheme.values()) {
    const { wave, question } = cohorts[0];
    const pooled = build === "public" ? poolCohorts(cohorts, minGroup) : new Map(cohorts.map((c) => [c.cohort, c.cohort]));
    for (const [cohort, label] of pooled ?? []) labels.push({ wave, question, cohort, label });
  }
  const labelTable = labels.length
    ? `(VALUES ${labels.map((l) => `(${[l.wave, l.question, l.cohort, l.label].map(sqlString).join(", ")})`).join(", ")}) AS shown_as(wave, question, cohort, label)`
    : `(SELECT NULL::VARCHAR AS wave, NULL::VARCHAR AS question, NULL::VARCHAR AS cohort, NULL::VARCHAR AS label WHERE false) AS shown_as`;
  const consented = `SELECT wave, question, shown_as.label, respondent_id, text FROM free_text JOIN ${labelTable} USING (wave, question, cohort) WHERE ${answered} AND quote_consent`;
  const counts = await rows<{ wave: string; question: string; label: string; quotable: number }>(
    connection,
    `SELECT wave, question, label, count(*)::INTEGER AS quotable FROM (${consented}) GROUP BY ALL`,
  );
  // The first `perGroup` of each group by the hash, then the text. The theme is in the hash: the same person is not at
  // the same place in every theme. (min_by keeps only those per group: a window numbering every consented answer took
  // 3.2 s at a million respondents, this 0.8 s.)
  const picked = await rows<{ wave: string; question: string; label: string; text: string }>(
    connection,
    `SELECT wave, question, label, unnest(picks) AS text, generate_subscripts(picks, 1) AS pick FROM (
       SELECT wave, question, label, min_by(text, (md5(respondent_id || '/' || wave || '/' || question), text), ${perGroup}) AS picks
       FROM (${consented}) GROUP BY ALL
     ) ORDER BY wave, question, label, pick`,
  );
  const contactsMasked = picked.map((q) => maskContacts(q.text));
  const candidates = [...new Set(contactsMasked.flatMap(nameCandidates))];
  const names = new Set(
    (
      await rows<{ word: string }>(
        connection,
        `SELECT word FROM read_parquet(${sqlString(nameWords)}) WHERE word IN (SELECT unnest(string_split(${sqlString(candidates.join("\n"))}, '\n')))`,
      )
    ).map((r) => r.word),
  );
  for (const word of candidates) if (otherNames.has(word)) names.add(word);
  const quotes = picked.map((q, i) => ({ wave: q.wave, cohort: q.label, theme: quoteThemes[q.question], text: maskNames(contactsMasked[i], names) }));
  const groups = new Map<string, QuoteGroup>();
  for (const c of counts) groups.set(`${c.wave}\u0000${c.question}\u0000${c.label}`, { wave: c.wave, theme: quoteThemes[c.question], cohort: c.label, quotable: c.quotable, shown: 0 });
  for (const q of picked) groups.get(`${q.wave}\u0000${q.question}\u0000${q.label}`)!.shown += 1;
  return {
    build,
    minGroup: build === "public" ? minGroup : 0,
    perGroup,
    quotes,
    groups: [...groups.values()].sort((a, b) => a.wave.localeCompare(b.wave) || a.theme.localeCompare(b.theme) || a.cohort.localeCompare(b.cohort)),
    withheld: build === "public" && withheld > 0 && withheld < minGroup ? null : withheld,
  };
}
