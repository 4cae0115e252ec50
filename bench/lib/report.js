'use strict';
// Turns suite results into markdown tables, the target checks and the chart's data.
const { summarize, pairedRatio, pairedRatios } = require('./suite');
const { formatBytes } = require('./machine');
const { median } = require('./measure');
const { summarizeBrowser } = require('./browser-threads');

const fmt = (v, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
/** A contender's name as table cell: code, with '|' escaped so the table holds together. */
const nameCell = (name) => `\`${name.replace(/\|/g, '\\|')}\``;
/** A count as shown: '—' for floors, 'all (1,953,125)' for count = every record of the suite. */
const countText = (n, suite) => (n === null ? '—' : suite && n === suite.all ? `all (${n.toLocaleString('en-US')})` : n.toLocaleString('en-US'));
const short = (name) => name.replace(/ \(.*\)$/, '');

function statusText(row) {
  if (row.status === 'ok') return `${row.output ? row.checkText ?? 'same winners' : 'floor'}${row.note ? `; ${row.note}` : ''}`.replace(/\|/g, '\\|');
  if (row.status.startsWith('skipped')) return row.status.slice(0, 200).replace(/\|/g, '\\|');
  return `**${row.status.slice(0, 200).replace(/\|/g, '\\|')}**`;
}

/**
 * The file table: throughput and ratios to the suite's base floor (`wc -l`, or decompressing to
 * /dev/null for the gzip files). `work` adds the work-after-start-up column, which only means
 * something when the input is big enough for the base floor to dwarf process start-up.
 */
function throughputTable(suite, { work: showWork = true } = {}) {
  const base = nameCell(short(suite.baseName ?? 'wc -l'));
  const lines = [
    `| Contender | N | Check | Median wall (s) | MB/s | Peak RSS (MiB) | × ${base} |${showWork ? ` Work after start-up × ${base} |` : ''}`,
    `| --- | ---: | --- | ---: | ---: | ---: | ---: |${showWork ? ' ---: |' : ''}`,
  ];
  for (const row of suite.rows) {
    const s = summarize(row, suite.bytes);
    const ok = row.status === 'ok';
    const work = row.group === 'highest' && ok ? fmt(s.workRatio) : '';
    const mbs = ok && row.key !== 'node0' ? fmt(s.mbPerS, 0) : '—';
    lines.push(`| ${nameCell(row.name)} | ${countText(row.count, suite)} | ${statusText(row)} | ${ok ? fmt(s.wallMs / 1000, 3) : '—'} | ${mbs} | ${ok ? fmt(s.peakRssMiB, 1) : '—'} | ${ok ? fmt(s.baseRatio) : '—'} |${showWork ? ` ${work} |` : ''}`);
  }
  return lines.join('\n');
}

/** The start-up table: small input, ratios to `node -e 0`. */
function startupTable(suite) {
  const lines = [
    '| Contender | N | Check | Median wall (ms) | × `node -e 0` | Peak RSS (MiB) |',
    '| --- | ---: | --- | ---: | ---: | ---: |',
  ];
  for (const row of suite.rows) {
    const s = summarize(row, suite.bytes);
    const ok = row.status === 'ok';
    lines.push(`| ${nameCell(row.name)} | ${countText(row.count, suite)} | ${statusText(row)} | ${ok ? fmt(s.wallMs, 1) : '—'} | ${ok ? fmt(s.node0Ratio) : '—'} | ${ok ? fmt(s.peakRssMiB, 1) : '—'} |`);
  }
  return lines.join('\n');
}

function rowOf(suite, key, count) {
  return suite.rows.find((r) => r.key === key && r.count === count);
}

/** The fewest rounds a paired ratio is taken over for its target to count as measured. */
const MIN_ROUNDS = 3;
const GIB = 1024;

/**
 * The project's performance targets (issue 10), checked against the measurements. Each entry:
 * { name, value, limit, met (true, false, or null = not measured), shown ('MiB' or ratio), text
 * (the measured cell, when not just the value), limitText, why (a note after the verdict) }.
 * A row that failed (wrong output or crashed) fails the targets that need it to work. gz1: the
 * one-gzip-file suites (issue 18), one per file, a file that could not be made as { kind, missing }.
 */
function targets(main, startup, others = [], gz = null, shortSuite = null, browser = null, gz1 = null, zst = null) {
  const result = [];
  const check = (name, value, limit, shown, extra = {}) => result.push({ name, value, limit, met: Number.isFinite(value) ? value <= limit : null, shown, ...extra });
  const atLeast = (name, value, limit) => result.push({ name, value, limit, atLeast: true, met: Number.isFinite(value) ? value >= limit : null });
  const figure = (suite, key, count, field) => {
    const row = suite && rowOf(suite, key, count);
    return row && row.status === 'ok' ? summarize(row, suite.bytes)[field] : NaN;
  };
  /** A row that must work: when it failed, the target is not met ('failed'), whatever its figure. */
  const failed = (suite, key, count) => {
    const row = suite && rowOf(suite, key, count);
    return row && row.status !== 'ok' && !row.status.startsWith('skipped') ? { text: 'failed', met: false, why: row.status.slice(0, 120) } : null;
  };
  const rssCheck = (name, suite, key, count, limit, why, limitText) => {
    const extra = failed(suite, key, count) ?? { ...(why ? { why } : {}), ...(limitText ? { limitText } : {}) };
    check(name, figure(suite, key, count, 'peakRssMiB'), limit, 'MiB', extra);
    if (extra.met === false) Object.assign(result[result.length - 1], extra);
  };
  if (main && main.counts.includes(5) && rowOf(main, 'wasm', 5)) {
    check('highest wasm (default threads), N=5: whole process ≤ 1.0 × wc -l', figure(main, 'wasm', 5, 'baseRatio'), 1.0);
    check('highest wasm (default threads), N=10,000: work after start-up ≤ 1.2 × wc -l', figure(main, 'wasm', 10000, 'workRatio'), 1.2);
    check('highest wasm (default threads), N=10,000: peak RSS ≤ 80 MiB', figure(main, 'wasm', 10000, 'peakRssMiB'), 80, 'MiB');
    for (const count of main.counts.filter((n) => n !== main.all)) {
      check(`highest wasm --threads 1 ≤ 0.8 × highest --engine js, N=${count.toLocaleString('en-US')}`, pairedRatio(main, 'wasm1', 'js', count), 0.8);
    }
    for (const key of ['wasm', 'wasm1', 'js']) {
      const rows = [main, startup, ...others].filter(Boolean).flatMap((s) => s.rows.filter((r) => r.key === key && r.status === 'ok'));
      const peaks = rows.map((r) => summarize(r, 0).peakRssMiB).filter(Number.isFinite);
      check(`peak RSS ≤ 80 MiB: ${rows[0]?.name ?? key} (N = 5 and 10,000, all files)`, peaks.length ? Math.max(...peaks) : NaN, 80, 'MiB');
    }
  }
  if (main && main.all !== null) {
    // count = every record: wall against --strict N=5 (both validate every record), run by run.
    const all = main.all.toLocaleString('en-US');
    for (const key of ['wasm-all', 'js-all', 'stdin-all']) {
      const row = rowOf(main, key, main.all);
      const ratios = pairedRatios(main, key, 'strict', main.all, 5);
      const value = ratios.length >= MIN_ROUNDS ? pairedRatio(main, key, 'strict', main.all, 5) : NaN;
      const name = `count = all (${all}) on ${formatBytes(main.bytes)}: ${row ? short(row.name) : key} wall ≤ 1.2 × highest --strict N=5 (median of per-round ratios)`;
      const extra = failed(main, key, main.all) ?? {
        text: `${fmt(median(ratios))}× (${ratios.length} round${ratios.length === 1 ? '' : 's'})`,
        why: ratios.length < MIN_ROUNDS ? `fewer than ${MIN_ROUNDS} rounds${row?.note ? ` (${row.note})` : ''}: not judged` : undefined,
      };
      check(name, value, 1.2, undefined, extra);
    }
    for (const key of ['wasm-all', 'js-all', 'stdin-all']) {
      const row = rowOf(main, key, main.all);
      rssCheck(`count = all (${all}): ${row ? short(row.name) : key} works, peak RSS ≤ 400 MiB`, main, key, main.all, 400, key === 'stdin-all' ? 'standard input cannot be read twice: every line\'s bytes are kept' : undefined);
    }
  }
  if (shortSuite) {
    // count = every record of 20 M short lines: both engines work, the output streams, RSS ≤ 2.5 GiB.
    const lines = shortSuite.all.toLocaleString('en-US');
    for (const key of ['wasm-all', 'js-all']) {
      const row = rowOf(shortSuite, key, shortSuite.all);
      const label = `${lines} short lines (${formatBytes(shortSuite.bytes)}), count = all: ${row ? short(row.name) : key}`;
      const bad = failed(shortSuite, key, shortSuite.all);
      const ok = row && row.status === 'ok';
      result.push({ name: `${label} works (every record, in order)`, text: bad ? 'failed' : ok ? `yes, ${fmt(summarize(row, shortSuite.bytes).wallMs / 1000, 1)} s` : '—', limitText: 'works', met: bad ? false : ok ? true : null, why: bad?.why });
      // Streams: half the output on file at least 1 s before the process ended. Printing it all at
      // the end, in one burst, puts 1.2 GB on tmpfs in well under a second; a small output cannot tell.
      const s = row?.stream;
      const judged = ok && s && s.halfMs !== null && s.bytes >= 256 * 2 ** 20;
      result.push({
        name: `${label}: output streams (half of it written ≥ 1 s before the process ends)`,
        text: ok && s ? `first byte at ${fmt(s.firstByteMs / 1000, 1)} s, half at ${fmt(s.halfMs / 1000, 1)} s, end at ${fmt(s.wallMs / 1000, 1)} s (${formatBytes(s.bytes)})` : bad ? 'failed' : '—',
        limitText: 'half ≤ end − 1 s',
        met: bad ? false : judged ? s.halfMs <= s.wallMs - 1000 : null,
        why: !bad && ok && s && !judged ? 'output under 256 MiB: too small to tell' : undefined,
      });
      rssCheck(`${label}: peak RSS ≤ 2.5 GiB`, shortSuite, key, shortSuite.all, 2.5 * GIB, undefined, '2.5 GiB (2560 MiB)');
    }
  }
  const start = startup && rowOf(startup, 'wasm', startup.counts[0]);
  if (startup) check('start-up on the 101-line example ≤ 1.1 × node -e 0 (highest wasm, default threads)', start && start.status === 'ok' ? summarize(start, startup.bytes).node0Ratio : NaN, 1.1);
  if (gz) {
    const files = gz.files ?? '';
    check(`${files} gzip files, N=${gz.counts[0]}: highest --threads 2 ≤ 1.15 × ${short(gz.baseName)}`, figure(gz, 'gz-wasm2', gz.counts[0], 'baseRatio'), 1.15);
  }
  if (gz1) result.push(...fileTargets(gz1, GZ1_TARGETS, GZ1_RATIOS, 'gzip'));
  if (zst) result.push(...fileTargets(zst, ZST_TARGETS, ZST_RATIOS, 'zstd'));
  if (browser) {
    const ratio = browser.status === 'ok' ? summarizeBrowser(browser).ratio : NaN;
    atLeast(`headless Chromium, a ${formatBytes(browser.bytes)} File in the page: two browser workers / one ≥ 1.6× (wall of 1 thread / wall of 2)`, ratio, 1.6);
  }
  return result;
}

/**
 * The one-compressed-file ratios (issues 18, 27, 28), each the median over rounds of wall(a) /
 * wall(b) in the same round. countB null: b is a floor.
 */
const GZ1_RATIOS = [
  { id: 'speedup', name: 'speed-up: wall(highest --threads 1) / wall(highest --threads 2)', a: 'gz1-wasm1', b: 'gz1-wasm2', countB: 5 },
  { id: 'one-vs-igzip', name: 'wall(highest --threads 1) / wall(igzip -dc)', a: 'gz1-wasm1', b: 'igzip', countB: null },
  { id: 'vs-igzip', name: 'wall(highest --threads 2) / wall(igzip -dc)', a: 'gz1-wasm2', b: 'igzip', countB: null },
  { id: 'vs-zcat', name: 'wall(highest --threads 1) / wall(zcat | highest -)', a: 'gz1-wasm1', b: 'gz1-stdin', countB: 5 },
  { id: 'vs-zlib', name: "wall(highest --threads 1) / wall(Node's zlib alone)", a: 'gz1-wasm1', b: 'zlib', countB: null },
];

const ZST_RATIOS = [
  { id: 'speedup', name: 'speed-up: wall(highest --threads 1) / wall(highest --threads 2)', a: 'zst-wasm1', b: 'zst-wasm2', countB: 5 },
  { id: 'one-vs-zstd', name: 'wall(highest --threads 1) / wall(zstd -dc)', a: 'zst-wasm1', b: 'unzstd', countB: null },
  { id: 'vs-zstd', name: 'wall(highest --threads 2) / wall(zstd -dc)', a: 'zst-wasm2', b: 'unzstd', countB: null },
  { id: 'vs-stdin', name: 'wall(highest --threads 2) / wall(zstd -dc | highest -)', a: 'zst-wasm2', b: 'zst-stdin', countB: 5 },
];

/** The targets: which file, which ratio, the limit and its direction. */
const GZ1_TARGETS = [
  { kind: 'gzip6', ratio: 'speedup', limit: 1.7, atLeast: true, what: 'highest --threads 2 ≥ 1.7× --threads 1 (speed-up)' },
  { kind: 'gzip6', ratio: 'vs-igzip', limit: 0.6, atLeast: false, what: 'highest --threads 2 ≤ 0.6 × igzip -dc' },
  // Issue 27: the one-thread inflate.
  { kind: 'gzip6', ratio: 'one-vs-igzip', limit: 1.4, atLeast: false, what: 'highest --threads 1 ≤ 1.4 × igzip -dc' },
  { kind: 'bgzf', ratio: 'speedup', limit: 1.85, atLeast: true, what: 'highest --threads 2 ≥ 1.85× --threads 1 (speed-up)' },
  { kind: 'bgzf', ratio: 'vs-igzip', limit: 0.8, atLeast: false, what: 'highest --threads 2 ≤ 0.8 × igzip -dc' },
  // Issue 27: the one-member file shared through its index.
  { kind: 'gzip6-indexed', ratio: 'speedup', limit: 1.8, atLeast: true, what: 'highest --threads 2 ≥ 1.8× --threads 1 (speed-up)' },
  { kind: 'gzip6-indexed', ratio: 'vs-igzip', limit: 0.8, atLeast: false, what: 'highest --threads 2 ≤ 0.8 × igzip -dc' },
];

/** Issue 28's targets. */
const ZST_TARGETS = [
  { kind: 'zstd3', ratio: 'one-vs-zstd', limit: 1.6, atLeast: false, what: 'highest --threads 1 ≤ 1.6 × zstd -dc' },
  { kind: 'pzstd', ratio: 'speedup', limit: 1.8, atLeast: true, what: 'highest --threads 2 ≥ 1.8× --threads 1 (speed-up)' },
];

/**
 * One paired ratio of a one-file suite: { value (NaN when not judged), ratios, why }.
 * A row that failed makes it 'failed'; a skipped row or fewer than MIN_ROUNDS rounds, not judged.
 */
function pairedSuiteRatio(suite, spec) {
  for (const [key, count] of [[spec.a, 5], [spec.b, spec.countB]]) {
    const row = rowOf(suite, key, count);
    if (!row) return { value: NaN, ratios: [], why: `no ${key} row` };
    if (row.status.startsWith('skipped')) return { value: NaN, ratios: [], why: `${short(row.name)} ${row.status}` };
    if (row.status !== 'ok') return { value: NaN, ratios: [], failed: true, why: `${short(row.name)}: ${row.status.slice(0, 120)}` };
  }
  const ratios = pairedRatios(suite, spec.a, spec.b, 5, spec.countB);
  return { value: median(ratios), ratios, why: ratios.length < MIN_ROUNDS ? `fewer than ${MIN_ROUNDS} rounds: not judged` : undefined };
}

const roundsText = (r) => `${fmt(r.value)}× (${r.ratios.length} round${r.ratios.length === 1 ? '' : 's'})`;

/** The ratio table of one-file suites (`zstd`: the zstd suite's ratios): one row per ratio, one column per file. */
function ratioTable(suites, specs) {
  const esc = (text) => String(text).replace(/\|/g, '\\|');
  const lines = [`| Ratio (median of per-round ratios) | ${suites.map((s) => esc(s.label)).join(' | ')} |`, `| --- |${suites.map(() => ' ---: |').join('')}`];
  for (const spec of specs) {
    const cells = suites.map((s) => {
      const r = pairedSuiteRatio(s, spec);
      return esc(r.ratios.length ? roundsText(r) : `— (${r.why})`);
    });
    lines.push(`| ${esc(spec.name)} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

const gz1RatioTable = (suites) => ratioTable(suites, GZ1_RATIOS);
const zstRatioTable = (suites) => ratioTable(suites, ZST_RATIOS);

/** Target rows of one-file suites; `suites` holds every file of the suite, made or `missing`. */
function fileTargets(suites, targets, specs, what) {
  return targets.map((t) => {
    const suite = suites.find((s) => s.kind === t.kind);
    const label = suite?.label ?? t.kind;
    const size = suite?.bytes ? `, ${formatBytes(suite.bytes)} of records` : '';
    const name = `one ${what} file, ${label}${size}, N=5: ${t.what}, median of per-round ratios`;
    const base = { name, limit: t.limit, atLeast: t.atLeast };
    if (!suite || suite.missing) return { ...base, value: NaN, met: null, text: '—', why: suite?.missing ?? 'not run' };
    const r = pairedSuiteRatio(suite, specs.find((spec) => spec.id === t.ratio));
    const judged = r.ratios.length >= MIN_ROUNDS && Number.isFinite(r.value);
    const met = r.failed ? false : judged ? (t.atLeast ? r.value >= t.limit : r.value <= t.limit) : null;
    return { ...base, value: judged ? r.value : NaN, met, text: r.failed ? 'failed' : r.ratios.length ? roundsText(r) : '—', why: r.why };
  });
}

function targetsTable(list) {
  const lines = ['| Target | Measured | Limit | Met |', '| --- | ---: | ---: | :---: |'];
  const esc = (text) => String(text).replace(/\|/g, '\\|');
  for (const t of list) {
    const unit = t.shown === 'MiB' ? ' MiB' : '×';
    const measured = t.text ?? `${fmt(t.value, t.shown === 'MiB' ? 1 : 2)}${Number.isFinite(t.value) ? unit : ''}`;
    const limit = t.limitText ?? `${t.atLeast ? '≥ ' : ''}${t.limit}${unit}`;
    const met = t.met === null ? 'n/a' : t.met ? 'yes' : '**no**';
    lines.push(`| ${esc(t.name)} | ${esc(measured)} | ${esc(limit)} | ${met}${t.why ? ` (${esc(t.why)})` : ''} |`);
  }
  return lines.join('\n');
}

function machineLine(m, suite, lines) {
  return `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB.toFixed(0)} GiB RAM, ${m.kernel}, Node ${m.node}, ${m.date}; file ${formatBytes(suite.bytes)} (${suite.bytes.toLocaleString('en-US')} bytes, ${lines.toLocaleString('en-US')} lines).`;
}

/**
 * The chart's groups for one suite: one group per contender, one bar per count. series: 'floor',
 * 'all' (count = every record) or the count.
 */
function chartGroups(suite) {
  const groups = new Map();
  for (const row of suite.rows) {
    if (row.key === 'node0') continue; // reads nothing: no MB/s
    const group = groups.get(row.key) ?? { label: row.name.replace(/ \(xargs .*\)$/, ''), bars: [] };
    groups.set(row.key, group);
    const s = summarize(row, suite.bytes);
    const ok = row.status === 'ok';
    const n = row.count === null ? '' : `N=${row.count === suite.all ? 'all' : row.count.toLocaleString('en-US')}`;
    group.bars.push({
      series: row.count === null ? 'floor' : row.count === suite.all ? 'all' : row.count,
      value: ok ? s.mbPerS : NaN,
      text: ok ? `${Math.round(s.mbPerS).toLocaleString('en-US')} MB/s${n ? ` (${n})` : ''}` : `${n || 'floor'}: ${row.status.startsWith('skipped') ? 'skipped (not supported by this build)' : 'not timed (wrong or failed)'}`,
    });
  }
  return [...groups.values()];
}

/** The browser table: the page on the big file with 1 and 2 threads (or why it was not run). */
function browserTable(browser) {
  const lines = [
    '| In the page | N | Check | Median wall (s) | MB/s | × 1 thread (speed-up) |',
    '| --- | ---: | --- | ---: | ---: | ---: |',
  ];
  if (browser.status !== 'ok') {
    const status = browser.status.startsWith('skipped') ? browser.status : `**${browser.status}**`;
    for (const name of ['1 thread (the page\'s worker)', '2 threads (+ 1 helper worker)']) lines.push(`| ${name} | ${browser.count} | ${status.replace(/\|/g, '\\|')} | — | — | — |`);
    return lines.join('\n');
  }
  const s = summarizeBrowser(browser);
  lines.push(`| 1 thread (the page's worker) | ${browser.count} | same winners | ${fmt(s.oneMs / 1000, 3)} | ${fmt(s.oneMbPerS, 0)} | 1.00 |`);
  lines.push(`| 2 threads (+ 1 helper worker) | ${browser.count} | same winners | ${fmt(s.twoMs / 1000, 3)} | ${fmt(s.twoMbPerS, 0)} | ${fmt(s.ratio)} |`);
  return lines.join('\n');
}

/** The chart's groups for the browser rows. */
function browserChartGroups(browser) {
  const s = summarizeBrowser(browser);
  const bar = (value) => ({ series: browser.count, value, text: `${Math.round(value).toLocaleString('en-US')} MB/s (N=${browser.count})` });
  return [
    { label: 'page in Chromium, 1 thread', bars: [bar(s.oneMbPerS)] },
    { label: 'page in Chromium, 2 threads (a helper worker)', bars: [bar(s.twoMbPerS)] },
  ];
}

module.exports = { gz1RatioTable, zstRatioTable, browserTable, browserChartGroups, throughputTable, startupTable, targets, targetsTable, machineLine, chartGroups };
