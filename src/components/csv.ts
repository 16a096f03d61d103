// CSV text of query rows (RFC 4180 quoting, dates as ISO), the one CSV writer of the house: every chart's
// "download data", Explore's download and the sample exports. Text a spreadsheet would run as a formula is neutralised.

// OWASP's CSV injection list: a text cell starting with one of these is prefixed with an apostrophe.
const formulaStart = /^[=+\-@\t\r]/;

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const written = value instanceof Date ? value.toISOString() : String(value);
  // Numbers stay numbers (-3 is not a formula); text, lists and anything else written as text is neutralised.
  const text = typeof value !== "number" && typeof value !== "bigint" && formulaStart.test(written) ? `'${written}` : written;
  return csvCell(text);
}

/** A field quoted as RFC 4180 asks, only when it needs it; as given otherwise (toCsv adds the formula guard). */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const names = columns ?? (rows.length ? Object.keys(rows[0]) : []);
  const lines = [names.map(cell).join(",")];
  for (const row of rows) lines.push(names.map((name) => cell(row[name])).join(","));
  return lines.join("\r\n") + "\r\n";
}
