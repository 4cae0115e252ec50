'use strict';
// The page in headless Chromium on one big File: one thread (the page's worker alone) against
// two (that worker and one helper worker), timed as the page times a run (from "run" to the
// table: helper start-up included), in interleaved rounds whose order alternates. Every run's
// JSON is checked against the CLI's. Needs `npm run build` and Chromium (/usr/bin/chromium or
// CHROMIUM=path); without them the result says why it was skipped.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { median } = require('./measure');

const ROOT = path.join(__dirname, '..', '..');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic'];
const RUN_TIMEOUT_MS = 600_000;

/** Why the browser rows cannot run here, or null. */
function unavailable() {
  const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) return `no Chromium at ${chromium} (set CHROMIUM=path)`;
  try {
    require.resolve('playwright-core');
  } catch {
    return 'playwright-core is not installed (npm install)';
  }
  if (!fs.existsSync(path.join(ROOT, 'build', 'browser', 'page', 'app.js'))) return 'the page is not built (npm run build)';
  return null;
}

/** One run in the page with `threads` selected: its JSON, elapsed ms and the threads it used. */
async function runInPage(page, threads) {
  await page.selectOption('#threads', String(threads));
  await page.click('#run');
  await page.waitForSelector('#app[data-state=done], #app[data-state=failed]', { timeout: RUN_TIMEOUT_MS });
  if ((await page.getAttribute('#app', 'data-state')) === 'failed') throw new Error(await page.textContent('#error-message'));
  return {
    json: await page.textContent('#json'),
    ms: Number(await page.getAttribute('#app', 'data-elapsed-ms')),
    used: Number(await page.getAttribute('#app', 'data-threads')),
  };
}

/**
 * Times `file` in the page with 1 and 2 threads, `runs` interleaved rounds.
 * Returns { status: 'ok' | 'skipped: …' | 'failed: …', file, bytes, count, runs, one: ms[], two: ms[], ratios: [] }
 * (ratios: one / two per round).
 */
async function browserThreads({ file, runs, count = 10, cli, log = () => {} }) {
  const bytes = fs.statSync(file).size;
  const result = { status: 'ok', file, bytes, count, runs, one: [], two: [], ratios: [] };
  const why = unavailable();
  if (why) return { ...result, status: `skipped: ${why}` };
  const { chromium } = require('playwright-core');
  const { startServer } = require(path.join(ROOT, 'build', 'web', 'serve.js'));
  const expected = execFileSync(process.execPath, [cli, file, String(count)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const { server, url } = await startServer(0);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'highest-bench-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    if (!(await page.evaluate(() => crossOriginIsolated))) return { ...result, status: 'skipped: the page is not cross-origin isolated' };
    if ((await page.$$('#threads option')).length < 2) return { ...result, status: 'skipped: the page offers one thread' };
    await page.fill('#count', String(count));
    await page.selectOption('#threads', '2');
    await page.setInputFiles('#file-input', file); // a first, warm-up run
    await page.waitForSelector('#app[data-state=done], #app[data-state=failed]', { timeout: RUN_TIMEOUT_MS });
    for (let round = 0; round < runs; round++) {
      const times = {};
      for (const threads of round % 2 === 0 ? [1, 2] : [2, 1]) {
        const { json, ms, used } = await runInPage(page, threads);
        if (json !== expected) return { ...result, status: `failed: ${threads} thread(s): the page's JSON differs from the CLI's` };
        if (used !== threads) return { ...result, status: `failed: asked for ${threads} thread(s), the page used ${used}` };
        times[threads] = ms;
      }
      result.one.push(times[1]);
      result.two.push(times[2]);
      result.ratios.push(times[1] / times[2]);
      log(`browser round ${round + 1}: 1 thread ${(times[1] / 1000).toFixed(2)} s, 2 threads ${(times[2] / 1000).toFixed(2)} s`);
    }
    return result;
  } catch (error) {
    return { ...result, status: `failed: ${String(error.message ?? error).split('\n')[0]}` };
  } finally {
    await context?.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** Medians: wall seconds and MB/s of each, and the median ratio one / two. */
function summarizeBrowser(result) {
  const one = median(result.one);
  const two = median(result.two);
  return { oneMs: one, twoMs: two, oneMbPerS: result.bytes / 1e3 / one, twoMbPerS: result.bytes / 1e3 / two, ratio: median(result.ratios) };
}

module.exports = { browserThreads, summarizeBrowser, unavailable };
