// SQL literal escaping, written once: every string and identifier put into SQL by loaders, pages, the command line and benchmarks.

/** `text` as a DuckDB string literal: quotes doubled; backslashes are plain characters in standard SQL strings. */
export function sqlString(text: string): string {
  // DuckDB's parser reads a literal as a C string, so a NUL would cut it short: refuse rather than query something else.
  if (text.includes("\u0000")) throw new Error("sqlString: a SQL string literal cannot hold a NUL character");
  return `'${text.replaceAll("'", "''")}'`;
}

/** `name` as a DuckDB quoted identifier (a table or column name), whatever characters it holds. */
export function quoteIdentifier(name: string): string {
  if (name.includes("\u0000")) throw new Error("quoteIdentifier: a SQL identifier cannot hold a NUL character");
  return `"${name.replaceAll('"', '""')}"`;
}
