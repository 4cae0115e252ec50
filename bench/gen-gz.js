#!/usr/bin/env node
'use strict';
// The gzip suite's input: a big file (from bench/gen-data.js) cut at line boundaries into
// PARTS pieces of about equal size, each gzipped with node's zlib at level 6, as
// <dir>/part-00.gz … part-63.gz. Same records, same order, so the winners are the big file's.
// A manifest (<dir>.manifest.json beside the folder, so that the folder holds only the data, and
// written last) records the source; a folder whose manifest matches is kept.
//
//   node bench/gen-gz.js [--size 1g|<bytes>] [--source <file>] [--out <dir>] [--parts 64] [--force]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { parseArgs, promisify } = require('node:util');
const genData = require('./gen-data');

const PARTS = 64;
const LEVEL = 6;
const gzip = promisify(zlib.gzip);

/** bench/data/gz64/ for the default 1g file, bench/data/gz64-<size>/ for others. */
function gzDir(sizeText, parts = PARTS) {
  const size = String(sizeText).toLowerCase();
  return path.join(genData.DATA_DIR, size === '1g' ? `gz${parts}` : `gz${parts}-${size}`);
}

/** Byte ranges [start, end) of `parts` pieces of `file`, each ending just after a '\n'. */
function cutPoints(file, parts) {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  const probe = Buffer.alloc(1 << 20);
  const bounds = [0];
  try {
    for (let i = 1; i < parts; i++) {
      let at = Math.max(Math.floor((size * i) / parts), bounds[bounds.length - 1]);
      // Move to just after the next newline.
      for (;;) {
        const n = fs.readSync(fd, probe, 0, probe.length, at);
        if (n === 0) {
          at = size;
          break;
        }
        const nl = probe.subarray(0, n).indexOf(0x0a);
        if (nl !== -1) {
          at += nl + 1;
          break;
        }
        at += n;
      }
      bounds.push(at);
    }
  } finally {
    fs.closeSync(fd);
  }
  bounds.push(size);
  return bounds.slice(0, -1).map((start, i) => [start, bounds[i + 1]]);
}

const manifestPath = (dir) => `${dir.replace(/[/\\]+$/, '')}.manifest.json`;

function readManifest(dir) {
  try {
    return JSON.parse(fs.readFileSync(manifestPath(dir), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Makes sure `dir` holds `source` as `parts` gzip files. Returns { dir, files, bytes } where
 * bytes is the uncompressed total (= the source's size).
 */
async function ensureGz(source, dir, { parts = PARTS, force = false, log = console.error } = {}) {
  const stat = fs.statSync(source);
  const want = { source: path.basename(source), sourceBytes: stat.size, sourceMtimeMs: Math.round(stat.mtimeMs), parts, level: LEVEL };
  const have = readManifest(dir);
  const same = have && Object.keys(want).every((k) => have[k] === want[k]) && have.files.every((f) => fs.existsSync(path.join(dir, f)));
  if (same && !force) return { dir, files: have.files.map((f) => path.join(dir, f)), bytes: have.bytes };

  const started = process.hrtime.bigint();
  log(`generating ${path.relative(process.cwd(), dir)}/: ${path.relative(process.cwd(), source)} in ${parts} gzip files (level ${LEVEL})…`);
  fs.rmSync(manifestPath(dir), { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const ranges = cutPoints(source, parts);
  const width = String(parts - 1).length;
  const names = ranges.map((_, i) => `part-${String(i).padStart(width, '0')}.gz`);
  const fd = fs.openSync(source, 'r');
  let compressed = 0;
  try {
    // zlib.gzip runs on libuv's thread pool: one piece per core at a time.
    let next = 0;
    const worker = async () => {
      while (next < ranges.length) {
        const i = next++;
        const [start, end] = ranges[i];
        const buffer = Buffer.alloc(end - start);
        fs.readSync(fd, buffer, 0, buffer.length, start);
        const gz = await gzip(buffer, { level: LEVEL });
        fs.writeFileSync(path.join(dir, names[i]), gz);
        compressed += gz.length;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(4, os.availableParallelism())) }, worker));
  } finally {
    fs.closeSync(fd);
  }
  fs.writeFileSync(manifestPath(dir), `${JSON.stringify({ ...want, bytes: stat.size, compressedBytes: compressed, files: names }, null, 1)}\n`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  log(`  ${(compressed / 2 ** 20).toFixed(0)} MiB compressed in ${seconds.toFixed(1)} s`);
  return { dir, files: names.map((f) => path.join(dir, f)), bytes: stat.size };
}

async function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string', default: '1g' }, source: { type: 'string' }, out: { type: 'string' },
      parts: { type: 'string', default: String(PARTS) }, force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: node bench/gen-gz.js [--size 1g|<bytes>] [--source <file>] [--out <dir>] [--parts 64] [--force]');
    return;
  }
  const { size: sizeText, out, force } = values;
  let source = values.source;
  const parts = Number(values.parts);
  if (!source) source = genData.ensure(genData.dataPath(sizeText), genData.parseSize(sizeText));
  const result = await ensureGz(source, out ?? gzDir(sizeText, parts), { parts, force });
  console.log(result.dir);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`gen-gz: ${error.message}`);
    process.exit(1);
  });
}
module.exports = { PARTS, gzDir, ensureGz };
