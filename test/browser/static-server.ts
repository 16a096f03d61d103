// Serves a built site (dist/) on localhost as the plainest static host does (python3 -m http.server, S3): files by
// their exact path, a folder's index.html, correct MIME types, and no rewrites, so a link that needs one 404s here too.
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
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `root` on an ephemeral port; `headers` are added to every response (e.g. a CSP). With `base`
 * (e.g. "/funders/outcomes"), the site lives under that sub-path, as on GitHub Pages; anything outside it 404s.
 */
export async function serveStatic(root: string, headers: Record<string, string> = {}, base = ""): Promise<StaticSite> {
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
    response.writeHead(200, { "content-type": type, "content-length": size, ...headers });
    createReadStream(path).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("server has no port");
  return {
    url: `http://127.0.0.1:${address.port}${base}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
