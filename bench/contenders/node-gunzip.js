#!/usr/bin/env node
'use strict';
// A floor for the one-gzip-file suite: Node's own zlib inflating the file, output discarded (what
// today's `highest` pays to decode a gzip file on one thread, before any scanning). Prints the
// number of bytes it decoded, so that a run can be told from one that stopped at the first member.
//   node bench/contenders/node-gunzip.js <file.gz>
const fs = require('node:fs');
const zlib = require('node:zlib');

const CHUNK = 1 << 20;
let bytes = 0;
fs.createReadStream(process.argv[2], { highWaterMark: CHUNK })
  .pipe(zlib.createGunzip({ chunkSize: CHUNK }))
  .on('data', (chunk) => {
    bytes += chunk.length;
  })
  .on('end', () => process.stdout.write(`${bytes}\n`))
  .on('error', (error) => {
    process.stderr.write(`node-gunzip: ${error.message}\n`);
    process.exitCode = 1;
  });
