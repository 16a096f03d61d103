// DuckDB's error text turned into words a reader can act on, and the place in their SQL it points at.

export interface SqlErrorReport {
  /** The error in words, without DuckDB's echo of the SQL. */
  message: string;
  /** 0-based offset into the SQL of the spot DuckDB's caret marks, if it marks one. */
  offset?: number;
  line?: number;
  column?: number;
}

/**
 * DuckDB errors end with the offending line and a caret:
 *   Catalog Error: Table with name respondent does not exist!
 *   LINE 1: SELECT * FROM respondent
 *                         ^
 */
export function describeSqlError(raw: string, sql: string): SqlErrorReport {
  const match = /\n?LINE (\d+): ?(.*)\n( *)\^\s*$/.exec(raw);
  let message = raw.replace(/\n?LINE \d+:[\s\S]*$/, "").trim();
  message = message.replace(/^(\w+) Error: /, (_, kind: string) => `${kind} error: `);
  if (!match) return { message };
  const line = Number(match[1]);
  const shown = match[2];
  const prefix = `LINE ${match[1]}: `.length;
  let column = match[3].length - prefix;
  const lines = sql.split("\n");
  const text = lines[line - 1];
  if (text === undefined || column < 0) return { message };
  // DuckDB shortens long lines to "...<part>"; find where that part sits in the line.
  if (shown.startsWith("...")) {
    const at = text.indexOf(shown.slice(3).replace(/\.\.\.$/, ""));
    if (at < 0) return { message, line };
    column = at + column - 3;
  }
  column = Math.min(column, text.length);
  const offset = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0) + column;
  return { message, offset, line, column: column + 1 };
}
