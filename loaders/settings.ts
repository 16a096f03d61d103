// Settings read from the environment as whole numbers, each refused in one line that names it when it is not one.

/** A setting that is not what it must be: its message is one line that names it, and says all there is to say. */
export class SettingError extends Error {
  override name = "SettingError";
}

/**
 * Makes a script (npm run build, npm run dev) stop on a SettingError nothing caught with its one line, and on any
 * other error as Node would: its stack, exit 1. (The loaders and commands report theirs through
 * runReportingContractErrors.)
 */
export function stopOnSettingErrorsInOneLine(): void {
  process.on("uncaughtException", (error) => {
    process.stderr.write(`${error instanceof SettingError ? error.message : (error.stack ?? String(error))}\n`);
    process.exit(1);
  });
}

/** The environment variable `name` as a whole number ≥ 1, or undefined when it is unset or empty; `what` ends the refusal's "expected a whole number …". */
export function wholeNumberSetting(name: string, what: string): number | undefined {
  const setting = process.env[name];
  if (!setting) return undefined;
  const value = Number(setting);
  if (!Number.isInteger(value) || value < 1) throw new SettingError(`${name}: expected a whole number ${what}, got '${setting}'`);
  return value;
}
