// The clean store: the exports cleaned once per build into a folder of Parquet files, one per clean table, that
// every Framework loader reads (several may ask at once: one builds, under a lock, and the others wait for it).
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DuckDBConnection } from "@duckdb/node-api";
import { addSources, cleaningMemoryLimit, cleanParts, cleanPartsOf, findSources } from "./clean";
import { buildMode } from "./build-mode";
import { cleaningCodeHash, exportsFingerprint, exportsListing } from "./fingerprint";
import { idKeyDigest } from "./identity";
import { instrumentDigest } from "./instrument";
import { tableColumns, tableNames, type Cell, type CleanModel } from "./model";
import { processAlive } from "./process-alive";
import { quoteIdentifier, sqlString } from "../src/survey/sql";
import { figureThreads, openDuckDB, parquetCopyOptions, parquetSettings, rowObjects } from "./parquet";
import { respondentViewSql } from "../src/survey/indicators";
import { NameWordSet, nameWordsFile, stageInto, writeStagedParquet } from "./staging";

/**
 * Where clean stores are kept (git-ignored; `npm run clean` removes it), one folder per build mode so nothing one
 * mode staged is read by the other. WORKBENCH_STORE moves it (the public build points it into its private folder).
 */
export function storeRoot(): string {
  return process.env.WORKBENCH_STORE || fileURLToPath(new URL(`../src/.observablehq/cache/clean-store/${buildMode()}`, import.meta.url));
}

/** Clean data holds people's answers and names: only its owner may read the folders it is staged and kept in. */
export function makePrivateDir(directory: string): void {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  chmodSync(directory, 0o700);
}

export interface StoreSummary {
  inputBytes: number;
  inputRows: number;
  /** Rows of each clean table. */
  rows: Record<string, number>;
  outputBytes: number;
  /** Seconds spent reading and cleaning the exports, and writing the Parquet files. */
  cleanSeconds: number;
  parquetSeconds: number;
}

/**
 * Cleans the exports in `dataDir` into `outDir` (created): `<table>.parquet` for every clean table, the name words
 * for masking quotes, and `summary.json`.
 */
export async function buildCleanStore(dataDir: string, outDir: string): Promise<StoreSummary> {
  makePrivateDir(outDir);
  const started = performance.now();
  const staging = join(outDir, ".staging");
  makePrivateDir(staging);
  try {
    const files = await findSources(dataDir);
    const parts = cleanPartsOf(dataDir);
    // One DuckDB cleans the parts one after another (each on every core) and writes the store from the rows it staged.
    const instance = await openDuckDB({ spillDirectory: join(staging, "spill"), memoryLimit: cleaningMemoryLimit });
    const connection = await instance.connect();
    stageInto(connection, staging);
    try {
      const names = new NameWordSet();
      const counts = await cleanParts(connection, dataDir, parts.map((part) => ({ part, names })));
      await addSources(connection, files, counts);
      const cleaned = performance.now();
      await writeStagedParquet(connection, names, outDir);
      const rows: Record<string, number> = {};
      for (const name of tableNames) {
        const result = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet(${sqlString(join(outDir, `${name}.parquet`))})`);
        rows[name] = Number(result.getRowObjectsJS()[0].n);
      }
      const sources = await connection.runAndReadAll(`SELECT coalesce(sum(rows_in), 0)::BIGINT AS n FROM read_parquet(${sqlString(join(outDir, "sources.parquet"))})`);
      const { files: listed } = exportsListing(dataDir);
      const summary: StoreSummary = {
        inputBytes: listed.reduce((sum, [, size]) => sum + size, 0),
        inputRows: Number(sources.getRowObjectsJS()[0].n),
        rows,
        outputBytes: tableNames.reduce((sum, name) => sum + statSync(join(outDir, `${name}.parquet`)).size, 0),
        cleanSeconds: (cleaned - started) / 1000,
        parquetSeconds: (performance.now() - cleaned) / 1000,
      };
      writeFileSync(join(outDir, "summary.json"), JSON.stringify(summary));
      return summary;
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The store of these exports (by content), this cleaning code, these Parquet settings and this id key. */
export async function storeKey(dataDir: string): Promise<string> {
  // The id key is part of what the store depends on: ids made with another key must not be reused.
  // So is the instrument in effect: the folder's own is among the exports, but the shipped one (data/instrument.json)
  // is read when the exports are elsewhere, and editing it changes how they are read.
  const fingerprint = JSON.stringify({ exports: await exportsFingerprint(dataDir), instrument: instrumentDigest(dataDir), code: cleaningCodeHash(), parquet: parquetSettings(), key: idKeyDigest(dataDir) });
  return createHash("sha256").update(fingerprint).digest("hex").slice(0, 16);
}

/** A lock left by a process that died (or never wrote its id within a minute) may be taken over. */
function abandoned(lock: string): boolean {
  try {
    const pid = Number(readFileSync(join(lock, "pid"), "utf8"));
    return !processAlive(pid);
  } catch {
    try {
      return Date.now() - statSync(lock).mtimeMs > 60_000;
    } catch {
      return false;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes something once across the processes of a build: the first caller takes `<target>.lock` and runs `make`;
 * the others wait for it and find `ready()` true. A lock whose holder died is taken over.
 */
async function makeOnce(target: string, ready: () => boolean, make: () => Promise<void>): Promise<void> {
  const lock = `${target}.lock`;
  for (;;) {
    if (ready()) return;
    try {
      await mkdir(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (abandoned(lock)) await rm(lock, { recursive: true, force: true });
      else await sleep(250);
      continue;
    }
    try {
      writeFileSync(join(lock, "pid"), String(process.pid));
      if (!ready()) await make();
      return;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}

/**
 * The folder of clean Parquet tables for the exports in `dataDir`, built at most once per fingerprint of the
 * exports and the cleaning code: the first caller builds it into a temporary folder and renames it into place.
 */
export async function cleanStore(dataDir: string): Promise<string> {
  const root = storeRoot();
  const key = await storeKey(dataDir);
  const store = join(root, key);
  makePrivateDir(root);
  removeAbandonedBuilds(root);
  if (!process.env.WORKBENCH_STORE) removeUnsortedStores(dirname(root));
  const ready = () => existsSync(join(store, "summary.json"));
  if (ready()) return markUsed(store);
  await makeOnce(store, ready, async () => {
    const building = `${store}.building-${process.pid}`;
    await rm(building, { recursive: true, force: true });
    try {
      const summary = await buildCleanStore(dataDir, building);
      process.stderr.write(`clean store of ${dataDir} ready: exports cleaned in ${summary.cleanSeconds.toFixed(1)} s, Parquet written in ${summary.parquetSeconds.toFixed(1)} s\n`);
      await rm(store, { recursive: true, force: true });
      await rename(building, store);
    } finally {
      await rm(building, { recursive: true, force: true });
    }
    removeOtherStores(root, key);
  });
  return store;
}

/**
 * A JSON value made from the clean store of `dataDir` once per store and `name`: the first loader of a build to ask
 * makes it (under a lock) and keeps it in the store, the others read it. `name` must say everything the value
 * depends on besides the clean tables (e.g. a digest of its SQL), since the store outlives code changes elsewhere.
 */
export async function storedInCleanStore<T>(dataDir: string, name: string, make: () => Promise<T>): Promise<T> {
  const file = join(await cleanStore(dataDir), `${name}.json`);
  await makeOnce(file, () => existsSync(file), async () => {
    const value = await make();
    // Written whole then renamed, so a loader running beside this one never reads half a file.
    writeFileSync(`${file}.${process.pid}`, JSON.stringify(value), { mode: 0o600 });
    await rename(`${file}.${process.pid}`, file);
  });
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

type Row = Record<string, unknown>;

/** Only values JSON gives back as they were (a Date or a BigInt would come back as something else). */
function plainRows(rows: Row[], sql: string): Row[] {
  for (const row of rows) {
    for (const [column, value] of Object.entries(row)) {
      const type = typeof value;
      if (value !== null && type !== "string" && type !== "boolean" && !(type === "number" && Number.isFinite(value))) {
        throw new Error(`storedQuery: column ${column} holds a ${type}, which JSON would not give back as it was; cast it in the SQL: ${sql.slice(0, 80)}`);
      }
    }
  }
  return rows;
}

/**
 * A runner of queries over the clean tables of `dataDir` whose rows are computed once per store and query: the
 * loaders of one build that ask the same question (the cube's cells for the Cohorts page and the indicator
 * reports) share one answer. A query's rows must be fully determined by its text (sorted, e.g. ORDER BY ALL).
 */
export function storedQuery(dataDir: string): (sql: string) => Promise<Row[]> {
  return (sql) =>
    storedInCleanStore(dataDir, `query-${createHash("sha256").update(sql).digest("hex").slice(0, 16)}`, () =>
      withCleanTables(dataDir, async (connection) => plainRows(await rowObjects(connection, sql), sql)),
    );
}

/**
 * Removes half-built stores (and the plaintext staging inside them) whose builder is gone: a killed clean leaves
 * `<key>.building-<pid>`, which nothing else would ever read or remove.
 */
export function removeAbandonedBuilds(root: string): void {
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    const builder = /\.building-(\d+)$/.exec(name);
    if (builder && !processAlive(Number(builder[1]))) rmSync(join(root, name), { recursive: true, force: true });
  }
}

/** Stores kept before there was a root per build mode (`clean-store/<key>`): no build reads them any more. */
function removeUnsortedStores(parent: string): void {
  for (const name of readdirSync(parent)) if (/^[0-9a-f]{16}(\.|$)/.test(name)) rmSync(join(parent, name), { recursive: true, force: true });
}

/** A store's modification time says when it was last asked for. */
function markUsed(store: string): string {
  const now = new Date();
  utimesSync(store, now, now);
  return store;
}

const unusedFor = 30 * 60_000;

/**
 * Removes stores of other exports or code that nobody asked for in the last half hour (a build or preview of
 * other exports may still be reading a recent one) and whose builders are gone (no lock).
 */
function removeOtherStores(root: string, key: string): void {
  for (const name of readdirSync(root)) {
    const base = name.split(".")[0];
    if (base === key || existsSync(join(root, `${base}.lock`))) continue;
    const path = join(root, name);
    if (Date.now() - statSync(path).mtimeMs > unusedFor) rmSync(path, { recursive: true, force: true });
  }
}

/** Makes each of the store's clean tables `names` a view of the same name over its Parquet file. */
async function viewStoreTables(connection: DuckDBConnection, store: string, names: readonly string[]): Promise<void> {
  for (const name of names) {
    await connection.run(`CREATE VIEW ${quoteIdentifier(name)} AS SELECT * FROM read_parquet(${sqlString(join(store, `${name}.parquet`))})`);
  }
}

/** Respondents per part of the per-respondent view: a part's lists fit in the loaders' DuckDB memory (about 1.4 GB at 280,000). */
const answersPartRespondents = 150_000;

/**
 * The per-respondent view of a clean store (src/survey/indicators.ts respondentViewSql), made once per store as
 * Parquet in parts that each fit in memory, and read by every figure query: at a million respondents, making it
 * once takes about 40 s, and each of the three figure loaders used to make it again (taking up to 8 GB each).
 * Returns the files' glob.
 */
export async function storeAnswers(store: string, partRespondents = answersPartRespondents): Promise<string> {
  const directory = join(store, "answers");
  await makeOnce(directory, () => existsSync(directory), async () => {
    const building = `${directory}.building-${process.pid}`;
    await rm(building, { recursive: true, force: true });
    makePrivateDir(building);
    try {
      const instance = await openDuckDB({ spillDirectory: join(building, ".spill") });
      const connection = await instance.connect();
      try {
        await viewStoreTables(connection, store, ["respondents", "selections", "ratings"]);
        const [{ n }] = await rowObjects(connection, "SELECT count(*)::INTEGER AS n FROM respondents");
        const parts = Math.max(1, Math.ceil(Number(n) / partRespondents));
        // Parts are ranges of respondent ids, cut at the ids' quantiles: the tables are sorted by id within a wave,
        // so each part reads its own row groups (parts by a hash of the id each read every table whole: 24 s instead
        // of 10 at a million respondents).
        const cuts = parts > 1 ? ((await rowObjects(connection, `SELECT quantile_disc(respondent_id, [${Array.from({ length: parts - 1 }, (_, i) => (i + 1) / parts).join(", ")}]) AS cuts FROM respondents`))[0].cuts as string[]) : [];
        const bounds = [null, ...cuts, null];
        for (let part = 0; part < parts; part += 1) {
          const file = join(building, `part-${String(part).padStart(3, "0")}.parquet`);
          await connection.run(`COPY (${respondentViewSql(parts > 1 ? { from: bounds[part], to: bounds[part + 1] } : undefined)}) TO ${sqlString(file)} (${parquetCopyOptions()})`);
        }
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
      await rm(join(building, ".spill"), { recursive: true, force: true });
      await rename(building, directory);
    } finally {
      await rm(building, { recursive: true, force: true });
    }
  });
  return join(directory, "*.parquet");
}

/**
 * Runs `work` with a native DuckDB in which every clean table of the exports in `dataDir` is a view of the
 * same name over the clean store's Parquet (built first if need be), and `answers` the per-respondent view.
 */
export async function withCleanTables<T>(dataDir: string, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const store = await cleanStore(dataDir);
  const answers = await storeAnswers(store);
  const instance = await openDuckDB({ threads: figureThreads() });
  const connection = await instance.connect();
  try {
    await viewStoreTables(connection, store, tableNames);
    await connection.run(`CREATE VIEW answers AS SELECT * FROM read_parquet(${sqlString(answers)})`);
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The store each model of `loadExports` was read from: its tables go into DuckDB straight from the store's Parquet. */
const modelStores = new WeakMap<CleanModel, string>();

export function storeOf(model: CleanModel): string | undefined {
  return modelStores.get(model);
}

/** Temporary stores of this process, removed when it exits. */
const temporaryStores: string[] = [];

/** A clean store of `dataDir` of this process's own, outside the shared store root (tests clean many small folders once each). */
async function privateStore(dataDir: string): Promise<string> {
  if (temporaryStores.length === 0) process.once("exit", () => temporaryStores.forEach((store) => rmSync(store, { recursive: true, force: true })));
  const store = await mkdtemp(join(tmpdir(), "workbench-clean-"));
  temporaryStores.push(store);
  try {
    await buildCleanStore(dataDir, store);
  } catch (error) {
    rmSync(store, { recursive: true, force: true });
    throw error;
  }
  return store;
}

/** A column read back as the cell the cleaning gave it: dates and timestamps as Dates (read as epoch milliseconds). */
function selectCell(column: { name: string; type: string }): string {
  const name = quoteIdentifier(column.name);
  if (column.type === "DATE") return `epoch_ms(CAST(${name} AS TIMESTAMP)) AS ${name}`;
  if (column.type === "TIMESTAMP") return `epoch_ms(${name}) AS ${name}`;
  return name;
}

/**
 * Every clean table of the exports in `dataDir` as rows in memory (small data and tests), read back from the clean
 * store: the tests see what the build ships, through the one path from cleaning to Parquet. With `names`, adds the
 * words of people's names the exports hold (for masking quotes).
 */
export async function loadExports(dataDir: string, names: Set<string> | null = null): Promise<CleanModel> {
  const store = await privateStore(dataDir);
  const instance = await openDuckDB();
  const connection = await instance.connect();
  try {
    const model = {} as Record<string, Record<string, Cell>[]>;
    for (const name of tableNames) {
      const columns = tableColumns[name];
      const result = await connection.runAndReadAll(`SELECT ${columns.map(selectCell).join(", ")} FROM read_parquet(${sqlString(join(store, `${name}.parquet`))})`);
      const dated = columns.filter((c) => c.type === "DATE" || c.type === "TIMESTAMP").map((c) => c.name);
      model[name] = (result.getRowObjectsJS() as Record<string, Cell>[]).map((row) => {
        for (const column of dated) if (row[column] !== null) row[column] = new Date(Number(row[column]));
        return row;
      });
    }
    if (names) {
      const words = await connection.runAndReadAll(`SELECT word FROM read_parquet(${sqlString(join(store, nameWordsFile))})`);
      for (const { word } of words.getRowObjectsJS()) names.add(String(word));
    }
    modelStores.set(model as CleanModel, store);
    return model as CleanModel;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
