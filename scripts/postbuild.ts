// What every build gets before it may replace the previous one (scripts/build.ts): preload links for each page's
// JSON, a content security policy in every page that allows only this site's own origin (inline scripts by hash;
// DuckDB's worker and wasm from 'self'), and, for the public build, the check of every shipped file
// (loaders/public-check.ts) and the disclosure audit. A public build that fails them is never published.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { minCell, minQuoteGroup, outputDir, type BuildMode } from "../loaders/build-mode.js";
import { auditPublicRelease } from "../loaders/disclosure-audit.js";
import { checkPublicRelease, filesUnder } from "../loaders/public-check.js";

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

/** The public build's check, in one place: every problem found with what `directory` would publish. */
export async function publicReleaseProblems(directory: string, sourceRoot: string): Promise<string[]> {
  const problems = await checkPublicRelease(directory, { sourceRoot, minCell: minCell(), minQuoteGroup: minQuoteGroup() });
  // Every withheld count bounded by linear programming over all the figures shipped (loaders/disclosure-audit.ts).
  const audit = await auditPublicRelease(directory);
  process.stderr.write(
    `disclosure audit: ${audit.ok ? "passed" : "failed"} in ${(audit.millis / 1000).toFixed(2)} s — ${audit.cells} figures, withheld per wave ${JSON.stringify(audit.withheldPerWave)}, narrowest protection ${audit.narrowestWidth ?? "—"} values\n`,
  );
  if (!audit.ok) {
    const shown = audit.problems.slice(0, 20);
    if (audit.problems.length > 20) shown.push(`… and ${audit.problems.length - 20} more`);
    problems.push(...(shown.length ? shown : ["the disclosure audit failed"]));
  }
  return problems;
}

/**
 * Finishes a build written to `directory` (not yet published): for the public build, the check above; then a
 * content security policy and preload links in every page. Returns the problems that forbid publishing it.
 */
export async function finishBuild(directory: string, mode: BuildMode, sourceRoot: string): Promise<string[]> {
  if (mode === "public") {
    const problems = await publicReleaseProblems(directory, sourceRoot);
    if (problems.length) return problems;
  }
  for (const file of filesUnder(directory)) if (file.endsWith(".html")) finishPage(file);
  return [];
}

// `tsx scripts/postbuild.ts DIR`: checks a public build already on disk (e.g. before publishing it), changing nothing else.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const directory = process.argv[2] ?? outputDir();
  const problems = await publicReleaseProblems(directory, fileURLToPath(new URL("../src", import.meta.url)));
  if (problems.length) {
    process.stderr.write(`${directory} must not be published:\n${problems.join("\n")}\n`);
    process.exit(1);
  }
  process.stderr.write(`${directory}: every shipped file is of a public kind and on the allow-list\n`);
}
