// The page and the browser library in a real browser (headless Chromium via playwright-core),
// checked against the command line on the same files, and against the test oracle (so that the
// page and the CLI being wrong the same way still fails). Needs `npm run build` including the
// browser bundle (node src/browser/bundle.mjs) and /usr/bin/chromium (or CHROMIUM=path).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import type { Server } from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { BrowserContext, chromium, Page } from "playwright-core";
import { resolvePath, SITE_ROOT, startServer } from "../../src/browser/serve";
import { oracle } from "../helpers/oracle";

const { writeRecords, recordLine } = require("./generate-records.js") as {
  writeRecords(file: string, bytes: number, seed?: number): number;
  recordLine(i: number, next: () => number): string;
};

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "build", "node", "highest-cli.js");
const SCREENSHOTS = path.join(ROOT, "build", "screenshots");
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-quic"];

jest.setTimeout(180_000);

let workDir: string;
let validFile: string;
let server: Server;
let siteUrl: string;
let context: BrowserContext;
let page: Page;
/** Errors the page logged (a failed request, an uncaught exception): there should be none. */
const pageErrors: string[] = [];

function cli(...args: string[]): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** Loads the page, sets its options, then gives it the file (which starts a run) and waits for the end. */
async function runPage(file: string, options: { count?: string; engine?: "wasm" | "js"; strict?: boolean } = {}): Promise<string> {
  await page.goto(siteUrl);
  if (options.count !== undefined) await page.fill("#count", options.count);
  if (options.engine) await page.selectOption("#engine", options.engine);
  if (options.strict !== undefined) await page.setChecked("#strict", options.strict);
  await page.setInputFiles("#file-input", file);
  await page.waitForSelector("#app[data-state=done], #app[data-state=failed]");
  return (await page.getAttribute("#app", "data-state"))!;
}

/** The table's rows as [rank, score, id, line] texts. */
function tableRows(): Promise<string[][]> {
  return page.$$eval("#winners tbody tr", (rows) => rows.map((row) => [...(row as HTMLTableRowElement).cells].map((cell) => cell.textContent ?? "")));
}

/** [score, id JSON] pairs of the CLI's pretty output, as text (JSON.parse would round big numbers). */
function cliPairs(output: string): string[][] {
  return [...output.matchAll(/"score": (-?\d+),\n {4}"id": (.*)\n/g)].map((match) => [match[1], match[2]]);
}

/** What the oracle says `highest file count` prints (the file must be valid). */
function oracleOutput(file: string, count: bigint): string {
  const expected = oracle(new Uint8Array(fs.readFileSync(file)), count);
  if (!expected.ok) throw new Error(`the oracle finds ${file} invalid at line ${expected.line}`);
  return expected.stdout;
}

/** A file of valid generated lines with `bad` lines put at the given 1-based line numbers. */
function fileWithBadLines(name: string, lines: number, bad: Record<number, string>): string {
  let seed = 0x2545f491;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const text: string[] = [];
  for (let i = 0; i < lines; i++) text.push(bad[i + 1] ?? recordLine(i, next));
  const file = path.join(workDir, name);
  fs.writeFileSync(file, text.join("\n") + "\n");
  return file;
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(SITE_ROOT, "browser", "page", "app.js"))) {
    throw new Error("the page is not built: run `npm run build` (it must run `node src/browser/bundle.mjs`)");
  }
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "highest-browser-"));
  validFile = path.join(workDir, "valid-50mb.txt");
  writeRecords(validFile, 50e6, 7);
  ({ server, url: siteUrl } = await startServer(0));
  context = await chromium.launchPersistentContext(path.join(workDir, "profile"), {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1100, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => { if (message.type() === "error") pageErrors.push(message.text()); });
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await context?.close();
  server?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

test("the server redirects / to the page and serves the CLI's .wasm as application/wasm", async () => {
  await page.goto(siteUrl);
  expect(page.url()).toBe(`${siteUrl}browser/page/`);
  for (const build of ["simd", "scalar"]) {
    const response = await fetch(`${siteUrl}wasm/highest.${build}.wasm`);
    expect(response.headers.get("content-type")).toBe("application/wasm");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(fs.readFileSync(path.join(SITE_ROOT, "wasm", `highest.${build}.wasm`)));
  }
  expect((await fetch(`${siteUrl}no/such/file`)).status).toBe(404);
  expect(resolvePath(SITE_ROOT, "/../../package.json")).toBe(path.join(SITE_ROOT, "package.json"));
  expect(resolvePath(SITE_ROOT, "/%2e%2e/%2e%2e/etc/passwd")).toBe(path.join(SITE_ROOT, "etc", "passwd"));
});

test("a 50 MB file ranked in the page (wasm, default count) shows the CLI's JSON and a matching table", async () => {
  await page.goto(siteUrl);
  expect(await page.inputValue("#count")).toBe("10");
  expect(await page.inputValue("#engine")).toBe("wasm");
  expect(await runPage(validFile)).toBe("done");

  const expected = cli(validFile, "10");
  expect(expected.status).toBe(0);
  expect(await page.textContent("#json")).toBe(expected.stdout);
  // An independent expectation: the oracle of SPEC on the same bytes.
  expect(expected.stdout).toBe(oracleOutput(validFile, 10n));

  const rows = await tableRows();
  const pairs = cliPairs(expected.stdout);
  expect(pairs).toHaveLength(10);
  expect(rows.map(([rank, score, id]) => [rank, score, id])).toEqual(pairs.map(([score, id], i) => [String(i + 1), score, id]));
  expect(pairs.some(([score]) => BigInt(score) > 2n ** 64n)).toBe(true);
  expect(pairs.some(([, id]) => /^\d{20,}$/.test(id))).toBe(true); // a long numeric id keeps its digits

  // Each row's line number names the line that holds that score and id.
  const lines = fs.readFileSync(validFile, "latin1").split("\n");
  for (const [, score, id, line] of rows) {
    const text = lines[Number(line) - 1];
    expect(text.trim()).toMatch(new RegExp(`^\\+?${score}\\s*:`));
    expect(text).toContain(`"id":${id}`);
  }

  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, "page.png"), fullPage: true });
});

test("the js engine, strict, 50 records: the same output as the CLI", async () => {
  expect(await runPage(validFile, { count: "50", engine: "js", strict: true })).toBe("done");
  const expected = cli("--engine", "js", "--strict", validFile, "50");
  expect(await page.textContent("#json")).toBe(expected.stdout);
  expect(expected.stdout).toBe(oracleOutput(validFile, 50n)); // a valid file: strict or not, the same (the oracle's strict is slow)
  expect(await tableRows()).toHaveLength(50);
  expect(await page.textContent("#summary")).toContain("JavaScript · strict");
});

test("count 0 prints [] and a count beyond the records prints them all", async () => {
  const small = fileWithBadLines("small.txt", 30, {});
  expect(await runPage(small, { count: "0" })).toBe("done");
  expect(await page.textContent("#json")).toBe("[]\n");
  expect(await runPage(small, { count: "123456789012345678901234567890" })).toBe("done");
  expect(await page.textContent("#json")).toBe(cli(small, "123456789012345678901234567890").stdout);
  expect(await page.textContent("#json")).toBe(oracleOutput(small, 123456789012345678901234567890n));
  expect(await tableRows()).toHaveLength(30);
});

test("Download saves the JSON as the CLI prints it", async () => {
  expect(await runPage(validFile, { count: "5" })).toBe("done");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  const saved = path.join(workDir, "download.json");
  await download.saveAs(saved);
  expect(download.suggestedFilename()).toBe("valid-50mb.highest.json");
  expect(fs.readFileSync(saved, "utf8")).toBe(cli(validFile, "5").stdout);
});

test("an invalid top record shows SPEC's message with its line number, as the CLI does", async () => {
  const file = fileWithBadLines("bad-record.txt", 20000, { 12345: '99999999999999999999999999999: {"id": "top", oops}' });
  const expected = cli(file, "10");
  expect(expected.status).toBe(2);
  expect(expected.stderr).toBe("highest: line 12345: record is not valid JSON\n");
  for (const engine of ["wasm", "js"] as const) {
    expect(await runPage(file, { engine })).toBe("failed");
    expect(await page.textContent("#error-message")).toBe(expected.stderr.trim());
    expect(await page.textContent("#error-title")).toBe("The file is not valid");
    expect(await page.isHidden("#results")).toBe(true);
  }
  await page.screenshot({ path: path.join(SCREENSHOTS, "error.png"), fullPage: true });
});

test("a framing error anywhere is found, whatever the count", async () => {
  const file = fileWithBadLines("bad-score.txt", 20000, { 17001: '12abc: {"id": "x"}' });
  const expected = cli(file, "0");
  expect(expected.stderr).toBe("highest: line 17001: score is not an integer\n");
  expect(await runPage(file, { count: "0" })).toBe("failed");
  expect(await page.textContent("#error-message")).toBe(expected.stderr.trim());
});

test("the library API in a page: exact bigint scores from a Blob, a stream and bytes; HighestError with kind and line", async () => {
  await page.goto(siteUrl);
  // A module script loads the library bundle (ts-jest would rewrite an import() written here).
  await page.addScriptTag({ type: "module", content: 'import * as lib from "/browser/highest.mjs"; window.highestLib = lib;' });
  await page.waitForFunction(() => "highestLib" in window);
  const result = await page.evaluate(async () => {
    const lib = (window as any).highestLib;
    const text = '5: {"id": "a"}\n18446744073709551617: {"id": "b"}\n-3: {"id": 7}\n';
    const bytes = new TextEncoder().encode(text);
    const summary = (winners: { score: bigint; idJson: string; line: number }[]) =>
      winners.map((w) => `${typeof w.score}:${w.score}:${w.idJson}:${w.line}`);
    const stream = new Blob([text]).stream();
    const failure = await lib.highest(new Blob(['1: {"id": 1}\n2: not json\n']), 5).catch(
      (error: { name: string; kind: string; line: number; message: string }) => [error.name, error.kind, error.line, error.message]);
    const badCount = await lib.highest(bytes, -1).catch((error: { kind: string }) => error.kind);
    return {
      blob: summary(await lib.highest(new Blob([text]), 2)),
      stream: summary(await lib.highest(stream, 2n, { engine: "js" })),
      bytes: summary(await lib.highest(bytes, 10)),
      failure, badCount,
    };
  });
  expect(result.blob).toEqual(["bigint:18446744073709551617:\"b\":2", "bigint:5:\"a\":1"]);
  expect(result.stream).toEqual(result.blob);
  expect(result.bytes).toEqual([...result.blob, "bigint:-3:7:3"]);
  expect(result.failure).toEqual(["HighestError", "data", 2, "line 2: record is not valid JSON"]);
  expect(result.badCount).toBe("usage");
});
