'use strict';
// The cost of sharding on one machine (issue 9): the 1 GiB file ranked in K = 1, 2, 4, 8 parts
// run one after another (`--shard I/K --lines`), plus the merge of the K outputs, against one
// run. Shows that the merge of K × N lines is negligible and that the parts add only start-ups.
// Checks that every merged result equals the one run before it reports a time.
//
//   node bench/shard-cost.js [--file bench/data/bench-1g.data] [--runs 3] [--counts 10,10000]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { runMeasured, failure, warmCache, median } = require('./lib/measure');

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: path.join(__dirname, 'data', 'bench-1g.data') },
    runs: { type: 'string', default: '3' },
    counts: { type: 'string', default: '10,10000' },
  },
});
const CLI = path.resolve(__dirname, '..', 'build', 'node', 'highest-cli.js');
const runs = Number(values.runs);
const counts = values.counts.split(',').map(Number);
if (!fs.existsSync(values.file)) {
  console.error(`no ${values.file}: make it with node bench/gen-data.js --size 1g`);
  process.exit(1);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'highest-shard-cost-'));
const highest = (...args) => {
  const run = runMeasured([process.execPath, CLI, ...args]);
  if (!run.ok) throw new Error(`highest ${args.join(' ')}: ${failure(run)}`);
  return run;
};

try {
  warmCache(values.file);
  console.log(`| N | K | one run (s) | K parts, one after another (s) | merge (s) | parts + merge / one run |`);
  console.log(`| ---: | ---: | ---: | ---: | ---: | ---: |`);
  for (const count of counts) {
    for (const k of [1, 2, 4, 8]) {
      const one = [];
      const parts = [];
      const merges = [];
      for (let r = 0; r < runs; r++) {
        const whole = highest(values.file, String(count));
        one.push(whole.wallMs);
        let partMs = 0;
        const files = [];
        for (let i = 0; i < k; i++) {
          const part = highest('--shard', `${i}/${k}`, '--lines', values.file, String(count));
          partMs += part.wallMs;
          const file = path.join(work, `part-${i}.lines`);
          fs.writeFileSync(file, part.stdout);
          files.push(file);
        }
        parts.push(partMs);
        const merge = highest(...files, String(count));
        merges.push(merge.wallMs);
        if (merge.stdout !== whole.stdout) throw new Error(`K=${k} N=${count}: the merged result differs from one run`);
      }
      const [o, p, m] = [median(one), median(parts), median(merges)].map((ms) => ms / 1000);
      console.log(`| ${count} | ${k} | ${o.toFixed(3)} | ${p.toFixed(3)} | ${m.toFixed(3)} | ${((p + m) / o).toFixed(2)} |`);
    }
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
