// The page pairs a gzip file with its index (issue 27): a picked or folder file named X.gzidx is
// the index of the file named X, ranked through it, never ranked as data; the answer is the
// command line's on the same files, and its warnings are the command line's lines. That the index
// was used is shown by a wrong one: its points' decoded offsets moved by one byte, which the
// unit that reaches the first point finds (SPEC: "A wrong index never changes an answer"), so the
// run fails naming the index, where the same files without it rank.
// The files are stored gzip (zlib level 0) of a little over 32 MiB, so that each is cut into two
// units (the page's units are 32 MiB, with no knob) while the test writes tens, not hundreds, of
// MB; their indexes are the CLI's --write-index, a point every MiB (--index-spacing).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import type { Server } from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { BrowserContext, Page } from "playwright-core";
import { SITE_ROOT, startServer } from "../../web/serve";
import { launchChromium } from "../helpers/chromium";

const { writeRecords } = require("./generate-records.js") as { writeRecords(file: string, bytes: number, seed?: number): number };

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "build", "node", "highest-cli.js");

jest.setTimeout(300_000);

let workDir: string;
let server: Server;
let siteUrl: string;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

/** The CLI run from `cwd`, so that its names are the page's (a folder's files by their paths from its parent). */
function cliIn(cwd: string, ...args: string[]): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** Gives the page files (or a folder), which starts a run, and waits for its end. */
async function runPage(files: string | string[], folder = false): Promise<string> {
  await page.goto(siteUrl);
  await page.setInputFiles(folder ? "#folder-input" : "#file-input", files);
  await page.waitForSelector("#app[data-state=done], #app[data-state=failed]", { timeout: 300_000 });
  return (await page.getAttribute("#app", "data-state"))!;
}

/** The JSON view with locations, as `highest … --locations` prints it. */
async function pageJson(): Promise<string> {
  await page.setChecked("#locations", true);
  return (await page.textContent("#json"))!;
}

/** The warning lines the page shows ([] when the list is hidden). */
async function pageWarnings(): Promise<string[]> {
  if (await page.isHidden("#warnings")) return [];
  return page.$$eval("#warnings li", (items) => items.map((item) => item.textContent!));
}

/** A copy of index `from` at `to` with every point's decoded offset (past the first byte) one byte on. */
function wrongIndex(from: string, to: string): void {
  const bytes = fs.readFileSync(from);
  const points = bytes.readUInt32LE(31);
  for (let i = 0; i < points; i++) {
    const at = 35 + i * 18 + 8; // version 1: compressed offset, decoded offset (u64 each), bits, flag
    const out = bytes.readBigUInt64LE(at);
    if (out > 0n) bytes.writeBigUInt64LE(out + 1n, at);
  }
  fs.writeFileSync(to, bytes);
}

/** A folder of hard links to the given files of runs/ (the gzip files are not copied). */
function folderOf(name: string, files: string[]): string {
  const folder = path.join(workDir, name);
  fs.mkdirSync(folder);
  for (const file of files) fs.linkSync(path.join(workDir, "runs", file), path.join(folder, file));
  return folder;
}

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "highest-page-index-"));
  const runs = path.join(workDir, "runs");
  fs.mkdirSync(runs);
  for (const [name, bytes, seed] of [["a", 36e6, 21], ["b", 35e6, 22]] as const) {
    const text = path.join(workDir, `${name}.txt`);
    writeRecords(text, bytes, seed);
    fs.writeFileSync(path.join(runs, `${name}.gz`), zlib.gzipSync(fs.readFileSync(text), { level: 0 }));
    fs.rmSync(text);
  }
  const written = cliIn(workDir, "--write-index", "--index-spacing", String(1 << 20), "runs", "1");
  if (written.status !== 0) throw new Error(`--write-index failed: ${written.stderr}`);
  for (const name of ["a", "b"]) {
    const index = fs.readFileSync(path.join(runs, `${name}.gz.gzidx`));
    if (index.readUInt32LE(31) < 30) throw new Error(`runs/${name}.gz.gzidx has too few points`);
  }
  ({ server, url: siteUrl } = await startServer(0));
  context = await launchChromium(path.join(workDir, "profile"));
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => { if (message.type() === "error" || message.type() === "warning") pageErrors.push(message.text()); });
  if (!fs.existsSync(path.join(SITE_ROOT, "browser", "page", "app.js"))) throw new Error("the page is not built: run `npm run build`");
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await context?.close();
  server?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

test("a .gz picked with its .gzidx is ranked through the index, not as data: the CLI's answer; a wrong index fails the run, naming it", async () => {
  const runs = path.join(workDir, "runs");
  const expected = cliIn(runs, "--no-index", "a.gz", "10", "--locations");
  expect(expected.status).toBe(0);
  expect(await runPage([path.join(runs, "a.gz"), path.join(runs, "a.gz.gzidx")])).toBe("done");
  expect(await pageJson()).toBe(expected.stdout);
  expect(await page.textContent("#file-name")).toMatch(/^a\.gz · /); // one file: the index is no input
  expect(await pageWarnings()).toEqual([]);

  const wrong = folderOf("wrong", ["a.gz"]);
  wrongIndex(path.join(runs, "a.gz.gzidx"), path.join(wrong, "a.gz.gzidx"));
  const failed = cliIn(wrong, "a.gz", "10");
  expect(failed.stderr).toBe("highest: a.gz: its index a.gz.gzidx does not match its data (a point or a CRC-32 is wrong): remove the index, or run with --no-index\n");
  expect(await runPage([path.join(wrong, "a.gz"), path.join(wrong, "a.gz.gzidx")])).toBe("failed");
  expect(await page.textContent("#error-message")).toBe(failed.stderr.trim());
  // The same file without its index ranks: the failure came from the index, so it was read and used.
  expect(await runPage(path.join(wrong, "a.gz"))).toBe("done");
  expect(await pageJson()).toBe(expected.stdout);
});

test("a folder of two .gz files each beside its .gzidx: each ranked through its own index, the CLI's answer for the directory", async () => {
  const expected = cliIn(workDir, "--no-index", "runs", "10", "--locations");
  expect(expected.status).toBe(0);
  expect(await runPage(path.join(workDir, "runs"), true)).toBe("done");
  expect(await pageJson()).toBe(expected.stdout);
  expect(await page.textContent("#file-name")).toMatch(/^2 files · /);
  expect(await page.$$eval("#file-list li", (items) => items.map((item) => item.textContent!.replace(/ · .* · /, " · ")))).toEqual(
    ["runs/a.gz · indexed", "runs/b.gz · indexed"]);
  expect(await pageWarnings()).toEqual([]);
  expect(cliIn(workDir, "runs", "10", "--locations")).toEqual({ ...expected, stderr: "" }); // nor does the CLI rank an index as data

  // b's index wrong, a's right: the run fails naming b's, as the CLI does (each file has its own).
  const wrong = folderOf("wrong-b", ["a.gz", "a.gz.gzidx", "b.gz"]);
  wrongIndex(path.join(workDir, "runs", "b.gz.gzidx"), path.join(wrong, "b.gz.gzidx"));
  const failed = cliIn(workDir, "wrong-b", "10");
  expect(failed.stderr).toMatch(/^highest: wrong-b\/b\.gz: its index wrong-b\/b\.gz\.gzidx does not match its data/);
  expect(await runPage(wrong, true)).toBe("failed");
  expect(await page.textContent("#error-message")).toBe(failed.stderr.trim());
});

test("an index that does not match its file, or has no file, is left out with the CLI's warning lines; the answer is the plain route's", async () => {
  // a's index older than a.gz; b.gz given a's index (made for a file of another size); one with no file.
  const stale = folderOf("stale", ["a.gz", "b.gz"]);
  fs.copyFileSync(path.join(workDir, "runs", "a.gz.gzidx"), path.join(stale, "a.gz.gzidx"));
  fs.copyFileSync(path.join(workDir, "runs", "a.gz.gzidx"), path.join(stale, "b.gz.gzidx"));
  fs.copyFileSync(path.join(workDir, "runs", "a.gz.gzidx"), path.join(stale, "c.gz.gzidx"));
  const aTime = fs.statSync(path.join(stale, "a.gz")).mtime;
  fs.utimesSync(path.join(stale, "a.gz.gzidx"), new Date(aTime.getTime() - 60_000), new Date(aTime.getTime() - 60_000));
  const expected = cliIn(workDir, "--no-index", "stale", "10", "--locations");
  const warned = cliIn(workDir, "stale", "10", "--locations");
  expect(warned.stdout).toBe(expected.stdout);
  const lines = warned.stderr.trim().split("\n");
  expect(lines).toEqual([
    "highest: warning: stale/a.gz.gzidx is left out: it is older than stale/a.gz; stale/a.gz is read from its start",
    `highest: warning: stale/b.gz.gzidx is left out: it was made for a file of ${fs.statSync(path.join(stale, "a.gz")).size} bytes, not ${fs.statSync(path.join(stale, "b.gz")).size}; stale/b.gz is read from its start`,
    "highest: warning: stale/c.gz.gzidx is left out: it is an index, and stale/c.gz is not among the inputs",
  ]);
  expect(await runPage(stale, true)).toBe("done");
  expect(await pageJson()).toBe(expected.stdout);
  expect((await pageWarnings()).sort()).toEqual([...lines].sort());
  await page.screenshot({ path: "/tmp/highest-page-index-warnings.png", fullPage: true });

  // Picked alone, an index is no input: the page says why and runs nothing.
  await page.goto(siteUrl);
  await page.setInputFiles("#file-input", path.join(stale, "c.gz.gzidx"));
  await page.waitForSelector("#warnings li");
  expect(await pageWarnings()).toEqual(["highest: warning: c.gz.gzidx is left out: it is an index, and c.gz is not among the inputs"]);
  expect(await page.getAttribute("#app", "data-state")).toBe("idle");
  expect(await page.isDisabled("#run")).toBe(true);
});
