#!/usr/bin/env node
'use strict';
// Single-thread zstd decode speed: the core's own decoder (assembly/zstd/, SIMD and scalar builds)
// alone, driven as the input stage drives it (src/core/input/zstd-core.ts: 1 MiB reads into its
// input region, 4 MiB steps, every frame's checksum and size checked, the output counted, not
// scanned), against `zstd -dc > /dev/null` on the same file, in interleaved rounds. Medians of
// wall and of CPU time (this process's user + system for the core; the child's for zstd, whose
// wall includes its start-up), as the CPU time is the steadier figure on a shared machine.
//
//   node bench/zstd-speed.js [--size 100m] [--source FILE] [--zst FILE] [--rounds 5] [--only simd|scalar] [--against DIR[,DIR...]]
//
// By default the first --size bytes of --source (bench/data/bench-1g.data, the benchmark's
// records: see gen-data.js; generated records when it is missing) are compressed with `zstd -3`
// into a temporary folder, removed at the end. --zst times an existing .zst file instead. --against
// times the core builds in other build/wasm folders too, in the same rounds (a change's before and after).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { parseArgs } = require('node:util');
const genData = require('./gen-data');
const { median, childCpuSeconds } = require('./lib/measure');

const INPUT_BYTES = 1 << 20; // as ZSTD_INPUT_BYTES
const OUTPUT_BYTES = 4 << 20; // as ZSTD_OUTPUT_BYTES
const STOP_AT_FRAME_END = 2;
const WASM_DIR = path.join(__dirname, '..', 'build', 'wasm');
const DEFAULT_SOURCE = path.join(__dirname, 'data', 'bench-1g.data');



function loadCore(build, dir = WASM_DIR) {
  const module = new WebAssembly.Module(fs.readFileSync(path.join(dir, `highest.${build}.wasm`)));
  const core = new WebAssembly.Instance(module, {}).exports;
  core.zstdReserve(INPUT_BYTES, OUTPUT_BYTES);
  return core;
}

/** Decodes all of `file` through the core, counting (not copying) the output. */
function ours(core, file) {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    core.zstdReset();
    core.zstdStops(STOP_AT_FRAME_END);
    let pos = 0;
    let bytes = 0;
    for (;;) {
      const status = core.zstdStep();
      bytes += (core.zstdOutputEnd() >>> 0) - (core.zstdOutputStart() >>> 0);
      if (status === 0) {
        const at = core.zstdInputAt() >>> 0;
        const room = Math.min(core.zstdInputRoom(), INPUT_BYTES);
        const n = fs.readSync(fd, new Uint8Array(core.memory.buffer, at, room), 0, room, pos);
        pos += n;
        core.zstdPush(n, pos === size ? 1 : 0);
      } else if (status === 4) {
        return bytes;
      } else if (status !== 1 && status !== 3) {
        throw new Error(`zstd status ${status}`);
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

function zstdCli(file) {
  const out = fs.openSync('/dev/null', 'w');
  try {
    const r = spawnSync('zstd', ['-dc', file], { stdio: ['ignore', out, 'inherit'] });
    if (r.status !== 0) throw new Error(`zstd -dc exited with ${r.status ?? r.error}`);
  } finally {
    fs.closeSync(out);
  }
}

function decodedSize(file) {
  const r = spawnSync('zstd', ['-dc', file], { maxBuffer: 4 << 30 });
  if (r.status !== 0) throw new Error(`zstd -dc exited with ${r.status ?? r.error}`);
  return r.stdout.length;
}

function main() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '100m' }, source: { type: 'string', default: DEFAULT_SOURCE },
      zst: { type: 'string' }, against: { type: 'string' }, rounds: { type: 'string', default: '5' }, only: { type: 'string' },
    },
  });
  const rounds = Number(values.rounds);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'highest-zstd-speed-'));
  try {
    let zst = values.zst;
    if (!zst) {
      const size = genData.parseSize(values.size);
      const data = path.join(dir, 'records.data');
      if (fs.existsSync(values.source)) {
        const fd = fs.openSync(values.source, 'r');
        const head = Buffer.alloc(size);
        const n = fs.readSync(fd, head, 0, size, 0);
        fs.closeSync(fd);
        fs.writeFileSync(data, head.subarray(0, n));
      } else {
        genData.generate(data, size);
      }
      zst = `${data}.zst`;
      const r = spawnSync('zstd', ['-3', '-q', data, '-o', zst], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error('zstd -3 failed (is zstd installed?)');
      fs.rmSync(data);
    }
    const size = decodedSize(zst);
    console.log(`${path.basename(zst)}: ${(fs.statSync(zst).size / 1e6).toFixed(1)} MB -> ${(size / 1e6).toFixed(1)} MB; ` +
      `${rounds} interleaved rounds; load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    const builds = values.only ? [values.only] : ['simd', 'scalar'];
    const contenders = [
      ['zstd -dc > /dev/null', () => { zstdCli(zst); return size; }, true],
      ...builds.map((build) => [`core zstd (${build})`, ((core) => () => ours(core, zst))(loadCore(build)), false]),
    ];
    for (const dir of values.against ? values.against.split(',') : []) {
      for (const build of builds) {
        const core = loadCore(build, dir);
        contenders.push([`${path.basename(dir)} (${build})`, () => ours(core, zst), false]);
      }
    }
    const times = contenders.map(() => []);
    const cpu = contenders.map(() => []);
    for (let r = 0; r < rounds; r++) {
      for (const [i, [name, run, child]] of contenders.entries()) {
        const start = process.hrtime.bigint();
        const cpuStart = process.cpuUsage();
        const childStart = child ? childCpuSeconds() : null;
        const bytes = run();
        const used = process.cpuUsage(cpuStart);
        times[i].push(Number(process.hrtime.bigint() - start) / 1e9);
        if (child) cpu[i].push(childStart === null ? times[i][times[i].length - 1] : childCpuSeconds() - childStart);
        else cpu[i].push((used.user + used.system) / 1e6);
        if (bytes !== size) throw new Error(`${name} gave ${bytes} bytes, not ${size}`);
      }
    }
    const rate = (seconds) => `${(size / 1e6 / seconds).toFixed(0)} MB/s`;
    const cli = median(cpu[0]);
    for (const [i, [name]] of contenders.entries()) {
      const t = median(times[i]);
      const c = median(cpu[i]);
      console.log(`${name.padEnd(22)} wall ${t.toFixed(3)} s ${rate(t).padStart(9)}   cpu ${c.toFixed(3)} s ${rate(c).padStart(9)}` +
        `   ${(c / cli).toFixed(2)}× zstd cpu   (cpu runs ${cpu[i].map((x) => x.toFixed(3)).join(' ')})`);
    }
    console.log(`load after: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
