// One part of the cleaning (loaders/clean.ts cleanParts) in a worker thread, staging its rows in its own folder:
// the parts run side by side, and each worker's memory is handed back when it ends.
import { parentPort, Worker, workerData } from "node:worker_threads";
import { cleanPart, type CleanPart, type PartCounts } from "./clean";
import { ContractError, type ContractPlace } from "./contract-error";
import { StagingSink } from "./staging";

interface Job {
  dataDir: string;
  part: CleanPart;
  staging: string;
  /** Sets the part's staged dictionary codes apart from the other parts' (loaders/staging.ts). */
  codeBase: number;
}

/**
 * A worker's heap limit: a part's lasting state is a few hundred MB at a million respondents (hashed keys, numbers),
 * and without a limit V8 lets garbage grow toward the machine's memory before collecting it.
 */
const workerHeapMb = Number(process.env.WORKBENCH_WORKER_HEAP_MB || 768);

type Outcome = { counts: PartCounts } | { contract: { file: string } & ContractPlace } | { failure: string };

/** Runs `part` of the cleaning in a worker; a contract violation there is thrown here as the same ContractError. */
export function cleanPartInWorker(job: Job): Promise<PartCounts> {
  return new Promise((resolve, reject) => {
    // Run as TypeScript through tsx, the worker registers tsx before loading this module (Node 20 workers do not inherit it).
    const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const options = { workerData: job, resourceLimits: { maxOldGenerationSizeMb: workerHeapMb } };
    const worker = import.meta.url.endsWith(".ts") ? new Worker(bootstrap, { ...options, eval: true }) : new Worker(new URL(import.meta.url), options);
    let outcome: Outcome | null = null;
    worker.on("message", (message: Outcome) => (outcome = message));
    worker.on("error", reject);
    worker.on("exit", () => {
      if (outcome === null) reject(new Error(`the ${job.part} worker stopped without a result`));
      else if ("counts" in outcome) resolve(outcome.counts);
      else if ("contract" in outcome) {
        const { file, ...place } = outcome.contract;
        reject(new ContractError(file, place));
      } else reject(new Error(outcome.failure));
    });
  });
}

/** Runs `part` of the cleaning in this thread, staging into the job's folder. */
export async function cleanPartHere({ dataDir, part, staging, codeBase }: Job): Promise<PartCounts> {
  const sink = new StagingSink(staging, codeBase);
  try {
    return await cleanPart(dataDir, part, sink, sink.names);
  } finally {
    sink.close();
  }
}

if (parentPort && workerData?.part) {
  let outcome: Outcome;
  try {
    outcome = { counts: await cleanPartHere(workerData as Job) };
  } catch (error) {
    outcome =
      error instanceof ContractError
        ? { contract: { file: error.file, row: error.row, column: error.column, expected: error.expected, got: error.got, found: error.found } }
        : { failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort.postMessage(outcome);
}
