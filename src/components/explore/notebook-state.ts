// The whole notebook (each cell's SQL and chart choice) as one URL-safe string, so a link shares it:
// JSON, UTF-8, base64url, behind a version tag so old links can still be read when the shape changes.
import { chartKinds, type ChartKind } from "./chart-choice.js";

export interface CellState {
  sql: string;
  /** "auto" lets the result's shape pick the chart. */
  chart: ChartKind | "auto";
}

const VERSION = "v1";

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replaceAll("-", "+").replaceAll("_", "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

/** `v1.<base64url of [[sql, chart], …]>`: arrays, not objects, keep shared links short. */
export function encodeNotebook(cells: readonly CellState[]): string {
  const json = JSON.stringify(cells.map((cell) => [cell.sql, cell.chart]));
  return `${VERSION}.${toBase64Url(new TextEncoder().encode(json))}`;
}

/** The cells in a URL hash (with or without `#`), or an error saying what is wrong with it. */
export function decodeNotebook(hash: string): { cells: CellState[] } | { error: string } {
  const text = hash.replace(/^#/, "");
  const [version, payload] = text.split(".", 2);
  if (version !== VERSION || payload === undefined) {
    return { error: `The link's notebook is not in a format this page reads (expected "${VERSION}.…", got "${text.slice(0, 12)}…").` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(fromBase64Url(payload)));
  } catch {
    return { error: "The link's notebook is damaged (it is not valid base64url JSON); was the link cut short?" };
  }
  if (!Array.isArray(parsed)) return { error: "The link's notebook should be a list of cells." };
  const cells: CellState[] = [];
  for (const [index, item] of parsed.entries()) {
    if (!Array.isArray(item) || typeof item[0] !== "string") {
      return { error: `Cell ${index + 1} of the link's notebook has no SQL text.` };
    }
    const chart = item[1] === "auto" || chartKinds.includes(item[1]) ? item[1] : "auto";
    cells.push({ sql: item[0], chart });
  }
  return { cells };
}
