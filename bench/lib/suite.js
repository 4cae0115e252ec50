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
// A suite whose outputs are too big for the reference and for one string (20 M winners) gives a
// `checker` instead: outputs go to files, each contender's check run is verified by the checker
// and compared byte for byte with the first verified output, and every timed run's output is
// compared byte for byte with that verified output.
const fs = require('node:fs');
const path = require('node:path');
const { runMeasured, failure, warmCache, sameBytes, median } = require('./measure');
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
 * (ratios to the floors of round 1), so that a pathologically slow build cannot make the whole
 * benchmark take hours. Per suite (`slowMs`); count = all on the 1 GiB file takes 5–20 s and is
 * timed in rounds like everything else.
 */
const SLOW_MS = 120_000;

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
function runSuite({ title, file, bytes, warm, counts, all = null, base = 'wc', contenders, floors, reference, checker = null, runs, rssTool, log, skip = new Map(), slowMs = SLOW_MS }) {
  bytes ??= fs.statSync(file).size;
  const run = (argv, stdoutFile) => runMeasured(argv, { rssTool, stdoutFile });
  if (checker) return runFileChecked({ title, file, bytes, warm, all, base, contenders, floors, checker, runs, run, log, skip, slowMs });
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

  addRatios(rows, base, runs);
  return { title, file, bytes, counts: countList, all, base, baseName: rows.find((r) => r.key === base)?.name ?? base, runs, slowMs, rows };
}

/** Ratios within each round, to the floors of the same round. */
function addRatios(rows, base, runs) {
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
}

/** Where big outputs go: tmpfs (/dev/shm) when it has room, so that writing them costs no disk I/O. */
function outputDir(fallback) {
  try {
    const st = fs.statfsSync('/dev/shm');
    if (st.bavail * st.bsize > 6 * 2 ** 30) return '/dev/shm';
  } catch {
    // no /dev/shm (or no statfs): the fallback
  }
  return fallback;
}

/**
 * runSuite for a suite checked by `checker` ({ name, verify(outFile) → null | problem,
 * outDir? }) rather than the reference: every contender runs at count = `all`, with its output
 * written to a file. Check run: through bench/lib/output-timeline.js (when did the output's
 * first byte, and its first half, arrive), then checker.verify, then a byte-for-byte comparison
 * with the first verified output (so both engines print the very same bytes). Timed runs:
 * byte-for-byte comparison with that verified output.
 */
function runFileChecked({ title, file, bytes, warm, all, base, contenders, floors, checker, runs, run, log, skip, slowMs }) {
  log(`\n== ${title}: ${file} (${(bytes / 2 ** 20).toFixed(1)} MiB), count = all (${all}), ${runs} runs, checked by ${checker.name}`);
  for (const f of warm ?? [file]) warmCache(f);
  const dir = checker.outDir ?? outputDir(path.dirname(file));
  const outFile = path.join(dir, `bench-out-${process.pid}.json`);
  const verified = path.join(dir, `bench-out-${process.pid}-verified.json`);
  let verifiedBy = null;
  const rows = [];
  for (const floor of floors) rows.push({ ...floor, count: null, status: 'ok', walls: [], rss: [] });
  for (const c of contenders) rows.push({ ...c, count: all, status: 'ok', walls: [], rss: [] });
  const timeline = path.join(__dirname, 'output-timeline.js');
  try {
    for (const row of rows) {
      if (skip.has(row.key)) {
        row.status = `skipped: ${skip.get(row.key)}`;
        log(`  - ${row.name}: ${row.status}`);
        continue;
      }
      let problem;
      let result;
      if (row.output) {
        const started = process.hrtime.bigint();
        result = run([process.execPath, timeline, outFile, ...row.argv(file, row.count)]);
        if (result.ok) {
          try {
            row.stream = JSON.parse(result.stdout);
          } catch {
            row.stream = null;
          }
        }
        const checkStarted = process.hrtime.bigint();
        problem = result.ok ? checker.verify(outFile) : failure(result);
        const checkMs = Number(process.hrtime.bigint() - checkStarted) / 1e6;
        if (!problem && verifiedBy && !sameBytes(outFile, verified)) problem = `verified, but not the same bytes as ${verifiedBy}'s output`;
        if (!problem && !verifiedBy) {
          fs.renameSync(outFile, verified);
          verifiedBy = row.name;
        }
        if (!problem) {
          const s = row.stream;
          row.checkText = `every record, in order (${checker.name}${verifiedBy === row.name ? '' : `; same bytes as ${short(verifiedBy)}`})`;
          log(`  ✓ ${row.name}: ${(Number(checkStarted - started) / 1e9).toFixed(1)} s, checked in ${(checkMs / 1000).toFixed(1)} s${s ? `; output ${(s.bytes / 1e6).toFixed(0)} MB, first byte at ${(s.firstByteMs / 1000).toFixed(1)} s, half at ${(s.halfMs / 1000).toFixed(1)} s of ${(s.wallMs / 1000).toFixed(1)} s` : ''}`);
        }
      } else {
        result = run(row.argv(file, row.count));
        problem = result.ok ? null : failure(result);
      }
      if (problem) {
        row.status = `not timed: ${problem}`;
        log(`  ✗ ${row.name}: ${problem}`);
      } else if (result.wallMs > slowMs) {
        row.note = `timed once (the check run, ${(result.wallMs / 1000).toFixed(0)} s)`;
        row.walls[0] = result.wallMs;
        row.rss[0] = result.rssKiB;
        log(`  ! ${row.name}: ${row.note}`);
      }
    }
    for (let round = 0; round < runs; round++) {
      for (const row of rows) {
        if (row.status !== 'ok' || row.note) continue;
        const result = run(row.argv(file, row.count), row.output ? outFile : undefined);
        let problem = result.ok ? null : failure(result);
        if (!problem && row.output && !sameBytes(outFile, verified)) problem = 'output not the same bytes as the verified one';
        if (problem) {
          row.status = `failed in timed run ${round + 1}: ${problem}`;
          log(`  ✗ ${row.name}: ${row.status}`);
          continue;
        }
        row.walls[round] = result.wallMs;
        row.rss[round] = result.rssKiB;
      }
      const shown = rows.filter((r) => r.status === 'ok' && r.walls[round] !== undefined).map((r) => `${r.key}=${(r.walls[round] / 1000).toFixed(2)}`);
      log(`  round ${round + 1}/${runs}: ${shown.join(' ')}`);
    }
  } finally {
    fs.rmSync(outFile, { force: true });
    fs.rmSync(verified, { force: true });
  }
  addRatios(rows, base, runs);
  return { title, file, bytes, counts: [all], all, base, baseName: rows.find((r) => r.key === base)?.name ?? base, runs, slowMs, checker: checker.name, rows };
}

const short = (name) => name.replace(/ \(.*\)$/, '');

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
  return median(pairedRatios(suite, keyA, keyB, count, countB));
}

/** The per-round ratios behind pairedRatio (rounds where both rows were timed; a row timed once has none). */
function pairedRatios(suite, keyA, keyB, count, countB = count) {
  const a = suite.rows.find((r) => r.key === keyA && r.count === count);
  const b = suite.rows.find((r) => r.key === keyB && r.count === countB);
  if (!a || !b || a.status !== 'ok' || b.status !== 'ok' || a.note || b.note) return [];
  const ratios = [];
  for (let round = 0; round < suite.runs; round++) {
    if (a.walls[round] !== undefined && b.walls[round] !== undefined) ratios.push(a.walls[round] / b.walls[round]);
  }
  return ratios;
}

module.exports = { runSuite, summarize, pairedRatio, pairedRatios };
