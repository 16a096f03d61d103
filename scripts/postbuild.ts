// After every build: preload links for each page's JSON, a content security policy in every page that allows only this site's own origin
// (inline scripts by hash; DuckDB's worker and wasm from 'self'), and, for the public build, the allow-list
// enforced on what was written — pages outside it removed, every Parquet file decoded and its columns checked.
// A public build that fails the check is deleted, so it cannot be published by mistake.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { parquetMetadata, parquetSchema } from "hyparquet";
import { buildMode, outputDir } from "../loaders/build-mode.js";
import { auditPublicRelease } from "../loaders/disclosure-audit.js";
import { publicColumns, publicPages } from "../loaders/public-tables.js";

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

// htl (under Inputs) parses templates with placeholder handlers "::0", "::1", … that it swaps for real listeners;
// allowing exactly those inert strings keeps the console clean without allowing inline handlers in general.
const htlPlaceholders = Array.from({ length: 64 }, (_, i) => sha256(`::${i}`)).join(" ");

export function contentSecurityPolicy(html: string): string {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(([, body]) => sha256(body));
  return [
    "default-src 'self'",
    // DuckDB-WASM's worker (Emscripten) evaluates its own glue code: 'unsafe-eval' is the price of SQL in the browser.
    `script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval' ${hashes.join(" ")}`,
    `script-src-attr 'unsafe-hashes' ${htlPlaceholders}`,
    "worker-src 'self'",
    "connect-src 'self'",
    // Plot and Inputs set styles inline.
    "style-src 'self' 'unsafe-inline'",
    // Charts are saved as PNG through a blob: image; the favicon is a data: URL.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/**
 * Preload links for the JSON a page attaches (its build-time figures): the browser fetches them alongside the
 * page's modules instead of after them, so the first chart does not wait for a second round trip.
 */
export function dataPreloads(html: string): string {
  const paths = [...html.matchAll(/registerFile\("[^"]*", \{[^}]*"path":"([^"]+\.json)"/g)].map(([, path]) => path);
  return [...new Set(paths)].map((path) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${path}">\n`).join("");
}

function finishPage(file: string): void {
  const html = readFileSync(file, "utf8")
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, "")
    .replace(/<link rel="preload" as="fetch"[^>]*>\n?/g, "");
  const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(html)}">\n`;
  // Right after the charset, before anything that loads.
  writeFileSync(file, html.replace(/<meta charset="utf-8">\n?/, (charset) => `${charset}${meta}${dataPreloads(html)}`));
}

function parquetColumns(file: string): string[] {
  const bytes = readFileSync(file);
  const metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return parquetSchema(metadata).children.map((child) => child.element.name);
}

/** Removes what the public site must not ship; returns the violations that removal cannot fix. */
export function enforcePublicAllowList(directory: string): string[] {
  const problems: string[] = [];
  for (const file of filesUnder(directory)) {
    const path = relative(directory, file);
    if (path.endsWith(".html") && !path.includes("/") && !(publicPages as readonly string[]).includes(basename(path, ".html"))) rmSync(file);
    if (!path.endsWith(".parquet")) continue;
    const table = basename(path).split(".")[0] as keyof typeof publicColumns;
    const allowed = publicColumns[table];
    if (!allowed) {
      rmSync(file);
      continue;
    }
    const extra = parquetColumns(file).filter((column) => !allowed.includes(column));
    if (extra.length) problems.push(`${path}: columns not on the public allow-list: ${extra.join(", ")}`);
  }
  return problems;
}

const directory = outputDir();
if (buildMode() === "public") {
  const problems = enforcePublicAllowList(directory);
  if (problems.length) {
    rmSync(directory, { recursive: true, force: true });
    process.stderr.write(`The public build was deleted: it held data outside the allow-list (loaders/public-tables.ts).\n${problems.join("\n")}\n`);
    process.exit(1);
  }
  // Every withheld count bounded by linear programming over all the figures shipped (loaders/disclosure-audit.ts).
  const audit = await auditPublicRelease(directory);
  if (!audit.ok) {
    rmSync(directory, { recursive: true, force: true });
    process.stderr.write(`The public build was deleted: it fails the disclosure audit (loaders/disclosure-audit.ts).\n${audit.problems.slice(0, 20).join("\n")}${audit.problems.length > 20 ? `\n… and ${audit.problems.length - 20} more` : ""}\n`);
    process.exit(1);
  }
  process.stdout.write(`disclosure audit: ${audit.cells} figures, withheld per wave ${JSON.stringify(audit.withheldPerWave)}, narrowest protection ${audit.narrowestWidth ?? "—"} values, ${audit.millis} ms\n`);
}
for (const file of filesUnder(directory)) if (file.endsWith(".html")) finishPage(file);
