// CSV text of query rows (RFC 4180 quoting, dates as ISO), for every chart's "download data".

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const names = columns ?? (rows.length ? Object.keys(rows[0]) : []);
  const lines = [names.map(cell).join(",")];
  for (const row of rows) lines.push(names.map((name) => cell(row[name])).join(","));
  return lines.join("\r\n") + "\r\n";
}
