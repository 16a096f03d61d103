// The quotes the Voices page may show: free-text answers whose authors consented to quoting, masked
// (loaders/masking.ts). In the public build, a cohort with fewer quotes than the free-text threshold is
// pooled into "Other cohorts", so no quote is pinned to a handful of people. At most `perGroup` quotes of each
// theme and cohort are shipped, the same ones every build (the lowest hashes of respondent and wave); the
// true counts are shipped beside them.
import type { DuckDBConnection } from "@duckdb/node-api";
import { maskContacts, maskNames, nameCandidates } from "./masking.js";
import { sqlString } from "./parquet.js";

export const quoteThemes: Record<string, string> = {
  work_description: "Current work",
  roles_accepted: "Roles accepted",
  other_outcome: "Other impactful outcomes",
  negative_effect: "Negative effects",
  career_plan: "Career plans",
};

/** Most quotes shipped per theme and cohort. */
export const quotesPerGroup = 200;

export interface Quote {
  wave: string;
  cohort: string;
  theme: string;
  text: string;
}

export interface QuoteGroup {
  theme: string;
  cohort: string;
  /** Consented answers of this theme and cohort. */
  quotable: number;
  /** Of them, shipped in `quotes`. */
  shown: number;
}

export interface QuoteCollection {
  build: "analyst" | "public";
  /** Fewest quotes a cohort needs to be named (public build; 0 in the analyst build). */
  minGroup: number;
  /** Most quotes shipped per theme and cohort. */
  perGroup: number;
  quotes: Quote[];
  groups: QuoteGroup[];
  /** Answers not shown because their authors did not consent. */
  withheld: number;
}

const themeList = Object.keys(quoteThemes).map(sqlString).join(", ");
const answered = `question IN (${themeList}) AND text <> ''`;

async function rows<T>(connection: DuckDBConnection, sql: string): Promise<T[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJS() as T[];
}

/**
 * The quotes of the clean table `free_text` (as `connection` sees it), masked with the name words in the
 * Parquet file `nameWords`.
 */
export async function quoteCollection(
  connection: DuckDBConnection,
  nameWords: string,
  { build, minGroup, perGroup = quotesPerGroup }: { build: "analyst" | "public"; minGroup: number; perGroup?: number },
): Promise<QuoteCollection> {
  const counts = await rows<{ question: string; cohort: string; quotable: number; withheld: number }>(
    connection,
    `SELECT question, cohort, count(*) FILTER (WHERE quote_consent)::INTEGER AS quotable, count(*) FILTER (WHERE quote_consent IS NOT TRUE)::INTEGER AS withheld
     FROM free_text WHERE ${answered} GROUP BY ALL`,
  );
  const label = new Map<string, string>();
  if (build === "public") {
    const perCohort = new Map<string, number>();
    for (const c of counts) perCohort.set(c.cohort, (perCohort.get(c.cohort) ?? 0) + c.quotable);
    const small = [...perCohort].filter(([, n]) => n > 0 && n < minGroup);
    const pooled = small.reduce((sum, [, n]) => sum + n, 0);
    for (const [cohort] of small) label.set(cohort, pooled >= minGroup ? "Other cohorts" : "All cohorts");
  }
  const labelled = label.size
    ? `CASE cohort ${[...label].map(([cohort, name]) => `WHEN ${sqlString(cohort)} THEN ${sqlString(name)}`).join(" ")} ELSE cohort END`
    : "cohort";
  const picked = await rows<{ wave: string; question: string; cohort: string; text: string }>(
    connection,
    `SELECT wave, question, cohort, text FROM (
       SELECT wave, question, ${labelled} AS cohort, text,
         row_number() OVER (PARTITION BY question, ${labelled} ORDER BY md5(respondent_id || '/' || wave), text) AS pick
       FROM free_text WHERE ${answered} AND quote_consent
     ) WHERE pick <= ${perGroup} ORDER BY question, cohort, pick`,
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
  const quotes = picked.map((q, i) => ({ wave: q.wave, cohort: q.cohort, theme: quoteThemes[q.question], text: maskNames(contactsMasked[i], names) }));
  const groups = new Map<string, QuoteGroup>();
  for (const c of counts) {
    const cohort = label.get(c.cohort) ?? c.cohort;
    const key = `${c.question}\u0000${cohort}`;
    const group = groups.get(key) ?? { theme: quoteThemes[c.question], cohort, quotable: 0, shown: 0 };
    group.quotable += c.quotable;
    groups.set(key, group);
  }
  for (const q of picked) groups.get(`${q.question}\u0000${q.cohort}`)!.shown += 1;
  return {
    build,
    minGroup: build === "public" ? minGroup : 0,
    perGroup,
    quotes,
    groups: [...groups.values()].filter((g) => g.quotable > 0).sort((a, b) => a.theme.localeCompare(b.theme) || a.cohort.localeCompare(b.cohort)),
    withheld: counts.reduce((sum, c) => sum + c.withheld, 0),
  };
}
