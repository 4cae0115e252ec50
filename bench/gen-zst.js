#!/usr/bin/env node
'use strict';
// The zstd suite's inputs (issue 28): the big file (from bench/gen-data.js) compressed whole by
// the system's zstd tools into <dir>/:
//   <name>.zst         `zstd -3` (one frame)
//   <name>.pzstd.zst   `pzstd -p 2 -3` (a frame, and a skippable frame before it, every few MiB)
// Kept while the manifest beside the folder matches (bench/gen-gz1.js does the work).
//
//   node bench/gen-zst.js [--size 1g|<bytes>] [--source <file>] [--out <dir>] [--force]
const path = require('node:path');
const { parseArgs } = require('node:util');
const genData = require('./gen-data');
const { ensureGz1 } = require('./gen-gz1');

/** Frames of a zstd file, walked by their headers would need block walks: counted by `zstd -l` instead. */
function zstdFrames(file) {
  const r = require('node:child_process').spawnSync('zstd', ['-l', file]);
  const match = /^\s*(\d+)\s+\d+/m.exec(r.stdout?.toString() ?? '');
  return match ? Number(match[1]) : null;
}

const KINDS = [
  { kind: 'zstd3', label: 'zstd -3 (one frame)', suffix: '.zst', tool: 'zstd', args: ['-3', '-q', '-c'], members: zstdFrames },
  { kind: 'pzstd', label: 'pzstd -p 2 -3 (frames)', suffix: '.pzstd.zst', tool: 'pzstd', args: ['-p', '2', '-3', '-q', '-c'], members: zstdFrames },
];

/** bench/data/zst/ for the default 1g file, bench/data/zst-<size>/ for others. */
function zstDir(sizeText) {
  const size = String(sizeText).toLowerCase();
  return path.join(genData.DATA_DIR, size === '1g' ? 'zst' : `zst-${size}`);
}

function ensureZst(source, dir, options = {}) {
  return ensureGz1(source, dir, { ...options, kinds: KINDS });
}

if (require.main === module) {
  const { values } = parseArgs({
    options: { size: { type: 'string', default: '1g' }, source: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean', default: false } },
  });
  const source = values.source ?? genData.ensure(genData.dataPath(values.size), genData.parseSize(values.size));
  for (const f of ensureZst(source, values.out ?? zstDir(values.size), { force: values.force }).files) console.log(f.missing ? `${f.kind}: ${f.missing}` : f.file);
}

module.exports = { KINDS, zstDir, ensureZst };
