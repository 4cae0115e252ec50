#!/usr/bin/env node
'use strict';
// Fast, seeded generator of big benchmark inputs in the example line format:
//   <score>: {"id":"<32 hex>","data":"<text>"}\n      (~550 bytes a line)
// Scores are unique full-range 53-bit integers: a bijection of the line index on [0, 2^53),
// so unlike chance.natural() (2^32 distinct values) there are no ties at any size.
// Lines are assembled in a large Buffer and written in big blocks; no per-line library calls.
//
//   node bench/gen-data.js [--size 1g|4g|16g|<bytes>] [--seed N] [--out <file>] [--force]
//
// The file is exactly --size bytes. An existing file of the right size is kept (generation is
// deterministic for a given seed, so it would be the same bytes anyway).
const fs = require('node:fs');
const path = require('node:path');
const { mulberry32 } = require('./lib/prng');
const { parseArgs } = require('node:util');

const DATA_DIR = path.join(__dirname, 'data');
const BLOCK = 16 << 20; // bytes written per write call
const MEAN_TEXT = 480; // text bytes; plus ~70 bytes of score, id and punctuation ≈ 550
const TEXT_SPREAD = 200; // text lengths vary uniformly in MEAN_TEXT ± TEXT_SPREAD/2
const MIN_TEXT = 1;
const POOL_BYTES = 4 << 20; // the text comes from slices of one pre-generated pool

/** "1g" → 2^30, "512m" → 2^29, "1000" → 1000. */
function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)([kmgt]?)i?b?$/i.exec(String(text).trim());
  if (!m) throw new Error(`bad size '${text}' (use e.g. 1g, 4g, 16g, 200m or a byte count)`);
  const unit = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[m[2].toLowerCase()];
  return Math.round(Number(m[1]) * unit);
}

/** Default path for a size: bench/data/bench-<size>.data. */
function dataPath(sizeText) {
  return path.join(DATA_DIR, `bench-${String(sizeText).toLowerCase()}.data`);
}


/** A bijection on [0, 2^53): odd multiplications and xor-shifts, each invertible mod 2^53. */
const M1 = 0x9e3779b97f4a7bn & ((1n << 53n) - 1n) | 1n;
const M2 = 0xd6e8feb86659fdn & ((1n << 53n) - 1n) | 1n;
function score53(index, seed) {
  let x = BigInt.asUintN(53, (BigInt(index) + BigInt(seed)) * M1);
  x ^= x >> 27n;
  x = BigInt.asUintN(53, x * M2);
  x ^= x >> 26n;
  return x;
}

/** murmur3's fmix32: a bijection on 32 bits, so the first 8 hex digits of an id are unique per line. */
function fmix32(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A pool of lowercase pseudo-words with sentence punctuation: only JSON-safe ASCII bytes. */
function textPool(random) {
  const pool = Buffer.alloc(POOL_BYTES);
  const consonants = 'bcdfghjklmnprstvwz';
  const vowels = 'aeiou';
  let pos = 0;
  let wordsInSentence = 0;
  while (pos < POOL_BYTES) {
    const syllables = 1 + (random() % 3);
    let word = '';
    for (let s = 0; s < syllables; s++) word += consonants[random() % consonants.length] + vowels[random() % vowels.length];
    if (wordsInSentence === 0) word = word[0].toUpperCase() + word.slice(1);
    wordsInSentence++;
    if (wordsInSentence > 6 + (random() % 10)) {
      word += '.';
      wordsInSentence = 0;
    }
    pos += pool.write(word + ' ', pos, 'latin1');
  }
  return pool;
}

const HEX = Buffer.from('0123456789abcdef');

/** Writes 8 hex digits of `value` into buf at pos. */
function hex8(buf, pos, value) {
  for (let i = 7; i >= 0; i--) {
    buf[pos + i] = HEX[value & 15];
    value >>>= 4;
  }
}

/**
 * Generates `size` bytes of lines into `file` (via a temporary file renamed at the end, so a crash
 * never leaves a file that looks complete). Returns { file, lines, seconds }.
 */
function generate(file, size, seed = 20240611) {
  const started = process.hrtime.bigint();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const random = mulberry32(seed);
  const pool = textPool(random);
  const block = Buffer.alloc(BLOCK + 4096);
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  const prefixId = Buffer.from(': {"id":"');
  const midData = Buffer.from('","data":"');
  const tail = Buffer.from('"}\n');
  const fixed = prefixId.length + 32 + midData.length + tail.length;
  let written = 0;
  let used = 0;
  let index = 0;
  try {
    while (written + used < size) {
      const scoreText = score53(index, seed).toString();
      const remaining = size - written - used;
      let textLength = MEAN_TEXT - TEXT_SPREAD / 2 + (random() % (TEXT_SPREAD + 1));
      let lineLength = scoreText.length + fixed + textLength;
      // Near the end, size the last line(s) so that the file is exactly `size` bytes.
      if (remaining - lineLength < scoreText.length + fixed + MEAN_TEXT) {
        if (remaining <= scoreText.length + fixed + MEAN_TEXT + TEXT_SPREAD) lineLength = remaining;
        else lineLength = Math.floor(remaining / 2);
        textLength = lineLength - scoreText.length - fixed;
        if (textLength < MIN_TEXT) throw new Error(`size ${size} is too small for a line`);
      }
      let pos = used;
      pos += block.write(scoreText, pos, 'latin1');
      pos += prefixId.copy(block, pos);
      hex8(block, pos, fmix32(index ^ seed));
      hex8(block, pos + 8, random());
      hex8(block, pos + 16, random());
      hex8(block, pos + 24, random());
      pos += 32;
      pos += midData.copy(block, pos);
      // A slice of the pool that starts on a word; never ends in a space so the JSON looks natural.
      let start = random() % (POOL_BYTES - textLength - 64);
      while (pool[start] !== 0x20) start++;
      start++;
      pos += pool.copy(block, pos, start, start + textLength);
      if (block[pos - 1] === 0x20) block[pos - 1] = 0x2e; // '.'
      pos += tail.copy(block, pos);
      used = pos;
      index++;
      if (used >= BLOCK) {
        fs.writeSync(fd, block, 0, used);
        written += used;
        used = 0;
      }
    }
    if (used > 0) fs.writeSync(fd, block, 0, used);
    written += used;
    fs.closeSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  if (written !== size) throw new Error(`internal: wrote ${written} bytes, wanted ${size}`);
  fs.renameSync(tmp, file);
  return { file, lines: index, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** Makes sure `file` exists with `size` bytes; generates it if not. Returns the path. */
function ensure(file, size, { seed, force = false, log = console.error } = {}) {
  if (!force && fs.existsSync(file) && fs.statSync(file).size === size) return file;
  log(`generating ${path.relative(process.cwd(), file)} (${size} bytes)…`);
  const result = generate(file, size, seed);
  log(`  ${result.lines} lines in ${result.seconds.toFixed(1)} s (${(size / 2 ** 20 / result.seconds).toFixed(0)} MiB/s)`);
  return file;
}

function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string', default: '1g' }, out: { type: 'string' }, seed: { type: 'string' },
      force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: node bench/gen-data.js [--size 1g|4g|16g|<bytes>] [--seed N] [--out <file>] [--force]');
    return;
  }
  const { size: sizeText, out, force } = values;
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  const size = parseSize(sizeText);
  const file = ensure(out ?? dataPath(sizeText), size, { seed, force });
  console.log(file);
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`gen-data: ${error.message}`);
    process.exit(1);
  }
}
module.exports = { DATA_DIR, parseSize, dataPath, generate, ensure, score53 };
