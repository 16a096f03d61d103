// The command-line tools' shared arguments: --data (WORKBENCH_DATA, else ./data), --wave checked against the folder's
// instrument, and one usage line on stderr with exit 2 for anything they do not understand.
import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;
import { instrumentFor } from "../loaders/instrument";

export interface Command {
  /** What follows `npm run <name> --` in the usage line. */
  usage: string;
  /** Prints `message` and the usage line, and exits 2. */
  fail(message: string): never;
}

export function command(name: string, usage: string): Command {
  return {
    usage,
    fail(message) {
      process.stderr.write(`${message}\nusage: npm run ${name} -- ${usage}\n`);
      process.exit(2);
    },
  };
}

/** The arguments of `options`, plus --data; a bad or unknown one fails with the usage line. */
export function commandArguments<const O extends Options>(cli: Command, options: O) {
  try {
    return parseArgs({ options: { data: { type: "string", default: process.env.WORKBENCH_DATA || "./data" }, ...options } }).values;
  } catch (error) {
    return cli.fail((error as Error).message);
  }
}

/** `--wave`, one of the waves of the folder's instrument (the shipped one, or the folder's own). */
export function waveArgument(cli: Command, dataDir: string, wave: string | undefined): string {
  const known = Object.keys(instrumentFor(dataDir).waves);
  if (!wave || !known.includes(wave)) cli.fail(`--wave: expected one of ${known.join(", ")}, got '${wave ?? ""}'`);
  return wave;
}
