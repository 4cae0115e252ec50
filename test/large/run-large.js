#!/usr/bin/env node
// Opt-in large tests (`npm run test:large`, after `npm run build`): what small files cannot show.
//  1. A file of > 4.5 GiB whose winners sit past byte 2^32 and past line 2^32 (blank lines
//     count as lines: ~4.4 G newlines come first): exact output, and exact line numbers in
//     errors (a bad framing line, then an invalid winner record), with both engines, threads
//     1 and 2, and once through a pipe. A tie straddles line 2^32 to catch 32-bit line numbers.
//  2. Peak RSS for a 1 GiB and an 8 GiB valid file: flat within 10%.
//  3. Count = all of 2^24 + 2 lines (more rows than a JavaScript Map holds): scores beyond 64
//     bits, exact output, both engines; every record invalid: line 1 named (wasm, and js through a pipe).
// Sizes are configurable:
//   HIGHEST_LARGE_DIR          where to write (default: os.tmpdir()); files are deleted after
//   HIGHEST_LARGE_BLANK_LINES  newlines before the records (default 4400000000)
//   HIGHEST_LARGE_FILLER_MIB   MiB of ordinary records after them (default 512)
//   HIGHEST_LARGE_RSS_GIB      sizes for the RSS check, e.g. "1,8" (default "": skipped, because a
//                              bound on RSS depends on the machine; the benchmark reports peak RSS)
// Ends with "N passed, M failed"; exits 1 on any failure.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const CLI = path.resolve(__dirname, "..", "..", "build", "node", "highest-cli.js");
const { withLineStart } = require(path.resolve(__dirname, "..", "..", "build", "core", "model", "line-start.js"));
/** A data error's text: the problem, then the start of the offending line (SPEC: Errors). */
const shown = (problem, line) => withLineStart(problem, Buffer.from(line), 0, Buffer.byteLength(line));
const RSS_PRELOAD = path.resolve(__dirname, "..", "helpers", "report-rss.js");
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const env = process.env;
const DIR = fs.mkdtempSync(path.join(env.HIGHEST_LARGE_DIR || os.tmpdir(), "highest-large-"));
const BLANK_LINES = Number(env.HIGHEST_LARGE_BLANK_LINES || 4_400_000_000);
const FILLER_BYTES = Number(env.HIGHEST_LARGE_FILLER_MIB || 512) * MiB;
const RSS_GIB = (env.HIGHEST_LARGE_RSS_GIB ?? "").split(",").filter(Boolean).map(Number);

let passed = 0;
let failed = 0;
const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function check(name, fn) {
  const t = Date.now();
  try {
    fn();
    passed++;
    console.log(`ok    ${name} (${seconds(Date.now() - t)})`);
  } catch (error) {
    failed++;
    console.log(`FAIL  ${name} (${seconds(Date.now() - t)})\n      ${String(error && error.message || error).split("\n").join("\n      ")}`);
  }
}

function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}:\n  expected ${e.slice(0, 500)}\n  actual   ${a.slice(0, 500)}`);
}

/** Runs the CLI (or a shell pipeline with it: prefix | CLI | suffix); returns code, output, time and peak RSS (KiB). */
function run(args, { shellPrefix, shellSuffix, extraEnv } = {}) {
  const rssFile = path.join(DIR, `rss-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const childEnv = { ...env, ...extraEnv, HIGHEST_RSS_FILE: rssFile };
  const t = Date.now();
  const result = shellPrefix || shellSuffix
    ? spawnSync("bash", ["-c", `${shellSuffix ? "set -o pipefail; " : ""}${shellPrefix ? `${shellPrefix} | ` : ""}"${process.execPath}" -r "${RSS_PRELOAD}" "${CLI}" ${args.map((a) => `'${a}'`).join(" ")}${shellSuffix ? ` | ${shellSuffix}` : ""}`], { env: childEnv, maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, ["-r", RSS_PRELOAD, CLI, ...args], { env: childEnv, maxBuffer: 1 << 30 });
  const ms = Date.now() - t;
  let maxRssKiB;
  try { maxRssKiB = Number(fs.readFileSync(rssFile, "utf8")); fs.rmSync(rssFile); } catch { /* none */ }
  return { code: result.status, signal: result.signal, stdout: String(result.stdout), stderr: String(result.stderr), ms, maxRssKiB };
}

/** Writes `count` newlines to fd in 64 MiB slices. */
function writeNewlines(fd, count) {
  const slice = Buffer.alloc(64 * MiB, "\n");
  for (let left = count; left > 0; left -= slice.length) fs.writeSync(fd, slice, 0, Math.min(left, slice.length));
}

/** ~16 MiB of ordinary records (scores below 10^7, losers to every winner below). */
function fillerBlock() {
  const lines = [];
  let bytes = 0;
  for (let i = 0; bytes < 16 * MiB; i++) {
    const line = `${(i * 7919) % 10_000_019}:{"id":"f${i}","v":${i % 997}}\n`;
    lines.push(line);
    bytes += line.length;
  }
  return { buffer: Buffer.from(lines.join("")), lines: lines.length };
}

const VARIANTS = [
  ["wasm", 1], ["wasm", 2], ["js", 1], ["js", 2],
];

// ---------------------------------------------------------------------------------------
// 1. Line numbers and byte offsets past 2^32.
function bigLineNumbers() {
  const file = path.join(DIR, "past-2-32.data");
  const t = Date.now();
  const fd = fs.openSync(file, "w");
  // A record just before line 2^32 whose score ties with winners past it: the earlier
  // line must rank first (32-bit line numbers would wrap and put it last).
  const earlyLine = Math.min(2 ** 32 - 10, Math.floor(BLANK_LINES / 2) + 1);
  writeNewlines(fd, earlyLine - 1);
  fs.writeSync(fd, '1000000007:{"id":"early-tie"}\n');
  writeNewlines(fd, BLANK_LINES - (earlyLine - 1));
  const block = fillerBlock();
  let fillerLines = 0;
  for (let written = 0; written < FILLER_BYTES; written += block.buffer.length) {
    fs.writeSync(fd, block.buffer);
    fillerLines += block.lines;
  }
  const tail = [
    '1000000007:{"id":"w1"}',
    "",
    '  -5 : {"id":"neg"}',
    '123456789012345678901234567890 :{"id":"big", "x":[1,2]}',
    '1000000007:{"id":"w1-tie"}',
    '999999999:{"id":18446744073709551617}',
    '7:{"id":"patch-me"}',
    '1000000008:{"id":"w2"}\r',
    '500:{"id":"last"}',
  ];
  const tailStart = fs.fstatSync(fd).size;
  const tailText = tail.join("\n"); // no newline at the end
  fs.writeSync(fd, tailText);
  fs.closeSync(fd);
  const size = fs.statSync(file).size;
  const firstTailLine = BLANK_LINES + 1 + fillerLines + 1; // +1: the early-tie line
  const lineOf = (i) => firstTailLine + i;
  const offsetOf = (i) => tailStart + Buffer.byteLength(tail.slice(0, i).map((l) => l + "\n").join(""));
  console.log(`# wrote ${file}: ${(size / GiB).toFixed(2)} GiB, ${firstTailLine + tail.length - 1} lines, ` +
    `winners at lines ${lineOf(0)}..${lineOf(7)} (2^32 = ${2 ** 32}), bytes from ${tailStart} (${seconds(Date.now() - t)})`);

  check("the file reaches past 2^32 bytes and lines", () => {
    if (BLANK_LINES < 4_300_000_000 || size <= 4.5 * GiB) throw new Error(`too small for the check: ${BLANK_LINES} newlines, ${size} bytes (set the defaults back)`);
  });

  const expected = `[${[
    ['123456789012345678901234567890', '"big"'],
    ["1000000008", '"w2"'],
    ["1000000007", '"early-tie"'],
    ["1000000007", '"w1"'],
    ["1000000007", '"w1-tie"'],
    ["999999999", "18446744073709551617"],
  ].map(([s, id]) => `{"score":${s},"id":${id}}`).join(",")}]\n`;

  for (const [engine, threads] of VARIANTS) {
    check(`valid: exact top 6 past 2^32 (${engine}, threads ${threads})`, () => {
      const r = run(["--engine", engine, "--threads", String(threads), "--compact", file, "6"]);
      console.log(`      ${seconds(r.ms)}, ${(size / MiB / (r.ms / 1000)).toFixed(0)} MiB/s, peak RSS ${(r.maxRssKiB / 1024).toFixed(0)} MiB`);
      assertEqual({ code: r.code, stderr: r.stderr, stdout: r.stdout }, { code: 0, stderr: "", stdout: expected }, "result");
    });
  }
  check("valid: exact top 6 past 2^32 through a pipe (wasm: the lines are kept, not re-read)", () => {
    const r = run(["--compact", "-", "6"], { shellPrefix: `cat "${file}"` });
    console.log(`      ${seconds(r.ms)}, peak RSS ${(r.maxRssKiB / 1024).toFixed(0)} MiB`);
    assertEqual({ code: r.code, stderr: r.stderr, stdout: r.stdout }, { code: 0, stderr: "", stdout: expected }, "result");
  });

  // A winner's record made invalid (same length): named by its line number past 2^32.
  const patch = (i, from, to) => {
    const at = offsetOf(i) + tail[i].indexOf(from);
    const pfd = fs.openSync(file, "r+");
    fs.writeSync(pfd, to, at);
    fs.closeSync(pfd);
  };
  patch(4, '"}', '"]');
  const patched = (i, from, to) => tail[i].replace(from, to); // the line as patch() leaves it
  for (const [engine, threads] of VARIANTS) {
    check(`invalid winner record: line ${lineOf(4)} named (${engine}, threads ${threads})`, () => {
      const r = run(["--engine", engine, "--threads", String(threads), file, "6"]);
      assertEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr },
        { code: 2, stdout: "", stderr: `highest: line ${lineOf(4)}: ${shown("record is not valid JSON", patched(4, '"}', '"]'))}\n` }, "result");
    });
  }
  // A bad framing line after it: the framing error wins, wherever it is.
  patch(6, "7:", "x:");
  for (const [engine, threads] of VARIANTS) {
    check(`bad framing line: line ${lineOf(6)} named (${engine}, threads ${threads})`, () => {
      const r = run(["--engine", engine, "--threads", String(threads), file, "6"]);
      assertEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr },
        { code: 2, stdout: "", stderr: `highest: line ${lineOf(6)}: ${shown("score is not an integer", patched(6, "7:", "x:"))}\n` }, "result");
    });
  }
  check(`bad framing line through a pipe: line ${lineOf(6)} named`, () => {
    const r = run(["-", "6"], { shellPrefix: `cat "${file}"` });
    assertEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr },
      { code: 2, stdout: "", stderr: `highest: line ${lineOf(6)}: ${shown("score is not an integer", patched(6, "7:", "x:"))}\n` }, "result");
  });
  fs.rmSync(file);
}

// ---------------------------------------------------------------------------------------
// 2. Peak RSS does not grow with the input.
function flatRss() {
  if (RSS_GIB.length < 2) return;
  const file = path.join(DIR, "rss.data");
  const block = fillerBlock();
  const peaks = {}; // variant -> [peak KiB per size]
  // The block's records by rank (score desc, then line): the file repeats the block whole.
  const ranked = block.buffer.toString().split("\n").filter(Boolean)
    .map((line, i) => ({ score: BigInt(line.slice(0, line.indexOf(":"))), id: JSON.parse(line.slice(line.indexOf(":") + 1)).id, i }))
    .sort((a, b) => (a.score > b.score ? -1 : a.score < b.score ? 1 : a.i - b.i));
  /** Top 100 of `copies` copies of the block: each score `copies` times, earlier copies first. */
  const expectedTop100 = (copies) => {
    const out = [];
    for (const r of ranked) for (let c = 0; c < copies && out.length < 100; c++) out.push(`{"score":${r.score},"id":"${r.id}"}`);
    return `[${out.slice(0, 100).join(",")}]\n`;
  };
  for (const gib of [...RSS_GIB].sort((a, b) => a - b)) {
    const t = Date.now();
    const fd = fs.openSync(file, "a");
    for (let size = fs.fstatSync(fd).size; size < gib * GiB; size += block.buffer.length) fs.writeSync(fd, block.buffer);
    fs.closeSync(fd);
    const size = fs.statSync(file).size;
    const expected = expectedTop100(size / block.buffer.length);
    console.log(`# grew ${file} to ${(size / GiB).toFixed(2)} GiB (${seconds(Date.now() - t)})`);
    for (const [engine, threads] of VARIANTS) {
      const key = `${engine}, threads ${threads}`;
      check(`${(size / GiB).toFixed(1)} GiB valid file, count 100 (${key})`, () => {
        const r = run(["--engine", engine, "--threads", String(threads), "--compact", file, "100"]);
        console.log(`      ${seconds(r.ms)}, ${(size / MiB / (r.ms / 1000)).toFixed(0)} MiB/s, peak RSS ${(r.maxRssKiB / 1024).toFixed(1)} MiB`);
        assertEqual({ code: r.code, stderr: r.stderr, stdout: r.stdout }, { code: 0, stderr: "", stdout: expected }, "result");
        (peaks[key] = peaks[key] || []).push(r.maxRssKiB);
      });
    }
  }
  for (const [key, list] of Object.entries(peaks)) {
    check(`peak RSS flat from ${RSS_GIB[0]} to ${RSS_GIB[RSS_GIB.length - 1]} GiB within 10% (${key})`, () => {
      const [small, large] = [list[0], list[list.length - 1]];
      if (list.length < 2 || !(large <= small * 1.1)) {
        throw new Error(`peaks ${list.map((k) => (k / 1024).toFixed(1)).join(" -> ")} MiB`);
      }
    });
  }
  fs.rmSync(file);
}

// ---------------------------------------------------------------------------------------
// 3. More kept rows than a JavaScript Map holds (2^24): count = all of 2^24 + 2 lines.
function pastMapLimit() {
  const rows = 2 ** 24 + 2;
  const all = "100000000000";
  // The lines and the expected output come from seq and awk: several times faster than strings made here.
  const sh = (command) => {
    const r = spawnSync("bash", ["-c", `set -o pipefail; ${command}`], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${command}: exit ${r.status} ${r.stderr}`);
    return r.stdout;
  };
  // Scores 10^19 + i: 20 digits, beyond 64 bits (wasm) and 2^53 (js), rising: the output is the file reversed.
  let t = Date.now();
  const big = path.join(DIR, "big-scores.data");
  sh(`seq 0 ${rows - 1} | awk '{ printf "1%019d:{\\"id\\":%d}\\n", $1, $1 }' > "${big}"`);
  const expected = sh(`seq ${rows - 1} -1 0 | awk 'BEGIN { printf "[" } { printf "%s{\\"score\\":1%019d,\\"id\\":%d}", (NR > 1 ? "," : ""), $1, $1 } END { print "]" }' | sha256sum`);
  console.log(`# wrote ${big}: ${rows} lines, ${(fs.statSync(big).size / MiB).toFixed(0)} MiB (${seconds(Date.now() - t)})`);
  for (const engine of ["wasm", "js"]) {
    check(`count = all of ${rows} lines with scores beyond 64 bits: exact output (${engine})`, () => {
      const r = run(["--engine", engine, "--threads", "1", "--compact", big, all], { shellSuffix: "sha256sum" });
      console.log(`      ${seconds(r.ms)}, peak RSS ${(r.maxRssKiB / 1024).toFixed(0)} MiB`);
      assertEqual({ code: r.code, stderr: r.stderr, stdout: r.stdout }, { code: 0, stderr: "", stdout: expected }, "result (sha256 of the output)");
    });
  }
  fs.rmSync(big);
  // Every record invalid, scores rising: line 1 ranks last, yet it is the first in the file.
  t = Date.now();
  const invalid = path.join(DIR, "invalid.data");
  sh(`seq 0 ${rows - 1} | awk '{ print $1 ":1" }' > "${invalid}"`);
  console.log(`# wrote ${invalid}: ${rows} lines (${seconds(Date.now() - t)})`);
  const named = { code: 2, stdout: "", stderr: `highest: line 1: ${shown("record is not a JSON object", "0:1")}\n` };
  check(`count = all of ${rows} invalid records: line 1 named (wasm)`, () => {
    const r = run(["--engine", "wasm", "--threads", "1", invalid, all]);
    console.log(`      ${seconds(r.ms)}, peak RSS ${(r.maxRssKiB / 1024).toFixed(0)} MiB`);
    assertEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr }, named, "result");
  });
  check(`count = all of ${rows} invalid records through a pipe (js: the lines are kept): line 1 named`, () => {
    // The js engine keeps each line's bytes as a typed array (~200 B of heap each): 2^24 of them
    // come within 10% of V8's default heap limit here, and this case is about the row maps.
    const r = run(["--engine", "js", "-", all], { shellPrefix: `cat "${invalid}"`, extraEnv: { NODE_OPTIONS: "--max-old-space-size=8192" } });
    console.log(`      ${seconds(r.ms)}, peak RSS ${(r.maxRssKiB / 1024).toFixed(0)} MiB`);
    assertEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr }, named, "result");
  });
  fs.rmSync(invalid);
}

try {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  console.log(`# highest large tests in ${DIR}`);
  bigLineNumbers();
  flatRss();
  pastMapLimit();
} catch (error) {
  failed++;
  console.log(`FAIL  setup: ${error && error.stack || error}`);
} finally {
  fs.rmSync(DIR, { recursive: true, force: true });
}
console.log(`# total ${seconds(Date.now() - started)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
