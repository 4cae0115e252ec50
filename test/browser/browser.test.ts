// The page and the browser library in a real browser (headless Chromium via playwright-core),
// checked against the command line on the same files, and against the test oracle (so that the
// page and the CLI being wrong the same way still fails). Needs `npm run build` including the
// browser bundle and the page (node src/browser/bundle.mjs, node web/bundle.mjs) and /usr/bin/chromium (or CHROMIUM=path).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as zlib from "node:zlib";
import type { Server } from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { BrowserContext, Page } from "playwright-core";
import { resolvePath, SITE_ROOT, startServer } from "../../web/serve";
import { oracle } from "../helpers/oracle";
import { launchChromium } from "../helpers/chromium";
import { withLineStart } from "../../src/core/model/line-start";
import { skippable, zstdCompress } from "../helpers/zstd-core";

/** A data error's text: the problem, then the start of the offending line (SPEC: Errors). */
const shown = (problem: string, line: string) => withLineStart(problem, Buffer.from(line), 0, Buffer.byteLength(line));

const { writeRecords, recordLine } = require("./generate-records.js") as {
  writeRecords(file: string, bytes: number, seed?: number): number;
  recordLine(i: number, next: () => number): string;
};

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "build", "node", "highest-cli.js");
const SCREENSHOTS = path.join(ROOT, "build", "screenshots");

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
  return cliIn(process.cwd(), ...args);
}

/** The CLI run from `cwd` (so that relative names match the page's file names). */
function cliIn(cwd: string, ...args: string[]): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/**
 * Loads the page, sets its options, then gives it the file(s) (which starts a run) and waits
 * for the end. `folder` picks a directory through the folder input instead.
 */
async function runPage(
  file: string | string[], options: { count?: string; engine?: "wasm" | "js"; strict?: boolean; folder?: boolean; url?: string } = {},
): Promise<string> {
  await page.goto(options.url ?? siteUrl);
  if (options.count !== undefined) await page.fill("#count", options.count);
  if (options.engine) await page.selectOption("#engine", options.engine);
  if (options.strict !== undefined) await page.setChecked("#strict", options.strict);
  await page.setInputFiles(options.folder ? "#folder-input" : "#file-input", file);
  await page.waitForSelector("#app[data-state=done], #app[data-state=failed]", { timeout: 600_000 });
  return (await page.getAttribute("#app", "data-state"))!;
}

/** The JSON view with the locations box ticked or not. */
async function pageJson(locations: boolean): Promise<string> {
  await page.setChecked("#locations", locations);
  return (await page.textContent("#json"))!;
}

/** Runs `check` with the page 390 px wide (a phone), then puts the width back. */
async function atPhoneWidth(check: () => Promise<void>): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await check();
  } finally {
    await page.setViewportSize({ width: 1100, height: 900 });
  }
}

/** The page fits its width: nothing wider than the screen, the Download link inside its card. */
async function expectFits(): Promise<void> {
  const width = page.viewportSize()!.width;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  const inside = await page.evaluate(() => {
    const link = document.getElementById("download")!.getBoundingClientRect();
    const card = document.querySelector(".json-card")!.getBoundingClientRect();
    return link.left >= card.left && link.right <= card.right;
  });
  expect(inside).toBe(true);
}

/** The Id column's text for an id's JSON: a string's value, a number as written. */
function idCell(idJson: string): string {
  return idJson.startsWith('"') ? (JSON.parse(idJson) as string) : idJson;
}

/** The table's rows as [rank, score, id, file, line] texts. */
function tableRows(): Promise<string[][]> {
  return page.$$eval("#winners tbody tr", (rows) => rows.map((row) => [...(row as HTMLTableRowElement).cells].map((cell) => cell.textContent ?? "")));
}

/** [score, id JSON] pairs of the CLI's pretty output, as text (JSON.parse would round big numbers). */
function cliPairs(output: string): string[][] {
  return [...output.matchAll(/"score": (-?\d+),\n {4}"id": (.*)\n/g)].map((match) => [match[1], match[2]]);
}

/** [score, id JSON, input, line] of the CLI's pretty --locations output, as text. */
function cliLocated(output: string): string[][] {
  return [...output.matchAll(/"score": (-?\d+),\n {4}"id": (.*),\n {4}"input": (.*),\n {4}"line": (\d+)\n/g)]
    .map((match) => [match[1], match[2], JSON.parse(match[3]) as string, match[4]]);
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
    throw new Error("the page is not built: run `npm run build` (it must run `node web/bundle.mjs`)");
  }
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "highest-browser-"));
  validFile = path.join(workDir, "valid-50mb.txt");
  writeRecords(validFile, 50e6, 7);
  ({ server, url: siteUrl } = await startServer(0));
  context = await launchChromium(path.join(workDir, "profile"));
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
  expect(rows.map(([rank, score, id]) => [rank, score, id])).toEqual(pairs.map(([score, id], i) => [String(i + 1), score, idCell(id)]));
  expect(pairs.some(([score]) => BigInt(score) > 2n ** 64n)).toBe(true);
  expect(rows.some(([, , id]) => /^\d{20,}$/.test(id))).toBe(true); // a long numeric id keeps its digits

  // Each row's line number names the line that holds that score and id.
  const lines = fs.readFileSync(validFile, "latin1").split("\n");
  for (const [i, [, score, , file, line]] of rows.entries()) {
    expect(file).toBe("valid-50mb.txt");
    const text = lines[Number(line) - 1];
    expect(text.trim()).toMatch(new RegExp(`^\\+?${score}\\s*:`));
    expect(text).toContain(`"id":${pairs[i][1]}`);
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

test("the Id column shows the id's value (a string without its JSON quotes, a long number with all its digits); the JSON keeps the JSON", async () => {
  const file = path.join(workDir, "ids.txt");
  fs.writeFileSync(file, '3: {"id": "r-0-37052"}\n2: {"id": "say \\"hi\\"\\u00e9"}\n1: {"id": 123456789012345678901234567}\n');
  expect(await runPage(file)).toBe("done");
  expect((await tableRows()).map((row) => row[2])).toEqual(["r-0-37052", 'say "hi"é', "123456789012345678901234567"]);
  expect(await page.textContent("#json")).toBe(cli(file, "10").stdout);
  expect(await page.textContent("#json")).toContain('"id": "r-0-37052"');
});

test("an option changed after a pick runs again on the same files (the page says so)", async () => {
  expect(await runPage(validFile, { count: "5" })).toBe("done");
  expect(await page.textContent("#options .hint")).toBe("A pick runs at once; changing an option runs again on the same files.");
  const summaryText = () => page.textContent("#summary");
  expect(await summaryText()).not.toContain("strict");
  await page.setChecked("#strict", true); // no Run: the change starts the run
  await page.waitForFunction(() => document.getElementById("summary")!.textContent!.includes("· strict"), undefined, { timeout: 600_000 });
  await page.fill("#count", "7");
  await page.press("#count", "Tab"); // leaving the field is its change
  await page.waitForFunction(() => document.querySelectorAll("#winners tbody tr").length === 7 && document.getElementById("app")!.dataset.state === "done", undefined, { timeout: 600_000 });
  expect(await page.textContent("#json")).toBe(cli("--strict", validFile, "7").stdout);
});

/**
 * A new tab whose worker's answers ("done") are withheld while window.holdDone is set (`hold`):
 * a run goes on as long as the test wants. `withheld()` waits until `n` answers were withheld.
 */
async function heldPage(): Promise<{ held: Page; hold(on: boolean): Promise<void>; withheld(n: number): Promise<void> }> {
  const held = await context.newPage();
  held.on("pageerror", (error) => pageErrors.push(error.message));
  await held.addInitScript(() => {
    const w = window as unknown as { holdDone: boolean; withheld: number; Worker: typeof Worker };
    w.holdDone = false;
    w.withheld = 0;
    const Native = w.Worker;
    const wrapped = new WeakMap<object, EventListener>(); // so that removeEventListener still works
    w.Worker = class extends Native {
      addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void {
        if (type !== "message") return super.addEventListener(type, listener, options);
        const deliver = (event: Event) => (typeof listener === "function" ? listener.call(this, event) : listener.handleEvent(event));
        const filtered = (event: Event) => {
          if (w.holdDone && (event as MessageEvent).data?.type === "done") w.withheld++;
          else deliver(event);
        };
        wrapped.set(listener, filtered);
        super.addEventListener(type, filtered, options);
      }
      removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void {
        super.removeEventListener(type, (type === "message" && wrapped.get(listener)) || listener, options);
      }
    };
  });
  await held.goto(siteUrl);
  return {
    held,
    hold: (on) => held.evaluate((on) => { (window as unknown as { holdDone: boolean }).holdDone = on; }, on),
    withheld: async (n) => {
      await held.waitForFunction((n) => (window as unknown as { withheld: number }).withheld === n, n, { timeout: 600_000 });
    },
  };
}

test("Cancel says how far the run got and keeps the previous result", async () => {
  const { held, hold, withheld } = await heldPage();
  try {
    await held.fill("#count", "3");
    await held.setInputFiles("#file-input", validFile);
    await held.waitForSelector("#app[data-state=done]", { timeout: 600_000 });
    const before = { json: await held.textContent("#json"), summary: await held.textContent("#summary") };
    expect(before.json).toBe(cli(validFile, "3").stdout);

    const second = fileWithBadLines("second.txt", 5000, {});
    await hold(true);
    await held.setInputFiles("#file-input", second);
    // The worker has answered and the answer was withheld: the page is still running, showing the previous result.
    await withheld(1);
    expect(await held.getAttribute("#app", "data-state")).toBe("running");
    await held.click("#cancel");

    expect(await held.getAttribute("#app", "data-state")).toBe("cancelled");
    // Every byte had been read (the last progress report always reaches the page).
    expect(await held.textContent("#progress-text")).toBe(`Cancelled after ${(fs.statSync(second).size / 1e6).toFixed(2)} MB`);
    expect(await held.isVisible("#progress-text")).toBe(true);
    expect(await held.isVisible("#results")).toBe(true);
    expect({ json: await held.textContent("#json"), summary: await held.textContent("#summary") }).toEqual(before);
    expect(await held.isHidden("#cancel")).toBe(true);

    // A new result replaces it.
    await hold(false);
    await held.click("#run");
    await held.waitForSelector("#app[data-state=done]", { timeout: 600_000 });
    expect(await held.textContent("#json")).toBe(cli(second, "3").stdout);
    expect(await held.isHidden("#progress-panel")).toBe(true);
  } finally {
    await held.close();
  }
});

/** Whether the results are drawn dimmed, and what the note above them says (null: no note shown). */
async function dimming(on: Page): Promise<{ stale: boolean; opacity: string; note: string | null }> {
  return on.evaluate(() => {
    const results = document.getElementById("results")!;
    const note = document.getElementById("stale-note");
    return {
      stale: results.classList.contains("stale"),
      opacity: getComputedStyle(results.querySelector(".table-card")!).opacity,
      note: note && !note.hidden ? note.textContent : null,
    };
  });
}

test("a new pick or a cancel dims the previous result until a new one replaces it", async () => {
  const { held, hold, withheld } = await heldPage();
  try {
    const first = fileWithBadLines("dim-first.txt", 3000, {});
    const second = fileWithBadLines("dim-second.txt", 4000, {});
    await held.setInputFiles("#file-input", first);
    await held.waitForSelector("#app[data-state=done]", { timeout: 600_000 });
    expect(await dimming(held)).toEqual({ stale: false, opacity: "1", note: null });

    // A new pick: the old table is under the new file's name, dimmed, and says whose it is.
    await hold(true);
    await held.setInputFiles("#file-input", second);
    await withheld(1);
    expect(await held.textContent("#file-name")).toMatch(/^dim-second\.txt · /);
    const previous = { stale: true, opacity: "0.45", note: "Previous result, of dim-first.txt: dimmed until a new one replaces it." };
    expect(await dimming(held)).toEqual(previous);
    await held.screenshot({ path: "/tmp/highest-page-dimmed-running.png", fullPage: true });

    // Cancelled: still the previous result, still dimmed.
    await held.click("#cancel");
    expect(await held.getAttribute("#app", "data-state")).toBe("cancelled");
    expect(await dimming(held)).toEqual(previous);
    await held.screenshot({ path: "/tmp/highest-page-dimmed-cancelled.png", fullPage: true });

    // An option changed after the cancel: dimmed while it runs, bright once its result replaces the old one.
    await hold(false);
    await held.fill("#count", "4");
    await held.press("#count", "Tab");
    await held.waitForFunction(() => document.querySelectorAll("#winners tbody tr").length === 4 && document.getElementById("app")!.dataset.state === "done", undefined, { timeout: 600_000 });
    expect(await held.textContent("#json")).toBe(cli(second, "4").stdout);
    expect(await dimming(held)).toEqual({ stale: false, opacity: "1", note: null });
  } finally {
    await held.close();
  }
});

/**
 * For each width from 300 to 500 px, the figures of `selector` ("12.3 MB", "0.12 s", "812 MB/s")
 * that are split over two lines; none is wanted.
 */
async function splitFigures(on: Page, selector: string): Promise<string[]> {
  const split: string[] = [];
  for (let width = 300; width <= 500; width += 3) {
    await on.setViewportSize({ width, height: 900 });
    const found = await on.evaluate((selector) => {
      const element = document.querySelector(selector)!;
      const out: string[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.textContent!.matchAll(/\d[\d.,]* (MB\/s|MB|s)(?![\w/])/g)) {
          const range = document.createRange();
          range.setStart(node, match.index!);
          range.setEnd(node, match.index! + match[0].length);
          const tops = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
          if (tops.size > 1) out.push(match[0]);
        }
      }
      return out;
    }, selector);
    split.push(...found.map((figure) => `${width}px: ${figure}`));
  }
  await on.setViewportSize({ width: 1100, height: 900 });
  return split;
}

test("at phone widths the MB/s figure (and every size and time) stays on its line, in the progress and the summary", async () => {
  const { held, hold, withheld } = await heldPage();
  try {
    await hold(true);
    await held.setInputFiles("#file-input", validFile);
    await withheld(1);
    // Everything read, the answer withheld: the status names the check with a rate.
    expect(await held.textContent("#progress-text")).toMatch(/^Checking the winners… 100% · 50\.0 MB of 50\.0 MB · \d+ MB\/s$/);
    expect(await splitFigures(held, "#progress-text")).toEqual([]);
    await held.click("#cancel");
    await hold(false);
    await held.click("#run");
    await held.waitForSelector("#app[data-state=done]", { timeout: 600_000 });
    expect(await held.textContent("#summary")).toMatch(/ MB\/s · /);
    expect(await splitFigures(held, "#summary")).toEqual([]);
  } finally {
    await held.close();
  }
});

test("the summary says why a run used one thread: files under 256 MiB, or one thread asked for", async () => {
  await page.goto(siteUrl);
  expect(Number(await page.inputValue("#threads"))).toBeGreaterThan(1);
  expect(await runPage(validFile, { count: "3" })).toBe("done");
  expect(await page.textContent("#summary")).toMatch(/ · 1 thread \(files under 256 MiB run on one\)$/);
  await page.screenshot({ path: "/tmp/highest-page-one-thread-why.png", fullPage: true });
  await page.selectOption("#threads", "1");
  await page.waitForFunction(() => document.getElementById("app")!.dataset.state === "done" && /thread$/.test(document.getElementById("summary")!.textContent!), undefined, { timeout: 600_000 });
  expect(await page.textContent("#summary")).toMatch(/ · WebAssembly · 1 thread$/);
});

test("a bzip2 or xz file says its format is not read, with the CLI's message; a zstd file is read as the CLI reads it", async () => {
  const formats = { "records.bz2": [0x42, 0x5a, 0x68, 0x39, 0x31, 0x41], "records.xz": [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00] };
  const dir = path.join(workDir, "compressed");
  for (const [name, magic] of Object.entries(formats)) {
    writeTree(dir, { [name]: Buffer.from(magic) });
    const expected = cliIn(dir, name, "10");
    expect(expected.status).toBe(1);
    expect(await runPage(path.join(dir, name))).toBe("failed");
    const format = name.endsWith(".bz2") ? "bzip2" : "xz";
    expect(await page.textContent("#error-title")).toBe(`The file is ${format}, a format highest does not read`);
    expect(await page.textContent("#error-message")).toBe(expected.stderr.trim());
    expect(expected.stderr).toContain(`${format} input is not supported (decompress it first, e.g. ${format} -dc)`);
  }
  // zstd: frames of the valid file, one made from a pipe and one with a skippable frame before it.
  const text = fs.readFileSync(validFile);
  const half = text.indexOf(10, text.length >> 1) + 1;
  writeTree(dir, { "records.zst": Buffer.concat([zstdCompress(text.subarray(0, half), ["-3"]), skippable(Buffer.from("x")), zstdCompress(text.subarray(half), ["-1"])]) });
  const expected = cliIn(dir, "records.zst", "50");
  expect(expected.status).toBe(0);
  expect(expected.stdout).toBe(cli(validFile, "50").stdout);
  expect(await runPage(path.join(dir, "records.zst"), { count: "50" })).toBe("done");
  expect(await page.textContent("#json")).toBe(expected.stdout);
});

/** [score, id JSON] of the `count` lowest records of generated lines, lowest first, ties to the earlier line: worked out here. */
function lowestPairs(file: string, count: number): string[][] {
  const records = fs.readFileSync(file, "utf8").split("\n").map((line, i) => ({ line, i }))
    .filter(({ line }) => line.trim() !== "")
    .map(({ line, i }) => {
      const colon = line.indexOf(":");
      const score = BigInt(line.slice(0, colon).trim().replace(/^\+/, ""));
      const id = /"id":(\d+|"[^"]*")/.exec(line)![1];
      return { score, id, i };
    });
  records.sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : a.i - b.i));
  return records.slice(0, count).map(({ score, id }) => [String(score), id]);
}

test("Lowest ranks the lowest scores, lowest first, as highest --lowest does; unticked, the highest again", async () => {
  const file = fileWithBadLines("lowest.txt", 20000, {});
  expect(await runPage(file, { count: "8" })).toBe("done");
  expect(await page.textContent("#json")).toBe(cli(file, "8").stdout);
  await page.setChecked("#lowest", true); // a change runs again
  await page.waitForFunction(() => document.getElementById("app")!.dataset.state === "done" && document.getElementById("summary")!.textContent!.startsWith("Lowest"), undefined, { timeout: 600_000 });
  const expected = cli(file, "8", "--lowest");
  expect(expected.status).toBe(0);
  expect(await page.textContent("#json")).toBe(expected.stdout);
  expect(cliPairs(expected.stdout)).toEqual(lowestPairs(file, 8));
  expect((await tableRows()).map(([rank, score]) => [rank, score])).toEqual(lowestPairs(file, 8).map(([score], i) => [String(i + 1), score]));
  expect(await page.textContent("#summary")).toMatch(/^Lowest 8 records of lowest\.txt · /);
  expect(await page.textContent("#json-command")).toBe("highest lowest.txt 8 --lowest");
  await page.setChecked("#lowest", false);
  await page.waitForFunction(() => document.getElementById("app")!.dataset.state === "done" && document.getElementById("summary")!.textContent!.startsWith("Top"), undefined, { timeout: 600_000 });
  expect(await page.textContent("#json")).toBe(cli(file, "8").stdout);
});

test("Decimal scores reads 5.5 and 1e3 as highest --decimal does; unticked, a decimal score is invalid data again", async () => {
  const dir = path.join(workDir, "decimal");
  writeTree(dir, { "d.txt": '1.5: {"id":"a"}\n1.50: {"id":"b"}\n1e2: {"id":"c"}\n0.10000000000000001: {"id":"d"}\n0.1: {"id":"e"}\n' });
  expect(await runPage(path.join(dir, "d.txt"), { count: "5" })).toBe("failed");
  expect(await page.textContent("#error-message")).toBe(cliIn(dir, "d.txt", "5").stderr.trim());
  expect(await page.textContent("#error-message")).toContain("--decimal reads decimal scores");
  await page.setChecked("#decimal", true); // a change runs again
  await page.waitForFunction(() => document.getElementById("app")!.dataset.state === "done", undefined, { timeout: 600_000 });
  const expected = cliIn(dir, "d.txt", "5", "--decimal");
  expect(expected.status).toBe(0);
  expect(await page.textContent("#json")).toBe(expected.stdout);
  expect((await tableRows()).map(([, score]) => score)).toEqual(["1e2", "1.5", "1.50", "0.10000000000000001", "0.1"]);
  expect(await page.textContent("#json-command")).toBe("highest d.txt 5 --decimal");
  await page.setChecked("#decimal", false);
  await page.waitForFunction(() => document.getElementById("app")!.dataset.state === "failed", undefined, { timeout: 600_000 });
});

test("Records in the JSON view adds each winner's record as highest --records prints it, in the view and the download", async () => {
  const dir = path.join(workDir, "records");
  writeTree(dir, { "r.txt": '5: {"id":"a","v":[1, 2],"s":"x\\u00e9"}  \n-3:\t{"id":"b"}\r\n9: {"id": 3, "deep": {"k": null}}\n' });
  expect(await runPage(path.join(dir, "r.txt"), { count: "2" })).toBe("done");
  expect(await page.textContent("#json")).toBe(cliIn(dir, "r.txt", "2").stdout);
  await page.setChecked("#records", true);
  await page.waitForFunction(() => document.getElementById("json")!.textContent!.includes('"record"') && document.getElementById("app")!.dataset.state === "done", undefined, { timeout: 600_000 });
  const records = cliIn(dir, "r.txt", "2", "--records");
  expect(records.status).toBe(0);
  expect(await page.textContent("#json")).toBe(records.stdout);
  expect(records.stdout).toContain('"record": {"id": 3, "deep": {"k": null}}');
  expect(await page.textContent("#json-command")).toBe("highest r.txt 2 --records");
  // With Locations and Lowest too; the download holds the same bytes.
  await page.setChecked("#locations", true);
  await page.waitForFunction(() => document.getElementById("json")!.textContent!.includes('"input"') && document.getElementById("download")!.hasAttribute("href"));
  await page.setChecked("#lowest", true);
  await page.waitForFunction(() => document.getElementById("app")!.dataset.state === "done" && document.getElementById("summary")!.textContent!.startsWith("Lowest"), undefined, { timeout: 600_000 });
  const all = cliIn(dir, "r.txt", "2", "--locations", "--records", "--lowest");
  expect(await page.textContent("#json")).toBe(all.stdout);
  expect(await page.textContent("#json-command")).toBe("highest r.txt 2 --locations --records --lowest");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  const saved = path.join(workDir, "records.json");
  await download.saveAs(saved);
  expect(fs.readFileSync(saved, "utf8")).toBe(all.stdout);
  await page.screenshot({ path: "/tmp/highest-page-lowest-records.png", fullPage: true });
  await atPhoneWidth(async () => {
    await expectFits();
    await page.screenshot({ path: "/tmp/highest-page-lowest-records-390.png", fullPage: true });
  });
  // Unticked: the view without records, from the same result.
  await page.setChecked("#records", false);
  await page.waitForFunction(() => !document.getElementById("json")!.textContent!.includes('"record"') && document.getElementById("download")!.hasAttribute("href"));
  expect(await page.textContent("#json")).toBe(cliIn(dir, "r.txt", "2", "--locations", "--lowest").stdout);
});

test("a million-row result: the table and the JSON show the first 1,000, Download all saves every row; the status names each phase; it fits 390 px", async () => {
  const file = path.join(workDir, "million.txt");
  const lines: string[] = [];
  for (let i = 0; i < 1_100_000; i++) lines.push(`${(Math.imul(i, 0x9e3779b1) >>> 0) - 2147483648}: {"id":"r-${i}","v":${i % 97}}`);
  fs.writeFileSync(file, lines.join("\n") + "\n");
  await page.goto(siteUrl);
  // Every status the page shows, in order.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { statuses: string[] }).statuses = seen;
    const text = document.getElementById("progress-text")!;
    new MutationObserver(() => seen.push(text.textContent ?? "")).observe(text, { childList: true });
  });
  await page.fill("#count", "1000000");
  await page.setInputFiles("#file-input", file);
  await page.waitForSelector("#app[data-state=done]", { timeout: 600_000 });

  const statuses = await page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
  const phase = (prefix: string) => statuses.findIndex((status) => status.startsWith(prefix));
  expect(phase("Checking the winners… 100% · ")).toBeGreaterThanOrEqual(0);
  expect(phase("Formatting…")).toBeGreaterThan(phase("Checking the winners…"));
  expect(statuses.slice(0, phase("Checking the winners…")).every((status) => /^(Starting…|Reading… )/.test(status))).toBe(true);

  const expected = cli(file, "1000000");
  expect(expected.status).toBe(0);
  const rows = await tableRows();
  expect(rows).toHaveLength(1000);
  expect(rows.map(([, score, id]) => [score, id])).toEqual(cliPairs(expected.stdout.slice(0, 200_000)).slice(0, 1000).map(([score, id]) => [score, idCell(id)]));
  const view = (await page.textContent("#json"))!;
  expect(view.endsWith(",\n  …\n")).toBe(true);
  expect(expected.stdout.startsWith(view.slice(0, -"  …\n".length))).toBe(true);
  expect(view.match(/"score"/g)).toHaveLength(1000);
  expect(await page.textContent("#table-note")).toBe("The first 1,000 of 1,000,000 records; Download all saves every one.");
  expect(await page.isHidden("#copy")).toBe(true);

  // The link's Blob holds every row: the CLI's output, byte for byte.
  expect(await page.textContent("#download")).toBe("Download all");
  expect(await page.getAttribute("#download", "href")).toMatch(/^blob:/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  const saved = path.join(workDir, "million.json");
  await download.saveAs(saved);
  const bytes = fs.readFileSync(saved);
  expect(bytes.length).toBe(Buffer.byteLength(expected.stdout));
  expect(bytes.toString("utf8") === expected.stdout).toBe(true); // not toBe: a 55 MB diff would be unreadable
  expect(await page.getAttribute("#download", "data-bytes")).toBe(String(bytes.length));

  // Locations: the view and the download made again in that format.
  await page.setChecked("#locations", true);
  await page.waitForFunction(() => document.getElementById("download")!.hasAttribute("href") && !(document.getElementById("locations") as HTMLInputElement).disabled, undefined, { timeout: 600_000 });
  const locatedOutput = cliIn(workDir, "million.txt", "1000000", "--locations").stdout;
  const locatedView = (await page.textContent("#json"))!;
  expect(locatedOutput.startsWith(locatedView.slice(0, -"  …\n".length))).toBe(true);
  expect(locatedView.match(/"input": "million.txt"/g)).toHaveLength(1000);
  expect(Number(await page.getAttribute("#download", "data-bytes"))).toBe(Buffer.byteLength(locatedOutput));

  await atPhoneWidth(expectFits);
  fs.rmSync(saved);
  fs.rmSync(file);
}, 900_000);

test("at phone width (390 px) a result with long scores, ids and names has no horizontal overflow", async () => {
  const dir = path.join(workDir, "phone");
  writeTree(dir, {
    "a-file-with-a-rather-long-name-for-a-phone-screen.txt":
      '1000000000000000000000000000000000001: {"id": "an-id-that-is-long-enough-to-need-wrapping-0001"}\n' +
      '-99999999999999999999999999999999: {"id": 123456789012345678901234567890123}\n',
  });
  await atPhoneWidth(async () => {
    expect(await runPage(path.join(dir, "a-file-with-a-rather-long-name-for-a-phone-screen.txt"))).toBe("done");
    await expectFits();
  });
});

test("an invalid top record shows SPEC's message with its line number, as the CLI does", async () => {
  const file = fileWithBadLines("bad-record.txt", 20000, { 12345: '99999999999999999999999999999: {"id": "top", oops}' });
  const expected = cli(file, "10");
  expect(expected.status).toBe(2);
  expect(expected.stderr).toBe(`highest: line 12345: ${shown("record is not valid JSON", '99999999999999999999999999999: {"id": "top", oops}')}\n`);
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
  expect(expected.stderr).toBe(`highest: line 17001: ${shown("score is not an integer", '12abc: {"id": "x"}')}\n`);
  expect(await runPage(file, { count: "0" })).toBe("failed");
  expect(await page.textContent("#error-message")).toBe(expected.stderr.trim());
});

/** The page, with the library bundle loaded as window.highestLib (a module script: ts-jest would rewrite an import() written here). */
async function loadLibrary(url = siteUrl): Promise<void> {
  await page.goto(url);
  await page.addScriptTag({ type: "module", content: 'import * as lib from "/browser/highest-internal.mjs"; window.highestLib = lib;' });
  await page.waitForFunction(() => "highestLib" in window);
}

test("wasmUrl names a folder or a .wasm file; a core that cannot be fetched is an input error naming the URL", async () => {
  await loadLibrary();
  const result = await page.evaluate(async () => {
    const lib = (window as any).highestLib;
    const blob = () => new Blob(['5: {"id": "a"}\n9: {"id": "b"}\n']);
    const ids = (winners: { idJson: string }[]) => winners.map((w) => w.idJson).join(",");
    const failed = (error: { kind: string; exitCode: number; message: string }) => `${error.kind} ${error.exitCode}: ${error.message}`;
    return {
      folder: ids(await lib.highest(blob(), 1, { wasmUrl: "/wasm" })),
      file: ids(await lib.highest(blob(), 1, { wasmUrl: "/wasm/highest.scalar.wasm" })),
      missing: await lib.highest(blob(), 1, { wasmUrl: "/nowhere/" }).then(() => "resolved", failed),
    };
  });
  expect(result.folder).toBe('"b"');
  expect(result.file).toBe('"b"');
  // The browser logs the 404 it was asked for; nothing else.
  expect(pageErrors.splice(0)).toEqual(["Failed to load resource: the server responded with a status of 404 (Not Found)"]);
  expect(result.missing).toMatch(/^input 1: cannot load the WebAssembly core from http:\/\/127\.0\.0\.1:\d+\/nowhere\/highest\.(simd|scalar)\.wasm \(HTTP 404\): /);
});

test("the library API in a page: exact bigint scores from a Blob, a stream and bytes; HighestError with kind and line", async () => {
  await page.goto(siteUrl);
  // A module script loads the library bundle as shipped (ts-jest would rewrite an import() written here).
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
    // The test knobs are not options of the shipped library (the tests' own bundle takes them).
    const knobs = await Promise.all([{ tuning: {} }, { chunkSize: 1 }].map((options) =>
      lib.highest(bytes, 1, options).then(() => "resolved", (error: { kind: string; message: string }) => `${error.kind}: ${error.message}`)));
    return {
      blob: summary(await lib.highest(new Blob([text]), 2)),
      stream: summary(await lib.highest(stream, 2n, { engine: "js" })),
      bytes: summary(await lib.highest(bytes, 10)),
      failure, badCount, knobs,
    };
  });
  expect(result.blob).toEqual(["bigint:18446744073709551617:\"b\":2", "bigint:5:\"a\":1"]);
  expect(result.stream).toEqual(result.blob);
  expect(result.bytes).toEqual([...result.blob, "bigint:-3:7:3"]);
  expect(result.failure).toEqual(["HighestError", "data", 2, `line 2: ${shown("record is not valid JSON", "2: not json")}`]);
  expect(result.badCount).toBe("usage");
  expect(result.knobs).toEqual(["usage: unknown option 'tuning'", "usage: unknown option 'chunkSize'"]);
});

/** Each score made here is unique across every file of the test (so no ties: the oracle on the concatenation is exact). */
let uniqueCounter = 1;

/** `count` records tagged `tag` (ids "<tag>-<i>") with unique scores, some beyond 2^64, with CRLF and blank lines; and each id's line. */
function uniqueLines(tag: string, count: number): { lines: string[]; lineOf: Map<string, number> } {
  const lines: string[] = [];
  const lineOf = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const g = uniqueCounter++;
    if (i % 17 === 4) lines.push(" \t");
    const permuted = BigInt(Math.imul(g, 0x9e3779b1) >>> 0);
    const score = g % 53 === 7 ? 10n ** 25n + permuted : permuted - 2147483648n;
    const id = JSON.stringify(`${tag}-${i}`);
    lines.push(`${score}: {"id":${id},"v":${i}}${i % 9 === 3 ? "\r" : ""}`);
    lineOf.set(id, lines.length);
  }
  return { lines, lineOf };
}

/** Pretty --locations JSON of [score, id JSON, input, line] rows, written here by hand. */
function locatedJson(rows: string[][]): string {
  if (rows.length === 0) return "[]\n";
  return `[\n${rows.map(([score, id, input, line]) =>
    `  {\n    "score": ${score},\n    "id": ${id},\n    "input": ${JSON.stringify(input)},\n    "line": ${line}\n  }`).join(",\n")}\n]\n`;
}

test("several files, one gzipped in two members, picked in the page: file and line columns, JSON with and without locations as the CLI prints them", async () => {
  const dir = path.join(workDir, "several");
  fs.mkdirSync(dir);
  const made = [["b-first.txt", uniqueLines("b", 3000)], ["a-second.txt.gz", uniqueLines("a", 4000)], ["c third.txt", uniqueLines("c", 2000)]] as const;
  for (const [name, { lines }] of made) {
    const text = lines.join("\n") + "\n";
    if (name.endsWith(".gz")) {
      const cut = lines.slice(0, 1500).join("\n").length + 1; // two members, cut at a line boundary
      fs.writeFileSync(path.join(dir, name), Buffer.concat([zlib.gzipSync(text.slice(0, cut)), zlib.gzipSync(text.slice(cut))]));
    } else {
      fs.writeFileSync(path.join(dir, name), text);
    }
  }
  const names = made.map(([name]) => name);
  const state = await runPage(names.map((name) => path.join(dir, name)), { count: "40" });
  expect([state, await page.textContent("#error-message")]).toEqual(["done", ""]);
  expect(await page.textContent("#file-name")).toMatch(/^3 files · /);
  expect(await page.$$eval("#file-list li", (items) => items.map((item) => item.textContent!.split(" · ")[0]))).toEqual(names);

  const plain = cliIn(dir, ...names, "40");
  const located = cliIn(dir, ...names, "40", "--locations");
  expect([plain.status, located.status]).toEqual([0, 0]);
  expect(await pageJson(false)).toBe(plain.stdout);
  expect(await pageJson(true)).toBe(located.stdout);
  expect(await page.textContent("#json-command")).toBe("highest b-first.txt a-second.txt.gz 'c third.txt' 40 --locations");

  // Independently: the oracle on the concatenation (no equal scores, so no tie order to get wrong),
  // each winner placed by the lines written above.
  const all = made.map(([, { lines }]) => lines.join("\n") + "\n").join("");
  const expected = oracle(new TextEncoder().encode(all), 40n);
  if (!expected.ok) throw new Error(`the oracle finds the files invalid at line ${expected.line}`);
  expect(plain.stdout).toBe(expected.stdout);
  const where = (id: string) => made.find(([, { lineOf }]) => lineOf.has(id))!;
  const rowsExpected = cliPairs(expected.stdout).map(([score, id]) => [score, id, where(id)[0], String(where(id)[1].lineOf.get(id))]);
  expect(located.stdout).toBe(locatedJson(rowsExpected));
  expect(cliLocated(located.stdout)).toEqual(rowsExpected);

  const rows = await tableRows();
  expect(rows).toEqual(rowsExpected.map(([score, id, input, line], i) => [String(i + 1), score, idCell(id), input, line]));
  expect(new Set(rows.map((row) => row[3]))).toEqual(new Set(names)); // winners from every file, the gzip one too

  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, "several-files.png"), fullPage: true });
});

/** Writes a tree ({name: text | subtree}) below `folder`. */
type Tree = { [name: string]: string | Buffer | Tree };
function writeTree(folder: string, tree: Tree): void {
  fs.mkdirSync(folder, { recursive: true });
  for (const [name, content] of Object.entries(tree)) {
    if (typeof content === "string" || Buffer.isBuffer(content)) fs.writeFileSync(path.join(folder, name), content);
    else writeTree(path.join(folder, name), content);
  }
}

/** A folder whose files tie on the top score: the order of its files decides; dot-names hold better scores but are left out. */
function tiedFolder(): Tree {
  const top = "1000000000000000000000000000000";
  const hidden = `9${top}: {"id":"hidden"}\n`;
  const tie = (tag: string, extra: number) => `${top}: {"id":"tie-${tag}"}\n` + Array.from({ length: extra }, (_, i) => `${extra * 100 + i}: {"id":"${tag}-${i}"}\n`).join("");
  return {
    "b.txt": tie("b", 3), "Z.txt": tie("Z", 2), "é.txt": tie("e", 1), ".hidden.txt": hidden,
    "a.txt.gz": zlib.gzipSync(tie("a", 4)),
    sub: { "c.txt": tie("c", 5), ".h.txt": hidden }, ".dot": { "x.txt": hidden },
  };
}

test("a folder picked in the page: its files in byte order of their paths, dot-names left out, ties to the earlier file, as the CLI ranks a directory", async () => {
  writeTree(path.join(workDir, "runs"), tiedFolder());
  expect(await runPage(path.join(workDir, "runs"), { count: "12", folder: true })).toBe("done");
  expect(await page.textContent("#file-name")).toMatch(/^5 files · /);
  const located = cliIn(workDir, "runs", "12", "--locations");
  expect(located.status).toBe(0);
  expect(await pageJson(false)).toBe(cliIn(workDir, "runs", "12").stdout);
  expect(await pageJson(true)).toBe(located.stdout);
  const order = ["runs/Z.txt", "runs/a.txt.gz", "runs/b.txt", "runs/sub/c.txt", "runs/é.txt"];
  expect(order.map((name) => Buffer.from(name))).toEqual(order.map((name) => Buffer.from(name)).sort(Buffer.compare));
  const rows = await tableRows();
  expect(rows.slice(0, 5).map((row) => [row[2], row[3], row[4]])).toEqual(
    order.map((name) => [`tie-${name === "runs/é.txt" ? "e" : name.split("/").pop()![0]}`, name, "1"]));
  expect(rows).toHaveLength(12);
  expect(rows.map((row) => row.slice(1))).toEqual(cliLocated(located.stdout).map(([score, id, input, line]) => [score, idCell(id), input, line]));
  expect(await page.textContent("#json-command")).toBe("highest runs 12 --locations");

  // A folder of one file still names it in a data error, as the CLI does for a directory.
  writeTree(path.join(workDir, "one"), { "bad.txt": '1: {"id":1}\n2: {"id":\n' });
  expect(await runPage(path.join(workDir, "one"), { folder: true })).toBe("failed");
  const failed = cliIn(workDir, "one", "10");
  expect(failed.stderr).toBe(`highest: one/bad.txt: line 2: ${shown("record is not valid JSON", '2: {"id":')}\n`);
  expect(await page.textContent("#error-message")).toBe(failed.stderr.trim());
});

test("a drop of a file and a folder: the folder walked with webkitGetAsEntry, in byte order, dot-names left out", async () => {
  const tree: Tree = { "loose.txt": '5: {"id":"loose"}\n1000000000000000000000000000000: {"id":"loose-top"}\n', drop: tiedFolder() };
  delete (tree.drop as Tree)["a.txt.gz"]; // the page is given text below
  writeTree(path.join(workDir, "dropped"), tree);
  await page.goto(siteUrl);
  await page.fill("#count", "9");
  await page.evaluate((tree) => {
    type Node = string | { [name: string]: Node };
    // Entries as Chromium gives them: readEntries answers in batches, then an empty one.
    const entry = (fullPath: string, node: Node): object => {
      const name = fullPath.split("/").pop()!;
      if (typeof node === "string") {
        return { isFile: true, isDirectory: false, name, fullPath, file: (ok: (file: File) => void) => setTimeout(() => ok(new File([node], name))) };
      }
      const children = Object.entries(node).map(([child, value]) => entry(`${fullPath}/${child}`, value));
      let batch = 0;
      const reader = { readEntries: (ok: (entries: object[]) => void) => setTimeout(() => ok([children.slice(0, 2), children.slice(2), []][Math.min(batch++, 2)])) };
      return { isFile: false, isDirectory: true, name, fullPath, createReader: () => reader };
    };
    const items = Object.entries(tree as { [name: string]: Node }).map(([name, node]) => ({
      kind: "file", webkitGetAsEntry: () => entry(`/${name}`, node), getAsFile: () => null,
    }));
    const drop = new Event("drop", { bubbles: true, cancelable: true });
    Object.defineProperty(drop, "dataTransfer", { value: { items, files: [] } });
    document.dispatchEvent(drop);
  }, JSON.parse(JSON.stringify(tree)));
  await page.waitForSelector("#app[data-state=done], #app[data-state=failed]");
  expect(await page.textContent("#file-name")).toMatch(/^5 files · /);
  expect(await page.$$eval("#file-list li", (items) => items.map((item) => item.textContent!.split(" · ")[0]))).toEqual(
    ["loose.txt", "drop/Z.txt", "drop/b.txt", "drop/sub/c.txt", "drop/é.txt"]);
  const located = cliIn(path.join(workDir, "dropped"), "loose.txt", "drop", "9", "--locations");
  expect(located.status).toBe(0);
  expect(await pageJson(true)).toBe(located.stdout);
});

test("an invalid record in the second file shows the CLI's message naming that file", async () => {
  const dir = path.join(workDir, "bad-second");
  writeTree(dir, { "good.txt": '1: {"id":1}\n2: {"id":2}\n', "bad.txt": '0: {"id":0}\n\n99: {"id": oops}\n' });
  const expected = cliIn(dir, "good.txt", "bad.txt", "10");
  expect(expected.status).toBe(2);
  expect(expected.stderr).toBe(`highest: bad.txt: line 3: ${shown("record is not valid JSON", '99: {"id": oops}')}\n`);
  for (const engine of ["wasm", "js"] as const) {
    expect(await runPage([path.join(dir, "good.txt"), path.join(dir, "bad.txt")], { engine })).toBe("failed");
    expect(await page.textContent("#error-message")).toBe(expected.stderr.trim());
  }
});

test("the library API in a page with a list of inputs: a Blob, gzip bytes and a File ranked as one, ties to the earlier input", async () => {
  await loadLibrary();
  const gzip = [...zlib.gzipSync('9: {"id": "c"}\n\n7: {"id": "d"}\n')];
  const result = await page.evaluate(async (gzip) => {
    const lib = (window as any).highestLib;
    const inputs = () => [new Blob(['5: {"id": "a"}\n9: {"id": "b"}\n']), Uint8Array.from(gzip), new File(['9: {"id": "e"}\n'], "e.txt")];
    const winners: { score: bigint; idJson: string; input: string; line: number }[] = await lib.highest(inputs(), 4);
    const failure = await lib.highest([new Blob(['1: {"id": 1}\n']), Uint8Array.from(gzip), new Blob(['1: {"id": 1}\nx: {}\n'])], 1).catch(
      (error: { kind: string; input: string; line: number; message: string }) => [error.kind, error.input, error.line, error.message]);
    return {
      winners: winners.map((w) => `${w.score}:${w.idJson}:${w.input}:${w.line}`),
      json: lib.formatWinners(await lib.highest(inputs(), 2, { engine: "js" }), { compact: true, locations: true }),
      failure,
    };
  }, gzip);
  expect(result.winners).toEqual(['9:"b":input 1:2', '9:"c":input 2:1', '9:"e":e.txt:1', '7:"d":input 2:3']);
  expect(result.json).toBe('[{"score":9,"id":"b","input":"input 1","line":2},{"score":9,"id":"c","input":"input 2","line":1}]\n');
  expect(result.failure).toEqual(["data", "input 3", 2, `input 3: line 2: ${shown("score is not an integer", "x: {}")}`]);
});

test("gzip of many members in the library: small ones sharing a read, a large one, as a Blob and as a stream; truncated gzip is an input error", async () => {
  await loadLibrary();
  // Lines "i: {"id":i,"pad":"…"}" cut into members of 1 to 300 lines, then one member of 40,000 lines (megabytes of output).
  const lines = Array.from({ length: 50_000 }, (_, i) => `${i}: {"id":${i},"pad":"${(i * 2654435761 % 2 ** 32).toString(16).repeat(4)}"}\n`);
  const members: Buffer[] = [];
  let i = 0;
  for (let size = 1; i < 10_000; size = (size * 7) % 300 + 1) members.push(zlib.gzipSync(lines.slice(i, (i += size)).join("")));
  members.push(zlib.gzipSync(lines.slice(i).join("")));
  const gzip = Buffer.concat(members);
  expect(zlib.gunzipSync(gzip).toString()).toBe(lines.join(""));
  const result = await page.evaluate(async (base64) => {
    const lib = (window as any).highestLib;
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const check = (winners: { idJson: string; line: number }[]) =>
      winners.length === 50_000 && winners.every((w, k) => w.idJson === String(49_999 - k) && w.line === 50_000 - k);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 100_000) controller.enqueue(bytes.slice(at, at + 100_000));
        controller.close();
      },
    });
    const truncated = await lib.highest(new File([bytes.slice(0, bytes.length - 1000)], "cut.gz"), 1).catch(
      (error: { kind: string; message: string }) => [error.kind, error.message]);
    const safely = (run: Promise<{ idJson: string; line: number }[]>) => run.then(check, (error: Error) => error.message);
    return {
      blob: await safely(lib.highest(new Blob([bytes]), 50_000)),
      stream: await safely(lib.highest(stream, 50_000, { engine: "js" })),
      truncated,
    };
  }, gzip.toString("base64"));
  expect(result).toEqual({ blob: true, stream: true, truncated: ["input", "cut.gz: truncated gzip data"] });
});

test("gzip and zstd in the library worded as the CLI words them: bytes after the last member (a zero byte too) damaged, a cut member truncated; zstd read, a cut frame truncated; 1-byte stream reads", async () => {
  await loadLibrary();
  const [m1, m2] = [zlib.gzipSync('5: {"id": 1}\n'), zlib.gzipSync('9: {"id": 2}\n')];
  const badCrc = Buffer.from(m1);
  badCrc[badCrc.length - 8] ^= 1;
  const inputs = {
    good: Buffer.concat([m1, m2]), zeroBetween: Buffer.concat([m1, Buffer.from([0]), m2]), zerosAtEnd: Buffer.concat([m1, m2, Buffer.alloc(3)]),
    cut: m1.subarray(0, m1.length - 3), crc: badCrc, zstdCut: Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x31]),
    zstd: Buffer.concat([zstdCompress(Buffer.from('5: {"id": 1}\n'), ["-3"]), zstdCompress(Buffer.from('9: {"id": 2}\n'), ["-19", "--no-check"])]),
  };
  const result = await page.evaluate(async (given) => {
    const lib = (window as any).highestLib;
    const bytewise = (bytes: Uint8Array) => new ReadableStream<Uint8Array>({
      start(controller) { for (const byte of bytes) controller.enqueue(Uint8Array.of(byte)); controller.close(); },
    });
    const outcome = (input: unknown) => lib.highest(input, 5, { chunkSize: 1 }).then(
      (winners: { idJson: string }[]) => winners.map((w) => w.idJson).join(" "), (error: { kind: string; message: string }) => `${error.kind}: ${error.message}`);
    const out: Record<string, string[]> = {};
    for (const [name, numbers] of Object.entries(given)) {
      const bytes = Uint8Array.from(numbers);
      out[name] = [await outcome(new File([bytes], `${name}.gz`)), await outcome(bytes), await outcome(bytewise(bytes))];
    }
    return out;
  }, Object.fromEntries(Object.entries(inputs).map(([name, bytes]) => [name, [...bytes]])));
  const as = (message: (name: string) => string) => (name: string) => [message(`${name}.gz`), message("input 1"), message("input 1")];
  const damaged = as((name) => `input: ${name}: damaged gzip data`);
  expect(result).toEqual({
    good: ["2 1", "2 1", "2 1"], zeroBetween: damaged("zeroBetween"), zerosAtEnd: damaged("zerosAtEnd"), crc: damaged("crc"),
    cut: as((name) => `input: ${name}: truncated gzip data`)("cut"),
    zstd: ["2 1", "2 1", "2 1"], zstdCut: as((name) => `input: ${name}: truncated zstd data`)("zstdCut"),
  });
});

// ---- Threaded runs: helper Web Workers (src/browser/helpers.ts, helper.ts) ----

/** Lines with many equal scores (ties across inputs and segments), some beyond 2^64, ids "<tag>-<i>". */
function tiedLines(tag: string, count: number, seed: number): string {
  const pool = ["10000000000000000000000000", "18446744073709551621", "7", "7", "-5", "9007199254740993", "-100000000000000000000000"];
  let state = seed >>> 0;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const score = next() < 0.5 ? pool[Math.floor(next() * pool.length)] : String(Math.floor(next() * 1000) - 500);
    lines.push(`${score}: {"id":"${tag}-${i}","pad":"${"x".repeat(Math.floor(next() * 40))}"}${i % 11 === 5 ? "\r" : ""}`);
    if (i % 23 === 9) lines.push("");
  }
  return lines.join("\n") + "\n";
}

/**
 * In the page: the library as `highestLib`, and a watch on the workers it starts: `helperLog`
 * lists each (its URL, whether terminate() was called, how many units it reported scanning).
 * `gatedStream(text)` streams `text` a few bytes at a time until every helper has reported its
 * scan (the calling thread is kept busy, so the helpers take the Blobs' units), then the rest.
 */
async function loadThreadedLibrary(url = siteUrl): Promise<void> {
  await loadLibrary(url);
  await page.evaluate(() => {
    const w = window as any;
    w.helperLog = [];
    const Native = window.Worker;
    w.Worker = class extends Native {
      entry: { url: string; terminated: boolean; scanned: number };
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        const entry = { url: String(url), terminated: false, scanned: -1 };
        this.entry = entry;
        w.helperLog.push(entry);
        this.addEventListener("message", (event: MessageEvent) => {
          if (event.data?.type === "scanned") entry.scanned = event.data.result.reports.length;
          if (event.data?.type === "failed" && entry.scanned < 0) entry.scanned = 0;
        });
      }
      terminate(): void {
        this.entry.terminated = true;
        super.terminate();
      }
    };
    w.helpersScanned = () => w.helperLog.length > 0 && w.helperLog.every((entry: { scanned: number }) => entry.scanned >= 0);
    w.gatedStream = (text: string, gated: boolean, forever = false) => {
      const bytes = new TextEncoder().encode(text);
      let at = 0;
      const started = performance.now();
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          const open = !forever && (!gated || w.helpersScanned() || performance.now() - started > 30_000);
          if (!open) await new Promise((resolve) => setTimeout(resolve, 5));
          const piece = open ? bytes.subarray(at) : bytes.subarray(at, at + 16);
          at = forever ? (at + piece.length) % bytes.length : at + piece.length;
          controller.enqueue(piece.slice());
          if (at >= bytes.length) controller.close();
        },
      });
    };
  });
}

type Located = { ok: true; json: string; plain: string; threads: number; helpers: { url: string; terminated: boolean; scanned: number }[] }
  | { ok: false; error: string[]; threads: number; helpers: { url: string; terminated: boolean; scanned: number }[] };

/** Runs the library in the page over [a Blob, a gated stream, a File, a gzip Blob, bytes], as `threads`. */
async function threadedRun(texts: { a: string; stream: string; b: string; gzip: number[]; bytes: string }, count: number, threads: number): Promise<Located> {
  return page.evaluate(async ({ texts, count, threads }) => {
    const w = window as any;
    const lib = w.highestLib;
    w.helperLog.length = 0;
    let used = 1;
    const inputs = [
      new Blob([texts.a]), w.gatedStream(texts.stream, threads > 1 && crossOriginIsolated), new File([texts.b], "b.txt"),
      new Blob([Uint8Array.from(texts.gzip)]), new TextEncoder().encode(texts.bytes),
    ];
    const helpers = () => w.helperLog.map((entry: object) => ({ ...entry }));
    try {
      const winners = await lib.highest(inputs, count, {
        threads, chunkSize: 256, tuning: { minThreadedBytes: 0, segmentBytes: 4096 }, onThreads: (now: number) => (used = now),
      });
      return {
        ok: true as const, threads: used, helpers: helpers(),
        json: lib.formatWinners(winners, { compact: false, locations: true }), plain: lib.formatWinners(winners, { compact: false, locations: false }),
      };
    } catch (error) {
      const e = error as { kind: string; message: string };
      return { ok: false as const, error: [e.kind, e.message], threads: used, helpers: helpers() };
    }
  }, { texts, count, threads });
}

function threadedTexts(badB?: { line: number; text: string }): { a: string; stream: string; b: string; gzip: number[]; bytes: string; all: string } {
  const a = tiedLines("a", 4000, 11);
  const stream = tiedLines("s", 3000, 12);
  let b = tiedLines("b", 4000, 13);
  if (badB) {
    const lines = b.split("\n");
    lines[badB.line - 1] = badB.text;
    b = lines.join("\n");
  }
  const plainGzip = tiedLines("g", 2000, 14);
  const bytes = tiedLines("y", 1000, 15);
  return { a, stream, b, gzip: [...zlib.gzipSync(plainGzip)], bytes, all: a + stream + b + plainGzip + bytes };
}

describe("threads: helper Web Workers in a cross-origin isolated page", () => {
  test("the server sends COOP/COEP: the page is isolated and offers the cores as threads", async () => {
    const response = await fetch(siteUrl + "browser/page/");
    expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(response.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
    await page.goto(siteUrl);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const offered = await page.$$eval("#threads option", (options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(offered).toEqual(Array.from({ length: Math.max(2, cores) }, (_, i) => String(i + 1)));
    expect(await page.inputValue("#threads")).toBe(String(Math.max(2, cores)));
    expect(await page.isDisabled("#threads")).toBe(false);
  });

  test("two helpers give byte-for-byte the one-thread answer and the oracle's: Blobs, a File, gzip, bytes and a stream, ties, big scores", async () => {
    await loadThreadedLibrary();
    const texts = threadedTexts();
    for (const count of [300, 5000]) {
      const one = await threadedRun(texts, count, 1);
      const three = await threadedRun(texts, count, 3);
      expect(one).toMatchObject({ ok: true, threads: 1, helpers: [] });
      expect(three).toMatchObject({ ok: true, threads: 3 });
      if (!one.ok || !three.ok) throw new Error("unreachable");
      expect(three.json).toBe(one.json);
      const expected = oracle(new TextEncoder().encode(texts.all), BigInt(count));
      if (!expected.ok) throw new Error(`the oracle finds the inputs invalid at line ${expected.line}`);
      expect(one.plain).toBe(expected.stdout);
      // The helpers really ran: both started, the Blobs' units went to them, both were ended.
      // Started from the script the library embeds (a Blob URL): nothing was served for them.
      expect(three.helpers.map((helper) => [helper.url.startsWith("blob:"), helper.terminated])).toEqual([[true, true], [true, true]]);
      expect(three.helpers.reduce((sum, helper) => sum + helper.scanned, 0)).toBeGreaterThan(0);
      if (count === 5000) {
        expect(new Set(JSON.parse(three.json).map((winner: { input: string }) => winner.input))).toEqual(new Set(["input 1", "input 2", "b.txt", "input 4", "input 5"]));
      }
    }
  });

  test("an invalid record or score in a Blob a helper reads: the one-thread error", async () => {
    await loadThreadedLibrary();
    for (const [bad, message] of [
      [{ line: 3001, text: '100000000000000000000000000000: {"id": oops}' }, `b.txt: line 3001: ${shown("record is not valid JSON", '100000000000000000000000000000: {"id": oops}')}`],
      [{ line: 2222, text: '12x: {"id": "x"}' }, `b.txt: line 2222: ${shown("score is not an integer", '12x: {"id": "x"}')}`],
    ] as const) {
      const texts = threadedTexts(bad);
      const one = await threadedRun(texts, 10, 1);
      const three = await threadedRun(texts, 10, 3);
      expect(one).toMatchObject({ ok: false, error: ["data", message] });
      expect(three).toMatchObject({ ok: false, error: ["data", message], threads: 3 });
      expect(three.helpers.every((helper) => helper.terminated)).toBe(true);
    }
  });

  test("abort during a threaded run rejects 'aborted' and ends every helper before it settles", async () => {
    await loadThreadedLibrary();
    const started: string[] = [];
    const closed: string[] = [];
    const closings: Promise<void>[] = []; // one per reported helper: settles at its close event
    const onWorker = (worker: import("playwright-core").Worker) => {
      if (!worker.url().startsWith("blob:")) return; // the helpers, from the embedded script
      started.push(worker.url());
      closings.push(new Promise((resolve) => worker.on("close", () => { closed.push(worker.url()); resolve(); })));
    };
    page.on("worker", onWorker);
    try {
      const texts = threadedTexts();
      // Aborted as soon as the helpers start (loading or scanning), and once they have scanned (waiting to check).
      for (const when of ["started", "scanned"]) {
        const result = await page.evaluate(async ({ texts, when }) => {
          const w = window as any;
          w.helperLog.length = 0;
          const controller = new AbortController();
          const inputs = [new Blob([texts.a]), w.gatedStream(texts.stream, true, true), new File([texts.b], "b.txt")];
          const watch = setInterval(() => { if (w.helpersScanned()) controller.abort(); }, 5);
          try {
            await w.highestLib.highest(inputs, 10, {
              threads: 3, chunkSize: 256, signal: controller.signal, tuning: { minThreadedBytes: 0, segmentBytes: 4096 },
              onThreads: (threads: number) => { if (when === "started" && threads === 3) controller.abort(); },
            });
            return { settled: "resolved", helpers: w.helperLog.map((entry: object) => ({ ...entry })) };
          } catch (error) {
            // What the helpers' state is at the moment the promise settles.
            return { settled: (error as { kind: string }).kind, helpers: w.helperLog.map((entry: object) => ({ ...entry })) };
          } finally {
            clearInterval(watch);
          }
        }, { texts, when });
        expect(result.settled).toBe("aborted");
        expect(result.helpers.map((helper: { terminated: boolean }) => helper.terminated)).toEqual([true, true]);
        if (when === "scanned") expect(result.helpers.every((helper: { scanned: number }) => helper.scanned >= 0)).toBe(true);
      }
      // And the browser says so: every helper worker it reported (those ended while loading may
      // never be reported) is gone; the ones that scanned were reported.
      await page.waitForFunction(() => true); // a round trip, so worker events so far have arrived
      let guard: NodeJS.Timeout | undefined; // a hang guard only: the close events end the wait
      await Promise.race([Promise.all(closings), new Promise((resolve) => { guard = setTimeout(resolve, 60_000); })]);
      clearTimeout(guard);
      expect(started.length).toBeGreaterThanOrEqual(2);
      expect(closed.sort()).toEqual(started.sort());
    } finally {
      page.off("worker", onWorker);
    }
  });

  test("the page's worker starts nested helpers: the same answer through highestInWorker", async () => {
    await loadThreadedLibrary();
    const texts = threadedTexts();
    const result = await page.evaluate(async (texts) => {
      const lib = (window as any).highestLib;
      const worker = new (window as any).Worker("/browser/highest.worker.mjs", { type: "module" });
      const inputs = () => [new Blob([texts.a]), new File([texts.b], "b.txt"), new Blob([Uint8Array.from(texts.gzip)])];
      try {
        let threads = 1;
        const options = { tuning: { minThreadedBytes: 0, segmentBytes: 4096 }, helperUrl: "/browser/highest.helper.mjs" };
        const nested = await lib.highestInWorker(worker, inputs(), 400, { ...options, threads: 2, onThreads: (now: number) => (threads = now) });
        const one = await lib.highestInWorker(worker, inputs(), 400, { ...options, threads: 1 });
        const format = (winners: unknown) => lib.formatWinners(winners, { compact: true, locations: true });
        return { threads, same: format(nested) === format(one), length: nested.length };
      } finally {
        worker.terminate();
      }
    }, texts);
    expect(result).toEqual({ threads: 2, same: true, length: 400 });
  });

  test("a helper script that cannot load: the run goes on with the threads that started, onThreads says so, one warning", async () => {
    await loadThreadedLibrary();
    const warnings: string[] = [];
    const onConsole = (message: import("playwright-core").ConsoleMessage) => { if (message.type() === "warning") warnings.push(message.text()); };
    page.on("console", onConsole);
    try {
      const texts = threadedTexts();
      const result = await page.evaluate(async (texts) => {
        const lib = (window as any).highestLib;
        const inputs = () => [new Blob([texts.a]), new File([texts.b], "b.txt")];
        const format = (winners: unknown) => lib.formatWinners(winners, { compact: true, locations: true });
        const reported: number[][] = [];
        const run = async (helperUrl?: string) => {
          const seen: number[] = [];
          reported.push(seen);
          return format(await lib.highest(inputs(), 300, {
            threads: 3, helperUrl, tuning: { minThreadedBytes: 0, segmentBytes: 4096 }, onThreads: (now: number) => seen.push(now),
          }));
        };
        const missing = [await run("/no/such/helper.mjs"), await run("/no/such/helper.mjs")];
        const served = await run("/browser/highest.helper.mjs");
        return { same: missing.every((json) => json === served), reported };
      }, texts);
      expect(result.same).toBe(true);
      expect(result.reported).toEqual([[], [], [2, 3]]); // the missing script counted no thread; the served one both
      expect(warnings).toHaveLength(1); // once, not per helper or per run
      expect(warnings[0]).toMatch(/^highest: a helper worker could not start from http:\/\/127\.0\.0\.1:\d+\/no\/such\/helper\.mjs /);
    } finally {
      page.off("console", onConsole);
    }
  });

  test("highestInWorker takes highest()'s options: shard and lineTexts reach the worker, an unknown option is a usage error", async () => {
    await loadThreadedLibrary();
    const texts = threadedTexts();
    const result = await page.evaluate(async (texts) => {
      const lib = (window as any).highestLib;
      const worker = new (window as any).Worker("/browser/highest.worker.mjs", { type: "module" });
      const inputs = () => [new Blob([texts.a]), new File([texts.b], "b.txt")];
      const lines = (winners: any[]) => winners.map((w) => new TextDecoder().decode(w.text)).join("\n");
      try {
        const options = { shard: { index: 1, count: 2 }, lineTexts: true };
        const there = await lib.highestInWorker(worker, inputs(), 50, options);
        const here = await lib.highest(inputs(), 50, options);
        const unknown = await lib.highestInWorker(worker, inputs(), 5, { bogus: 1 }).then(() => "resolved", (error: any) => `${error.kind}: ${error.message}`);
        const whole = await lib.highest(inputs(), 50, { lineTexts: true });
        return { same: lines(there) === lines(here), partOnly: lines(there) !== lines(whole), texts: there.every((w: any) => w.text instanceof Uint8Array), count: there.length, unknown };
      } finally {
        worker.terminate();
      }
    }, texts);
    expect(result.same).toBe(true);
    expect(result.partOnly).toBe(true); // the shard reached the worker: not the top of all inputs
    expect(result.texts).toBe(true);
    expect(result.count).toBe(50);
    expect(result.unknown).toMatch(/^usage: .*bogus/);
  });

  test("--shard I/K of Blobs, a File and gzip: the same part with one thread and with three, and the CLI's part of the same files", async () => {
    await loadThreadedLibrary();
    const texts = threadedTexts();
    fs.writeFileSync(path.join(workDir, "a.txt"), texts.a);
    fs.writeFileSync(path.join(workDir, "b.txt"), texts.b);
    fs.writeFileSync(path.join(workDir, "g.gz"), Uint8Array.from(texts.gzip));
    const cliName: Record<string, string> = { "input 1": "a.txt", "b.txt": "b.txt", "input 3": "g.gz" };
    for (let count = 1; count <= 4; count++) {
      let records = 0;
      for (let index = 0; index < count; index++) {
        const parts = await page.evaluate(async ({ texts, shard }) => {
          const lib = (window as any).highestLib;
          let used = 1;
          const run = async (threads: number) => lib.formatWinners(await lib.highest(
            [new Blob([texts.a]), new File([texts.b], "b.txt"), new Blob([Uint8Array.from(texts.gzip)])], 20000,
            { threads, shard, tuning: { minThreadedBytes: 0, segmentBytes: 4096 }, onThreads: (now: number) => (used = now) },
          ), { compact: false, locations: true });
          return { one: await run(1), three: await run(3), used };
        }, { texts, shard: { index, count } });
        expect(parts.used).toBe(3); // every part has units enough for both helpers
        expect(parts.three).toBe(parts.one);
        const cli = cliIn(workDir, "a.txt", "b.txt", "g.gz", "20000", "--shard", `${index}/${count}`, "--locations");
        expect(cli.status).toBe(0);
        const located = cliLocated(parts.one).map(([score, id, input, line]) => [score, id, cliName[input], line]);
        expect({ index, count, located }).toEqual({ index, count, located: cliLocated(cli.stdout) });
        records += located.length;
      }
      expect(records).toBe(4000 + 4000 + 2000); // the parts hold every record of a, b and the gzip
    }
  });
});

describe("threads in a page that is not cross-origin isolated", () => {
  let plainServer: Server;
  let plainUrl: string;
  beforeAll(async () => { ({ server: plainServer, url: plainUrl } = await startServer(0, SITE_ROOT, { isolated: false })); });
  afterAll(() => { plainServer?.close(); });

  test("the library runs on one thread (no worker started), with the same answer; the page offers one thread", async () => {
    await loadThreadedLibrary(plainUrl);
    expect(await page.evaluate(() => [crossOriginIsolated, typeof SharedArrayBuffer])).toEqual([false, "undefined"]);
    const texts = threadedTexts();
    const three = await threadedRun(texts, 300, 3);
    expect(three).toMatchObject({ ok: true, threads: 1, helpers: [] });
    const expected = oracle(new TextEncoder().encode(texts.all), 300n);
    if (!three.ok || !expected.ok) throw new Error("unreachable");
    expect(three.plain).toBe(expected.stdout);

    await page.goto(plainUrl);
    expect(await page.$$eval("#threads option", (options) => options.map((option) => (option as HTMLOptionElement).value))).toEqual(["1"]);
    expect(await page.isDisabled("#threads")).toBe(true);
    expect(await runPage(validFile, { count: "3", url: plainUrl })).toBe("done");
    expect(await page.textContent("#summary")).toMatch(/ · 1 thread \(threads are off: the page is not cross-origin isolated\)$/);
    await page.screenshot({ path: "/tmp/highest-page-not-isolated.png", fullPage: true });
  });
});
