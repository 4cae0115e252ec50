#!/usr/bin/env node
'use strict';
// Single-thread inflate speed, paired in one process: Node's zlib (createGunzip, output
// discarded) against the core's own inflate (assembly/inflate/, SIMD and scalar builds) on the
// same gzip -6 file of text-like `<score>: {"id":...}` lines, each reading it (from the page
// cache) as it would in a run: zlib through a read stream, the core by reads into its region. Medians of interleaved rounds, of
// wall time and of the process's CPU time (zlib's work runs on a pool thread: counted too), as
// the CPU time is the steadier figure on a shared machine. ISA-L's `igzip -dc` and
// `libdeflate-gunzip -c` (output to /dev/null) are timed in the same rounds where installed, as
// child processes: their CPU time is the child's user + system time, their wall includes start-up.
//
//   node bench/inflate-speed.js [--size 200m] [--rounds 5] [--keep]
//
// The data goes to a temporary folder (removed at the end unless --keep); nothing is committed.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { spawnSync } = require('node:child_process');
const { Writable } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const { parseArgs } = require('node:util');
const genData = require('./gen-data');
const { median, childCpuSeconds } = require('./lib/measure');

const CHUNK = 1 << 20; // compressed bytes per push (zlib and ours alike)
const OUT_REGION = 4 << 20;
const WASM_DIR = path.join(__dirname, '..', 'build', 'wasm');


async function nodeZlib(gzFile) {
  let bytes = 0;
  await pipeline(
    fs.createReadStream(gzFile, { highWaterMark: CHUNK }),
    zlib.createGunzip({ chunkSize: 2 << 20 }),
    new Writable({ write(chunk, _encoding, done) { bytes += chunk.length; done(); } }),
  );
  return bytes;
}

/** A native decoder run as `tool ...args gzFile > /dev/null`, or null when it is not installed. */
function nativeTool(tool, args) {
  const found = ['/usr/bin', '/usr/local/bin', ...(process.env.PATH || '').split(path.delimiter)]
    .map((dir) => path.join(dir, tool)).find((file) => { try { fs.accessSync(file, fs.constants.X_OK); return true; } catch { return false; } });
  if (!found) return null;
  return (gzFile) => {
    const out = fs.openSync('/dev/null', 'w');
    try {
      const r = spawnSync(found, [...args, gzFile], { stdio: ['ignore', out, 'inherit'] });
      if (r.status !== 0) throw new Error(`${tool} exited with ${r.status}`);
    } finally {
      fs.closeSync(out);
    }
  };
}


function loadCore(build) {
  const module = new WebAssembly.Module(fs.readFileSync(path.join(WASM_DIR, `highest.${build}.wasm`)));
  const core = new WebAssembly.Instance(module, {}).exports;
  core.inflateReserve(CHUNK, OUT_REGION);
  return core;
}

/** Decodes all of `gzFile` through the core, counting (not copying) the output (its CRC-32 checked in the core). */
function ours(core, gzFile) {
  const fd = fs.openSync(gzFile, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    core.inflateReset(1);
    let pos = 0;
    let bytes = 0;
    for (;;) {
      const status = core.inflateStep();
      bytes += (core.inflateOutputEnd() >>> 0) - (core.inflateOutputStart() >>> 0);
      if (status === 0) {
        const at = core.inflateInputAt() >>> 0;
        const room = Math.min(core.inflateInputRoom(), CHUNK);
        const n = fs.readSync(fd, new Uint8Array(core.memory.buffer, at, room), 0, room, pos);
        pos += n;
        core.inflatePush(n, pos === size ? 1 : 0);
      } else if (status !== 1 && status !== 3) {
        if (status !== 4) throw new Error(`inflate status ${status}`);
        return bytes;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

async function main() {
  const { values } = parseArgs({
    options: { size: { type: 'string', default: '200m' }, rounds: { type: 'string', default: '5' }, keep: { type: 'boolean' } },
  });
  const size = genData.parseSize(values.size);
  const rounds = Number(values.rounds);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highest-inflate-'));
  try {
    const file = path.join(dir, 'lines.data');
    genData.generate(file, size);
    await pipeline(fs.createReadStream(file), zlib.createGzip({ level: 6 }), fs.createWriteStream(`${file}.gz`));
    const gz = `${file}.gz`;
    fs.rmSync(file);
    console.log(`${(size / 1e6).toFixed(1)} MB of lines, gzip -6: ${(fs.statSync(gz).size / 1e6).toFixed(1)} MB; ${rounds} interleaved rounds`);
    const contenders = [
      ['node zlib createGunzip', () => nodeZlib(gz)],
      ['core inflate (simd)', ((core) => () => ours(core, gz))(loadCore('simd'))],
      ['core inflate (scalar)', ((core) => () => ours(core, gz))(loadCore('scalar'))],
    ];
    const natives = [['igzip -dc (ISA-L)', 'igzip', ['-dc']], ['libdeflate-gunzip -c', 'libdeflate-gunzip', ['-c']]];
    for (const [name, tool, args] of natives) {
      const run = nativeTool(tool, args);
      if (run) contenders.push([name, () => { run(gz); return size; }, true]);
      else console.log(`${name}: skipped (${tool} not installed)`);
    }
    const times = contenders.map(() => []);
    const cpu = contenders.map(() => []);
    for (let r = 0; r < rounds; r++) {
      for (const [i, [name, run, child]] of contenders.entries()) {
        const start = process.hrtime.bigint();
        const cpuStart = process.cpuUsage();
        const childStart = child ? childCpuSeconds() : null;
        const bytes = await run();
        const used = process.cpuUsage(cpuStart);
        times[i].push(Number(process.hrtime.bigint() - start) / 1e9);
        if (child) {
          // A child's CPU time is not in process.cpuUsage(): /proc's reaped-children fields (wall without /proc).
          cpu[i].push(childStart === null ? times[i][times[i].length - 1] : childCpuSeconds() - childStart);
        } else {
          cpu[i].push((used.user + used.system) / 1e6);
        }
        if (bytes !== size) throw new Error(`${name} gave ${bytes} bytes, not ${size}`);
      }
    }
    const rate = (seconds) => `${(size / 1e6 / seconds).toFixed(0)} MB/s`;
    const igzip = contenders.findIndex(([name]) => name.startsWith('igzip'));
    for (const [i, [name]] of contenders.entries()) {
      const t = median(times[i]);
      const c = median(cpu[i]);
      const ratio = igzip < 0 ? '' : `   ${(c / median(cpu[igzip])).toFixed(2)}× igzip cpu`;
      console.log(`${name.padEnd(26)} wall ${t.toFixed(3)} s ${rate(t).padStart(9)}   cpu ${c.toFixed(3)} s ${rate(c).padStart(9)}` +
        `${ratio}   (wall runs ${times[i].map((x) => x.toFixed(2)).join(' ')})`);
    }
  } finally {
    if (values.keep) console.log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
