'use strict';
// One benchmark suite: one input (a file, or a folder of files), some counts, some contenders,
// some floors.
//  1. warm the page cache;
//  2. check every contender's winners against the reference (bench/lib/reference.js, which
//     shares no code with highest; this run also warms each program); a contender that
//     disagrees or fails is reported, not timed; an `optional` contender (a feature this build
//     of highest may not have yet) that exits with 1, highest's usage error, is skipped;
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
 * A row whose check run takes longer than this is not run again: that run is its one timing
 * (ratios to the floors of round 1), so that a slow build (e.g. count = all before it is fast)
 * cannot make the whole benchmark take hours.
 */
const SLOW_MS = 20_000;

/** The counts a contender runs at in a suite: `at` is 'counts' (default), 'all', or a list. */
function countsOf(contender, counts, all) {
  const at = contender.at ?? 'counts';
  if (at === 'all') return all === null || all === undefined ? [] : [all];
  if (at === 'counts') return counts;
  return counts.filter((n) => at.includes(n));
}

/**
 * Runs a suite and returns { title, file, bytes, counts, all, base, runs, rows } where each row is
 *   { key, name, group, count, status: 'ok' | reason, walls[], rss[], baseRatios[], node0Ratios[], workRatios[] }.
 *
 * file: the input given to every command (a file or a folder); bytes: the (uncompressed) bytes
 * it holds, for MB/s (default: the file's size); warm: the files to read into the page cache
 * (default: [file]). counts: the counts every contender runs at; all: the record count, for
 * contenders with `at: 'all'` (count = every record). base: the floor whose wall every ratio
 * is taken to (default 'wc'). skip: Map key → reason, for contenders that cannot run here.
 */
function runSuite({ title, file, bytes, warm, counts, all = null, base = 'wc', contenders, floors, reference, runs, rssTool, log, skip = new Map(), slowMs = SLOW_MS }) {
  bytes ??= fs.statSync(file).size;
  const run = (argv) => runMeasured(argv, { rssTool });
  const countList = [...new Set(contenders.flatMap((c) => countsOf(c, counts, all)))].sort((a, b) => a - b);
  log(`\n== ${title}: ${file} (${(bytes / 2 ** 20).toFixed(1)} MiB), counts ${countList.join(', ')}, ${runs} runs`);
  for (const f of warm ?? [file]) warmCache(f);

  const rows = [];
  for (const floor of floors) rows.push({ ...floor, count: null, status: 'ok', walls: [], rss: [] });
  for (const count of countList) {
    for (const c of contenders) {
      if (countsOf(c, counts, all).includes(count)) rows.push({ ...c, count, status: 'ok', walls: [], rss: [] });
    }
  }

  // Correctness first: the reference's winners per count, then one checked run per contender.
  const expected = new Map();
  for (const count of countList) {
    const ref = run(reference.argv(file, count));
    if (!ref.ok) throw new Error(`reference ${reference.name} failed on ${file} count ${count}: ${failure(ref)}`);
    expected.set(count, parseWinnersJson(ref.stdout));
  }
  for (const row of rows) {
    if (skip.has(row.key)) {
      row.status = `skipped: ${skip.get(row.key)}`;
      log(`  - ${row.name} N=${row.count}: ${row.status}`);
      continue;
    }
    const result = run(row.argv(file, row.count));
    const problem = checkRun(row, result, expected.get(row.count));
    if (problem && row.optional && result.status === 1) {
      row.status = `skipped: this highest rejects it (${problem})`;
      log(`  - ${row.name} N=${row.count}: ${row.status}`);
    } else if (problem) {
      row.status = `not timed: ${problem}`;
      log(`  ✗ ${row.name} N=${row.count}: ${problem}`);
    } else if (result.wallMs > slowMs) {
      // Too slow to repeat: the check run, a whole run of the same command, is its one timing.
      row.note = `timed once (the check run, ${(result.wallMs / 1000).toFixed(0)} s)`;
      row.walls[0] = result.wallMs;
      row.rss[0] = result.rssKiB;
      log(`  ! ${row.name} N=${row.count}: ${row.note}`);
    }
  }

  // Interleaved timed rounds.
  for (let round = 0; round < runs; round++) {
    for (const row of rows) {
      if (row.status !== 'ok' || row.note) continue;
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
    const shown = rows.filter((r) => r.status === 'ok' && r.walls[round] !== undefined).map((r) => `${r.key}${r.count === null ? '' : `@${r.count}`}=${(r.walls[round] / 1000).toFixed(2)}`);
    log(`  round ${round + 1}/${runs}: ${shown.join(' ')}`);
  }

  // Ratios within each round, to the floors of the same round.
  const floorWall = (key, round) => rows.find((r) => r.key === key)?.walls[round];
  for (const row of rows) {
    row.baseRatios = [];
    row.node0Ratios = [];
    row.workRatios = [];
    for (let round = 0; round < runs; round++) {
      const t = row.walls[round];
      const b = floorWall(base, round);
      const node0 = floorWall('node0', round);
      if (t === undefined) continue;
      if (b) row.baseRatios.push(t / b);
      if (node0) row.node0Ratios.push(t / node0);
      if (b && node0 !== undefined) row.workRatios.push((t - node0) / b);
    }
  }
  return { title, file, bytes, counts: countList, all, base, baseName: rows.find((r) => r.key === base)?.name ?? base, runs, rows };
}

/** Summary figures of one row: medians over the rounds, peak RSS over all runs. */
function summarize(row, bytes) {
  const wallMs = median(row.walls);
  const rssValues = row.rss.filter((v) => typeof v === 'number');
  return {
    wallMs,
    mbPerS: bytes / 1e6 / (wallMs / 1000),
    peakRssMiB: rssValues.length ? Math.max(...rssValues) / 1024 : NaN,
    baseRatio: median(row.baseRatios),
    node0Ratio: median(row.node0Ratios),
    workRatio: median(row.workRatios),
  };
}

/**
 * Median over rounds of a/b for two rows of the same suite (e.g. wasm one thread vs js); countB
 * (default: countA) compares different counts, e.g. count = all against --strict N=5.
 */
function pairedRatio(suite, keyA, keyB, count, countB = count) {
  const a = suite.rows.find((r) => r.key === keyA && r.count === count);
  const b = suite.rows.find((r) => r.key === keyB && r.count === countB);
  if (!a || !b || a.status !== 'ok' || b.status !== 'ok') return NaN;
  const ratios = [];
  for (let round = 0; round < suite.runs; round++) {
    if (a.walls[round] !== undefined && b.walls[round] !== undefined) ratios.push(a.walls[round] / b.walls[round]);
  }
  return median(ratios);
}

module.exports = { runSuite, summarize, pairedRatio };
