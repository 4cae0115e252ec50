'use strict';
// What the figures were measured on: they mean little without it.
const fs = require('node:fs');
const os = require('node:os');

function cpuModel() {
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    // not Linux: fall back to what Node knows
  }
  return os.cpus()[0]?.model ?? 'unknown CPU';
}

function machine() {
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism(),
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
    memoryGiB: os.totalmem() / 2 ** 30,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

/** "1.00 GiB" style sizes. */
function formatBytes(bytes) {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `${(bytes / 2 ** 10).toFixed(1)} KiB`;
}

module.exports = { machine, formatBytes };
