#!/usr/bin/env node
'use strict';
// The straightforward Node script a user might write: read every line, JSON.parse every
// record, sort everything, keep the top N. Prints the same JSON as highest.
//   node bench/contenders/naive.js <file> <count> [--compact]
// Scores are BigInts so they stay exact; only (score, id) is kept per record to bound memory.
const fs = require('node:fs');
const readline = require('node:readline');
const { formatWinners } = require('../lib/winners');

async function main() {
  const args = process.argv.slice(2);
  const compact = args.includes('--compact');
  const [file, countText] = args.filter((a) => a !== '--compact');
  const count = Number(countText);
  const records = [];
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const record = JSON.parse(line.slice(colon + 1));
    records.push({ score: BigInt(line.slice(0, colon).trim()), id: JSON.stringify(record.id) });
  }
  // Array.prototype.sort is stable, so equal scores keep file order as the spec asks.
  records.sort((a, b) => (a.score < b.score ? 1 : a.score > b.score ? -1 : 0));
  process.stdout.write(formatWinners(records.slice(0, count), compact));
}

main().catch((error) => {
  process.stderr.write(`naive: ${error.message}\n`);
  process.exitCode = 2;
});
