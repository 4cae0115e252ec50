#!/usr/bin/env node
'use strict';
// Checks a count = all output for a file of bench/gen-short.js without sorting anything, so that
// 20 M winners cost seconds and a few MiB (bench/lib/reference.js would hold 20 M BigInts and
// build one string larger than V8 allows). Shares no code with highest; it relies on the
// generator's formula instead: line i is `<score53(i, seed)>: {"id":<i>}`, a bijection of i
// onto 53-bit scores. The output (any JSON whitespace) must be an array of exactly `lines`
// objects {"score": <s>, "id": <i>} with
//   - 0 ≤ i < lines and s = score53(i, seed): each winner is a real record, with its own score;
//   - s strictly decreasing: the order is right, and (scores being unique) no record repeats;
// so its ids are `lines` distinct indices in [0, lines): every record, best first.
// Read in 16 MiB blocks, byte by byte.
//
//   node bench/lib/check-short.js <output.json> <lines> [--seed N]
const fs = require('node:fs');
const { score53n, DEFAULT_SEED } = require('../gen-short');

const BLOCK = 16 << 20;
const SLACK = 64; // every token is shorter than this, so a token started before the cut ends inside the buffer

/** null when `file` is the full, correct count = all output for (lines, seed); else what is wrong. */
function checkShortOutput(file, lines, seed = DEFAULT_SEED) {
  const fd = fs.openSync(file, 'r');
  const block = Buffer.alloc(BLOCK + SLACK);
  let carry = 0; // bytes kept at the start of `block` from the previous read
  let eof = false;
  let offset = 0; // file offset of block[0]
  let pos = 0;
  let end = 0;
  let limit = 0;
  const fill = () => {
    block.copy(block, 0, pos, end);
    offset += pos;
    carry = end - pos;
    const n = fs.readSync(fd, block, carry, BLOCK, null);
    if (n === 0) eof = true;
    end = carry + n;
    pos = 0;
    limit = eof ? end : end - SLACK;
  };
  const WS = (b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
  const skip = () => {
    for (;;) {
      while (pos < end && WS(block[pos])) pos++;
      if (pos < limit || eof) return;
      fill();
    }
  };
  /** The next non-blank byte (consumed), or -1 at the end. */
  const next = () => {
    skip();
    if (pos >= end) return -1;
    return block[pos++];
  };
  const expect = (text) => {
    skip();
    if (pos + text.length > end) throw new Error(`expected '${text}' at byte ${offset + pos}, found the end`);
    for (let k = 0; k < text.length; k++) {
      if (block[pos + k] !== text.charCodeAt(k)) throw new Error(`expected '${text}' at byte ${offset + pos}`);
    }
    pos += text.length;
  };
  /** A non-negative integer below 2^53 (at most 16 digits, no leading zero). */
  const integer = () => {
    skip();
    const start = pos;
    let v = 0;
    while (pos < end && block[pos] >= 0x30 && block[pos] <= 0x39) v = v * 10 + (block[pos++] - 0x30);
    const digits = pos - start;
    if (digits === 0 || digits > 16 || (digits > 1 && block[start] === 0x30) || v >= 2 ** 53) {
      throw new Error(`bad integer at byte ${offset + start}: '${block.latin1Slice(start, Math.min(start + 20, end))}'`);
    }
    return v;
  };

  try {
    fill();
    expect('[');
    let count = 0;
    let previous = Infinity;
    for (;;) {
      const c = next();
      if (c === 0x5d /* ] */) break;
      if (count > 0) {
        if (c !== 0x2c /* , */) throw new Error(`expected ',' or ']' at byte ${offset + pos - 1}`);
        expect('{');
      } else if (c !== 0x7b /* { */) throw new Error(`expected '{' or ']' at byte ${offset + pos - 1}`);
      expect('"score"');
      expect(':');
      const score = integer();
      expect(',');
      expect('"id"');
      expect(':');
      const id = integer();
      expect('}');
      if (id >= lines) return `winner #${count + 1}: id ${id} is not a line of the file (${lines} lines)`;
      if (score !== score53n(id, seed)) return `winner #${count + 1}: id ${id} has score ${score53n(id, seed)} in the file, printed ${score}`;
      if (!(score < previous)) return `winner #${count + 1}: score ${score} after ${previous} (not strictly decreasing)`;
      previous = score;
      count++;
    }
    if (next() !== -1) return `text after the closing ']' at byte ${offset + pos - 1}`;
    if (count !== lines) return `${count} winners, expected every record (${lines})`;
    return null;
  } catch (error) {
    return `unreadable output: ${error.message}`;
  } finally {
    fs.closeSync(fd);
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt === -1 ? DEFAULT_SEED : Number(args.splice(seedAt, 2)[1]);
  if (args.length !== 2) {
    console.error('usage: check-short.js <output.json> <lines> [--seed N]');
    process.exit(2);
  }
  const problem = checkShortOutput(args[0], Number(args[1]), seed);
  console.log(problem ?? `ok: ${args[1]} winners, every record, best first`);
  process.exitCode = problem ? 1 : 0;
}

module.exports = { checkShortOutput };
