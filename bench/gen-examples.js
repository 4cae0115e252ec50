#!/usr/bin/env node
'use strict';
// Writes the three example files from ONE seeded Chance instance, so the random sequence
// continues from file to file and every run produces byte-identical files.
//   node bench/gen-examples.js [--out <dir>]   (default: examples/ at the repository root)
const fs = require('node:fs');
const path = require('node:path');
const Chance = require('chance');

const SEED = 'emeraldcloud_seed';
const LINES_PER_BLOCK = 10001;

function parseArgs(argv) {
  let out = path.join(__dirname, '..', 'examples');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' || argv[i] === '--output-dir') out = argv[++i];
    else if (argv[i].startsWith('--out=')) out = argv[i].slice('--out='.length);
    else if (argv[i] === '-h' || argv[i] === '--help') {
      console.log('usage: node bench/gen-examples.js [--out <dir>]');
      process.exit(0);
    } else {
      console.error(`gen-examples: unknown argument '${argv[i]}'`);
      process.exit(1);
    }
  }
  return { out: path.resolve(out) };
}

/** `count` lines from `chance`, as one string; the call order (natural, guid, paragraph) is the format. */
function lines(chance, count) {
  const parts = new Array(count);
  for (let i = 0; i < count; i++) {
    const score = chance.natural();
    const id = chance.guid();
    const data = chance.paragraph({ sentences: 5 });
    parts[i] = `${score}: {"id":"${id}","data":"${data}"}\n`;
  }
  return parts.join('');
}

/** Writes example_input_data_{1,2,3}.data into `out`; returns their paths. */
function writeExamples(out) {
  fs.mkdirSync(out, { recursive: true });
  const chance = new Chance(SEED);
  const file = (n) => path.join(out, `example_input_data_${n}.data`);

  fs.writeFileSync(file(1), lines(chance, 101));
  fs.writeFileSync(file(2), lines(chance, LINES_PER_BLOCK));
  // File 3 is built by appending six blocks, each continuing the same random sequence.
  fs.writeFileSync(file(3), '');
  for (let block = 0; block < 6; block++) fs.appendFileSync(file(3), lines(chance, LINES_PER_BLOCK));
  return [1, 2, 3].map(file);
}

function main() {
  const { out } = parseArgs(process.argv.slice(2));
  for (const file of writeExamples(out)) console.log(`${path.relative(process.cwd(), file)}: ${fs.statSync(file).size} bytes`);
}

if (require.main === module) main();
module.exports = { writeExamples, lines, SEED, DEFAULT_DIR: path.join(__dirname, '..', 'examples') };
