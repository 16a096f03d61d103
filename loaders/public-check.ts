// The check every public build must pass before it replaces the previous one: each shipped file is of a known
// kind and is decoded whole — pages must be public pages labelled public, data files must be allow-listed tables
// and JSON whose every field is on the allow-list (loaders/public-tables.ts), code must come from the project or
// an installed package. Anything else is a problem; the build that holds it is never published.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { publicColumns, publicJson, publicPages } from "./public-tables.js";

export function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function arrayBuffer(file: string): ArrayBuffer {
  const bytes = readFileSync(file);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function parquetColumns(buffer: ArrayBuffer): string[] {
  return parquetSchema(parquetMetadata(buffer)).children.map((child) => child.element.name);
}

/** `name.<8 hex>.ext` (Framework's content-hashed names) → [name, ext]. */
function unhashed(path: string): [string, string] | null {
  const match = /^(.+)\.[0-9a-f]{8}\.([a-z0-9]+)$/.exec(path);
  return match ? [match[1], match[2]] : null;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Removes the Parquet files of tables that are not allow-listed, when they hold no rows (the archive ships every
 * table so pages that name one still load); a non-empty one is left for the check to refuse.
 */
export async function removeEmptyWithheldTables(directory: string): Promise<void> {
  for (const file of filesUnder(directory)) {
    const path = relative(directory, file).split(sep).join("/");
    const match = /^_file\/data\/clean\/([a-z_]+)\.[0-9a-f]{8}\.parquet$/.exec(path);
    if (!match || publicColumns[match[1] as keyof typeof publicColumns]) continue;
    const buffer = arrayBuffer(file);
    if (Number(parquetMetadata(buffer).num_rows) === 0) rmSync(file);
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
    if (ext === "parquet" && name.startsWith("data/clean/")) {
      const table = name.slice("data/clean/".length) as keyof typeof publicColumns;
      const allowed = publicColumns[table];
      if (!allowed) return "a clean table that is not on the public allow-list";
      const buffer = arrayBuffer(file);
      const extra = parquetColumns(buffer).filter((column) => !allowed.includes(column));
      if (extra.length) return `columns not on the public allow-list: ${extra.join(", ")}`;
      await parquetReadObjects({ file: buffer });
      return null;
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
