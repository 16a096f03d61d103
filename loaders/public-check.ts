// The check every public build must pass before it replaces the previous one: each shipped file is of a known
// kind and is decoded whole — pages must be public pages labelled public, the database file must hold only
// allow-listed tables and columns, JSON only allow-listed fields (loaders/public-tables.ts), code must come from
// the project or an installed package. Anything else is a problem; the build that holds it is never published.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { publicColumns, publicJson, publicPages } from "./public-tables.js";
import { quoteIdentifier, sqlString } from "../src/survey/sql.js";

export function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** `name.<8 hex>.ext` (Framework's content-hashed names) → [name, ext]. */
function unhashed(path: string): [string, string] | null {
  const match = /^(.+)\.[0-9a-f]{8}\.([a-z0-9]+)$/.exec(path);
  return match ? [match[1], match[2]] : null;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

async function rows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await (await connection.runAndReadAll(sql)).getRowObjectsJS()) as Record<string, unknown>[];
}

/** A DuckDB file's headers before its first block: the main header and two database headers of 4 KiB each. */
const databaseHeaderBytes = 3 * 4096;

/**
 * Every problem with a shipped DuckDB database file (src/data/clean.duckdb.ts): anything in its catalog but the
 * allow-listed tables with allow-listed columns, or bytes no table reads (rows deleted but stored, free blocks,
 * anything after the last block), which could hold what was removed. Every row of every table is read, so a file
 * DuckDB cannot decode is refused too.
 */
export async function siteDatabaseProblems(file: string): Promise<string[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    // The read-only attach opens nothing beside the file (no write-ahead log is replayed or written).
    await connection.run(`ATTACH ${sqlString(file)} AS shipped (READ_ONLY)`);
    const problems: string[] = [];
    const [size] = await rows(connection, `SELECT block_size, total_blocks, free_blocks FROM pragma_database_size() WHERE database_name = 'shipped'`);
    if (Number(size.free_blocks) > 0) problems.push(`${Number(size.free_blocks)} free blocks (space no table uses, which may hold removed data)`);
    const bytes = statSync(file).size;
    const used = databaseHeaderBytes + Number(size.total_blocks) * Number(size.block_size);
    if (bytes !== used) problems.push(`${bytes - used} bytes beyond the database's blocks`);
    const others = await rows(
      connection,
      `SELECT 'schema' AS kind, schema_name AS name FROM duckdb_schemas() WHERE database_name = 'shipped' AND schema_name <> 'main'
       UNION ALL SELECT 'view', view_name FROM duckdb_views() WHERE database_name = 'shipped' AND NOT internal
       UNION ALL SELECT 'sequence', sequence_name FROM duckdb_sequences() WHERE database_name = 'shipped'
       UNION ALL SELECT 'index', index_name FROM duckdb_indexes() WHERE database_name = 'shipped'
       UNION ALL SELECT 'type', type_name FROM duckdb_types() WHERE database_name = 'shipped' AND NOT internal
       UNION ALL SELECT 'function', function_name FROM duckdb_functions() WHERE database_name = 'shipped' AND NOT internal
       ORDER BY ALL`,
    );
    for (const { kind, name } of others) problems.push(`a ${kind} that is not on the public allow-list: ${name}`);
    const tables = await rows(connection, `SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = 'shipped' ORDER BY ALL`);
    for (const { schema_name: schema, table_name: table } of tables as { schema_name: string; table_name: string }[]) {
      const allowed = schema === "main" ? publicColumns[table as keyof typeof publicColumns] : undefined;
      if (!allowed) {
        problems.push(`a clean table that is not on the public allow-list: ${table}`);
        continue;
      }
      const qualified = `shipped.${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
      const columns = await rows(connection, `SELECT column_name FROM duckdb_columns() WHERE database_name = 'shipped' AND schema_name = ${sqlString(schema)} AND table_name = ${sqlString(table)} ORDER BY column_index`);
      const extra = columns.map((c) => String(c.column_name)).filter((column) => !allowed.includes(column));
      if (extra.length) problems.push(`${table}: columns not on the public allow-list: ${extra.join(", ")}`);
      // A deleted row's values stay in the file until it is rewritten: stored rows must be exactly the visible ones.
      const [{ stored }] = await rows(connection, `SELECT coalesce(sum(count), 0)::BIGINT AS stored FROM pragma_storage_info(${sqlString(`shipped.${schema}.${table}`)}) WHERE column_id = 0 AND segment_type <> 'VALIDITY'`);
      let visible = 0;
      const result = await connection.stream(`SELECT * FROM ${qualified}`);
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        chunk.getRows(); // decoded, value by value
        visible += chunk.rowCount;
      }
      if (Number(stored) !== visible) problems.push(`${table}: ${Number(stored) - visible} stored rows are deleted but still in the file`);
    }
    return problems;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export interface PublicCheckOptions {
  /** The source root the build was made from (compiled modules under `_import/` must come from it). */
  sourceRoot: string;
  minCell: number;
  minQuoteGroup: number;
}

/** Every problem with what `directory` (a built public site) ships; empty when all of it may be published. */
export async function checkPublicRelease(directory: string, options: PublicCheckOptions): Promise<string[]> {
  const problems: string[] = [];
  const json = publicJson(options);
  for (const file of filesUnder(directory)) {
    const path = relative(directory, file).split(sep).join("/");
    try {
      const problem = await checkFile(path, file, json, options);
      if (problem) problems.push(`${path}: ${problem}`);
    } catch (error) {
      // The decoder's message only: a parse error may quote the file's text.
      problems.push(`${path}: could not be decoded (${(error as Error).name})`);
    }
  }
  return problems;
}

async function checkFile(path: string, file: string, json: ReturnType<typeof publicJson>, { sourceRoot }: PublicCheckOptions): Promise<string | null> {
  if (!path.includes("/") && path.endsWith(".html")) {
    const page = path.slice(0, -".html".length);
    if (!(publicPages as readonly string[]).includes(page)) return "not a public page";
    if (!utf8.decode(readFileSync(file)).includes('data-build="public"')) return "page not labelled as the public build";
    return null;
  }
  if (path.startsWith("_file/")) {
    const named = unhashed(path.slice("_file/".length));
    if (!named) return "a file attachment without a content hash";
    const [name, ext] = named;
    if (ext === "duckdb" && name === "data/clean") {
      const problems = await siteDatabaseProblems(file);
      return problems.length ? problems.join("; ") : null;
    }
    if (ext === "json" && name.startsWith("data/") && json[name.slice("data/".length)]) {
      const result = json[name.slice("data/".length)].safeParse(JSON.parse(utf8.decode(readFileSync(file))));
      if (result.success) return null;
      // Paths and messages only: zod's issues for unknown keys or literals never carry the values.
      return result.error.issues.slice(0, 3).map((issue) => `${issue.path.join(".") || "(top)"} ${issue.code}: ${issue.message.replace(/"[^"]*"/g, "…")}`).join("; ");
    }
    return "a data file of a kind the public build does not ship";
  }
  const code = /\.(js|css|wasm)$/.test(path);
  if ((path.startsWith("_observablehq/") || /^_node\/(@[^/]+\/)?[^/@]+@\d[^/]*\//.test(path)) && code) {
    const bytes = readFileSync(file);
    if (path.endsWith(".wasm")) return bytes.subarray(0, 4).equals(Buffer.from("\0asm", "latin1")) ? null : "not WebAssembly";
    utf8.decode(bytes);
    return null;
  }
  if (path.startsWith("_import/") && /\.(js|css)$/.test(path)) {
    const named = unhashed(path.slice("_import/".length));
    const stem = named ? named[0] : null;
    const sources = stem ? [`${stem}.ts`, `${stem}.js`, `${stem}.css`] : [];
    if (!sources.some((source) => existsSync(join(sourceRoot, source)))) return "a module that is not compiled from the project's source";
    utf8.decode(readFileSync(file));
    return null;
  }
  return "a file of a kind the public build does not ship";
}
