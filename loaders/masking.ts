// Masks what could identify a person in a quote: email addresses, web and social handles, the names of
// people in the exports (roster and survey name columns), and organisations (a list, and "at <Name>" phrases).
import type { CsvRecord } from "./csv.js";

/** Organisations alumni commonly name; extend here rather than in code that uses it. */
export const knownOrganisations = [
  "Anthropic", "OpenAI", "Google DeepMind", "DeepMind", "Google", "Meta", "Microsoft", "Redwood Research", "Redwood",
  "METR", "ARC", "Alignment Research Center", "MIRI", "Apollo Research", "Apollo", "FAR AI", "FAR.AI", "Conjecture",
  "EleutherAI", "CAIS", "Center for AI Safety", "UK AISI", "AISI", "US AISI", "GovAI", "Epoch AI", "Open Philanthropy",
  "MATS", "Oxford", "Cambridge", "MIT", "Stanford", "Berkeley", "CHAI", "Harvard", "Mila", "ETH Zurich",
] as const;

// MATS itself is the program, not a person's employer: keep it readable.
const keptOrganisations = new Set(["MATS"]);

const nameColumns = new Set(["full_name", "Full name"]);

/** Where gathered name words go (a Set, or a staged file). */
export interface NameWords {
  add(word: string): unknown;
}

/** Passes `records` through, gathering every word of every person's name in its name columns (3+ letters, to spare initials). */
export function* gatherNames(records: Iterable<CsvRecord>, words: NameWords): Generator<CsvRecord> {
  let columns: number[] | null = null;
  for (const record of records) {
    if (columns === null) columns = record.cells.flatMap((name, index) => (nameColumns.has(name.trim()) ? [index] : []));
    else for (const c of columns) for (const word of (record.cells[c] ?? "").split(/\s+/)) if (word.length >= 3) words.add(word.toLowerCase());
    yield record;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const nameLike = /\b[\p{L}'-]{3,}\b/gu;

/** Masks emails, links, handles and organisations: everything but people's names. */
export function maskContacts(text: string): string {
  let masked = text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, "[email]")
    .replace(/\bhttps?:\/\/\S+/g, "[link]")
    .replace(/(^|\s)@\w{2,}/g, "$1[handle]");
  const organisations = [...knownOrganisations].filter((o) => !keptOrganisations.has(o)).sort((a, b) => b.length - a.length);
  masked = masked.replace(new RegExp(`\\b(${organisations.map(escapeRegExp).join("|")})\\b`, "g"), "[organisation]");
  // "at Acme Labs", "with Foo Bar": a capitalised name after these words is most often an employer.
  return masked.replace(/\b(at|for|with|joined) ((?:[A-Z][\w&-]*)(?: [A-Z][\w&-]*)*)/g, (whole, word: string, name: string) =>
    name === "[organisation]" || keptOrganisations.has(name) ? whole : `${word} [organisation]`,
  );
}

/** The lower-cased words of `text` that `maskNames` would check against the names. */
export function nameCandidates(text: string): string[] {
  return [...text.matchAll(nameLike)].map(([word]) => word.toLowerCase());
}

/** Masks every word that is a word of a person's name (`names`, lower case). */
export function maskNames(text: string, names: ReadonlySet<string>): string {
  return text.replace(nameLike, (word) => (names.has(word.toLowerCase()) ? "[name]" : word));
}

export function maskText(text: string, names: ReadonlySet<string>): string {
  return maskNames(maskContacts(text), names);
}
