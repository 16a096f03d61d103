// Runs the pages' data loaders before Framework does, into Framework's own loader cache (<root>/.observablehq/cache,
// where its build takes a present output as it is): Framework runs loaders one after another, and at a million
// respondents one loader's statistics (one core of JavaScript) and another's DuckDB queries can share the machine.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { wholeNumberSetting } from "../loaders/settings.js";

const archive = /\.(tar|tgz|tar\.gz|zip)$/;

/** The loaders under `<sourceRoot>/data` some page or component refers to, by their output path (e.g. "data/cube.json"). */
export function referencedLoaders(sourceRoot: string): string[] {
  const texts = readdirSync(sourceRoot, { recursive: true, encoding: "utf8" })
    .filter((path) => /\.(md|js|ts)$/.test(path) && !/^(\.observablehq|data)[\\/]/.test(path))
    .map((path) => readFileSync(join(sourceRoot, path), "utf8"))
    .join("\n");
  const dataDir = join(sourceRoot, "data");
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir)
    .filter((name) => /\.[a-z]+\.ts$/.test(name))
    .map((name) => `data/${name.slice(0, -".ts".length)}`)
    .filter((target) => texts.includes(archive.test(target) ? `${target.replace(archive, "")}/` : target));
}

/** Runs one loader into the cache; resolves false if it fails, saying only which loader: Framework runs it again and reports why. */
function warm(sourceRoot: string, target: string, options: { cwd: string; env: NodeJS.ProcessEnv }, running: Set<ChildProcess>): Promise<boolean> {
  const cachePath = join(sourceRoot, ".observablehq", "cache", target);
  const temporary = `${cachePath}.warm-${process.pid}`;
  mkdirSync(dirname(cachePath), { recursive: true });
  return new Promise((resolve) => {
    const out = createWriteStream(temporary, { mode: 0o600 });
    // The pipe ends the file when the loader's output ends; the result is known once both happened.
    const written = new Promise<void>((done) => out.on("close", () => done()));
    const child = spawn("tsx", [join(sourceRoot, `${target}.ts`)], { ...options, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    const messages: Buffer[] = [];
    child.stdout!.pipe(out);
    child.stderr!.on("data", (chunk: Buffer) => messages.push(chunk));
    child.on("error", () => out.end());
    child.on("close", async (code) => {
      running.delete(child);
      await written;
      if (code === 0) {
        renameSync(temporary, cachePath);
        process.stderr.write(Buffer.concat(messages));
        resolve(true);
      } else {
        rmSync(temporary, { force: true });
        process.stderr.write(`${target}: its loader failed ahead of the build (exit ${code}); Framework runs it again and reports why\n`);
        resolve(false);
      }
    });
  });
}

/**
 * The loaders that take longest at a million respondents (each run alone after the clean store, on one DuckDB thread
 * as in the build: trends 38 s, the site database 32 s, the cube 25 s, applicants 13 s, the others under 10 s each),
 * started first: a long one started last would finish alone, with the other core idle. The cube goes before the site
 * database: its 25 s include making the per-respondent view (loaders/clean-store.ts storeAnswers), which the trends
 * and indicator loaders wait for (started second instead, the site database made no difference: 204.0 s against
 * 205.5 s for the whole build). The applicants' and quotes' loaders follow (10 s and 5 s): started after the small
 * ones, the quotes ran alone for the build's last 3 s of loaders.
 */
const slowestFirst = ["data/trends.json", "data/cube.json", "data/clean.duckdb", "data/applicants.json", "data/quotes.json"];

/**
 * Fills Framework's loader cache for every referenced loader whose output is missing, side by side, one per core,
 * the slowest first. The first to need the clean store builds it and the others wait for it (loaders/clean-store.ts).
 * Stops at the first failure.
 */
export async function warmLoaders(sourceRoot: string, options: { cwd: string; env: NodeJS.ProcessEnv }, running: Set<ChildProcess>): Promise<void> {
  const rank = (target: string) => (slowestFirst.includes(target) ? slowestFirst.indexOf(target) : slowestFirst.length);
  const queue = referencedLoaders(sourceRoot)
    .filter((target) => !existsSync(join(sourceRoot, ".observablehq", "cache", target)))
    .sort((a, b) => rank(a) - rank(b));
  // WORKBENCH_LOADER_JOBS=1 trades time for memory.
  const jobs = wholeNumberSetting("WORKBENCH_LOADER_JOBS", "of loaders at once") ?? Math.min(2, cpus().length);
  // The loaders side by side share the cores: each one's DuckDB gets its share for its figures (loaders/parquet.ts figureThreads).
  const spawnOptions = { ...options, env: { WORKBENCH_FIGURE_THREADS: String(Math.max(1, Math.floor(cpus().length / jobs))), ...options.env } };
  let failed = false;
  const worker = async () => {
    for (let target = queue.shift(); target && !failed; target = queue.shift()) failed = !(await warm(sourceRoot, target, spawnOptions, running));
  };
  await Promise.all(Array.from({ length: jobs }, worker));
}
