#!/usr/bin/env node
'use strict';
// The benchmark: `highest` against a naive Node script, sort | head and DuckDB, with floors
// (wc -l, cat, node -e 0), on a big file, on the same records as 64 gzip files and as one big
// gzip file (one member, and BGZF), as one zstd file (zstd -3, pzstd), on 20 M short lines at
// count = all, and at start-up.
// See bench/README.md.
//   node bench/run.js [--size 1g] [--runs 5] [--quick] [--cli <the package's bin>] [--rss-tool time|python|none]
//                     [--only big,all,gz,gz1,zst,medium,short,startup,browser] [--no-medium] [--no-all] [--no-gz] [--no-gz1] [--no-zst] [--no-short]
//                     [--no-duckdb] [--no-browser] [--short-lines 20000000] [--short-runs 3]
//
// Writes bench/RESULTS.md and bench/chart.svg (a --quick run writes them to bench/data/
// instead, so a smoke test never overwrites the committed results) and prints the tables.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const genData = require('./gen-data');
const genExamples = require('./gen-examples');
const genGz = require('./gen-gz');
const genGz1 = require('./gen-gz1');
const genZst = require('./gen-zst');
const genShort = require('./gen-short');
const { checkShortOutput } = require('./lib/check-short');
const { contenders, allContenders, floors, gzipContenders, gzipFloors, gz1Contenders, gz1Floors, zstContenders, zstFloors, reference } = require('./lib/contenders');
const { ensureDuckDB } = require('./lib/ensure-duckdb');
const { detectRssTool } = require('./lib/measure');
const { runSuite } = require('./lib/suite');
const { machine, formatBytes } = require('./lib/machine');
const report = require('./lib/report');
const { barChart } = require('./lib/svg');
const { browserThreads } = require('./lib/browser-threads');

const ROOT = path.join(__dirname, '..');
const COUNTS = [5, 10000];
const GZ_COUNTS = [10];
const GZ1_COUNTS = [5];
const SUITES = ['big', 'all', 'gz', 'gz1', 'zst', 'medium', 'short', 'startup', 'browser'];
const QUICK_SHORT_LINES = 200_000;
// What `npx highest` runs: the bin named in package.json.
const DEFAULT_CLI = path.join(ROOT, require('../package.json').bin.highest);

function parseArgs(argv) {
  const options = { size: '1g', runs: 5, quick: false, cli: DEFAULT_CLI, rssTool: undefined, duckdb: true, shortLines: undefined, shortRuns: undefined };
  const on = new Set(SUITES);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--size') options.size = value();
    else if (arg === '--runs') options.runs = Number(value());
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--cli') options.cli = path.resolve(value());
    else if (arg === '--rss-tool') options.rssTool = value();
    else if (arg === '--no-medium') on.delete('medium');
    else if (arg === '--no-all') on.delete('all');
    else if (arg === '--no-gz') on.delete('gz');
    else if (arg === '--no-gz1') on.delete('gz1');
    else if (arg === '--no-zst') on.delete('zst');
    else if (arg === '--no-short') on.delete('short');
    else if (arg === '--no-duckdb') options.duckdb = false;
    else if (arg === '--no-browser') on.delete('browser');
    else if (arg === '--only') {
      const list = value().split(',').map((x) => x.trim()).filter(Boolean);
      const unknown = list.filter((x) => !SUITES.includes(x));
      if (unknown.length) throw new Error(`--only: unknown suite '${unknown[0]}' (suites: ${SUITES.join(', ')})`);
      for (const x of SUITES) if (!list.includes(x)) on.delete(x);
    } else if (arg === '--short-lines') options.shortLines = Number(value());
    else if (arg === '--short-runs') options.shortRuns = Number(value());
    else if (arg === '-h' || arg === '--help') {
      console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(6, 9).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown argument '${arg}' (see --help)`);
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error('--runs must be a positive integer');
  options.shortLines ??= options.quick ? QUICK_SHORT_LINES : genShort.DEFAULT_LINES;
  if (!Number.isSafeInteger(options.shortLines) || options.shortLines < 1) throw new Error('--short-lines must be a positive integer');
  options.shortRuns ??= options.quick ? 2 : Math.max(2, Math.min(options.runs, 3));
  if (!Number.isInteger(options.shortRuns) || options.shortRuns < 1) throw new Error('--short-runs must be a positive integer');
  for (const x of SUITES) options[x] = on.has(x);
  if (options.rssTool && !['time', 'python', 'none'].includes(options.rssTool)) throw new Error('--rss-tool must be time, python or none');
  return options;
}

/**
 * The inputs, generated when missing: example _1 (start-up), _3 (medium), the big file, and the
 * big file cut into 64 gzip files (bench/data/gz64/ for 1g; gz64-quick/ for --quick), and the big
 * file as one gzip file, two ways (bench/data/gz1/ for 1g; gz1-quick/ for --quick).
 */
async function ensureInputs(options, log) {
  const examples = genExamples.DEFAULT_DIR;
  const example = (n) => path.join(examples, `example_input_data_${n}.data`);
  if (!fs.existsSync(example(1)) || !fs.existsSync(example(3))) {
    log('generating the example files…');
    genExamples.writeExamples(examples);
  }
  // --quick uses the 30 MB example as its "big" file: a smoke test of the whole pipeline.
  const needBig = options.big || options.all || options.gz || options.gz1 || options.zst || options.browser;
  const big = options.quick ? example(3) : needBig ? genData.ensure(genData.dataPath(options.size), genData.parseSize(options.size), { log }) : null;
  const gz = options.gz ? await genGz.ensureGz(big, genGz.gzDir(options.quick ? 'quick' : options.size), { log }) : null;
  const gz1 = options.gz1 ? genGz1.ensureGz1(big, genGz1.gz1Dir(options.quick ? 'quick' : options.size), { log }) : null;
  // The one-member file again, beside its index (threads and parts share it through the index).
  if (gz1) gz1.files.splice(1, 0, genGz1.ensureIndexed(gz1.files, options.cli, { log }));
  const zst = options.zst ? genZst.ensureZst(big, genZst.zstDir(options.quick ? 'quick' : options.size), { log }) : null;
  // Many short lines (bench/gen-short.js): count = all on tens of millions of records.
  const short = options.short ? genShort.ensure(genShort.shortPath(options.shortLines), options.shortLines, { log }) : null;
  return { small: example(1), medium: example(3), big, gz, gz1, zst, short };
}

function lineCount(file) {
  return Number(spawnSync('wc', ['-l', file]).stdout.toString().trim().split(/\s+/)[0]);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const log = (text) => console.error(text);
  if (!fs.existsSync(options.cli)) throw new Error(`${options.cli} not found: run \`npm run build\` first`);
  const rssTool = detectRssTool(options.rssTool);
  if (rssTool !== 'time') log(`note: /usr/bin/time not usable, peak RSS via ${rssTool} (apt-get install time for GNU time)`);
  const inputs = await ensureInputs(options, log);
  const runs = options.quick ? Math.min(options.runs, 2) : options.runs;
  // DuckDB is installed on demand (bench/lib/ensure-duckdb.js); without it its rows are skipped.
  const skip = new Map();
  const duckdb = options.duckdb ? ensureDuckDB({ log }) : { ok: false, reason: '--no-duckdb' };
  if (!duckdb.ok) {
    log(`note: DuckDB rows skipped: ${duckdb.reason}`);
    for (const key of ['duckdb', 'gz-duckdb', 'gz1-duckdb', 'zst-duckdb']) skip.set(key, duckdb.reason);
  }
  // The one-gzip-file suite's floors are system tools, which may be missing (igzip: Debian's isal).
  if (options.gz1) {
    for (const [key, tool, hint] of [['igzip', 'igzip', 'apt-get install isal'], ['pigz', 'pigz', 'apt-get install pigz']]) {
      if (!genGz1.hasTool(tool)) skip.set(key, `${tool} not installed (${hint})`);
    }
  }
  const common = { contenders: contenders(options.cli), floors: floors(), reference: reference(), rssTool, log, skip };

  // The big file: the N = 5 and 10,000 contenders ('big'), count = all and --strict N=5 ('all').
  const main = options.big || options.all
    ? runSuite({
        ...common,
        title: 'big file',
        contenders: [...(options.big ? common.contenders : []), ...(options.all ? allContenders(options.cli) : [])],
        file: inputs.big,
        counts: COUNTS,
        all: options.all ? lineCount(inputs.big) : null,
        runs,
      })
    : null;
  // The same records as 64 gzip files: the floor is decompressing them with 2 processes.
  const gz = inputs.gz
    ? runSuite({
        ...common,
        title: `${inputs.gz.files.length} gzip files`,
        contenders: gzipContenders(options.cli, inputs.gz.files),
        floors: gzipFloors(inputs.gz.files),
        base: 'gunzip2',
        file: inputs.gz.dir,
        bytes: inputs.gz.bytes,
        warm: inputs.gz.files,
        counts: GZ_COUNTS,
        runs,
      })
    : null;
  if (gz) gz.files = inputs.gz.files.length;
  // One big gzip file, as one member and as BGZF: N = 5, ratios to igzip -dc of the same file
  // (gzip -dc when igzip is missing). A file its tool could not make is listed as missing.
  const gz1 = (inputs.gz1?.files ?? []).map((f) =>
    f.missing
      ? f
      : {
          ...runSuite({
            ...common,
            title: `one gzip file, ${f.label}`,
            contenders: gz1Contenders(options.cli),
            floors: gz1Floors(),
            base: skip.has('igzip') ? 'gunzip' : 'igzip',
            file: f.file,
            bytes: inputs.gz1.bytes,
            counts: GZ1_COUNTS,
            runs,
          }),
          kind: f.kind,
          label: f.label,
          compressedBytes: f.compressedBytes,
          members: f.members,
        },
  );
  const gz1Suites = gz1.filter((s) => !s.missing);
  // One big zstd file, one frame and pzstd's frames: N = 5, against zstd -dc > /dev/null.
  const zstSuites = (inputs.zst?.files ?? []).filter((f) => !f.missing).map((f) => ({
    ...runSuite({
      ...common,
      title: `one zstd file, ${f.label}`,
      contenders: zstContenders(options.cli),
      floors: zstFloors(),
      base: 'unzstd',
      file: f.file,
      bytes: inputs.zst.bytes,
      counts: GZ1_COUNTS,
      runs,
    }),
    kind: f.kind,
    label: f.label,
    compressedBytes: f.compressedBytes,
    members: f.members,
  }));
  const medium = !options.quick && options.medium ? runSuite({ ...common, title: '60,006-line example', file: inputs.medium, counts: COUNTS, runs }) : null;
  // Start-up: a 101-line file, so the time is almost all process and engine start-up.
  // Count = all on many short lines: outputs of ~1.2 GB, checked against the generator's formula.
  const short = inputs.short
    ? runSuite({
        ...common,
        title: `${options.shortLines.toLocaleString('en-US')} short lines, count = all`,
        contenders: allContenders(options.cli).filter((c) => c.key === 'wasm-all' || c.key === 'js-all'),
        file: inputs.short,
        counts: [],
        all: options.shortLines,
        checker: { name: 'bench/lib/check-short.js', verify: (out) => checkShortOutput(out, options.shortLines) },
        runs: options.shortRuns,
        slowMs: Infinity,
      })
    : null;
  const startup = !options.startup ? null : runSuite({
    ...common,
    title: 'start-up (101 lines)',
    contenders: common.contenders.filter((c) => c.key !== 'sort'),
    file: inputs.small,
    counts: [5],
    runs: options.quick ? 3 : Math.max(10, 3 * runs),
  });

  // The page in headless Chromium on the big file: one thread against two (a helper worker).
  // Threads need 256 MiB of input: the --quick file is too small for the row to mean anything.
  const browserSkip = !options.browser ? '--no-browser' : options.quick ? '--quick: its file is below the 256 MiB a threaded run needs' : null;
  if (browserSkip && options.browser) log(`note: browser row skipped: ${browserSkip}`);
  const browser = !options.browser
    ? null
    : browserSkip
      ? { status: `skipped: ${browserSkip}`, file: inputs.big, bytes: fs.statSync(inputs.big).size, count: 10, runs, one: [], two: [], ratios: [] }
      : await browserThreads({ file: inputs.big, runs: Math.max(3, runs), count: 10, cli: options.cli, log });
  if (browser && !browserSkip && browser.status !== 'ok') log(`note: browser row ${browser.status}`);

  const m = machine();
  const described = main ?? gz ?? gz1Suites[0] ?? zstSuites[0] ?? short ?? medium ?? startup;
  const machineText = report.machineLine(m, described, lineCount(main || gz || gz1Suites.length || zstSuites.length ? inputs.big : described.file));
  const targetList = report.targets(main, startup, medium ? [medium] : [], gz, short, browser, options.gz1 ? gz1 : null, options.zst ? (inputs.zst?.files ?? []).map((f) => zstSuites.find((s) => s.kind === f.kind) ?? f) : null);
  const rel = (f) => path.relative(ROOT, f);
  const md = [
    '# Benchmark results',
    '',
    `Generated by \`${['node bench/run.js', ...process.argv.slice(2)].join(' ')}\`; see [README.md](README.md).`,
    '',
    machineText,
    `Each figure is the median of ${runs} interleaved runs of the whole process (wall clock); ratios are taken run by run against the floors of the same round, then the median is shown. Peak RSS is the largest over all runs (${rssTool === 'time' ? 'GNU time %M' : rssTool}). MB/s = 10^6 bytes per second of the file size. Page cache warm.`,
    '',
    ...(main ? [`## ${formatBytes(main.bytes)}: \`${rel(inputs.big)}\``, '', report.throughputTable(main), ''] : []),
    ...(gz
      ? [
          `## ${gz.files} gzip files: \`${rel(inputs.gz.dir)}/\` (the same ${formatBytes(gz.bytes)} of records, gzip level 6)`,
          '',
          report.throughputTable(gz),
          '',
          `MB/s here = uncompressed bytes per second; ratios are to decompressing the same files to /dev/null with 2 processes in the same round. Rows marked "skipped: this highest rejects it" need folder and gzip inputs in the CLI.`,
          '',
        ]
      : []),
    ...gz1.flatMap((s) =>
      s.missing
        ? [`## One gzip file, ${s.label}: not made (${s.missing})`, '']
        : [
            `## One gzip file, ${s.label}: \`${rel(s.file)}\` (${formatBytes(s.compressedBytes)} compressed${s.members > 1 ? `, ${s.members.toLocaleString('en-US')} members` : ''}; the same ${formatBytes(s.bytes)} of records)`,
            '',
            report.throughputTable(s),
            '',
          ],
    ),
    ...(gz1Suites.length
      ? [
          '### One gzip file: ratios, run by run',
          '',
          report.gz1RatioTable(gz1Suites),
          '',
          `MB/s here = uncompressed bytes per second; the × column is to \`${gz1Suites[0].baseName.replace(/ \(.*\)$/, '')}\` of the same file in the same round. Each ratio above is the median over the rounds of the two rows' walls in that round. \`gzip -6\` writes one member, which can only be decoded from its start; BGZF (\`bgzip\`) is a series of members of ≤ 64 KiB, each with its size in a \`BC\` extra field. The files are made by \`bench/gen-gz1.js\` with the system's tools.`,
          '',
        ]
      : []),
    ...zstSuites.flatMap((s) => [
      `## One zstd file, ${s.label}: \`${rel(s.file)}\` (${formatBytes(s.compressedBytes)} compressed${s.members > 1 ? `, ${s.members.toLocaleString('en-US')} frames` : ''}; the same ${formatBytes(s.bytes)} of records)`,
      '',
      report.throughputTable(s),
      '',
      'MB/s here = uncompressed bytes per second; the × column is to `zstd -dc > /dev/null` of the same file. A file of several frames (pzstd) is shared by the threads at its frame ends. The files are made by `bench/gen-zst.js` with the system\'s tools.',
      '',
    ]),
    ...(zstSuites.length ? ['### One zstd file: ratios, run by run', '', report.zstRatioTable(zstSuites), ''] : []),
    ...(short
      ? [
          `## ${short.all.toLocaleString('en-US')} short lines, count = all: \`${rel(inputs.short)}\` (${formatBytes(short.bytes)}, ${short.runs} runs)`,
          '',
          report.throughputTable(short),
          '',
          `Lines \`<score>: {"id":<i>}\` (\`bench/gen-short.js\`, unique 53-bit scores). Outputs${short.rows.some((r) => r.stream) ? ` (${formatBytes(short.rows.find((r) => r.stream).stream.bytes)})` : ''} go to a file (on /dev/shm when it has room); each contender's first run is checked by \`bench/lib/check-short.js\` (every record exactly once, scores strictly decreasing, each score the generator's for its id; \`bench/lib/reference.js\` cannot do 20 M winners: it ran out of its 4 GB heap after 13 min) and compared byte for byte with the first verified output, and every timed run's output is compared byte for byte with it. ${short.runs} rounds (\`--short-runs\`).`,
          '',
        ]
      : []),
    ...(medium ? [`## ${formatBytes(medium.bytes)}: \`${rel(inputs.medium)}\``, '', report.throughputTable(medium, { work: false }), ''] : []),
    ...(browser
      ? [
          `## In a browser: ${formatBytes(browser.bytes)} \`File\` in the page, headless Chromium`,
          '',
          report.browserTable(browser),
          '',
          'The page (`npm run web`, cross-origin isolated) ranks the file picked in it, N = 10, in its Web Worker alone (1 thread) or with one helper worker (2 threads), the Threads choice of the page; the time is the page\'s own, from "run" to the table, helper start-up included. Each run\'s JSON is checked against the CLI\'s. Median of interleaved rounds (order alternating); the ratio is taken round by round.',
          '',
        ]
      : []),
    ...(startup ? [`## Start-up: \`${rel(inputs.small)}\` (${startup.runs} runs)`, '', report.startupTable(startup), ''] : []),
    '## Targets',
    '',
    report.targetsTable(targetList),
    '',
    '"Work after start-up" = (wall(highest) − wall(node -e 0)) / wall(wc -l) (for the 64 gzip files: / wall of the 2-process decompression; for one gzip file: / wall of the floor its × column names), per round. Every contender was first checked to print the same winners (scores and ids, in order) as `bench/lib/reference.js`, a small independent implementation (BigInt scores, ties to the earlier input and line), and every timed run is checked again (the short-lines suite: `bench/lib/check-short.js` and byte-for-byte comparisons instead, see its section).',
    '',
    '![MB/s per contender](chart.svg)',
    '',
  ].join('\n');

  const outDir = options.quick ? genData.DATA_DIR : __dirname;
  const suffix = options.quick ? '-quick' : '';
  fs.mkdirSync(outDir, { recursive: true });
  const mdFile = path.join(outDir, `RESULTS${suffix}.md`);
  const svgFile = path.join(outDir, `chart${suffix}.svg`);
  fs.writeFileSync(mdFile, md);
  // The raw per-run timings, for a closer look or another chart (git-ignored, next to the data).
  fs.mkdirSync(genData.DATA_DIR, { recursive: true });
  const strip = (suite) => suite && { ...suite, rows: suite.rows.map(({ argv, ...row }) => ({ ...row, command: argv(suite.file, row.count) })) };
  fs.writeFileSync(path.join(genData.DATA_DIR, `last-run${suffix}.json`), `${JSON.stringify({ machine: m, runs, rssTool, suites: [main, gz, ...gz1Suites, ...zstSuites, short, medium, startup].filter(Boolean).map(strip), browser }, null, 1)}\n`);
  fs.writeFileSync(
    svgFile,
    barChart({
      title: `highest vs alternatives on ${formatBytes(described.bytes)} of scored records`,
      subtitle: `${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.date.slice(0, 10)}; median of ${runs} runs, page cache warm`,
      sections: [
        ...(main ? [{ heading: `${formatBytes(main.bytes)} file`, groups: report.chartGroups(main) }] : []),
        ...(gz ? [{ heading: `the same records as ${gz.files} gzip files (MB/s of uncompressed data)`, groups: report.chartGroups(gz) }] : []),
        ...gz1Suites.map((s) => ({ heading: `the same records as one gzip file, ${s.label}: MB/s of uncompressed data`, groups: report.chartGroups(s) })),
        ...(browser?.status === 'ok' ? [{ heading: `the ${formatBytes(browser.bytes)} file as a File in the page, headless Chromium`, groups: report.browserChartGroups(browser) }] : []),
        ...(short ? [{ heading: `${short.all.toLocaleString('en-US')} short lines (${formatBytes(short.bytes)}), count = all`, groups: report.chartGroups(short) }] : []),
      ],
    }),
  );
  console.log(md);
  log(`wrote ${rel(mdFile)} and ${rel(svgFile)}`);
}

main().catch((error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});
