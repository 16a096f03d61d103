// Each indicator's definition said in words, read from its own SQL (src/components/indicators.ts) and the
// instrument's question wording, so the "About these figures" page never retypes a definition.
import type { IndicatorDefinition } from "../survey/indicators.js";

export interface IndicatorInWords {
  id: string;
  label: string;
  /** The question as respondents saw it. */
  question: string;
  /** Who is counted (the numerator), in words. */
  counts: string;
  /** Who the share is of (the denominator), in words. */
  of: string;
}

export interface Wording {
  /** Question id (a clean column such as `current_work`) → the question as asked. */
  questions: Record<string, string>;
  /** Grid answers, most valuable first (level 5 down to 1). */
  ratingScale: readonly string[];
}

const quoted = (sql: string) => [...sql.matchAll(/'((?:[^']|'')*)'/g)].map(([, text]) => text.replaceAll("''", "'"));
const list = (items: readonly string[]) => items.map((i) => `“${i}”`).join(" or ");

/** One condition of the SQL (`list_contains(q, 'x') OR …`, `q = 'Yes'`, `rating_x >= 4`, `len(q) > 0`) in words. */
function condition(sql: string, wording: Wording): string {
  const trimmed = sql.trim();
  if (trimmed === "TRUE") return "every in-scope respondent";
  if (/^len\(\w+\) > 0$/.test(trimmed) || /^\w+ IS NOT NULL$/.test(trimmed)) return "respondents who answered the question";
  if (/^rating_\w+ >= \d$/.test(trimmed)) {
    const level = Number(trimmed.slice(-1));
    return `rated it ${list(wording.ratingScale.slice(0, wording.ratingScale.length - level + 1))}`;
  }
  if (/^list_contains\(/.test(trimmed)) return `ticked ${list(quoted(trimmed))}`;
  if (/^\w+ = \[/.test(trimmed)) return `ticked only ${list(quoted(trimmed))}`;
  if (/^\w+ = '/.test(trimmed)) return `answered ${list(quoted(trimmed))}`;
  if (/^\w+_answered$/.test(trimmed)) return "answered it";
  throw new Error(`indicator SQL not yet described in words: ${trimmed}`);
}

/** The question an indicator reads: the first instrument question its SQL names. */
function questionOf(definition: IndicatorDefinition, wording: Wording): string {
  const sql = `${definition.numerator} ${definition.denominator}`;
  const ids = Object.keys(wording.questions).sort((a, b) => b.length - a.length);
  const named = ids.find((id) => new RegExp(`\\b(rating_)?${id}(_answered)?\\b`).test(sql));
  if (named) return wording.questions[named];
  const grid = /rating_(\w+)/.exec(sql);
  if (grid) return `${wording.questions.element_ratings ?? "Program element ratings"} — ${grid[1].replaceAll("_", " ")}`;
  return "";
}

export function indicatorInWords(definition: IndicatorDefinition, wording: Wording): IndicatorInWords {
  const counts = definition.numerator.split(/\s+OR\s+/).map((part) => condition(part, wording));
  // "ticked A or ticked B" reads as "ticked A or B".
  const merged = counts.every((c) => c.startsWith("ticked “")) ? `ticked ${counts.map((c) => c.slice("ticked ".length)).join(" or ")}` : counts.join(", or ");
  const of = condition(definition.denominator, wording);
  const ofQuestion = definition.denominator !== "TRUE" && questionOf({ ...definition, numerator: definition.denominator }, wording);
  return {
    id: definition.id,
    label: definition.label,
    question: questionOf(definition, wording),
    counts: `Respondents who ${merged}`,
    of: ofQuestion && ofQuestion !== questionOf(definition, wording) ? `respondents who answered “${ofQuestion}”` : of,
  };
}
