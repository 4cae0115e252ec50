#!/usr/bin/env node
'use strict';
// Runs a command with its standard output going to a file and watches the file grow, to tell
// whether the output streams (is written while the run goes on) or comes all at the end.
//
//   node bench/lib/output-timeline.js <out-file> <command> [args…]
//
// Standard error passes through; the exit status is the command's. Prints one JSON line:
//   {"wallMs", "firstByteMs" (null if nothing was written), "halfMs" (half of the final
//    size reached), "bytes"}
// Times are from the spawn, polled every 50 ms (fstat of the file).
const fs = require('node:fs');
const { spawn } = require('node:child_process');

const POLL_MS = 50;

function main() {
  const [outFile, command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error('usage: output-timeline.js <out-file> <command> [args…]');
    process.exit(2);
  }
  const fd = fs.openSync(outFile, 'w');
  const started = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - started) / 1e6;
  const samples = []; // [ms, bytes] whenever the size changed
  const child = spawn(command, args, { stdio: ['ignore', fd, 'inherit'] });
  const poll = () => {
    const size = fs.fstatSync(fd).size;
    if (samples.length === 0 ? size > 0 : size !== samples[samples.length - 1][1]) samples.push([since(), size]);
  };
  const timer = setInterval(poll, POLL_MS);
  child.on('error', (error) => {
    console.error(`output-timeline: ${error.message}`);
    process.exit(127);
  });
  child.on('exit', (code, signal) => {
    const wallMs = since();
    clearInterval(timer);
    poll();
    fs.closeSync(fd);
    const bytes = samples.length ? samples[samples.length - 1][1] : 0;
    const firstByteMs = samples.length ? samples[0][0] : null;
    const half = samples.find(([, size]) => size >= bytes / 2);
    process.stdout.write(`${JSON.stringify({ wallMs, firstByteMs, halfMs: half ? half[0] : null, bytes })}\n`);
    process.exitCode = code ?? 128 + (require('node:os').constants.signals[signal] ?? 0);
  });
}

main();
