// Serves a built site (dist/) on localhost as a plain static host does (nginx, GitHub Pages, S3): files by their exact
// path, a folder's index.html, correct MIME types, single byte ranges, and no rewrites, so a link that needs one 404s
// here too. With `ranges: false` it ignores Range headers, as python3 -m http.server does.
import { createServer, type Server } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const mimeTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".parquet": "application/octet-stream",
  ".duckdb": "application/octet-stream",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

export interface StaticSite {
  url: string;
  /** How many requests asked for a byte range, how many of those were answered with one (206), and its bytes. */
  readonly ranges: { asked: number; served: number; bytes: number };
  close(): Promise<void>;
}

/** The one byte range `header` asks of a file of `size` bytes (`bytes=a-b`, `bytes=a-`, `bytes=-n`); null if none; "unsatisfiable" if outside. */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | "unsatisfiable" | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  // Several ranges, or a unit other than bytes: a host may answer with the whole file, and we do.
  if (!match || (match[1] === "" && match[2] === "")) return null;
  let start: number;
  let end: number;
  if (match[1] === "") {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}

/**
 * Serves `root` on an ephemeral port; `headers` are added to every response (e.g. a CSP). With `base`
 * (e.g. "/funders/outcomes"), the site lives under that sub-path, as on GitHub Pages; anything outside it 404s.
 * With `ranges: false`, Range headers are ignored and every file is sent whole (200).
 */
export async function serveStatic(
  root: string,
  headers: Record<string, string> = {},
  base = "",
  { ranges = true }: { ranges?: boolean } = {},
): Promise<StaticSite> {
  const counted = { asked: 0, served: 0, bytes: 0 };
  const server: Server = createServer(async (request, response) => {
    const requested = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (!requested.startsWith(`${base}/`)) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const pathname = requested.slice(base.length);
    let path = join(root, normalize(pathname).replace(/^(\.\.[/\\])+/, ""));
    if (pathname.endsWith("/")) path = join(path, "index.html");
    if (!(await isFile(path))) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const type = mimeTypes[extname(path)] ?? "application/octet-stream";
    // Streamed, as a static host does: the benchmark's largest files exceed what one read may return.
    const { size } = await stat(path);
    if (request.headers.range !== undefined) counted.asked += 1;
    const range = ranges ? byteRange(request.headers.range, size) : null;
    if (range === "unsatisfiable") {
      response.writeHead(416, { "content-range": `bytes */${size}`, ...headers }).end();
      return;
    }
    if (range) {
      counted.served += 1;
      const length = range.end - range.start + 1;
      response.writeHead(206, {
        "content-type": type,
        "content-length": length,
        "content-range": `bytes ${range.start}-${range.end}/${size}`,
        "accept-ranges": "bytes",
        ...headers,
      });
      if (request.method === "HEAD") response.end();
      else {
        counted.bytes += length;
        createReadStream(path, { start: range.start, end: range.end }).pipe(response);
      }
      return;
    }
    response.writeHead(200, { "content-type": type, "content-length": size, ...(ranges ? { "accept-ranges": "bytes" } : {}), ...headers });
    if (request.method === "HEAD") response.end();
    else createReadStream(path).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("server has no port");
  return {
    url: `http://127.0.0.1:${address.port}${base}`,
    ranges: counted,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
