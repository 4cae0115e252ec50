'use strict';
// The contenders: each is a whole process. `argv(file, count)` builds its command line;
// `output` says how its winners are read for the correctness check ('json', 'lines', or null for
// the floors, which only read the file and print nothing useful).
const path = require('node:path');

const BENCH = path.join(__dirname, '..');

/** The command line of `highest` given the path of its cli.js. */
function highestArgv(cli, extra) {
  return (file, count) => [process.execPath, cli, file, String(count), ...extra];
}

/** All contenders, in the order they run inside one round. */
function contenders(cli) {
  const node = process.execPath;
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

/** The floors: what reading the file (or starting Node) costs at least. Run once per round. */
function floors() {
  return [
    { key: 'wc', name: 'wc -l', group: 'floor', output: null, argv: (file) => ['wc', '-l', file] },
    { key: 'cat', name: 'cat file > /dev/null', group: 'floor', output: null, argv: (file) => ['sh', '-c', 'cat "$1" > /dev/null', 'sh', file] },
    { key: 'node0', name: 'node -e 0', group: 'floor', output: null, argv: () => [process.execPath, '-e', '0'] },
  ];
}

/** The reference every contender is checked against. */
function reference(cli) {
  return { key: 'ref', name: 'highest --engine wasm --threads 1', output: 'json', argv: highestArgv(cli, ['--engine', 'wasm', '--threads', '1']) };
}

module.exports = { contenders, floors, reference };
