// The browser database: DuckDB-WASM from this site's own files (no CDN, no extension downloads),
// the site's Parquet files as tables, and a `sql` tagged template for ```sql blocks and JavaScript alike.
import * as duckdb from "@duckdb/duckdb-wasm";
import { DataType, Table } from "apache-arrow";
import { quoteIdentifier } from "../survey/sql.js";
import { castExpression, parquetPreview, parquetToArrow, type ParquetPreview } from "./parquet-to-arrow.js";

/**
 * What a page passes for each table: the URL of a Parquet file, as `FileAttachment("data/x.parquet").href`.
 * (A bare FileAttachment of a .parquet file makes Framework import parquet-wasm from a CDN.)
 */
export type ParquetSource = string;

export type Row = Record<string, unknown>;

/** Query results are plain row objects (numbers, strings, booleans, Dates), ready for Plot and Inputs. */
export interface Rows extends Array<Row> {
  columns: string[];
  types: Record<string, string>;
  elapsedMs: number;
}

export type DatabaseStage =
  | { state: "idle" }
  | { state: "loading"; message: string; fraction: number | null }
  | { state: "ready"; message: string }
  | { state: "failed"; message: string };

let stage: DatabaseStage = { state: "idle" };
const listeners = new Set<(stage: DatabaseStage) => void>();

function report(next: DatabaseStage): void {
  stage = next;
  for (const listener of listeners) listener(stage);
}

/** Follow the database's progress (loading, ready, failed); returns a function that stops following. */
export function onDatabaseStage(listener: (stage: DatabaseStage) => void): () => void {
  listeners.add(listener);
  listener(stage);
  return () => listeners.delete(listener);
}

function engineFiles() {
  return {
    mainModule: import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"),
    mainWorker: import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js"),
  };
}

/** Reads row `i` of an Arrow table as a plain object (bigints as numbers, dates as Dates), without copying the rest. */
export function rowReader(table: Table): (i: number) => Row {
  const fields = table.schema.fields;
  const vectors = fields.map((field) => table.getChild(field.name)!);
  const temporal = fields.map((field) => DataType.isDate(field.type) || DataType.isTimestamp(field.type));
  return (i) => {
    const row: Row = {};
    for (let j = 0; j < fields.length; ++j) {
      let value = vectors[j].get(i);
      if (typeof value === "bigint") value = Number(value);
      else if (temporal[j] && value !== null && !(value instanceof Date)) value = new Date(value as number);
      row[fields[j].name] = value;
    }
    return row;
  };
}

function toRows(table: Table, elapsedMs: number): Rows {
  const fields = table.schema.fields;
  const read = rowReader(table);
  const rows = new Array(table.numRows) as Rows;
  for (let i = 0; i < table.numRows; ++i) rows[i] = read(i);
  rows.columns = fields.map((field) => field.name);
  rows.types = Object.fromEntries(fields.map((field) => [field.name, String(field.type)]));
  rows.elapsedMs = elapsedMs;
  return rows;
}

/** A streamed result, kept as Arrow so a large one is never copied into row objects at once. */
export interface StreamedResult {
  table: Table;
  elapsedMs: number;
}

export class QueryCancelled extends Error {
  constructor() {
    super("The query was cancelled.");
    this.name = "QueryCancelled";
  }
}

/** Rows per insert into DuckDB-WASM by default (see #insert). */
const defaultInsertSliceRows = 1 << 20;

export class Database {
  readonly #engine: duckdb.AsyncDuckDB;
  readonly #connection: duckdb.AsyncDuckDBConnection;
  readonly #tables = new Map<string, Promise<number>>();
  /** Lazily registered tables: loaded when a statement first names them. */
  readonly #pending = new Map<string, ParquetSource>();
  readonly #files = new Map<string, Promise<ArrayBuffer>>();
  /** Statements on the one connection run one after another: a new one would abort a streaming one. */
  #queue: Promise<unknown> = Promise.resolve();
  #cancelled = false;

  constructor(engine: duckdb.AsyncDuckDB, connection: duckdb.AsyncDuckDBConnection) {
    this.#engine = engine;
    this.#connection = connection;
  }

  /**
   * Adds Parquet files as tables (once per name); resolves when all are queryable. With `lazy`, a table is
   * only fetched and decoded when a statement first names it (Explore offers every table but uses few).
   * `insertSliceRows` (eager tables only) is the rows per insert; tests set a small one to cover the slicing.
   */
  async register(
    sources: Record<string, ParquetSource>,
    { lazy = false, insertSliceRows }: { lazy?: boolean; insertSliceRows?: number } = {},
  ): Promise<void> {
    if (lazy) {
      for (const [name, source] of Object.entries(sources)) if (!this.#tables.has(name)) this.#pending.set(name, source);
      return;
    }
    await Promise.all(
      Object.entries(sources).map(([name, source]) => {
        let registered = this.#tables.get(name);
        if (!registered) {
          registered = this.#insert(name, source, insertSliceRows);
          this.#tables.set(name, registered);
        }
        return registered;
      }),
    );
  }

  #fetch(name: string, source: ParquetSource): Promise<ArrayBuffer> {
    let file = this.#files.get(name);
    if (!file) {
      file = fetch(source).then((response) => {
        if (!response.ok) throw new Error(`could not fetch ${source} for table ${name}: HTTP ${response.status}`);
        return response.arrayBuffer();
      });
      this.#files.set(name, file);
    }
    return file;
  }

  /** Loads the lazily registered tables that `text` names (as a whole word), before it runs. */
  async #loadNamedIn(text: string): Promise<void> {
    const named = [...this.#pending].filter(([name]) => new RegExp(`\\b${name}\\b`, "i").test(text));
    for (const [name] of named) this.#pending.delete(name);
    await this.register(Object.fromEntries(named));
  }

  /** Row count, columns and first rows of a table, without loading a lazily registered one into DuckDB. */
  async preview(name: string): Promise<ParquetPreview> {
    const source = this.#pending.get(name);
    if (source) return parquetPreview(await this.#fetch(name, source));
    const [{ n }] = await this.query(`SELECT count(*) AS n FROM ${quoteIdentifier(name)}`);
    const head = await this.query(`SELECT * FROM ${quoteIdentifier(name)} LIMIT 50`);
    const columns = (await this.query(
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position`,
      [name],
    )) as unknown as { name: string; type: string }[];
    return { rows: Number(n), columns, head };
  }

  /** Every table's name, loaded or not, in name order. */
  async tableNames(): Promise<string[]> {
    const loaded = (await this.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'`)).map((r) => String(r.table_name));
    return [...new Set([...loaded, ...this.#pending.keys()])].sort();
  }

  async #insert(name: string, source: ParquetSource, insertSliceRows = defaultInsertSliceRows): Promise<number> {
    const buffer = await this.#fetch(name, source);
    const { table, casts, rows } = await parquetToArrow(buffer, (fraction) =>
      report({ state: "loading", message: `Loading the table ${name}…`, fraction }),
    );
    this.#files.delete(name);
    const castColumns = Object.entries(casts);
    const target = castColumns.length ? `${name}__staged` : name;
    // In slices: each insert copies its rows into DuckDB's memory as one IPC stream, and a whole table of
    // 21.7 M select-all answers at a million respondents would not fit beside the table it becomes.
    for (let start = 0; start === 0 || start < rows; start += insertSliceRows) {
      await this.#connection.insertArrowTable(table.slice(start, start + insertSliceRows), { name: target, create: start === 0 });
    }
    if (castColumns.length) {
      const replaced = castColumns
        .map(([column, type]) => `${castExpression(quoteIdentifier(column), type)} AS ${quoteIdentifier(column)}`)
        .join(", ");
      await this.#connection.query(
        `CREATE TABLE ${quoteIdentifier(name)} AS SELECT * REPLACE (${replaced}) FROM ${quoteIdentifier(target)}`,
      );
      await this.#connection.query(`DROP TABLE ${quoteIdentifier(target)}`);
    }
    report({ state: "ready", message: "Database ready." });
    return rows;
  }

  #serially<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(task, task);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Runs one SQL statement; `params` fill `?` placeholders. */
  query(text: string, params: unknown[] = []): Promise<Rows> {
    return this.#serially(async () => {
      await this.#loadNamedIn(text);
      return this.#query(text, params);
    });
  }

  async #query(text: string, params: unknown[]): Promise<Rows> {
    const started = performance.now();
    let table: Table;
    if (params.length) {
      const statement = await this.#connection.prepare(text);
      try {
        table = await statement.query(...params);
      } finally {
        await statement.close();
      }
    } else {
      table = await this.#connection.query(text);
    }
    return toRows(table, performance.now() - started);
  }

  /** The tagged template ```sql blocks use: interpolated values become parameters, never SQL text. */
  readonly sql = (strings: TemplateStringsArray, ...params: unknown[]): Promise<Rows> =>
    this.query(strings.join("?"), params);

  /**
   * Runs one SQL statement with DuckDB's pending-query protocol, batch by batch, so that `cancel()` stops it
   * (rejecting with QueryCancelled) and the page stays responsive while it runs.
   */
  stream(text: string, onBatch?: (rowsSoFar: number) => void): Promise<StreamedResult> {
    return this.#serially(async () => {
      await this.#loadNamedIn(text);
      this.#cancelled = false;
      const started = performance.now();
      const batches = [];
      let rowsSoFar = 0;
      try {
        const reader = await this.#connection.send(text, true);
        for await (const batch of reader) {
          if (this.#cancelled) throw new QueryCancelled();
          batches.push(batch);
          rowsSoFar += batch.numRows;
          onBatch?.(rowsSoFar);
        }
        if (this.#cancelled) throw new QueryCancelled();
        // A statement without a result set (e.g. SET) still yields a schema through the reader.
        const table = batches.length ? new Table(batches) : new Table(reader.schema);
        return { table, elapsedMs: performance.now() - started };
      } catch (error) {
        if (this.#cancelled) throw new QueryCancelled();
        throw error;
      } finally {
        this.#cancelled = false;
      }
    });
  }

  /** Cancels the statement running on this connection, if any. */
  async cancel(): Promise<boolean> {
    this.#cancelled = true;
    return this.#connection.cancelSent();
  }

  get engine(): duckdb.AsyncDuckDB {
    return this.#engine;
  }
}

let opening: Promise<Database> | undefined;

async function startEngine(): Promise<Database> {
  report({ state: "loading", message: "Starting the in-browser database…", fraction: 0 });
  const files = engineFiles();
  // Framework bundles the worker script as an ES module, so it must start as a module worker.
  const worker = new Worker(files.mainWorker, { type: "module" });
  const engine = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await engine.instantiate(files.mainModule, null, (progress) => {
    const fraction = progress.bytesTotal > 0 ? progress.bytesLoaded / progress.bytesTotal : null;
    const megabytes = (progress.bytesLoaded / 1e6).toFixed(1);
    report({ state: "loading", message: `Downloading the database engine (${megabytes} MB)…`, fraction });
  });
  await engine.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const connection = await engine.connect();
  // Nothing may reach DuckDB's extension host: every table comes from this site.
  await connection.query("SET autoinstall_known_extensions = false");
  await connection.query("SET autoload_known_extensions = false");
  return new Database(engine, connection);
}

/**
 * Starts DuckDB-WASM once per page (lazily: pages that never call this never download it)
 * and registers the given Parquet files as tables.
 */
export async function openDatabase(
  sources: Record<string, ParquetSource> = {},
  options: { lazy?: boolean; insertSliceRows?: number } = {},
): Promise<Database> {
  opening ??= startEngine();
  try {
    const database = await opening;
    report({ state: "loading", message: "Loading the survey tables…", fraction: null });
    await database.register(sources, options);
    report({ state: "ready", message: "Database ready." });
    return database;
  } catch (error) {
    const message = `The in-browser database could not start: ${(error as Error).message ?? error}. The figures below need it; reload the page, or use a current Chrome, Firefox, Safari or Edge.`;
    report({ state: "failed", message });
    throw new Error(message);
  }
}
