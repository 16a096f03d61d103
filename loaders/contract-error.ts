// The one error a bad export raises: where it is and what was expected, as a single line a person can act on.

export interface ContractPlace {
  row?: number;
  column?: string;
  expected: string;
  got?: string;
}

export class ContractError extends Error {
  readonly file: string;
  readonly row?: number;
  readonly column?: string;
  readonly expected: string;
  readonly got?: string;

  constructor(file: string, place: ContractPlace) {
    super(formatContractMessage(file, place));
    this.name = "ContractError";
    this.file = file;
    this.row = place.row;
    this.column = place.column;
    this.expected = place.expected;
    this.got = place.got;
  }
}

export function formatContractMessage(file: string, { row, column, expected, got }: ContractPlace): string {
  const where = [file, row === undefined ? null : `row ${row}`].filter(Boolean).join(" ");
  const what = column === undefined ? "" : `, column '${column}'`;
  const shown = got === undefined ? "" : `, got '${got.length > 80 ? `${got.slice(0, 77)}...` : got}'`;
  return `${where}${what}: expected ${expected}${shown}`;
}

/** Runs a command-line entry point: a contract violation prints its one line and exits 1, without a stack trace. */
export async function runReportingContractErrors(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ContractError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
