#!/usr/bin/env node
// In-browser speed: ranks a generated 256 MB file in the page (build/browser/page/, served
// by build/web/serve.js) with the wasm and the js engine, in headless Chromium, and
// reports MB/s (1 MB = 10^6 bytes) as the page measures it, from "run" to the table.
// It also times the two ways of reading a File (Blob.stream() and successive slices).
// Each engine's JSON is checked against the CLI's before it is timed.
//   node bench/browser-speed.js [--mb 256] [--runs 3] [--count 10]
// --threads instead times one thread against two (a helper worker) in the page on the 1 GiB
// bench file (bench/data/bench-1g.data, generated when missing), as `npm run bench` does:
//   node bench/browser-speed.js --threads [--runs 3]
// Needs `npm run build` (with the browser bundle) and /usr/bin/chromium (or CHROMIUM=path).
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { chromium } = require("playwright-core");
const { writeRecords } = require("../test/browser/generate-records.js");

const root = path.resolve(__dirname, "..");
const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const megabytes = option("mb", 256);
const runs = option("runs", 3);
const count = option("count", 10);

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-quic"];

function dataFile() {
  const file = path.join(root, "bench", "data", `browser-${megabytes}mb.txt`);
  if (!fs.existsSync(file) || fs.statSync(file).size < megabytes * 1e6) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    process.stderr.write(`generating ${file}\n`);
    writeRecords(file, megabytes * 1e6, 42);
  }
  return file;
}

/** One run in the page; returns the JSON shown and the page's elapsed milliseconds. */
async function runInPage(page, engine) {
  await page.selectOption("#engine", engine);
  await page.click("#run");
  await page.waitForSelector("#app[data-state=done], #app[data-state=failed]", { timeout: 600000 });
  if ((await page.getAttribute("#app", "data-state")) === "failed") throw new Error(await page.textContent("#error-message"));
  return { json: await page.textContent("#json"), ms: Number(await page.getAttribute("#app", "data-elapsed-ms")) };
}

/** Reads the chosen File both ways in a worker (where the page reads), without ranking; MB/s of each. */
function readSpeeds(page) {
  return page.evaluate(async () => {
    const file = document.getElementById("file-input").files[0];
    const code = `onmessage = async ({ data: file }) => {
      const time = async (read) => {
        const start = performance.now();
        const bytes = await read();
        if (bytes !== file.size) throw new Error("short read");
        return file.size / 1e3 / (performance.now() - start);
      };
      const stream = () => time(async () => {
        let bytes = 0;
        const reader = file.stream().getReader();
        for (let next = await reader.read(); !next.done; next = await reader.read()) bytes += next.value.length;
        return bytes;
      });
      const slices = () => time(async () => {
        let bytes = 0;
        for (let at = 0; at < file.size; at += 1 << 20) bytes += (await file.slice(at, at + (1 << 20)).arrayBuffer()).byteLength;
        return bytes;
      });
      const best = async (f) => Math.max(await f(), await f(), await f());
      postMessage({ stream: await best(stream), slices: await best(slices) });
    };`;
    const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
    const worker = new Worker(url);
    const result = await new Promise((resolve) => { worker.onmessage = (event) => resolve(event.data); worker.postMessage(file); });
    worker.terminate();
    URL.revokeObjectURL(url);
    return result;
  });
}

/** One thread against two in the page on the 1 GiB bench file (bench/lib/browser-threads.js). */
async function threads() {
  const genData = require("./gen-data");
  const { browserThreads, summarizeBrowser } = require("./lib/browser-threads");
  const file = genData.ensure(genData.dataPath("1g"), genData.parseSize("1g"), { log: (text) => process.stderr.write(`${text}\n`) });
  const result = await browserThreads({
    file, runs: Math.max(3, runs), count, cli: path.join(root, "build", "node", "highest-cli.js"), log: (text) => process.stderr.write(`${text}\n`),
  });
  if (result.status !== "ok") throw new Error(result.status);
  const s = summarizeBrowser(result);
  console.log(`${path.basename(file)}: ${(result.bytes / 1e6).toFixed(0)} MB as a File in the page, top ${count}, medians of ${result.runs} interleaved rounds, ${os.cpus().length} cores`);
  console.log(`1 thread    ${(s.oneMs / 1000).toFixed(2)} s  ${s.oneMbPerS.toFixed(0)} MB/s  (${result.one.map((ms) => (ms / 1000).toFixed(2)).join(" s, ")} s)`);
  console.log(`2 threads   ${(s.twoMs / 1000).toFixed(2)} s  ${s.twoMbPerS.toFixed(0)} MB/s  (${result.two.map((ms) => (ms / 1000).toFixed(2)).join(" s, ")} s)`);
  console.log(`two browser workers / one: ${s.ratio.toFixed(2)}× (median of the rounds' ratios; target ≥ 1.6×)`);
}

async function main() {
  if (process.argv.includes("--threads")) return threads();
  const file = dataFile();
  const size = fs.statSync(file).size;
  const expected = execFileSync(process.execPath, [path.join(root, "build", "node", "highest-cli.js"), file, String(count)], { encoding: "utf8" });
  const { startServer } = require(path.join(root, "build", "web", "serve.js"));
  const { server, url } = await startServer(0);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "highest-bench-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.fill("#count", String(count));
    await page.setInputFiles("#file-input", file); // starts a first (warm-up) run with wasm
    await page.waitForSelector("#app[data-state=done], #app[data-state=failed]", { timeout: 600000 });
    console.log(`${path.basename(file)}: ${(size / 1e6).toFixed(0)} MB, top ${count}, best of ${runs} runs, ${os.cpus().length} cores`);
    const reads = await readSpeeds(page);
    console.log(`read only   Blob.stream() ${reads.stream.toFixed(0)} MB/s   1 MiB slices ${reads.slices.toFixed(0)} MB/s`);
    for (const engine of ["wasm", "js"]) {
      const times = [];
      for (let i = 0; i < runs; i++) {
        const { json, ms } = await runInPage(page, engine);
        if (json !== expected) throw new Error(`${engine}: the page's JSON differs from the CLI's`);
        times.push(ms);
      }
      const best = Math.min(...times);
      console.log(`${engine.padEnd(4)}        ${(size / 1e3 / best).toFixed(0)} MB/s  (${times.map((ms) => (ms / 1000).toFixed(2)).join(" s, ")} s)`);
    }
  } finally {
    await context.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
