// A browser project as users write one: the packed tarball installed, a page that imports
// "highest" bundled by Vite and by esbuild with no configuration at all, only the bundle's
// output served (with COOP/COEP, so threads work), opened in headless Chromium, a generated file
// ranked with 2 threads, the answer compared with the Node library's. Nothing but the bundle is
// served: the core and the helper script must come with it. Needs /usr/bin/chromium (or CHROMIUM).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";
import type { BrowserContext } from "playwright-core";
import { ISOLATION_HEADERS } from "../../web/serve";
import { formatWinners } from "../../src/core/output/join";
import { MIN_THREADED_BYTES, highest } from "../../src/node/index";
import { chromiumMissing, launchChromium } from "../helpers/chromium";
import { testUnless } from "../helpers/skip";
import { tempFolder } from "../helpers/temp-folder";

const { recordLine } = require("../browser/generate-records.js") as { recordLine(i: number, next: () => number): string };

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "node_modules", ".bin");
const COUNT = 40;

/** The line after copy i of the records (as the page's script writes it): a score among theirs, so that winners come from both. */
function copyLine(i: number): string {
  return `${((i * 2654435761) % 4294967296) - 2147483648}000: {"id":"copy-${i}"}\n`;
}

/** npm's own variables of an enclosing `npm test` would steer the npm runs below; keep only the cache. */
const ENV = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_") || name.toLowerCase() === "npm_config_cache"),
);

/** Runs a command; rejects with what it printed unless it exits 0. */
function ok(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: ENV, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(" ")} exited ${code}\n${output}`))));
  });
}

/**
 * The page's script: what a user writes. It ranks a Blob of `copies` copies of `text`, each
 * followed by a line of its own, with the threads asked for, and says how many ran. The Blob is
 * large enough for threads (MIN_THREADED_BYTES): the package takes no knob that makes a small one threaded.
 */
const MAIN = `import { highest, formatWinners, threadsAvailable } from "highest";
window.rank = async (text, copies, threads) => {
  let ran = 1;
  const parts = [];
  for (let i = 0; i < copies; i++) parts.push(text, \`\${((i * 2654435761) % 4294967296) - 2147483648}000: {"id":"copy-\${i}"}\\n\`);
  const winners = await highest(new Blob(parts), ${COUNT}, { threads, onThreads: (now) => (ran = now) });
  return { json: formatWinners(winners, { compact: false, locations: true }), threads: ran, available: threadsAvailable() };
};
`;
const page = (script: string) => `<!doctype html><html><head><meta charset="utf-8"><title>bundled</title><link rel="icon" href="data:,"></head><body>${script}</body></html>\n`;

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };

/** Serves `root`'s files on 127.0.0.1, isolated (COOP/COEP); `/` is index.html. */
function serve(root: string): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const file = path.join(root, path.posix.normalize(name === "/" ? "/index.html" : name));
    const headers = { ...ISOLATION_HEADERS, "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" };
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, ISOLATION_HEADERS).end();
      return;
    }
    response.writeHead(200, headers).end(fs.readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` }));
  });
}

/** Generated records (the text the page repeats). */
function recordsText(): string {
  let seed = 0x1234567;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  return Array.from({ length: 3000 }, (_, i) => recordLine(i, next)).join("\n") + "\n";
}

const temp = tempFolder("highest-bundlers-");
const outputs: Record<"vite" | "esbuild" | "esbuildMinified", string> = { vite: "", esbuild: "", esbuildMinified: "" };
let context: BrowserContext | undefined;
/** Chromium's profile: apart from the temp folder, which is removed before this file's own afterAll runs. */
let profile: string | undefined;

beforeAll(async () => {
  if (chromiumMissing) return;
  const packed = await ok("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", temp.path], ROOT);
  const tarball = path.join(temp.path, (JSON.parse(packed) as Array<{ filename: string }>)[0].filename);
  const project = path.join(temp.path, "project");
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "bundled-page", version: "1.0.0", private: true, type: "module" }));
  await ok("npm", ["install", tarball, "--offline", "--no-audit", "--no-fund"], project);
  fs.writeFileSync(path.join(project, "main.js"), MAIN);
  fs.writeFileSync(path.join(project, "index.html"), page('<script type="module" src="./main.js"></script>'));
  outputs.vite = path.join(temp.path, "vite-dist");
  outputs.esbuild = path.join(temp.path, "esbuild-out");
  outputs.esbuildMinified = path.join(temp.path, "esbuild-minified");
  // Each bundler as its first page tells: no config file, no plugin, no option about highest.
  await Promise.all([
    ok(path.join(BIN, "vite"), ["build", "--outDir", outputs.vite, "--emptyOutDir", "--logLevel", "warn"], project),
    ok(path.join(BIN, "esbuild"), ["main.js", "--bundle", `--outdir=${outputs.esbuild}`, "--log-level=warning"], project),
    ok(path.join(BIN, "esbuild"), ["main.js", "--bundle", "--minify", `--outdir=${outputs.esbuildMinified}`, "--log-level=warning"], project),
  ]);
  fs.writeFileSync(path.join(outputs.esbuild, "index.html"), page('<script src="./main.js"></script>'));
  profile = fs.mkdtempSync(path.join(os.tmpdir(), "highest-bundlers-profile-"));
  context = await launchChromium(profile);
}, 180_000);

afterAll(async () => {
  await context?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

describe.each(["vite", "esbuild"] as const)("a page bundled by %s", (bundler) => {
  testUnless(chromiumMissing)("ranks a file with 2 threads from the bundle alone, as the Node library does", async () => {
    const output = outputs[bundler];
    // The bundle is all there is: no .wasm and no helper script beside it.
    const served = fs.readdirSync(output, { recursive: true }).map(String);
    expect(served.filter((name) => /\.wasm$|helper/.test(name))).toEqual([]);
    const { server, url } = await serve(output);
    const tab = await context!.newPage();
    try {
      const problems: string[] = [];
      tab.on("pageerror", (error) => problems.push(error.message));
      tab.on("console", (message) => { if (message.type() === "error" || message.type() === "warning") problems.push(message.text()); });
      tab.on("response", (response) => { if (response.status() !== 200) problems.push(`${response.status()} ${response.url()}`); });
      await tab.goto(url);
      await tab.waitForFunction(() => "rank" in window);
      const text = recordsText();
      const copies = Math.ceil(MIN_THREADED_BYTES / text.length) + 1;
      const result = await tab.evaluate(({ text, copies }) => (window as unknown as {
        rank(text: string, copies: number, threads: number): Promise<{ json: string; threads: number; available: boolean }>;
      }).rank(text, copies, 2), { text, copies });
      const bytes = Buffer.from(Array.from({ length: copies }, (_, i) => text + copyLine(i)).join(""));
      const expected = formatWinners(await highest(bytes, COUNT), { compact: false, locations: true });
      expect(result.available).toBe(true); // served isolated: SharedArrayBuffer, so threads
      expect(result.threads).toBe(2); // the helper worker really ran
      expect(result.json).toBe(expected);
      expect(JSON.parse(result.json)).toHaveLength(COUNT);
      expect(problems).toEqual([]);
    } finally {
      await tab.close();
      server.closeAllConnections(); // Chromium keeps its connections open
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

/** The size docs/BROWSER.md states for a minified page bundle: "about N kB of script (M kB gzipped)". */
function statedSize(): { kB: number; gzipKB: number } {
  const stated = /about (\d+) kB of script \((\d+) kB gzipped\)/.exec(fs.readFileSync(path.join(ROOT, "docs", "BROWSER.md"), "utf8"));
  if (!stated) throw new Error("docs/BROWSER.md states no bundle size");
  return { kB: Number(stated[1]), gzipKB: Number(stated[2]) };
}

testUnless(chromiumMissing)("the bundle size docs/BROWSER.md states is what Vite and esbuild --minify make, within 5%", () => {
  const stated = statedSize();
  for (const output of [outputs.vite, outputs.esbuildMinified]) {
    const scripts = fs.readdirSync(output, { recursive: true }).map(String).filter((name) => name.endsWith(".js"));
    const bytes = Buffer.concat(scripts.map((name) => fs.readFileSync(path.join(output, name))));
    const measured = { kB: bytes.length / 1000, gzipKB: zlib.gzipSync(bytes, { level: 9 }).length / 1000 };
    expect({ output, kB: Math.abs(measured.kB / stated.kB - 1) <= 0.05, gzipKB: Math.abs(measured.gzipKB / stated.gzipKB - 1) <= 0.05, measured })
      .toEqual({ output, kB: true, gzipKB: true, measured });
  }
});
