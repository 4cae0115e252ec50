#!/usr/bin/env node
'use strict';
// DuckDB as a contender: one SQL query over the raw lines. Records contain ':' themselves, so
// the file is read as one VARCHAR column per line (a delimiter that never occurs: 0x1F, no
// quoting) and split at the first ':' in SQL. DuckDB's top-N keeps only N rows; the JSON id is
// extracted for the winners only. Prints the same JSON as highest.
//   node bench/contenders/duckdb.js <file>|<folder> <count> [--compact]
// A folder stands for its .gz files (<folder>/*.gz), which read_csv decompresses by extension.
// Ties (not present in the benchmark files) are not broken by line order here.
// @duckdb/node-api is not a dependency of the package: bench/lib/ensure-duckdb.js installs it
// into bench/.deps/ on demand (run.js does so before the first DuckDB row).
const { ensureDuckDB } = require('../lib/ensure-duckdb');
const fs = require('node:fs');
const path = require('node:path');
const { formatWinners } = require('../lib/winners');

// The top-N runs on (score, line) only: carrying derived columns or a blank-line filter through
// the scan made it several times slower. Blank lines come back as NULL and sort last.
const QUERY = (count) => `
  SELECT CAST(score AS VARCHAR) AS score,
         CAST(json_extract(substr(line, strpos(line, ':') + 1), '$.id') AS VARCHAR) AS id
  FROM (
    SELECT CAST(trim(split_part(line, ':', 1)) AS HUGEINT) AS score, line
    FROM read_csv($file, columns = {'line': 'VARCHAR'}, header = false, auto_detect = false,
                  delim = chr(31), quote = '', escape = '')
    ORDER BY score DESC
    LIMIT ${count}
  )
  WHERE score IS NOT NULL
  ORDER BY score DESC`;

async function main() {
  const args = process.argv.slice(2);
  const compact = args.includes('--compact');
  const [file, countText] = args.filter((a) => a !== '--compact');
  const count = Number.parseInt(countText, 10);
  const duckdb = ensureDuckDB();
  if (!duckdb.ok) throw new Error(duckdb.reason);
  const { DuckDBInstance } = require(duckdb.path);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const source = fs.statSync(file).isDirectory() ? path.join(file, '*.gz') : file;
  const reader = await connection.runAndReadAll(QUERY(count), { file: source });
  const winners = reader.getRowObjects().map((row) => ({ score: row.score, id: row.id }));
  process.stdout.write(formatWinners(winners, compact));
}

main().catch((error) => {
  process.stderr.write(`duckdb: ${error.message}\n`);
  process.exitCode = 2;
});
