// Masks what could identify a person in a quote: email addresses, links (with or without a scheme) and handles,
// the names of people in the exports (roster and survey name columns, and an optional mask-names.txt), and
// organisations (a list, and "at <Name>" phrases). Names match whatever their case, accents and apostrophes.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ContractError } from "./contract-error";

/** Organisations alumni commonly name; extend here rather than in code that uses it. */
export const knownOrganisations = [
  "Anthropic", "OpenAI", "Google DeepMind", "DeepMind", "Google", "Meta", "Microsoft", "Redwood Research", "Redwood",
  "METR", "ARC", "Alignment Research Center", "MIRI", "Apollo Research", "Apollo", "FAR AI", "FAR.AI", "Conjecture",
  "EleutherAI", "CAIS", "Center for AI Safety", "UK AISI", "AISI", "US AISI", "GovAI", "Epoch AI", "Open Philanthropy",
  "MATS", "Oxford", "Cambridge", "MIT", "Stanford", "Berkeley", "CHAI", "Harvard", "Mila", "ETH Zurich",
] as const;

// MATS itself is the program, not a person's employer: keep it readable.
const keptOrganisations = new Set(["MATS"]);

// Names that are also ordinary words ("meta-learning", "a narrative arc", "mit" in German) match only with a capital.
const capitalisedOnly = new Set(["Meta", "ARC", "MIT", "Apollo", "Redwood", "Conjecture", "Mila", "CHAI", "Berkeley", "Cambridge", "Oxford"]);

/** Column headers holding people's names, in the roster and the survey exports. */
export const nameColumns: ReadonlySet<string> = new Set(["full_name", "Full name", "RecipientFirstName", "RecipientLastName", "Recipient First Name", "Recipient Last Name"]);

/** The optional list of other names to mask (mentors, staff), one per line, in the exports folder. */
export const maskNamesFile = "mask-names.txt";

/**
 * Two-letter words that are common in English, and name particles: as a word of a person's name ("An", "de";
 * "Li" is not one) they are masked only beside another word of a name ("An Nguyen", "de la Cruz"), so "an",
 * "he", "to" and "van" stay readable.
 */
const contextOnlyWords = new Set([
  ..."ad ah ai am an as at be bi by do eh go ha he hi id if in is it ma me mi ml mr ms my no of oh ok on or ox pa pi re so to uh um un up us we ya ye yo".split(" "),
  ..."al bin da das de del della den der di dos du el ibn la le van von".split(" "),
]);

// Invisible characters that would split or disguise a name ("Fa\u00ADqui"): soft hyphen, zero-width space and
// non-joiner, word joiner, BOM, and a zero-width joiner between letters (kept between emoji).
const invisible = /[\u00AD\u200B\u200C\u2060\uFEFF]|(?<=\p{L})\u200D(?=\p{L})/gu;

/** The text as masking reads it: compatibility-normalised (full-width letters, ligatures), invisible characters dropped. */
function readable(text: string): string {
  return text.normalize("NFKC").replace(invisible, "");
}

/** Where gathered name words go (a Set, or a staged file). */
export interface NameWords {
  add(word: string): unknown;
}

// A word: letters and marks, joined by inner hyphens or apostrophes ("O'Brien", "Smith-Jones", "Faqui's", "José").
const wordPattern = /[\p{L}\p{M}]+(?:[-'’ʼ‘][\p{L}\p{M}]+)*/gu;

/** The form words are compared in: compatibility-normalised, accents dropped, one apostrophe, lower case. */
export function nameKey(word: string): string {
  return word.normalize("NFKD").replace(/\p{M}/gu, "").replace(/[’ʼ‘`´]/g, "'").toLowerCase().normalize("NFC");
}

const letters = (key: string) => key.replace(/[^\p{L}]/gu, "").length;

// Most names are plain ASCII: they skip Unicode normalisation, which costs more than the rest of the cleaning of a roster row.
const plainAscii = /^[\x20-\x7e]*$/;

/** The keys a name's words are known by: each word, its hyphenated parts, and apostrophe-less spellings (initials spared). */
export function nameWordsOf(name: string): string[] {
  const keys = new Set<string>();
  const plain = plainAscii.test(name);
  for (const [word] of (plain ? name : readable(name)).matchAll(wordPattern)) {
    const key = plain ? word.toLowerCase() : nameKey(word);
    if (!key.includes("-") && !key.includes("'")) {
      if (key.length >= 2) keys.add(key);
      continue;
    }
    for (const form of [key, ...key.split("-"), key.replaceAll("'", ""), ...key.split("-").map((part) => part.replaceAll("'", ""))]) {
      if (letters(form) >= 2) keys.add(form);
    }
  }
  return [...keys];
}

/** The columns of a header row (an export's first) that hold people's names. */
export function nameColumnIndexes(header: readonly string[]): number[] {
  return header.flatMap((name, index) => (nameColumns.has(name.trim()) ? [index] : []));
}

/** How Qualtrics' third header row starts ({"ImportId":…}). */
export const importIdPrefix = '{"ImportId"';

/** Adds the name words of one cell of a name column to `words`. */
export function addNameWords(cell: string, words: NameWords): void {
  const value = cell.trim();
  // Qualtrics' second and third header rows ("Recipient Last Name", {"ImportId":…}) are not people.
  if (nameColumns.has(value) || value.startsWith(importIdPrefix)) return;
  for (const word of nameWordsOf(value)) words.add(word);
}

/** The name words of `mask-names.txt` in `dataDir` (blank lines and `#` comments skipped); none if there is no such file. */
export function otherNamesToMask(dataDir: string): Set<string> {
  const path = join(dataDir, maskNamesFile);
  if (!existsSync(path)) return new Set();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path));
  } catch {
    throw new ContractError(maskNamesFile, { expected: "UTF-8 text, one name per line", got: "bytes that are not UTF-8" });
  }
  const names = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
  return new Set(names.flatMap(nameWordsOf));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const organisationNames = [...knownOrganisations].filter((o) => !keptOrganisations.has(o)).sort((a, b) => b.length - a.length);
// Any case ("openai", "OPENAI"), spaces and dots as written; bounded by anything but a letter or digit.
const organisationPattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${organisationNames.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, "giu");

function isOrganisation(found: string): boolean {
  const name = organisationNames.find((o) => o.toLowerCase() === found.toLowerCase())!;
  return !capitalisedOnly.has(name) || /^\p{Lu}/u.test(found);
}

// Top-level domains a bare address ("janedoe.dev", "example.org") is recognised by, without a scheme or a path.
const bareDomains = "com|org|net|io|dev|ai|me|co|uk|edu|gov|app|xyz|info|page|site|blog|gg|sh|tech|us|de|fr|ca|au|nl|ch|in|ly|so|to|fm|tv|social";

/** Masks emails, links, handles and organisations: everything but people's names. */
export function maskContacts(text: string): string {
  let masked = readable(text)
    .replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+/gu, "[email]")
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, "[link]")
    // A domain with a path ("linkedin.com/in/first-last", "github.com/x", "x.com/y"), or a bare one.
    .replace(/(?<![\p{L}\p{N}@./-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}\/\S*/gu, "[link]")
    .replace(new RegExp(`(?<![\\p{L}\\p{N}@./-])(?:[\\p{L}\\p{N}-]+\\.)+(?:${bareDomains})(?![\\p{L}\\p{N}-])`, "giu"), "[link]")
    .replace(/(^|[^\p{L}\p{N}_@.[])@[\p{L}\p{N}_]{2,}(?:\.[\p{L}\p{N}_]+)*/gu, "$1[handle]");
  masked = masked.replace(organisationPattern, (found) => (isOrganisation(found) ? "[organisation]" : found));
  // "at Acme Labs", "with Foo Bar": a capitalised name after these words is most often an employer.
  return masked.replace(/\b(at|for|with|joined) ((?:\p{Lu}[\p{L}\p{M}\p{N}&-]*)(?: \p{Lu}[\p{L}\p{M}\p{N}&-]*)*)/gu, (whole, word: string, name: string) =>
    name === "[organisation]" || keptOrganisations.has(name) ? whole : `${word} [organisation]`,
  );
}

/** How one word of a text is a name: wholly, in one hyphenated part, or as a possessive ("Faqui's"), or not at all. */
function nameForms(word: string): { key: string; possessive: string; lookups: string[] } {
  const key = nameKey(word);
  const possessive = /'s$/.test(key) ? word.slice(-2) : "";
  const base = possessive ? key.slice(0, -2) : key;
  const parts = base.split("-");
  const lookups = [key, base, base.replaceAll("'", ""), ...parts, ...parts.map((p) => p.replaceAll("'", ""))].filter((k) => letters(k) >= 2);
  return { key, possessive, lookups: [...new Set(lookups)] };
}

/** The keys of the words of `text` that `maskNames` checks against the names. */
export function nameCandidates(text: string): string[] {
  return [...readable(text).matchAll(wordPattern)].flatMap(([word]) => nameForms(word).lookups);
}

/** Masks every word that is a word of a person's name (`names`: keys as `nameWordsOf` gives them). */
export function maskNames(text: string, names: ReadonlySet<string>): string {
  const normalised = readable(text);
  const words = [...normalised.matchAll(wordPattern)].map((match) => {
    const { possessive, lookups } = nameForms(match[0]);
    const known = lookups.filter((k) => names.has(k));
    // A common two-letter word alone is not taken for a name; beside another name word it is.
    const sure = known.some((k) => !contextOnlyWords.has(k));
    return { start: match.index!, end: match.index! + match[0].length, possessive, known: known.length > 0, sure };
  });
  const masked = words.map((w) => w.sure);
  const besideName = (i: number, j: number) => j >= 0 && j < words.length && masked[j] && /^\s+$/.test(normalised.slice(Math.min(words[i].end, words[j].end), Math.max(words[i].start, words[j].start)));
  for (let i = 0; i < words.length; i += 1) if (words[i].known && !masked[i] && (besideName(i, i - 1) || besideName(i, i + 1))) masked[i] = true;
  let out = "";
  let from = 0;
  words.forEach((w, i) => {
    if (!masked[i]) return;
    out += `${normalised.slice(from, w.start)}[name]${w.possessive}`;
    from = w.end;
  });
  return out + normalised.slice(from);
}

export function maskText(text: string, names: ReadonlySet<string>): string {
  return maskNames(maskContacts(text), names);
}
