'use strict';
// One benchmark suite: one input file, some counts, some contenders, some floors.
//  1. warm the page cache;
//  2. check every contender's winners against the reference (this run also warms each program);
//     a contender that disagrees or fails is reported, not timed;
//  3. time interleaved rounds: each round runs the floors once, then every (count, contender)
//     once, so all entries of a round share the same machine weather; ratios are taken within a
//     round and their median is reported. Outputs are checked on every timed run too.
const fs = require('node:fs');
const { runMeasured, failure, warmCache, median } = require('./measure');
const { parseWinnersJson, parseWinnersLines, compareWinners } = require('./winners');

function parseOutput(kind, text) {
  return kind === 'lines' ? parseWinnersLines(text) : parseWinnersJson(text);
}

/** null if the run printed the expected winners, else why not. */
function checkRun(entry, result, expected) {
  if (!result.ok) return failure(result);
  if (!entry.output) return null;
  let winners;
  try {
    winners = parseOutput(entry.output, result.stdout);
  } catch (error) {
    return `unreadable output: ${error.message}`;
  }
  const difference = compareWinners(expected, winners);
  return difference ? `different winners: ${difference}` : null;
}

/**
 * Runs a suite and returns { file, bytes, counts, rows } where each row is
 *   { key, name, group, count, status: 'ok' | reason, walls[], rss[], wcRatios[], node0Ratios[], workRatios[] }.
 */
function runSuite({ title, file, counts, contenders, floors, reference, runs, rssTool, log }) {
  const bytes = fs.statSync(file).size;
  const run = (argv) => runMeasured(argv, { rssTool });
  log(`\n== ${title}: ${file} (${(bytes / 2 ** 20).toFixed(1)} MiB), counts ${counts.join(', ')}, ${runs} runs`);
  warmCache(file);

  const rows = [];
  for (const floor of floors) rows.push({ ...floor, count: null, status: 'ok', walls: [], rss: [] });
  for (const count of counts) for (const c of contenders) rows.push({ ...c, count, status: 'ok', walls: [], rss: [] });

  // Correctness first: the reference's winners per count, then one checked run per contender.
  const expected = new Map();
  for (const count of counts) {
    const ref = run(reference.argv(file, count));
    if (!ref.ok) throw new Error(`reference ${reference.name} failed on ${file} count ${count}: ${failure(ref)}`);
    expected.set(count, parseWinnersJson(ref.stdout));
  }
  for (const row of rows) {
    const problem = checkRun(row, run(row.argv(file, row.count)), expected.get(row.count));
    if (problem) {
      row.status = `not timed: ${problem}`;
      log(`  ✗ ${row.name} N=${row.count}: ${problem}`);
    }
  }

  // Interleaved timed rounds.
  for (let round = 0; round < runs; round++) {
    for (const row of rows) {
      if (row.status !== 'ok') continue;
      const result = run(row.argv(file, row.count));
      const problem = checkRun(row, result, expected.get(row.count));
      if (problem) {
        row.status = `failed in timed run ${round + 1}: ${problem}`;
        log(`  ✗ ${row.name} N=${row.count}: ${row.status}`);
        continue;
      }
      row.walls[round] = result.wallMs;
      row.rss[round] = result.rssKiB;
    }
    const shown = rows.filter((r) => r.status === 'ok').map((r) => `${r.key}${r.count === null ? '' : `@${r.count}`}=${(r.walls[round] / 1000).toFixed(2)}`);
    log(`  round ${round + 1}/${runs}: ${shown.join(' ')}`);
  }

  // Ratios within each round, to the floors of the same round.
  const floorWall = (key, round) => rows.find((r) => r.key === key)?.walls[round];
  for (const row of rows) {
    row.wcRatios = [];
    row.node0Ratios = [];
    row.workRatios = [];
    for (let round = 0; round < runs; round++) {
      const t = row.walls[round];
      const wc = floorWall('wc', round);
      const node0 = floorWall('node0', round);
      if (t === undefined) continue;
      if (wc) row.wcRatios.push(t / wc);
      if (node0) row.node0Ratios.push(t / node0);
      if (wc && node0 !== undefined) row.workRatios.push((t - node0) / wc);
    }
  }
  return { title, file, bytes, counts, runs, rows };
}

/** Summary figures of one row: medians over the rounds, peak RSS over all runs. */
function summarize(row, bytes) {
  const wallMs = median(row.walls);
  const rssValues = row.rss.filter((v) => typeof v === 'number');
  return {
    wallMs,
    mbPerS: bytes / 1e6 / (wallMs / 1000),
    peakRssMiB: rssValues.length ? Math.max(...rssValues) / 1024 : NaN,
    wcRatio: median(row.wcRatios),
    node0Ratio: median(row.node0Ratios),
    workRatio: median(row.workRatios),
  };
}

/** Median over rounds of a/b for two rows of the same suite (e.g. wasm one thread vs js). */
function pairedRatio(suite, keyA, keyB, count) {
  const a = suite.rows.find((r) => r.key === keyA && r.count === count);
  const b = suite.rows.find((r) => r.key === keyB && r.count === count);
  if (!a || !b || a.status !== 'ok' || b.status !== 'ok') return NaN;
  const ratios = [];
  for (let round = 0; round < suite.runs; round++) {
    if (a.walls[round] !== undefined && b.walls[round] !== undefined) ratios.push(a.walls[round] / b.walls[round]);
  }
  return median(ratios);
}

module.exports = { runSuite, summarize, pairedRatio };
