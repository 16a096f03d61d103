// Splits a checkbox cell against the known options: options may contain the separator, so a plain split is wrong.
// Answers are matched as single-choice answers are: whatever case, spacing and typography the export gives them.

export interface CheckboxAnswer {
  /** Known options found, in the order given. */
  options: string[];
  /** Whatever text matched no option (the respondent's "Other" answer), or null. */
  other: string | null;
}

const asciiPrintable = /^[\x20-\x7e]*$/;

/** An answer as a person reads it: compatibility forms, straight quotes, plain hyphens, single spaces. */
export function tidyAnswer(text: string): string {
  const plain = asciiPrintable.test(text)
    ? text
    : text
        .normalize("NFKC")
        .replace(/[\u2018\u2019\u201a\u2032]/g, "'")
        .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
        .replace(/[\u2010-\u2015\u2212]/g, "-");
  return (plain.includes("  ") || !asciiPrintable.test(plain) ? plain.replace(/\s+/g, " ") : plain).trim();
}

/** Distinct answer texts whose key is kept: single-choice and grid columns repeat a few texts. */
const keptKeys = 16384;
const keys = new Map<string, string>();

/** The key two answers share when they are the same answer: tidied and lower-cased. */
export function answerKey(text: string): string {
  let key = keys.get(text);
  if (key === undefined) {
    key = tidyAnswer(text).toLowerCase();
    if (keys.size < keptKeys) keys.set(text, key);
  }
  return key;
}

const optionKeys = new WeakMap<readonly string[], Map<string, string>>();

/** The options of a question by their answer keys: the option an answer is, whatever its case, spacing and typography. */
export function optionsByKey(options: readonly string[]): ReadonlyMap<string, string> {
  let byKey = optionKeys.get(options);
  if (!byKey) {
    byKey = new Map(options.map((option) => [answerKey(option), option]));
    optionKeys.set(options, byKey);
  }
  return byKey;
}

interface KeyedOption {
  key: string;
  option: string;
}

const keyedOptions = new WeakMap<readonly string[], KeyedOption[]>();

function longestFirst(options: readonly string[]): KeyedOption[] {
  let sorted = keyedOptions.get(options);
  if (!sorted) {
    sorted = options.map((option) => ({ key: answerKey(option), option })).sort((a, b) => b.key.length - a.key.length);
    keyedOptions.set(options, sorted);
  }
  return sorted;
}

/** Where the separator (with any spaces around it) ends if it starts at `position`, else -1. */
function separatorEnd(text: string, position: number, core: string): number {
  let at = position;
  while (text.charCodeAt(at) === 32) at += 1;
  if (!text.startsWith(core, at)) return -1;
  at += core.length;
  while (text.charCodeAt(at) === 32) at += 1;
  return at;
}

/** Distinct cells whose split is kept, per options list and separator: a column repeats a few combinations of options. */
const keptSplits = 4096;
const splits = new WeakMap<readonly string[], Map<string, Map<string, CheckboxAnswer>>>();

/** Greedy longest match of known options at each separator boundary; unmatched pieces are joined back as Other text. */
export function splitCheckbox(cell: string, knownOptions: readonly string[], separator: string): CheckboxAnswer {
  let bySeparator = splits.get(knownOptions);
  if (!bySeparator) splits.set(knownOptions, (bySeparator = new Map()));
  let byCell = bySeparator.get(separator);
  if (!byCell) bySeparator.set(separator, (byCell = new Map()));
  let answer = byCell.get(cell);
  if (!answer) {
    answer = splitCell(cell, knownOptions, separator);
    if (byCell.size < keptSplits) byCell.set(cell, answer);
  }
  // Each caller owns its answer: the kept one is never handed out.
  return { options: [...answer.options], other: answer.other };
}

function splitCell(cell: string, knownOptions: readonly string[], separator: string): CheckboxAnswer {
  const text = tidyAnswer(cell);
  if (text === "") return { options: [], other: null };
  const lowered = text.toLowerCase();
  // Lower-casing that changes the length (rare scripts) would misplace the leftovers: match those as written.
  const keyed = lowered.length === text.length ? lowered : text;
  const core = separator.trim() || separator;
  const byLength = longestFirst(knownOptions);
  const options: string[] = [];
  const leftovers: string[] = [];
  let position = 0;
  while (position <= text.length) {
    let next = -1;
    const match = byLength.find(({ key }) => {
      if (!keyed.startsWith(key, position)) return false;
      const end = position + key.length;
      if (end === text.length) return ((next = text.length + 1), true);
      next = separatorEnd(text, end, core);
      return next !== -1;
    });
    if (match) {
      if (!options.includes(match.option)) options.push(match.option);
      position = next;
      continue;
    }
    const cut = text.indexOf(separator, position);
    const end = cut === -1 ? text.length : cut;
    leftovers.push(text.slice(position, end));
    position = end + separator.length;
    while (text.charCodeAt(position) === 32) position += 1;
  }
  const other = leftovers.join(separator).trim();
  return { options, other: other === "" ? null : other };
}
