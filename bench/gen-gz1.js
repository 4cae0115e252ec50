#!/usr/bin/env node
'use strict';
// The one-big-gzip-file suite's inputs (issue 18): a big file (from bench/gen-data.js)
// compressed whole, two ways, into <dir>/:
//   <name>.gz        one member, `gzip -6` (what most tools write: decodable only from the start)
//   <name>.bgzf.gz   BGZF, `bgzip -l 6 -@ 2`: members of ≤ 64 KiB, each with its size in a `BC`
//                    extra field, so that each can be found and decoded on its own
// Both are made by the system's tools (the ones users have), not node's zlib. A manifest
// (<dir>.manifest.json beside the folder, rewritten after each file) records the source and each
// file's size; a file whose entry matches is kept. A missing tool leaves its file out, with why.
//
//   node bench/gen-gz1.js [--size 1g|<bytes>] [--source <file>] [--out <dir>] [--force]
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { parseArgs } = require('node:util');
const genData = require('./gen-data');

/** The two encodings: key, label, file suffix, the command (source path last; output on stdout). */
const KINDS = [
  { kind: 'gzip6', label: 'gzip -6 (one member)', suffix: '.gz', tool: 'gzip', args: ['-6', '-c'] },
  { kind: 'bgzf', label: 'BGZF (bgzip, ≤ 64 KiB members)', suffix: '.bgzf.gz', tool: 'bgzip', args: ['-l', '6', '-@', '2', '-c'] },
];

/** bench/data/gz1/ for the default 1g file, bench/data/gz1-<size>/ for others ('quick' included). */
function gz1Dir(sizeText) {
  const size = String(sizeText).toLowerCase();
  return path.join(genData.DATA_DIR, size === '1g' ? 'gz1' : `gz1-${size}`);
}

const manifestPath = (dir) => `${dir.replace(/[/\\]+$/, '')}.manifest.json`;

function readManifest(dir) {
  try {
    return JSON.parse(fs.readFileSync(manifestPath(dir), 'utf8'));
  } catch {
    return null;
  }
}

/** Whether `tool` runs here (spawn fails with ENOENT when it is not installed). */
function hasTool(tool) {
  const r = spawnSync(tool, ['--version'], { stdio: 'ignore' });
  return !r.error;
}

/**
 * The number of gzip members of a BGZF file, walked by its BC fields (BSIZE − 1 at byte 16 of
 * each member's header); null if a member is not BGZF (then the walk would be a guess).
 */
function bgzfMembers(file) {
  const fd = fs.openSync(file, 'r');
  const size = fs.fstatSync(fd).size;
  const head = Buffer.alloc(18);
  let at = 0;
  let members = 0;
  try {
    while (at < size) {
      if (fs.readSync(fd, head, 0, 18, at) !== 18) return null;
      // ID1 ID2 CM FLG(FEXTRA) … XLEN = 6, SI1 SI2 = 'BC', SLEN = 2, BSIZE.
      if (head[0] !== 0x1f || head[1] !== 0x8b || head[2] !== 8 || !(head[3] & 4) || head.readUInt16LE(10) !== 6 || head[12] !== 0x42 || head[13] !== 0x43) return null;
      at += head.readUInt16LE(16) + 1;
      members++;
    }
  } finally {
    fs.closeSync(fd);
  }
  return at === size ? members : null;
}

/** Runs `tool args source > out` (through a temporary file, renamed when complete). */
function compress(kind, source, out) {
  const partial = `${out}.partial`;
  const fd = fs.openSync(partial, 'w');
  let r;
  try {
    r = spawnSync(kind.tool, [...kind.args, source], { stdio: ['ignore', fd, 'pipe'] });
  } finally {
    fs.closeSync(fd);
  }
  if (r.error || r.status !== 0) {
    fs.rmSync(partial, { force: true });
    throw new Error(`${kind.tool} ${kind.args.join(' ')} failed: ${r.error?.message ?? (r.stderr.toString().trim() || `exit ${r.status}`)}`);
  }
  fs.renameSync(partial, out);
}

/**
 * Makes sure `dir` holds `source` compressed both ways. Returns { dir, bytes (the uncompressed
 * size), files: [{ kind, label, file, compressedBytes, members } or { kind, label, missing }] }.
 */
function ensureGz1(source, dir, { force = false, log = console.error, kinds = KINDS } = {}) {
  const stat = fs.statSync(source);
  const want = { source: path.basename(source), sourceBytes: stat.size, sourceMtimeMs: Math.round(stat.mtimeMs) };
  const have = readManifest(dir);
  const sameSource = have && Object.keys(want).every((k) => have[k] === want[k]);
  const manifest = { ...want, files: sameSource ? have.files ?? {} : {} };
  fs.mkdirSync(dir, { recursive: true });
  const name = path.basename(source).replace(/\.data$/, '');
  const files = [];
  for (const kind of kinds) {
    const file = path.join(dir, `${name}${kind.suffix}`);
    const entry = manifest.files[kind.kind];
    const kept = !force && entry && entry.name === path.basename(file) && fs.existsSync(file) && fs.statSync(file).size === entry.compressedBytes;
    if (!kept) {
      if (!hasTool(kind.tool)) {
        files.push({ kind: kind.kind, label: kind.label, missing: `${kind.tool} not installed` });
        log(`note: ${kind.label} file not made: ${kind.tool} not installed`);
        continue;
      }
      const started = process.hrtime.bigint();
      log(`generating ${path.relative(process.cwd(), file)}: ${path.relative(process.cwd(), source)} through ${kind.tool} ${kind.args.join(' ')}…`);
      delete manifest.files[kind.kind];
      compress(kind, source, file);
      const compressedBytes = fs.statSync(file).size;
      manifest.files[kind.kind] = { name: path.basename(file), command: `${kind.tool} ${kind.args.join(' ')}`, compressedBytes, members: kind.kind === 'bgzf' ? bgzfMembers(file) : kind.members ? kind.members(file) : 1 };
      fs.writeFileSync(manifestPath(dir), `${JSON.stringify(manifest, null, 1)}\n`);
      log(`  ${(compressedBytes / 2 ** 20).toFixed(0)} MiB in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
    }
    const { compressedBytes, members } = manifest.files[kind.kind];
    files.push({ kind: kind.kind, label: kind.label, file, compressedBytes, members });
  }
  return { dir, bytes: stat.size, files };
}

/**
 * The one-member file with an index (issue 27): `<name>.indexed.gz`, a hard link to `<name>.gz`
 * (the same bytes, size and time, so that the rows of the plain file never find an index), and
 * its `.gzidx` written by `cli --write-index`. Returns its files entry, or one saying why not.
 */
function ensureIndexed(files, cli, { log = console.error } = {}) {
  const label = 'gzip -6 with its index (.gzidx)';
  const plain = files.find((f) => f.kind === 'gzip6' && !f.missing);
  if (!plain) return { kind: 'gzip6-indexed', label, missing: 'no gzip -6 file' };
  const file = plain.file.replace(/\.gz$/, '.indexed.gz');
  const same = (a, b) => { try { return fs.statSync(a).ino === fs.statSync(b).ino; } catch { return false; } };
  if (!same(file, plain.file)) {
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.gzidx`, { force: true });
    fs.linkSync(plain.file, file);
  }
  if (!fs.existsSync(`${file}.gzidx`)) {
    log(`writing ${path.relative(process.cwd(), file)}.gzidx: highest --write-index…`);
    const r = spawnSync(process.execPath, [cli, '--write-index', '--threads', '1', file, '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0 || !fs.existsSync(`${file}.gzidx`)) return { kind: 'gzip6-indexed', label, missing: `highest --write-index failed: ${r.stderr.toString().trim()}` };
  }
  return { ...plain, kind: 'gzip6-indexed', label, file };
}

function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string', default: '1g' }, source: { type: 'string' }, out: { type: 'string' },
      force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: node bench/gen-gz1.js [--size 1g|<bytes>] [--source <file>] [--out <dir>] [--force]');
    return;
  }
  const source = values.source ?? genData.ensure(genData.dataPath(values.size), genData.parseSize(values.size));
  const result = ensureGz1(source, values.out ?? gz1Dir(values.size), { force: values.force });
  for (const f of result.files) console.log(f.missing ? `${f.kind}: ${f.missing}` : f.file);
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`gen-gz1: ${error.message}`);
    process.exit(1);
  }
}
module.exports = { KINDS, gz1Dir, ensureGz1, ensureIndexed, bgzfMembers, hasTool };
