'use strict';
// Runs one command as a whole process and measures wall time and peak RSS.
//
// Wall time is taken here with hrtime around a synchronous spawn (the bench process is idle
// meanwhile). Peak RSS needs the kernel's rusage of the child, which Node cannot get for a child
// process, so the command runs under a tiny wrapper:
//   1. GNU /usr/bin/time -f %M -o <file>  (≈1 ms overhead; `apt-get install time` on CI), else
//   2. python3 with resource.getrusage(RUSAGE_CHILDREN) (≈20 ms start-up, so the wall time is
//      then measured inside python around the child only), else
//   3. no RSS (reported as n/a).
// For a shell pipeline (`sh -c "a | b"`) the kernel reports the largest RSS of the waited-for
// descendants, i.e. the biggest process of the pipeline.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const TIME_BIN = '/usr/bin/time';
const MAX_OUTPUT = 512 << 20;
const TIMEOUT_MS = 30 * 60 * 1000;

const PY_WRAPPER = `
import resource, subprocess, sys, time
t = time.perf_counter_ns()
code = subprocess.call(sys.argv[2:])
wall = time.perf_counter_ns() - t
with open(sys.argv[1], "w") as f:
    f.write("%d %d\\n" % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, wall))
sys.exit(code if code >= 0 else 128 - code)
`;

/** Which RSS wrapper works here: 'time', 'python' or 'none'. `forced` overrides the detection. */
function detectRssTool(forced) {
  if (forced) return forced;
  const probe = path.join(os.tmpdir(), `bench-rss-probe-${process.pid}`);
  try {
    const r = spawnSync(TIME_BIN, ['-f', '%M', '-o', probe, 'true']);
    if (r.status === 0 && /^\d+/.test(fs.readFileSync(probe, 'utf8').trim())) return 'time';
  } catch {
    // not installed: try the next one
  } finally {
    fs.rmSync(probe, { force: true });
  }
  const py = spawnSync('python3', ['-c', 'import resource'], { stdio: 'ignore' });
  if (py.status === 0) return 'python';
  return 'none';
}

/**
 * Runs argv[0] with argv[1..] and returns
 *   { ok, status, signal, wallMs, rssKiB (or null), stdout, stderr }.
 * stdout is captured (so outputs can be checked on every timed run), or written to `stdoutFile`
 * (then stdout is ''), for outputs too big to hold as one string; stdin is closed.
 */
function runMeasured(argv, { rssTool = 'none', cwd, env, stdoutFile } = {}) {
  const out = path.join(os.tmpdir(), `bench-rss-${process.pid}`);
  let wrapped = argv;
  if (rssTool === 'time') wrapped = [TIME_BIN, '-f', '%M', '-o', out, '--', ...argv];
  else if (rssTool === 'python') wrapped = ['python3', '-c', PY_WRAPPER, out, ...argv];
  fs.rmSync(out, { force: true });

  const outFd = stdoutFile ? fs.openSync(stdoutFile, 'w') : null;
  const started = process.hrtime.bigint();
  const r = spawnSync(wrapped[0], wrapped.slice(1), {
    cwd,
    env: env ?? process.env,
    stdio: ['ignore', outFd ?? 'pipe', 'pipe'],
    maxBuffer: MAX_OUTPUT,
    timeout: TIMEOUT_MS,
  });
  let wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (outFd !== null) fs.closeSync(outFd);

  let rssKiB = null;
  if (rssTool !== 'none' && fs.existsSync(out)) {
    // GNU time writes "Command exited with non-zero status N" before the value when the child fails.
    const fields = fs.readFileSync(out, 'utf8').trim().split('\n').pop().trim().split(/\s+/);
    rssKiB = Number(fields[0]);
    if (rssTool === 'python') wallMs = Number(fields[1]) / 1e6;
    fs.rmSync(out, { force: true });
  }
  return {
    ok: r.status === 0 && !r.error,
    status: r.status,
    signal: r.signal,
    error: r.error ? r.error.message : null,
    wallMs,
    rssKiB,
    stdout: r.stdout ? r.stdout.toString('utf8') : '',
    stderr: r.stderr ? r.stderr.toString('utf8') : '',
  };
}

/** One line describing why a run failed. */
function failure(result) {
  if (result.error) return result.error;
  const firstLine = result.stderr.trim().split('\n')[0] || '(no message)';
  return `exit ${result.status ?? result.signal}: ${firstLine.slice(0, 160)}`;
}

/** Reads a file once so it sits in the page cache (twice for good measure with a noisy neighbour). */
function warmCache(file) {
  for (let i = 0; i < 2; i++) spawnSync('sh', ['-c', 'cat "$1" > /dev/null', 'sh', file], { stdio: 'ignore' });
}

/** Whether two files hold the same bytes (read in 16 MiB blocks). */
function sameBytes(fileA, fileB) {
  if (fs.statSync(fileA).size !== fs.statSync(fileB).size) return false;
  const a = fs.openSync(fileA, 'r');
  const b = fs.openSync(fileB, 'r');
  const bufA = Buffer.alloc(16 << 20);
  const bufB = Buffer.alloc(16 << 20);
  try {
    for (;;) {
      const n = fs.readSync(a, bufA, 0, bufA.length, null);
      const m = fs.readSync(b, bufB, 0, bufB.length, null);
      if (n !== m) return false;
      if (n === 0) return true;
      if (!bufA.subarray(0, n).equals(bufB.subarray(0, m))) return false;
    }
  } finally {
    fs.closeSync(a);
    fs.closeSync(b);
  }
}

function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** CPU seconds (user + system) of this process's reaped children, from /proc (Linux), else null. */
function childCpuSeconds() {
  try {
    // Fields after the command's closing parenthesis: cutime and cstime are the 14th and 15th.
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

module.exports = { detectRssTool, runMeasured, failure, warmCache, sameBytes, median, childCpuSeconds };
