// The one error a bad export raises: where it is and what was expected, as a single line a person can act on.
import { SettingError } from "./settings";

export interface ContractPlace {
  row?: number;
  column?: string;
  expected: string;
  /** The value found in the export: quoted only when short and no address (it may be someone's answer). */
  got?: string;
  /** What was found, in the tool's own words (never a value from the export): always shown. */
  found?: string;
}

export class ContractError extends Error {
  readonly file: string;
  readonly row?: number;
  readonly column?: string;
  readonly expected: string;
  readonly got?: string;
  readonly found?: string;

  constructor(file: string, place: ContractPlace) {
    super(formatContractMessage(file, place));
    this.name = "ContractError";
    this.file = file;
    this.row = place.row;
    this.column = place.column;
    this.expected = place.expected;
    this.got = place.got;
    this.found = place.found;
  }
}

/** Longest value an error quotes: options, dates and numbers fit; a longer cell is most likely someone's answer. */
const longestShownValue = 40;

/** What the message says was found: the value if it is short and no address, else only its length. */
function shownValue(got: string): string {
  if (got.length > longestShownValue) return `a text of ${got.length} characters (not shown: it may be an answer)`;
  if (/@|:\/\//.test(got)) return "an address or a link (not shown)";
  return `'${got}'`;
}

export function formatContractMessage(file: string, { row, column, expected, got, found }: ContractPlace): string {
  const where = [file, row === undefined ? null : `row ${row}`].filter(Boolean).join(" ");
  const what = column === undefined ? "" : `, column '${column}'`;
  const shown = found !== undefined ? `, got '${found}'` : got === undefined ? "" : `, got ${shownValue(got)}`;
  return `${where}${what}: expected ${expected}${shown}`;
}

/**
 * The first line of an error's message with every quoted part blanked: DuckDB quotes the offending line and
 * values (`Original Line: …`, `Could not convert string '…'`), which may be a respondent's answer.
 */
export function withoutData(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split("\n", 1)[0].replace(/'[^']*'?|"[^"]*"?|`[^`]*`?/g, "'…'");
  return first.length > 200 ? `${first.slice(0, 199)}…` : first;
}

/** The same failure, its message without data (for errors of the engine over respondents' rows). */
export function redacted(error: unknown, doing: string): Error {
  return new Error(`${doing}: ${withoutData(error)}`);
}

/**
 * Runs a command-line entry point: a contract violation prints its one line and exits 1, without a stack trace;
 * any other failure prints its redacted message and where it happened (never the data it quotes), and exits 1.
 */
export async function runReportingContractErrors(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ContractError || error instanceof SettingError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      const frames = error instanceof Error ? (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line)) : [];
      process.stderr.write(`${error instanceof Error ? error.name : "Error"}: ${withoutData(error)}\n${frames.join("\n")}\n`);
    }
    process.exit(1);
  }
}
