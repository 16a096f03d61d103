// The headline indicators, defined once as data + SQL: the pages (DuckDB-WASM), the CLI and the tests all run this.
// Browser-safe: no node imports. It reads the clean tables `respondents`, `selections`, `ratings` and `population`.
import { wilsonInterval } from "../stats/shares.js";
import { sqlString } from "./sql.js";
import { surveyOptions } from "./survey-options.js";

export interface IndicatorDefinition {
  id: string;
  label: string;
  /** The survey question the indicator reads, as the instrument numbers it. */
  question: string;
  /** The instrument's question ids it reads: in a wave that did not ask one of them, it is "not asked", never 0. */
  reads: readonly string[];
  /** SQL boolean over one row of the per-respondent view: counted in the numerator (when also in the denominator). */
  numerator: string;
  /** SQL boolean over one row of the per-respondent view: who the share is of. */
  denominator: string;
}

export type IndicatorGrouping = "cohort" | "stream" | "degree" | "extension";

/** Checkbox questions the per-respondent view gathers into lists (ids as in loaders/instrument.ts). */
export const checkboxQuestions = [
  "current_work",
  "hiring_outcomes",
  "hiring_contribution",
  "publication_venues",
  "publication_influence",
  "other_outcome_influence",
  "connections",
  "support_wanted",
] as const;

/** How the pages name each checkbox question (the Cohorts page's select-all question menu). */
export const checkboxQuestionLabels: Record<(typeof checkboxQuestions)[number], string> = {
  current_work: "Current work (Q5)",
  hiring_outcomes: "What came of the application processes (Q8)",
  hiring_contribution: "How MATS contributed in hiring rounds (Q10)",
  publication_venues: "Where the research appeared (Q12)",
  publication_influence: "How MATS influenced the publication (Q13)",
  other_outcome_influence: "How MATS influenced other outcomes (Q15)",
  connections: "Connections made at MATS (Q23)",
  support_wanted: "Support that would be valuable now (Q26)",
};

/** Grid rows the per-respondent view turns into `rating_<slug>` levels (5 = most valuable). */
export const ratedElements = [
  "Mentorship",
  "Peers",
  "Seminars",
  "Workshops",
  "Scholar support",
  "Other connections",
  "Office, housing and logistics",
] as const;

export function ratingColumn(element: string): string {
  return `rating_${element.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "")}`;
}

/** An option of the instrument, by question and option id, as a SQL literal of its text (src/survey/survey-options.ts). */
function option(question: string, id: string): string {
  const text = surveyOptions[question]?.[id];
  if (text === undefined) throw new Error(`indicators: the instrument has no option '${id}' of question '${question}'`);
  return sqlString(text);
}
const includes = (question: string, id: string) => `list_contains(${question}, ${option(question, id)})`;
const is = (question: string, id: string) => `${question} = ${option(question, id)}`;
const only = (question: string, id: string) => `${question} = [${option(question, id)}]`;
const answered = (question: string) => `len(${question}) > 0`;
const top2 = (element: string) => `${ratingColumn(element)} >= 4`;
const rated = (element: string) => `${ratingColumn(element)} IS NOT NULL`;

/** Every headline indicator of INDICATORS.md. `respondents` and `response_rate` count people, not answers (see src/survey/cube.ts). */
export const indicators: readonly IndicatorDefinition[] = [
  { id: "respondents", label: "In-scope respondents", question: "—", reads: [], numerator: "TRUE", denominator: "TRUE" },
  { id: "response_rate", label: "Response rate", question: "roster", reads: [], numerator: "TRUE", denominator: "TRUE" },
  {
    id: "work_alignment_any",
    label: "Works on alignment (org or independent)",
    question: "Q5",
    reads: ["current_work"],
    numerator: `${includes("current_work", "alignment_org")} OR ${includes("current_work", "alignment_independent")}`,
    denominator: answered("current_work"),
  },
  { id: "work_alignment_org", label: "Works on alignment at an organisation", question: "Q5", reads: ["current_work"], numerator: includes("current_work", "alignment_org"), denominator: answered("current_work") },
  { id: "work_alignment_independent", label: "Does independent alignment research", question: "Q5", reads: ["current_work"], numerator: includes("current_work", "alignment_independent"), denominator: answered("current_work") },
  { id: "work_capabilities", label: "Works on AI capabilities", question: "Q5", reads: ["current_work"], numerator: includes("current_work", "capabilities"), denominator: answered("current_work") },
  { id: "advanced_past_first_round", label: "Advanced past a first interview round", question: "Q7", reads: ["advanced"], numerator: is("advanced", "yes"), denominator: "advanced IS NOT NULL" },
  { id: "accepted_offer", label: "Accepted a job offer", question: "Q8", reads: ["hiring_outcomes"], numerator: includes("hiring_outcomes", "accepted_a_job_offer"), denominator: answered("hiring_outcomes") },
  { id: "hiring_skills", label: "MATS increased skills (hiring)", question: "Q10", reads: ["hiring_contribution"], numerator: includes("hiring_contribution", "increased_my_research_or_technical_skills"), denominator: answered("hiring_contribution") },
  { id: "hiring_career_capital", label: "MATS gave legible career capital (hiring)", question: "Q10", reads: ["hiring_contribution"], numerator: includes("hiring_contribution", "provided_legible_career_capital"), denominator: answered("hiring_contribution") },
  { id: "hiring_no_contribution", label: "MATS did not contribute (hiring)", question: "Q10", reads: ["hiring_contribution"], numerator: includes("hiring_contribution", "mats_did_not_contribute"), denominator: answered("hiring_contribution") },
  { id: "published", label: "Published alignment research", question: "Q11", reads: ["published"], numerator: is("published", "yes"), denominator: "published IS NOT NULL" },
  { id: "published_lesswrong", label: "Published on LessWrong / Alignment Forum", question: "Q12", reads: ["publication_venues", "published"], numerator: includes("publication_venues", "lesswrong_or_alignment_forum_post"), denominator: "published IS NOT NULL" },
  {
    id: "publication_counterfactual",
    label: "Publication would likely not exist without MATS",
    question: "Q13",
    reads: ["publication_influence"],
    numerator: `${includes("publication_influence", "probably_no_version_of_this_would_have_happened_otherwise")} OR ${includes("publication_influence", "possibly_no_version_of_this_would_have_happened_otherwise")}`,
    denominator: answered("publication_influence"),
  },
  { id: "publication_sped_up_gt6m", label: "Publication sped up by more than 6 months", question: "Q13", reads: ["publication_influence", "published"], numerator: includes("publication_influence", "sped_up_outcome_by_6_months"), denominator: "published IS NOT NULL" },
  { id: "publication_quality_much_higher", label: "Publication quality much higher", question: "Q13", reads: ["publication_influence", "published"], numerator: includes("publication_influence", "quality_of_outcome_much_higher"), denominator: "published IS NOT NULL" },
  { id: "other_outcome_reported", label: "Reported another impactful outcome", question: "Q14", reads: ["other_outcome"], numerator: "other_outcome_answered", denominator: "TRUE" },
  { id: "mentorship_top2", label: "Mentorship rated in the top two levels", question: "Q16", reads: ["element_ratings"], numerator: top2("Mentorship"), denominator: rated("Mentorship") },
  { id: "peers_top2", label: "Peers rated in the top two levels", question: "Q17", reads: ["element_ratings"], numerator: top2("Peers"), denominator: rated("Peers") },
  { id: "met_collaborator", label: "Met a research collaborator", question: "Q23", reads: ["connections"], numerator: includes("connections", "research_collaborator"), denominator: answered("connections") },
  { id: "met_mentor", label: "Met a mentor or adviser", question: "Q23", reads: ["connections"], numerator: includes("connections", "mentor_adviser"), denominator: answered("connections") },
  { id: "no_connections", label: "Made none of these connections", question: "Q23", reads: ["connections"], numerator: only("connections", "none_of_these"), denominator: answered("connections") },
  { id: "wants_collaborators", label: "Wants connections to collaborators", question: "Q26", reads: ["support_wanted"], numerator: includes("support_wanted", "connections_to_research_collaborators"), denominator: answered("support_wanted") },
  { id: "wants_job_recs", label: "Wants job recommendations", question: "Q26", reads: ["support_wanted"], numerator: includes("support_wanted", "job_recommendations"), denominator: answered("support_wanted") },
  { id: "no_stipend_needed", label: "Would have come with no stipend", question: "Q27", reads: ["lower_stipend"], numerator: is("lower_stipend", "yes_even_with_no_stipend"), denominator: "lower_stipend IS NOT NULL" },
  { id: "degree_bachelors", label: "Highest degree: Bachelor's", question: "Q4", reads: ["degree"], numerator: is("degree", "bachelors"), denominator: "degree IS NOT NULL" },
  { id: "degree_masters", label: "Highest degree: Master's", question: "Q4", reads: ["degree"], numerator: is("degree", "masters"), denominator: "degree IS NOT NULL" },
  { id: "degree_phd", label: "Highest degree: PhD", question: "Q4", reads: ["degree"], numerator: is("degree", "phd"), denominator: "degree IS NOT NULL" },
];

/**
 * SQL (a SELECT) of one row per respondent per wave: `respondents` plus checkbox lists and rating levels. With
 * `ids`, only the respondents whose id is in [from, to) (a null bound is open): the clean store makes the view part by
 * part (loaders/clean-store.ts), since gathering lists is memory DuckDB cannot spill; selections and ratings are
 * sorted by respondent id within a wave, so a part reads only the row groups that hold its ids.
 */
export function respondentViewSql(ids?: { from: string | null; to: string | null }): string {
  const bounds = ids ? [ids.from === null ? null : `respondent_id >= ${sqlString(ids.from)}`, ids.to === null ? null : `respondent_id < ${sqlString(ids.to)}`].filter(Boolean) : [];
  const where = bounds.length ? ` WHERE ${bounds.join(" AND ")}` : "";
  const lists = checkboxQuestions
    .map((q) => `coalesce(list(option ORDER BY option) FILTER (WHERE question = ${sqlString(q)}), []::VARCHAR[]) AS ${q}`)
    .join(",\n      ");
  const levels = ratedElements
    .map((e) => `max(rating_level) FILTER (WHERE element = ${sqlString(e)})::INTEGER AS ${ratingColumn(e)}`)
    .join(",\n      ");
  return `SELECT r.*, ${checkboxQuestions.map((q) => `coalesce(s.${q}, []::VARCHAR[]) AS ${q}`).join(", ")}, ${ratedElements.map((e) => `g.${ratingColumn(e)}`).join(", ")}
  FROM (SELECT * FROM respondents${where}) r
  LEFT JOIN (
    SELECT respondent_id, wave,
      ${lists}
    FROM selections${where} GROUP BY respondent_id, wave
  ) s USING (respondent_id, wave)
  LEFT JOIN (
    SELECT respondent_id, wave,
      ${levels}
    FROM ratings${where} GROUP BY respondent_id, wave
  ) g USING (respondent_id, wave)`;
}

/** Restricts respondents and population alike to some cohorts and/or streams (empty = no restriction). */
export interface IndicatorFilter {
  cohort?: readonly string[];
  stream?: readonly string[];
}

/** Indicators counted per respondent row (all but `respondents` and `response_rate`, which count people). */
export const measuredIndicators = indicators.filter((i) => i.id !== "respondents" && i.id !== "response_rate");

/** Wilson score interval for k successes in n trials (the one in src/stats/shares.ts, at z = 1.96); [NaN, NaN] when n is 0. */
export function wilson(k: number, n: number, z = 1.96): [number, number] {
  return wilsonInterval(k, n, z) ?? [Number.NaN, Number.NaN];
}

/**
 * One row per respondent per wave with one indicator's yes/no (null if not asked), using its one definition, over
 * `answers`: the per-respondent view (respondentViewSql), which the clean store keeps made (loaders/clean-store.ts).
 */
export function respondentIndicatorSql(indicator: { numerator: string; denominator: string }, columns: readonly string[]): string {
  return `SELECT ${columns.join(", ")}, CASE WHEN ${indicator.denominator} THEN (${indicator.numerator}) END AS outcome
FROM answers ORDER BY wave, cohort_order, respondent_id`;
}
