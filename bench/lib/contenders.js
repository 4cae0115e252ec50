'use strict';
// The contenders: each is a whole process. `argv(input, count)` builds its command line;
// `output` says how its winners are read for the correctness check ('json', 'lines', or null for
// the floors, which only read the input and print nothing useful). `at` says which counts of a
// suite a contender runs at: 'counts' (default: every count of the suite), 'all' (count = every
// record only) or a list. `optional`: a feature this build of highest may not have yet; if it
// exits with 1 (usage error), the row is skipped with the reason, not reported as a failure.
const path = require('node:path');

const BENCH = path.join(__dirname, '..');
const node = process.execPath;

/** The command line of `highest` given the path of its cli.js. */
function highestArgv(cli, extra) {
  return (input, count) => [node, cli, input, String(count), ...extra];
}

/** All contenders on one big file, in the order they run inside one round. */
function contenders(cli) {
  return [
    { key: 'wasm', name: 'highest --engine wasm', group: 'highest', output: 'json', argv: highestArgv(cli, ['--engine', 'wasm']) },
    { key: 'wasm1', name: 'highest --engine wasm --threads 1', group: 'highest', output: 'json', argv: highestArgv(cli, ['--engine', 'wasm', '--threads', '1']) },
    { key: 'js', name: 'highest --engine js', group: 'highest', output: 'json', argv: highestArgv(cli, ['--engine', 'js']) },
    { key: 'naive', name: 'naive Node (readline + JSON.parse + sort)', group: 'other', output: 'json', argv: (file, count) => [node, path.join(BENCH, 'contenders', 'naive.js'), file, String(count)] },
    // `sort` prints whole input lines; its winners are parsed from them.
    { key: 'sort', name: 'LC_ALL=C sort -t: -k1,1nr | head -n N', group: 'other', output: 'lines', argv: (file, count) => ['sh', '-c', 'LC_ALL=C sort -t: -k1,1nr "$1" | head -n "$2"', 'sh', file, String(count)] },
    { key: 'duckdb', name: 'DuckDB (@duckdb/node-api, one SQL query)', group: 'other', output: 'json', argv: (file, count) => [node, path.join(BENCH, 'contenders', 'duckdb.js'), file, String(count)] },
  ];
}

/**
 * The rows of "count = every record" on the big file (issue 10): both engines and standard input
 * at count = all, and `--strict` N=5, the run a count = all run is compared with (every record's
 * JSON validated in both). Only in the big-file suite.
 */
function allContenders(cli) {
  return [
    { key: 'strict', name: 'highest --strict', group: 'highest', output: 'json', at: [5], argv: highestArgv(cli, ['--strict']) },
    { key: 'wasm-all', name: 'highest (count = all)', group: 'highest', output: 'json', at: 'all', argv: highestArgv(cli, []) },
    { key: 'js-all', name: 'highest --engine js (count = all)', group: 'highest', output: 'json', at: 'all', argv: highestArgv(cli, ['--engine', 'js']) },
    {
      key: 'stdin-all',
      name: 'cat file | highest - (count = all)',
      group: 'highest',
      output: 'json',
      at: 'all',
      argv: (file, count) => ['sh', '-c', 'cat "$1" | "$2" "$3" - "$4"', 'sh', file, node, cli, String(count)],
    },
  ];
}

/** The floors: what reading the file (or starting Node) costs at least. Run once per round. */
function floors() {
  return [
    { key: 'wc', name: 'wc -l', group: 'floor', output: null, argv: (file) => ['wc', '-l', file] },
    { key: 'cat', name: 'cat file > /dev/null', group: 'floor', output: null, argv: (file) => ['sh', '-c', 'cat "$1" > /dev/null', 'sh', file] },
    { key: 'node0', name: 'node -e 0', group: 'floor', output: null, argv: () => [node, '-e', '0'] },
  ];
}

/**
 * The gzip suite: a folder of .gz files (bench/data/gz64/), `files` its files in name order.
 * Contenders get the folder; the shell pipelines get the file list.
 */
function gzipContenders(cli, files) {
  return [
    { key: 'gz-wasm2', name: 'highest <folder> --threads 2', group: 'highest', output: 'json', optional: true, argv: highestArgv(cli, ['--threads', '2']) },
    { key: 'gz-wasm1', name: 'highest <folder> --threads 1', group: 'highest', output: 'json', optional: true, argv: highestArgv(cli, ['--threads', '1']) },
    {
      key: 'gz-sort',
      name: 'zcat files | LC_ALL=C sort -t: -k1,1nr | head -n N',
      group: 'other',
      output: 'lines',
      argv: (folder, count) => ['sh', '-c', 'n="$1"; shift; zcat "$@" | LC_ALL=C sort -t: -k1,1nr | head -n "$n"', 'sh', String(count), ...files],
    },
    // read_csv decompresses by the .gz extension; the script globs <folder>/*.gz.
    { key: 'gz-duckdb', name: 'DuckDB read_csv(<folder>/*.gz)', group: 'other', output: 'json', argv: (folder, count) => [node, path.join(BENCH, 'contenders', 'duckdb.js'), folder, String(count)] },
  ];
}

/** The gzip suite's floors: decompressing the files to /dev/null with 2 processes (the target's base) and 1. */
function gzipFloors(files) {
  const half = Math.ceil(files.length / 2);
  return [
    {
      key: 'gunzip2',
      name: `gzip -dc > /dev/null, 2 processes (xargs -P 2 -n ${half})`,
      group: 'floor',
      output: null,
      argv: () => ['sh', '-c', `printf '%s\\n' "$@" | xargs -P 2 -n ${half} gzip -dc > /dev/null`, 'sh', ...files],
    },
    { key: 'gunzip1', name: 'gzip -dc > /dev/null, 1 process', group: 'floor', output: null, argv: () => ['sh', '-c', 'gzip -dc "$@" > /dev/null', 'sh', ...files] },
    { key: 'node0', name: 'node -e 0', group: 'floor', output: null, argv: () => [node, '-e', '0'] },
  ];
}

/**
 * The one-gzip-file suite (issue 18): one big .gz file, N = 5. `highest` on one and two threads,
 * and fed by zcat through standard input (the decode on another process); DuckDB's read_csv on
 * the .gz (it decompresses by the extension).
 */
function gz1Contenders(cli) {
  return [
    { key: 'gz1-wasm1', name: 'highest <file> --threads 1', group: 'highest', output: 'json', argv: highestArgv(cli, ['--threads', '1']) },
    { key: 'gz1-wasm2', name: 'highest <file> --threads 2', group: 'highest', output: 'json', argv: highestArgv(cli, ['--threads', '2']) },
    { key: 'gz1-stdin', name: 'zcat <file> | highest - (2 processes)', group: 'highest', output: 'json', argv: (file, count) => ['sh', '-c', 'zcat "$1" | "$2" "$3" - "$4"', 'sh', file, node, cli, String(count)] },
    { key: 'gz1-duckdb', name: 'DuckDB read_csv(<file>)', group: 'other', output: 'json', argv: (file, count) => [node, path.join(BENCH, 'contenders', 'duckdb.js'), file, String(count)] },
  ];
}

/**
 * The one-gzip-file suite's floors: decoding the file to /dev/null with ISA-L's igzip (the
 * fastest single-core inflate in Debian, the base), pigz, gzip and Node's own zlib.
 */
function gz1Floors() {
  const toNull = (tool) => (file) => ['sh', '-c', `${tool} -dc "$1" > /dev/null`, 'sh', file];
  return [
    { key: 'igzip', name: 'igzip -dc > /dev/null (ISA-L)', group: 'floor', output: null, argv: toNull('igzip') },
    { key: 'pigz', name: 'pigz -dc > /dev/null', group: 'floor', output: null, argv: toNull('pigz') },
    { key: 'gunzip', name: 'gzip -dc > /dev/null', group: 'floor', output: null, argv: toNull('gzip') },
    { key: 'zlib', name: "Node's zlib alone, output discarded", group: 'floor', output: null, argv: (file) => [node, path.join(BENCH, 'contenders', 'node-gunzip.js'), file] },
    { key: 'node0', name: 'node -e 0', group: 'floor', output: null, argv: () => [node, '-e', '0'] },
  ];
}

/**
 * The zstd suite (issue 28): one big .zst file, N = 5. `highest` on one and two threads (a file
 * is read whole by one thread today), fed by `zstd -dc` through standard input, DuckDB's read_csv.
 */
function zstContenders(cli) {
  return [
    { key: 'zst-wasm1', name: 'highest <file> --threads 1', group: 'highest', output: 'json', argv: highestArgv(cli, ['--threads', '1']) },
    { key: 'zst-wasm2', name: 'highest <file> --threads 2', group: 'highest', output: 'json', argv: highestArgv(cli, ['--threads', '2']) },
    { key: 'zst-stdin', name: 'zstd -dc <file> | highest - (2 processes)', group: 'highest', output: 'json', argv: (file, count) => ['sh', '-c', 'zstd -dc "$1" | "$2" "$3" - "$4"', 'sh', file, node, cli, String(count)] },
    { key: 'zst-duckdb', name: 'DuckDB read_csv(<file>)', group: 'other', output: 'json', argv: (file, count) => [node, path.join(BENCH, 'contenders', 'duckdb.js'), file, String(count)] },
  ];
}

/** The zstd suite's floor: `zstd -dc` to /dev/null (the base). */
function zstFloors() {
  return [
    { key: 'unzstd', name: 'zstd -dc > /dev/null', group: 'floor', output: null, argv: (file) => ['sh', '-c', 'zstd -dc "$1" > /dev/null', 'sh', file] },
    { key: 'node0', name: 'node -e 0', group: 'floor', output: null, argv: () => [node, '-e', '0'] },
  ];
}

/** The reference every contender is checked against: bench/lib/reference.js, independent of highest. */
function reference() {
  return { key: 'ref', name: 'bench/lib/reference.js', output: 'json', argv: (input, count) => [node, path.join(__dirname, 'reference.js'), input, String(count)] };
}

module.exports = { contenders, allContenders, floors, gzipContenders, gzipFloors, gz1Contenders, gz1Floors, zstContenders, zstFloors, reference };
