// `npm run web`: a small static server for the page. Its root is build/: the page
// (build/browser/page/), the library bundles it loads (its worker carries the core) and the .wasm
// files (for wasmUrl). Binds 127.0.0.1 only; PORT picks the port (default 8080). Every response
// carries COOP and COEP headers, so the page is cross-origin isolated: SharedArrayBuffer, hence
// threaded runs. web/bundle.mjs compiles it to build/web/serve.js; the tests import this source.
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";

/** build/, found from web/ (the source, beside package.json: tests) and from build/web/ (compiled). */
export const SITE_ROOT = fs.existsSync(path.join(__dirname, "..", "package.json"))
  ? path.resolve(__dirname, "..", "build")
  : path.resolve(__dirname, "..");
/** Where the page is, under the root. */
export const PAGE_PATH = "/browser/page/";

const MIME_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".d.ts": "text/plain; charset=utf-8",
};

/** The file a URL path names under root, or null when it would leave root. */
export function resolvePath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const file = path.resolve(root, "." + path.posix.normalize("/" + decoded));
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

/** The headers that make a page cross-origin isolated (it may load only what its origin serves). */
export const ISOLATION_HEADERS: http.OutgoingHttpHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

function send(response: http.ServerResponse, status: number, text: string, headers: http.OutgoingHttpHeaders = {}): void {
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...headers });
  response.end(text);
}

/** How the server answers. */
export interface ServeOptions {
  /** Send COOP/COEP (default true); tests turn it off to see a page that is not isolated. */
  isolated?: boolean;
}

/** The request handler: GET/HEAD of files under root, `/` redirects to the page. */
export function handler(root: string, options: ServeOptions = {}): http.RequestListener {
  const isolation = options.isolated === false ? {} : ISOLATION_HEADERS;
  return (request, response) => {
    for (const [name, value] of Object.entries(isolation)) response.setHeader(name, value as string);
    if (request.method !== "GET" && request.method !== "HEAD") return send(response, 405, "method not allowed\n", { Allow: "GET, HEAD" });
    const urlPath = request.url ?? "/";
    if (urlPath === "/" || urlPath === "/index.html") return send(response, 302, "", { Location: PAGE_PATH });
    let file = resolvePath(root, urlPath);
    if (file === null) return send(response, 404, "not found\n");
    fs.stat(file, (statError, stats) => {
      if (!statError && stats.isDirectory()) {
        if (!urlPath.split("?")[0].endsWith("/")) return send(response, 301, "", { Location: urlPath.split("?")[0] + "/" });
        file = path.join(file!, "index.html");
      }
      fs.stat(file!, (error, fileStats) => {
        if (error || !fileStats.isFile()) return send(response, 404, "not found\n");
        const name = path.basename(file!);
        const type = MIME_TYPES[name.endsWith(".d.ts") ? ".d.ts" : path.extname(name)] ?? "application/octet-stream";
        // no-cache: a rebuild shows up on reload.
        response.writeHead(200, { "Content-Type": type, "Content-Length": fileStats.size, "Cache-Control": "no-cache" });
        if (request.method === "HEAD") return response.end();
        fs.createReadStream(file!).on("error", () => response.destroy()).pipe(response);
      });
    });
  };
}

/** Starts serving root on 127.0.0.1:port (0 picks a free port); resolves with the server and its URL. */
export function startServer(port: number, root = SITE_ROOT, options: ServeOptions = {}): Promise<{ server: http.Server; url: string }> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(handler(root, options));
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const actual = typeof address === "object" && address ? address.port : port;
      resolve({ server, url: `http://127.0.0.1:${actual}/` });
    });
  });
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`highest: PORT must be a port number, not ${process.env.PORT}\n`);
    process.exit(1);
  }
  if (!fs.existsSync(path.join(SITE_ROOT, "browser", "page", "index.html"))) {
    process.stderr.write("highest: the page is not built; run `npm run build` first\n");
    process.exit(1);
  }
  startServer(port).then(
    ({ url }) => process.stdout.write(`${url}\n`),
    (error: Error) => {
      process.stderr.write(`highest: cannot serve on port ${port}: ${error.message}\n`);
      process.exit(1);
    },
  );
}
