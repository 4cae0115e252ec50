'use strict';
// Turns suite results into markdown tables, the target checks and the chart's data.
const { summarize, pairedRatio } = require('./suite');
const { formatBytes } = require('./machine');
const { summarizeBrowser } = require('./browser-threads');

const fmt = (v, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
/** A contender's name as table cell: code, with '|' escaped so the table holds together. */
const nameCell = (name) => `\`${name.replace(/\|/g, '\\|')}\``;
/** A count as shown: '—' for floors, 'all (1,953,125)' for count = every record of the suite. */
const countText = (n, suite) => (n === null ? '—' : suite && n === suite.all ? `all (${n.toLocaleString('en-US')})` : n.toLocaleString('en-US'));
const short = (name) => name.replace(/ \(.*\)$/, '');

function statusText(row) {
  if (row.status === 'ok') return `${row.output ? 'same winners' : 'floor'}${row.note ? `; ${row.note}` : ''}`;
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

/** The project's performance targets (issue 10), checked against the measurements. */
function targets(main, startup, others = [], gz = null, browser = null) {
  const result = [];
  const check = (name, value, limit, shown) => result.push({ name, value, limit, met: Number.isFinite(value) ? value <= limit : null, shown });
  const atLeast = (name, value, limit) => result.push({ name, value, limit, atLeast: true, met: Number.isFinite(value) ? value >= limit : null });
  const figure = (suite, key, count, field) => {
    const row = suite && rowOf(suite, key, count);
    return row && row.status === 'ok' ? summarize(row, suite.bytes)[field] : NaN;
  };
  check('highest wasm (default threads), N=5: whole process ≤ 1.0 × wc -l', figure(main, 'wasm', 5, 'baseRatio'), 1.0);
  check('highest wasm (default threads), N=10,000: work after start-up ≤ 1.2 × wc -l', figure(main, 'wasm', 10000, 'workRatio'), 1.2);
  check('highest wasm (default threads), N=10,000: peak RSS ≤ 80 MiB', figure(main, 'wasm', 10000, 'peakRssMiB'), 80, 'MiB');
  for (const count of main.counts.filter((n) => n !== main.all)) {
    check(`highest wasm --threads 1 ≤ 0.8 × highest --engine js, N=${count.toLocaleString('en-US')}`, pairedRatio(main, 'wasm1', 'js', count), 0.8);
  }
  for (const key of ['wasm', 'wasm1', 'js']) {
    const rows = [main, startup, ...others].flatMap((s) => s.rows.filter((r) => r.key === key && r.status === 'ok'));
    const peaks = rows.map((r) => summarize(r, 0).peakRssMiB).filter(Number.isFinite);
    check(`peak RSS ≤ 80 MiB: ${rows[0]?.name ?? key} (N = 5 and 10,000, all files)`, peaks.length ? Math.max(...peaks) : NaN, 80, 'MiB');
  }
  if (main.all !== null) {
    const all = main.all.toLocaleString('en-US');
    check(`count = all (${all}): highest (default) wall ≤ 1.2 × highest --strict N=5`, pairedRatio(main, 'wasm-all', 'strict', main.all, 5), 1.2);
    for (const key of ['wasm-all', 'js-all', 'stdin-all']) {
      const row = rowOf(main, key, main.all);
      check(`count = all: ${row ? short(row.name) : key} works, peak RSS ≤ 400 MiB`, figure(main, key, main.all, 'peakRssMiB'), 400, 'MiB');
    }
  }
  const start = rowOf(startup, 'wasm', startup.counts[0]);
  check('start-up on the 101-line example ≤ 1.1 × node -e 0 (highest wasm, default threads)', start && start.status === 'ok' ? summarize(start, startup.bytes).node0Ratio : NaN, 1.1);
  if (gz) {
    const files = gz.files ?? '';
    check(`${files} gzip files, N=${gz.counts[0]}: highest --threads 2 ≤ 1.15 × ${short(gz.baseName)}`, figure(gz, 'gz-wasm2', gz.counts[0], 'baseRatio'), 1.15);
  }
  if (browser) {
    const ratio = browser.status === 'ok' ? summarizeBrowser(browser).ratio : NaN;
    atLeast(`headless Chromium, a ${formatBytes(browser.bytes)} File in the page: two browser workers / one ≥ 1.6× (wall of 1 thread / wall of 2)`, ratio, 1.6);
  }
  return result;
}

function targetsTable(list) {
  const lines = ['| Target | Measured | Limit | Met |', '| --- | ---: | ---: | :---: |'];
  for (const t of list) {
    const unit = t.shown === 'MiB' ? ' MiB' : '×';
    lines.push(`| ${t.name.replace(/\|/g, '\\|')} | ${fmt(t.value, t.shown === 'MiB' ? 1 : 2)}${Number.isFinite(t.value) ? unit : ''} | ${t.atLeast ? '≥ ' : ''}${t.limit}${unit} | ${t.met === null ? 'n/a' : t.met ? 'yes' : '**no**'} |`);
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

module.exports = { browserTable, browserChartGroups, throughputTable, startupTable, targets, targetsTable, machineLine, chartGroups };
