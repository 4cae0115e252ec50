#!/usr/bin/env node
// STAND-IN, to be deleted once the CLI has --shard and --lines (issue 9): a slow, simple
// `highest [--shard I/K] [--lines] [--compact] <input>... <count>` for developing the Slurm and GNU
// parallel machinery. Parts are whole inputs (input j belongs to part floor(j*K/n)); the real
// --shard also cuts plain files at line boundaries. Same output formats, tie order and error
// message shape as SPEC 2 ("highest: <input>: line N: ..." and exit 2 for invalid data).
"use strict";
const fs = require("node:fs");
const zlib = require("node:zlib");

const args = process.argv.slice(2);
let shard = null, lines = false, compact = false;
const positional = [];
for (let a = 0; a < args.length; a++) {
  if (args[a] === "--shard") {
    const m = /^(\d+)\/(\d+)$/.exec(args[++a] ?? "");
    if (!m || Number(m[1]) >= Number(m[2])) usage(`--shard wants I/K with 0 <= I < K`);
    shard = { i: Number(m[1]), k: Number(m[2]) };
  } else if (args[a] === "--threads") a++; // accepted, ignored
  else if (args[a] === "--lines") lines = true;
  else if (args[a] === "--compact") compact = true;
  else if (args[a].startsWith("--")) usage(`unknown option ${args[a]}`);
  else positional.push(args[a]);
}
if (positional.length < 2 || !/^\d+$/.test(positional[positional.length - 1])) usage("want <input>... <count>");
const count = BigInt(positional.pop());
let inputs = positional;
if (shard) inputs = inputs.filter((_, j) => Math.floor((j * shard.k) / inputs.length) === shard.i);

function usage(message) {
  process.stderr.write(`highest: ${message}\n`);
  process.exit(1);
}

const records = []; // { score, line } in input order, then line order
for (const input of inputs) {
  let bytes = fs.readFileSync(input);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = zlib.gunzipSync(bytes);
  const text = bytes.toString("latin1").split("\n");
  if (text[text.length - 1] === "") text.pop();
  text.forEach((raw, n) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (/^[ \t\r]*$/.test(line)) return;
    const m = /^[ \t]*([+-]?[0-9]+)[ \t]*:/.exec(line);
    if (!m) {
      process.stderr.write(`highest: ${input}: line ${n + 1}: score is not an integer\n`);
      process.exit(2);
    }
    records.push({ score: BigInt(m[1]), line });
  });
}
// Stable sort: ties keep input order, then line order.
records.sort((a, b) => (a.score > b.score ? -1 : a.score < b.score ? 1 : 0));
const winners = records.slice(0, Number(count < BigInt(records.length) ? count : BigInt(records.length)));
let out;
if (lines) {
  out = winners.map((w) => w.line + "\n").join("");
} else {
  const items = winners.map((w) => {
    const id = /"id"[ \t]*:[ \t]*("(?:[^"\\]|\\.)*"|[-0-9.eE+]+)/.exec(w.line)[1];
    return compact ? `{"score":${w.score},"id":${id}}` : `  {\n    "score": ${w.score},\n    "id": ${id}\n  }`;
  });
  out = compact ? `[${items.join(",")}]\n` : items.length === 0 ? "[]\n" : `[\n${items.join(",\n")}\n]\n`;
}
process.stdout.write(Buffer.from(out, "latin1"));
