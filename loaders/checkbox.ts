// Splits a checkbox cell against the known options: options may contain the separator, so a plain split is wrong.

export interface CheckboxAnswer {
  /** Known options found, in the order given. */
  options: string[];
  /** Whatever text matched no option (the respondent's "Other" answer), or null. */
  other: string | null;
}

const sortedOptions = new WeakMap<readonly string[], string[]>();

function longestFirst(options: readonly string[]): string[] {
  let sorted = sortedOptions.get(options);
  if (!sorted) {
    sorted = [...options].sort((a, b) => b.length - a.length);
    sortedOptions.set(options, sorted);
  }
  return sorted;
}

/** Greedy longest match of known options at each separator boundary; unmatched pieces are joined back as Other text. */
export function splitCheckbox(cell: string, knownOptions: readonly string[], separator: string): CheckboxAnswer {
  const text = cell.trim();
  if (text === "") return { options: [], other: null };
  const byLength = longestFirst(knownOptions);
  const options: string[] = [];
  const leftovers: string[] = [];
  let position = 0;
  while (position <= text.length) {
    const match = byLength.find(
      (option) =>
        text.startsWith(option, position) &&
        (position + option.length === text.length || text.startsWith(separator, position + option.length)),
    );
    if (match) {
      if (!options.includes(match)) options.push(match);
      position += match.length + separator.length;
      continue;
    }
    const next = text.indexOf(separator, position);
    const end = next === -1 ? text.length : next;
    leftovers.push(text.slice(position, end));
    position = end + separator.length;
  }
  const other = leftovers.join(separator).trim();
  return { options, other: other === "" ? null : other };
}
