#!/usr/bin/env node
'use strict';
// The benchmark's reference answer: a small implementation that shares no code with `highest`
// (src/, assembly/), so that the benchmark does not check `highest` against itself.
//
//   node bench/lib/reference.js <input>... <count> [--compact]
//
// An input is a file, a folder (its regular files, sorted by name, not recursive), gzip data
// (recognised by its first two bytes 1f 8b, several members allowed), zstd data (28 b5 2f fd,
// or a skippable frame first: decoded by the `zstd -dc` command) or '-' (standard input,
// first copied to a temporary file since it is read twice). Prints the same JSON as
// highest. Two passes over the inputs, read in chunks:
//   1. each line's score is parsed with BigInt (text before the first ':', blanks around it
//      allowed, blank lines skipped); the best `count` (score, input, line) are kept, ties going
//      to the earlier input and line: candidates are collected and, whenever they reach 2·count,
//      sorted and cut back to count, after which a line must beat the count-th score to enter;
//   2. the winners' lines are read again and only they are JSON.parse'd, for the id.
// Written for the benchmark's well-formed inputs: it checks what it parses but is no validator.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');
const zlib = require('node:zlib');
const { formatWinners } = require('./winners');

const CHUNK = 1 << 20;
const NEWLINE = 0x0a;
const COLON = 0x3a;

/** The files an input stands for: itself, or a folder's regular files sorted by name. */
function expandInputs(inputs) {
  const files = [];
  for (const input of inputs) {
    if (fs.statSync(input).isDirectory()) {
      const names = fs.readdirSync(input).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      for (const name of names) {
        const file = path.join(input, name);
        if (fs.statSync(file).isFile()) files.push(file);
      }
    } else files.push(input);
  }
  return files;
}

/** 'gzip', 'zstd' or null (plain), by the first bytes. */
function compressionOf(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const n = fs.readSync(fd, head, 0, 4, 0);
    if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
    if (n === 4 && (head.readUInt32LE(0) === 0xfd2fb528 || (head.readUInt32LE(0) & 0xfffffff0) === 0x184d2a50)) return 'zstd';
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** The (decompressed) bytes of one input as an async iterable of Buffers. */
function chunks(file) {
  const format = compressionOf(file);
  if (format === 'zstd') return require('node:child_process').spawn('zstd', ['-dc', '-q', file], { stdio: ['ignore', 'pipe', 'inherit'] }).stdout;
  const raw = fs.createReadStream(file, { highWaterMark: CHUNK });
  return format === 'gzip' ? raw.pipe(zlib.createGunzip({ chunkSize: CHUNK })) : raw;
}

/** Calls onLine(buffer, start, end, lineNumber) for every line of `file` (end excludes '\n'). */
async function forEachLine(file, onLine) {
  let carry = null;
  let lineNumber = 0;
  for await (const chunk of chunks(file)) {
    let buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let nl = buffer.indexOf(NEWLINE, start); nl !== -1; nl = buffer.indexOf(NEWLINE, start)) {
      onLine(buffer, start, nl, ++lineNumber);
      start = nl + 1;
    }
    carry = start < buffer.length ? buffer.subarray(start) : null;
    if (carry && carry.length > 64 << 20) carry = Buffer.from(carry); // do not pin old chunks forever
    buffer = null;
  }
  if (carry) onLine(carry, 0, carry.length, ++lineNumber);
}

const isBlank = (text) => /^[ \t\r]*$/.test(text);

/** The score of a line, or null for a blank line. Throws on a line without a score. */
function scoreOf(buffer, start, end, file, line) {
  const colon = buffer.indexOf(COLON, start);
  if (colon === -1 || colon >= end) {
    if (isBlank(buffer.latin1Slice(start, end))) return null;
    throw new Error(`${file} line ${line}: no ':'`);
  }
  const text = buffer.latin1Slice(start, colon).trim();
  if (!/^[+-]?\d+$/.test(text)) throw new Error(`${file} line ${line}: bad score '${text.slice(0, 40)}'`);
  return BigInt(text);
}

/** Best first: higher score, then earlier input, then earlier line. */
function better(a, b) {
  if (a.score !== b.score) return a.score > b.score ? -1 : 1;
  if (a.input !== b.input) return a.input - b.input;
  return a.line - b.line;
}

async function topN(files, count) {
  if (count === 0) return [];
  let kept = [];
  let threshold = null; // once `kept` has been cut to count: the count-th best score
  for (let input = 0; input < files.length; input++) {
    await forEachLine(files[input], (buffer, start, end, line) => {
      const score = scoreOf(buffer, start, end, files[input], line);
      // Equal to the count-th best: loses to it, as it comes later.
      if (score === null || (threshold !== null && score <= threshold)) return;
      kept.push({ score, input, line });
      if (kept.length >= 2 * count) {
        kept.sort(better);
        kept.length = count;
        threshold = kept[count - 1].score;
      }
    });
  }
  kept.sort(better);
  if (kept.length > count) kept.length = count;

  // Second pass: the winners' ids, read in file order (ranks sorted by input, then line).
  const ids = new Array(kept.length);
  const place = Float64Array.from(kept, (w) => w.input * 2 ** 32 + w.line);
  const byPlace = Uint32Array.from(kept.keys()).sort((a, b) => place[a] - place[b]);
  let next = 0;
  for (let input = 0; input < files.length && next < byPlace.length; input++) {
    if (kept[byPlace[next]].input !== input) continue;
    await forEachLine(files[input], (buffer, start, end, line) => {
      if (next >= byPlace.length || place[byPlace[next]] !== input * 2 ** 32 + line) return;
      const colon = buffer.indexOf(COLON, start);
      const record = JSON.parse(buffer.toString('utf8', colon + 1, end));
      if (record === null || typeof record !== 'object' || Array.isArray(record) || !('id' in record)) {
        throw new Error(`${files[input]} line ${line}: record without an id`);
      }
      ids[byPlace[next]] = JSON.stringify(record.id);
      next++;
    });
  }
  if (next !== byPlace.length) throw new Error('an input changed between the two passes');
  return kept.map((w, rank) => ({ score: w.score.toString(), id: ids[rank] }));
}

async function main() {
  const args = process.argv.slice(2);
  const compact = args.includes('--compact');
  const positional = args.filter((a) => a !== '--compact');
  if (positional.length < 2) throw new Error('usage: reference.js <input>... <count> [--compact]');
  const countText = positional.pop();
  if (!/^\d+$/.test(countText)) throw new Error(`bad count '${countText}'`);
  // More than there are records means all of them: no array can hold 2^32 entries anyway.
  const count = Number(BigInt(countText) > 2n ** 31n ? 2n ** 31n : BigInt(countText));
  let stdinCopy = null;
  if (positional.includes('-')) {
    stdinCopy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reference-')), 'stdin');
    await pipeline(process.stdin, fs.createWriteStream(stdinCopy));
  }
  try {
    const winners = await topN(expandInputs(positional.map((p) => (p === '-' ? stdinCopy : p))), count);
    process.stdout.write(formatWinners(winners, compact));
  } finally {
    if (stdinCopy) fs.rmSync(path.dirname(stdinCopy), { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`reference: ${error.message}\n`);
    process.exitCode = 2;
  });
}

module.exports = { expandInputs, topN };
