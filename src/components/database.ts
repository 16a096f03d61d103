// The browser database: DuckDB-WASM from this site's own files (no CDN, no extension downloads), the site's DuckDB
// database file attached read-only over HTTP range requests in DuckDB's worker, and a `sql` tagged template for
// ```sql blocks and JavaScript alike.
import * as duckdb from "@duckdb/duckdb-wasm";
import { DataType, Table } from "apache-arrow";
import { quoteIdentifier, sqlString } from "../survey/sql.js";

/**
 * What a page passes for each table: a table of a DuckDB database file the site ships, by the file's URL
 * (`FileAttachment("data/clean.duckdb").href`) and the table's name in it (src/components/clean-tables.ts).
 */
export interface TableSource {
  database: string;
  table: string;
}

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

/** The catalog name a database file is attached as: its file name without the content hash (`clean`), made unique. */
export function catalogName(url: string, taken: ReadonlySet<string>): string {
  const file = new URL(url, "http://localhost/").pathname.split("/").pop() ?? "";
  const stem = file.replace(/\.duckdb$/, "").replace(/\.[0-9a-f]{8}$/, "").replace(/[^A-Za-z0-9_]/g, "_").toLowerCase();
  const base = /^[a-z_]/.test(stem) ? stem : `site_${stem}`;
  let name = base;
  // DuckDB's own catalogs keep their names.
  for (let n = 2; taken.has(name) || ["memory", "system", "temp"].includes(name); n += 1) name = `${base}_${n}`;
  return name;
}

export class Database {
  readonly #engine: duckdb.AsyncDuckDB;
  readonly #connection: duckdb.AsyncDuckDBConnection;
  /** Each table name's view, once created. */
  readonly #tables = new Map<string, Promise<void>>();
  /** Each database file's catalog name, by URL, once attached. */
  readonly #attached = new Map<string, Promise<string>>();
  readonly #catalogs = new Set<string>();
  /** Statements on the one connection run one after another: a new one would abort a streaming one. */
  #queue: Promise<unknown> = Promise.resolve();
  #cancelled = false;

  constructor(engine: duckdb.AsyncDuckDB, connection: duckdb.AsyncDuckDBConnection) {
    this.#engine = engine;
    this.#connection = connection;
  }

  /**
   * Makes each table queryable by its name (once per name): attaches its database file read-only (once per file)
   * and names the table in a view. Nothing is read beyond the file's catalog: a query reads the blocks it needs.
   */
  async register(sources: Record<string, TableSource>): Promise<void> {
    await Promise.all(
      Object.entries(sources).map(([name, source]) => {
        let registered = this.#tables.get(name);
        if (!registered) {
          registered = this.#serially(async () => {
            const catalog = await this.#attach(source.database);
            await this.#connection.query(
              `CREATE OR REPLACE VIEW memory.main.${quoteIdentifier(name)} AS SELECT * FROM ${quoteIdentifier(catalog)}.main.${quoteIdentifier(source.table)}`,
            );
          });
          this.#tables.set(name, registered);
        }
        return registered;
      }),
    );
  }

  /** Attaches the database file at `url` read-only (on the connection's queue); returns its catalog name. */
  #attach(url: string): Promise<string> {
    const href = new URL(url, location.href).href;
    let attached = this.#attached.get(href);
    if (!attached) {
      const catalog = catalogName(href, this.#catalogs);
      this.#catalogs.add(catalog);
      attached = (async () => {
        // DuckDB's worker reads the file by synchronous range requests, block by block, as queries need them
        // (or whole, once, from a host that ignores Range: see `allowFullHTTPReads` below).
        const file = `${catalog}.duckdb`;
        await this.#engine.registerFileURL(file, href, duckdb.DuckDBDataProtocol.HTTP, false);
        await this.#connection.query(`ATTACH ${sqlString(file)} AS ${quoteIdentifier(catalog)} (READ_ONLY)`);
        await this.#warmUp(catalog);
        return catalog;
      })();
      this.#attached.set(href, attached);
    }
    return attached;
  }

  /**
   * DuckDB-WASM compiles its code for reading a file's storage, grouping and streaming the first time a statement
   * needs it. The file's smallest table, grouped once while the page opens, pays for part of that then, for a few
   * kilobytes fetched: a reader's first group-by at 1,000 respondents took 44.5 ms instead of 49.6 ms (medians of 7
   * cold loads). A file whose smallest table is not small is left alone. Any problem with the file is the reader's
   * statements' to report, not this one's.
   */
  async #warmUp(catalog: string): Promise<void> {
    try {
      const [smallest] = (await this.#connection.query(
        `SELECT table_name FROM duckdb_tables() WHERE database_name = ${sqlString(catalog)} AND estimated_size <= 10000 ORDER BY estimated_size, table_name LIMIT 1`,
      )).toArray();
      if (!smallest) return;
      const table = `${quoteIdentifier(catalog)}.main.${quoteIdentifier(String(smallest.table_name))}`;
      // Streamed, batch by batch, as a reader's statements are (`stream`).
      for await (const batch of await this.#connection.send(`SELECT *, count(*) AS n FROM ${table} GROUP BY ALL ORDER BY n DESC`, true)) void batch;
    } catch {
      // Only the warm-up is lost.
    }
  }

  /** A table's row count and columns, from the file's catalog and row-group headers (no column is read). */
  async describe(name: string): Promise<{ rows: number; columns: { name: string; type: string }[] }> {
    const [{ n }] = await this.query(`SELECT count(*) AS n FROM ${quoteIdentifier(name)}`);
    const columns = (await this.query(
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = 'main' AND table_name = ? ORDER BY ordinal_position`,
      [name],
    )) as unknown as { name: string; type: string }[];
    return { rows: Number(n), columns };
  }

  /** A table's first rows: reads a block of every column, so only when someone asks to see them. */
  head(name: string, rows = 50): Promise<Rows> {
    return this.query(`SELECT * FROM ${quoteIdentifier(name)} LIMIT ${Math.max(0, Math.floor(rows))}`);
  }

  /** Every table's name (the views of the attached files' tables, and any a reader created), in name order. */
  async tableNames(): Promise<string[]> {
    const rows = await this.query(
      `SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = 'main' ORDER BY table_name`,
    );
    return rows.map((r) => String(r.table_name));
  }

  #serially<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(task, task);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Runs one SQL statement; `params` fill `?` placeholders. */
  query(text: string, params: unknown[] = []): Promise<Rows> {
    return this.#serially(() => this.#query(text, params));
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
  await engine.open({
    query: { castBigIntToDouble: true, castDecimalToDouble: true },
    // Range requests: a query fetches only the blocks it reads (DuckDB-WASM 1.32 fetches whole files unless told not
    // to). A static host that ignores Range gets the file fetched whole, once, into the worker: slower, still right.
    filesystem: { allowFullHTTPReads: true, forceFullHTTPReads: false },
  });
  const connection = await engine.connect();
  // Nothing may reach DuckDB's extension host: every table comes from this site.
  await connection.query("SET autoinstall_known_extensions = false");
  await connection.query("SET autoload_known_extensions = false");
  return new Database(engine, connection);
}

/**
 * Starts DuckDB-WASM once per page (lazily: pages that never call this never download it) and makes the given
 * tables queryable by their names (src/components/clean-tables.ts names the clean ones).
 */
export async function openDatabase(sources: Record<string, TableSource> = {}): Promise<Database> {
  opening ??= startEngine();
  try {
    const database = await opening;
    report({ state: "loading", message: "Opening the survey tables…", fraction: null });
    await database.register(sources);
    report({ state: "ready", message: "Database ready." });
    return database;
  } catch (error) {
    const message = `The in-browser database could not start: ${(error as Error).message ?? error}. The figures below need it; reload the page, or use a current Chrome, Firefox, Safari or Edge.`;
    report({ state: "failed", message });
    throw new Error(message);
  }
}
