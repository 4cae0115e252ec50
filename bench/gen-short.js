#!/usr/bin/env node
'use strict';
// Seeded generator of many short lines, for count = all on tens of millions of records:
//   <score>: {"id":<i>}\n        (i = 0, 1, 2, … the line's index; ~33.5 bytes a line)
// The score of line i is score53(i, seed) of bench/gen-data.js, a bijection of the index on
// [0, 2^53): unique, full-range 53-bit scores in a shuffled order. Here it is computed with
// Numbers only (score53n, checked against the BigInt original), and lines are assembled byte by
// byte in a big Buffer written in 16 MiB blocks: 20 M lines (~0.67 GB) take a few seconds.
// Since the generator knows score(i) for id i, a count = all output can be checked without
// sorting 20 M records (bench/lib/check-short.js).
//
//   node bench/gen-short.js [--lines 20000000] [--seed N] [--out <file>] [--force]
//
// Default file: bench/data/short-<lines>.data, kept while short-<lines>.manifest.json matches it.
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { score53 } = require('./gen-data');

const DATA_DIR = path.join(__dirname, 'data');
const BLOCK = 16 << 20;
const DEFAULT_LINES = 20_000_000;
const DEFAULT_SEED = 20240611;

const P32 = 2 ** 32;
const MASK21 = 0x1fffff;
// gen-data.js's multipliers (0x9e3779b97f4a7b and 0xd6e8feb86659fd, cut to 53 bits, made odd),
// as their high 21 and low 32 bits.
const M1 = 0x9e3779b97f4a7bn & ((1n << 53n) - 1n) | 1n;
const M2 = 0xd6e8feb86659fdn & ((1n << 53n) - 1n) | 1n;
const M1H = Number(M1 >> 32n);
const M1L = Number(M1 & 0xffffffffn);
const M2H = Number(M2 >> 32n);
const M2L = Number(M2 & 0xffffffffn);

// x = hi · 2^32 + lo with hi < 2^21, lo < 2^32 (both non-negative). mul53 sets these two.
let HI = 0;
let LO = 0;
/** (xh·2^32 + xl) · (mh·2^32 + ml) mod 2^53, into HI and LO: 32-bit pieces, every step exact. */
function mul53(xh, xl, mh, ml) {
  const a0 = xl & 0xffff;
  const a1 = xl >>> 16;
  const b0 = ml & 0xffff;
  const b1 = ml >>> 16;
  const mid = a0 * b1 + a1 * b0; // < 2^33
  const midHigh = Math.floor(mid / 65536);
  const low = a0 * b0 + (mid - midHigh * 65536) * 65536; // < 2^33
  const carry = low >= P32 ? 1 : 0;
  const high = a1 * b1 + midHigh + carry; // high 32 bits of xl·ml (< 2^32)
  LO = carry ? low - P32 : low;
  HI = (high + Math.imul(xh, ml) + Math.imul(xl, mh)) & MASK21;
}

/** score53(index, seed) of gen-data.js, in Numbers (index + seed < 2^53). */
function score53n(index, seed = DEFAULT_SEED) {
  const x = index + seed;
  mul53(Math.floor(x / P32) & MASK21, x >>> 0, M1H, M1L);
  let hi = HI;
  let lo = (LO ^ ((hi << 5) | (LO >>> 27))) >>> 0; // x ^= x >> 27
  mul53(hi, lo, M2H, M2L);
  hi = HI;
  lo = (LO ^ ((hi << 6) | (LO >>> 26))) >>> 0; // x ^= x >> 26
  return hi * P32 + lo;
}

/** Throws unless score53n agrees with the BigInt score53 on a sample of indices. */
function selfTest(seed = DEFAULT_SEED) {
  const sample = [0, 1, 2, 3, 1e6, 19_999_999, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 12345];
  for (let i = 0; i < 2000; i++) sample.push(i * 104729 + 7);
  for (const i of sample) {
    const want = score53(i, seed).toString();
    const got = String(score53n(i, seed));
    if (want !== got) throw new Error(`score53n(${i}) = ${got}, score53 = ${want}`);
  }
}

const POW10 = Array.from({ length: 17 }, (_, k) => 10 ** k);

/** Writes the decimal digits of the integer 0 ≤ v < 2^53 into buf at pos; returns the new pos. */
function writeDigits(buf, pos, v) {
  if (v < 10) {
    buf[pos] = 48 + v;
    return pos + 1;
  }
  let digits = 1;
  while (digits < 16 && v >= POW10[digits]) digits++;
  let end = pos + digits;
  // Eight digits at a time with 32-bit arithmetic.
  while (v >= 1e8) {
    const rest = Math.floor(v / 1e8);
    let low = (v - rest * 1e8) | 0;
    v = rest;
    for (let k = 0; k < 8; k++) {
      buf[--end] = 48 + (low % 10);
      low = (low / 10) | 0;
    }
  }
  v |= 0;
  while (v > 0) {
    buf[--end] = 48 + (v % 10);
    v = (v / 10) | 0;
  }
  return pos + digits;
}

/** The path for a line count: bench/data/short-<lines>.data. */
function shortPath(lines) {
  return path.join(DATA_DIR, `short-${lines}.data`);
}

/** Generates the file (through a temporary file renamed at the end). Returns { file, bytes, seconds }. */
function generate(file, lines = DEFAULT_LINES, seed = DEFAULT_SEED) {
  selfTest(seed);
  const started = process.hrtime.bigint();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const block = Buffer.alloc(BLOCK + 256);
  const middle = Buffer.from(': {"id":');
  const fd = fs.openSync(tmp, 'w');
  let used = 0;
  let bytes = 0;
  try {
    for (let i = 0; i < lines; i++) {
      let pos = writeDigits(block, used, score53n(i, seed));
      pos += middle.copy(block, pos);
      pos = writeDigits(block, pos, i);
      block[pos++] = 0x7d; // }
      block[pos++] = 0x0a;
      used = pos;
      if (used >= BLOCK) {
        fs.writeSync(fd, block, 0, used);
        bytes += used;
        used = 0;
      }
    }
    if (used > 0) fs.writeSync(fd, block, 0, used);
    bytes += used;
    fs.closeSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  fs.renameSync(tmp, file);
  return { file, bytes, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** The manifest next to the file: what it was generated for and its size. */
const manifestPath = (file) => file.replace(/\.data$/, '') + '.manifest.json';

/**
 * Makes sure the file for (lines, seed) exists: kept while its manifest names the same lines and
 * seed and the file has the size written there; generated otherwise. Returns the path.
 */
function ensure(file, lines = DEFAULT_LINES, { seed = DEFAULT_SEED, force = false, log = console.error } = {}) {
  if (!force && fs.existsSync(file)) {
    try {
      const m = JSON.parse(fs.readFileSync(manifestPath(file), 'utf8'));
      if (m.lines === lines && m.seed === seed && fs.statSync(file).size === m.bytes) return file;
    } catch {
      // no manifest or not readable: generate again
    }
  }
  log(`generating ${path.relative(process.cwd(), file)} (${lines.toLocaleString('en-US')} short lines)…`);
  const result = generate(file, lines, seed);
  fs.writeFileSync(manifestPath(file), `${JSON.stringify({ lines, seed, bytes: result.bytes, format: '<score53(i, seed)>: {"id":<i>}' })}\n`);
  log(`  ${result.bytes.toLocaleString('en-US')} bytes in ${result.seconds.toFixed(1)} s (${(result.bytes / 2 ** 20 / result.seconds).toFixed(0)} MiB/s)`);
  return file;
}

function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      lines: { type: 'string', default: String(DEFAULT_LINES) }, out: { type: 'string' }, seed: { type: 'string' },
      force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: node bench/gen-short.js [--lines 20000000] [--seed N] [--out <file>] [--force]');
    return;
  }
  const lines = Number(values.lines);
  if (!Number.isSafeInteger(lines) || lines < 1) throw new Error(`bad --lines '${values.lines}'`);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  console.log(ensure(values.out ?? shortPath(lines), lines, { seed, force: values.force }));
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`gen-short: ${error.message}`);
    process.exit(1);
  }
}
module.exports = { DEFAULT_LINES, DEFAULT_SEED, score53n, selfTest, shortPath, ensure, generate };
