// A Framework loader's one output: bytes to stdout, flushed before the process may exit.
export function writeToStdout(bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(bytes, (error) => (error ? reject(error) : resolve())));
}
