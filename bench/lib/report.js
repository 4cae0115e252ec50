'use strict';
// Turns suite results into markdown tables, the target checks and the chart's data.
const { summarize, pairedRatio } = require('./suite');
const { formatBytes } = require('./machine');

const fmt = (v, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
/** A contender's name as table cell: code, with '|' escaped so the table holds together. */
const nameCell = (name) => `\`${name.replace(/\|/g, '\\|')}\``;
const countText = (n) => (n === null ? '—' : n.toLocaleString('en-US'));

function statusText(row) {
  if (row.status === 'ok') return row.output ? 'same winners' : 'floor';
  return `**${row.status.slice(0, 200).replace(/\|/g, '\\|')}**`;
}

/**
 * The file table: throughput and ratios to `wc -l`. `work` adds the work-after-start-up column,
 * which only means something when the file is big enough for `wc -l` to dwarf process start-up.
 */
function throughputTable(suite, { work: showWork = true } = {}) {
  const lines = [
    `| Contender | N | Check | Median wall (s) | MB/s | Peak RSS (MiB) | × \`wc -l\` |${showWork ? ' Work after start-up × `wc -l` |' : ''}`,
    `| --- | ---: | --- | ---: | ---: | ---: | ---: |${showWork ? ' ---: |' : ''}`,
  ];
  for (const row of suite.rows) {
    const s = summarize(row, suite.bytes);
    const ok = row.status === 'ok';
    const work = row.group === 'highest' && ok ? fmt(s.workRatio) : '';
    const mbs = ok && row.key !== 'node0' ? fmt(s.mbPerS, 0) : '—';
    lines.push(`| ${nameCell(row.name)} | ${countText(row.count)} | ${statusText(row)} | ${ok ? fmt(s.wallMs / 1000, 3) : '—'} | ${mbs} | ${ok ? fmt(s.peakRssMiB, 1) : '—'} | ${ok ? fmt(s.wcRatio) : '—'} |${showWork ? ` ${work} |` : ''}`);
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
    lines.push(`| ${nameCell(row.name)} | ${countText(row.count)} | ${statusText(row)} | ${ok ? fmt(s.wallMs, 1) : '—'} | ${ok ? fmt(s.node0Ratio) : '—'} | ${ok ? fmt(s.peakRssMiB, 1) : '—'} |`);
  }
  return lines.join('\n');
}

function rowOf(suite, key, count) {
  return suite.rows.find((r) => r.key === key && r.count === count);
}

/** The project's performance targets, checked against the measurements. */
function targets(main, startup, others = []) {
  const result = [];
  const check = (name, value, limit, shown) => result.push({ name, value, limit, met: Number.isFinite(value) ? value <= limit : null, shown });
  const work = (count) => {
    const row = rowOf(main, 'wasm', count);
    return row && row.status === 'ok' ? summarize(row, main.bytes).workRatio : NaN;
  };
  check('highest wasm (default threads), N=5: work after start-up ≤ 1.2 × wc -l', work(5), 1.2);
  check('highest wasm (default threads), N=10,000: work after start-up ≤ 1.5 × wc -l', work(10000), 1.5);
  for (const count of main.counts) {
    check(`highest wasm --threads 1 ≤ 0.8 × highest --engine js, N=${count.toLocaleString('en-US')}`, pairedRatio(main, 'wasm1', 'js', count), 0.8);
  }
  for (const key of ['wasm', 'wasm1', 'js']) {
    const rows = [main, startup, ...others].flatMap((s) => s.rows.filter((r) => r.key === key && r.status === 'ok'));
    const peaks = rows.map((r) => summarize(r, 0).peakRssMiB).filter(Number.isFinite);
    check(`peak RSS ≤ 80 MiB: ${rows[0]?.name ?? key} (all files and counts)`, peaks.length ? Math.max(...peaks) : NaN, 80, 'MiB');
  }
  const start = rowOf(startup, 'wasm', startup.counts[0]);
  check('start-up on the 101-line example ≤ 1.3 × node -e 0 (highest wasm, default threads)', start && start.status === 'ok' ? summarize(start, startup.bytes).node0Ratio : NaN, 1.3);
  return result;
}

function targetsTable(list) {
  const lines = ['| Target | Measured | Limit | Met |', '| --- | ---: | ---: | :---: |'];
  for (const t of list) {
    const unit = t.shown === 'MiB' ? ' MiB' : '×';
    lines.push(`| ${t.name} | ${fmt(t.value, t.shown === 'MiB' ? 1 : 2)}${Number.isFinite(t.value) ? unit : ''} | ${t.limit}${unit} | ${t.met === null ? 'n/a' : t.met ? 'yes' : '**no**'} |`);
  }
  return lines.join('\n');
}

function machineLine(m, suite, lines) {
  return `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB.toFixed(0)} GiB RAM, ${m.kernel}, Node ${m.node}, ${m.date}; file ${formatBytes(suite.bytes)} (${suite.bytes.toLocaleString('en-US')} bytes, ${lines.toLocaleString('en-US')} lines).`;
}

/** The chart's groups for one suite: one group per contender, one bar per count. */
function chartGroups(suite) {
  const groups = new Map();
  for (const row of suite.rows) {
    if (row.key === 'node0') continue; // reads nothing: no MB/s
    const group = groups.get(row.key) ?? { label: row.name, bars: [] };
    groups.set(row.key, group);
    const s = summarize(row, suite.bytes);
    const ok = row.status === 'ok';
    group.bars.push({
      series: row.count ?? 'floor',
      value: ok ? s.mbPerS : NaN,
      text: ok ? `${Math.round(s.mbPerS).toLocaleString('en-US')} MB/s${row.count === null ? '' : ` (N=${row.count.toLocaleString('en-US')})`}` : `N=${countText(row.count)}: not timed (wrong or failed)`,
    });
  }
  return [...groups.values()];
}

module.exports = { throughputTable, startupTable, targets, targetsTable, machineLine, chartGroups };
