// Seeded generator of valid `<score>: <json record>` files for the browser test and
// bench/browser-speed.js. Scores are unique (a permutation, spread over negatives and
// positives, some beyond 2^64), ids are unique, and the framing varies (blanks, \r\n, empty lines).
"use strict";
const fs = require("node:fs");
const { unitRandom } = require("../../bench/lib/prng.js");


const WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"];
const BIG = 10n ** 25n;

/** The text of line i (without its line ending). */
function recordLine(i, next) {
  // i * odd mod 2^32 is a permutation, so scores are unique and unordered in the file.
  const slot = Math.imul(i, 0x9e3779b1) >>> 0;
  let score;
  if (i % 40009 === 7) score = String(BIG + BigInt(i)); // beyond 2^64
  else if (i % 40009 === 11) score = String(-(BIG + BigInt(i)));
  else if (i % 40009 === 13) score = String(2n ** 60n + BigInt(i)); // beyond 2^53, within 64 bits
  else if (i % 40009 === 17) score = String(-(2n ** 63n) - BigInt(i));
  else score = String(BigInt(slot) * 1000n + BigInt(Math.floor(next() * 1000)) - 2147483648000n);
  const numericId = i % 997 === 3 || (i % 40009 === 7 && Math.floor(i / 40009) % 2 === 0);
  const id = numericId ? String(BIG * 1000n + BigInt(i)) : JSON.stringify(i.toString(16).padStart(12, "0") + "-" + (slot % 9973));
  const record = `{"id":${id},"name":"${WORDS[i % 10]} ${WORDS[(i * 7) % 10]}","n":${Math.floor(next() * 1e6)},"tags":["${WORDS[(i * 3) % 10]}"]}`;
  switch (i % 5) {
    case 0: return `${score}:${record}`;
    case 1: return ` ${score} :\t${record}  `;
    case 2: return `${score.startsWith("-") ? score : "+" + score}: ${record}`;
    default: return `${score}: ${record}`;
  }
}

/** Writes about `bytes` bytes of valid lines to `path` (seeded); returns the number of lines. */
function writeRecords(path, bytes, seed = 1) {
  const next = unitRandom(seed);
  const fd = fs.openSync(path, "w");
  let written = 0;
  let lines = 0;
  try {
    const parts = [];
    let pending = 0;
    for (let i = 0; written + pending < bytes; i++) {
      let text = recordLine(i, next);
      if (i % 101 === 50) text += "\r"; // a \r belongs to the line ending
      if (i % 211 === 5) { text += "\n"; lines++; } // an empty line
      text += "\n";
      lines++;
      parts.push(text);
      pending += text.length;
      if (pending > 1 << 20) {
        written += fs.writeSync(fd, parts.join(""));
        parts.length = 0;
        pending = 0;
      }
    }
    written += fs.writeSync(fd, parts.join(""));
  } finally {
    fs.closeSync(fd);
  }
  return lines;
}

module.exports = { writeRecords, recordLine };
