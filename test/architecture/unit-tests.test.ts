// Every src/core file's unit test is found from its name: src/core/<stage>/<file>.ts is tested by
// test/core/<stage>/<file>.test.ts. A file without one is in WITHOUT_UNIT_TEST below, with the
// test files that cover it and why it has none of its own; a new file with neither fails here.
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

/** src/core files with no unit test of their own: the tests that cover them, and why. Paths are under src/core and test/. */
const WITHOUT_UNIT_TEST: Record<string, { coveredBy: string[]; why: string }> = {
  "index.ts": { coveredBy: ["contract/library.test.ts", "package/pack.test.ts"], why: "re-exports only: the surface the package tests use" },
  "model/options.ts": { coveredBy: ["core/model/option-checks.test.ts", "contract/library.test.ts"], why: "types only" },
  "scan/engine.ts": {
    coveredBy: ["core/scan/js-engine.test.ts", "core/scan/wasm-engine.test.ts", "core/scan/line-buffer.test.ts", "contract/cli.test.ts"],
    why: "the engines' interface (its contract is test/helpers/engine-contract.ts, run on each engine) and the framing messages, checked through the reader and the CLI",
  },
  "columns/merge-order.ts": { coveredBy: ["core/run/merge.test.ts", "core/output/join.test.ts"], why: "a type only" },
  "run/reports.ts": { coveredBy: ["core/run/merge.test.ts"], why: "types only" },
  "run/helper.ts": { coveredBy: ["core/run/result.test.ts", "contract/threads.test.ts"], why: "types only" },
  // The check's steps (one framing reader, one path for record faults) and the one sort: driven through the run and the columns' tests.
  "check/check.ts": { coveredBy: ["core/check/store.test.ts", "differential/property.test.ts", "contract/records.test.ts"], why: "a step of the check, driven by the run: tested through it" },
  "check/precheck.ts": { coveredBy: ["contract/large-counts.test.ts", "core/columns/row-map.test.ts"], why: "a step of the check, driven by the run: tested through it" },
  "check/same-score.ts": { coveredBy: ["core/columns/columns.test.ts", "faults/faults.test.ts"], why: "the same-score rule of the check, tested through the columns and the faults suites" },
  "check/share-checks.ts": { coveredBy: ["contract/threads.test.ts", "contract/large-counts.test.ts", "core/output/fragments.test.ts"], why: "a step of the check, driven by the run: tested through it" },
  "check/strict.ts": { coveredBy: ["differential/property.test.ts", "faults/garbage.test.ts"], why: "--strict's scan, tested end to end" },
  "columns/radix.ts": { coveredBy: ["core/columns/columns.test.ts"], why: "the one sort (sortByKey64): tested there, each case of its policy, against a comparator sort" },
  // The input stage's units, being rewritten (issue 26 items 1 and 2; gzip index points and zstd frames next).
  "input/gzip-source.ts": { coveredBy: ["differential/gzip.test.ts", "differential/gzip-damage.test.ts", "differential/gzip-guesses.test.ts", "core/input/gzip-sniff.test.ts"], why: "being rewritten (issue 26 item 1)" },
  "input/bgzf.ts": { coveredBy: ["contract/bgzf.test.ts", "differential/gzip.test.ts", "core/input/units.test.ts"], why: "being rewritten (issue 26 item 1)" },
  "input/crc32-combine.ts": { coveredBy: ["core/input/gzip-index.test.ts"], why: "tested there against zlib's CRC-32 of the joined bytes, beside the index it serves" },
  "input/gzip-index-unit.ts": { coveredBy: ["contract/gzip-index.test.ts", "contract/browser-gzip-index.test.ts", "core/input/gzip-index.test.ts"], why: "a unit opened from an index point: needs a file and its index, tested through the runs that cut one" },
  "input/index-recorder.ts": { coveredBy: ["core/input/gzip-index.test.ts", "contract/gzip-index.test.ts"], why: "the points noted during a decode: tested there, a decode resumed from every point it wrote" },
  "input/decoded.ts": { coveredBy: ["core/input/gzip-sniff.test.ts", "differential/zstd.test.ts", "differential/gzip.test.ts"], why: "the one switch between the two decoders, a line each: tested through the inputs read both ways" },
  "input/zstd-core.ts": { coveredBy: ["assembly/zstd.test.ts", "differential/zstd.test.ts"], why: "the zstd decoder's exports as the host drives them: tested there, against the zstd command" },
  "input/zstd-source.ts": { coveredBy: ["differential/zstd.test.ts", "contract/inputs.test.ts", "contract/progress.test.ts", "core/input/zstd-frames.test.ts"], why: "decoded bytes of a zstd stream: tested end to end against zstd -dc, damage at every offset" },
  "input/compression.ts": { coveredBy: ["contract/inputs.test.ts", "core/input/gzip-sniff.test.ts"], why: "being rewritten (zstd)" },
  "input/inflate-core.ts": { coveredBy: ["assembly/inflate.test.ts", "differential/gzip.test.ts"], why: "being rewritten (issue 26 item 3: one module loads the core)" },
  "run/participant.ts": { coveredBy: ["contract/threads.test.ts", "contract/library-threads.test.ts", "differential/multi-input.test.ts"], why: "being rewritten: claim, open unit, scan, report (issue 26 item 1)" },
  "run/run.ts": { coveredBy: ["contract/library.test.ts", "contract/threads.test.ts", "differential/property.test.ts", "faults/pipeline-faults.test.ts"], why: "being rewritten (issue 26 item 3: one orchestration); it needs threads" },
  "run/rank.ts": { coveredBy: ["contract/library.test.ts", "contract/cli.test.ts", "differential/rank-options.test.ts"], why: "being rewritten (issue 26 item 3: one orchestration)" },
  "threads/helper-worker.ts": { coveredBy: ["contract/threads.test.ts", "contract/progress.test.ts", "contract/browser-shards.test.ts"], why: "a worker's entry: runs only in a thread (test/helpers/helper-in-thread.ts runs it in this one)" },
};

function filesUnder(folder: string, suffix: string): string[] {
  return (fs.readdirSync(folder, { recursive: true }) as string[])
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => file.endsWith(suffix));
}

/** What is wrong: a source file with neither a unit test nor an entry, an entry for a file gone or tested now, a covering test that does not exist. */
function unitTestProblems(sources: string[], tests: Set<string>, without: typeof WITHOUT_UNIT_TEST): string[] {
  const problems: string[] = [];
  for (const source of sources) {
    const unitTest = `core/${source.replace(/\.ts$/, ".test.ts")}`;
    const listed = Object.hasOwn(without, source);
    if (!tests.has(unitTest) && !listed) problems.push(`src/core/${source} has no test/${unitTest} and is not in WITHOUT_UNIT_TEST`);
    if (tests.has(unitTest) && listed) problems.push(`src/core/${source} has test/${unitTest} now: take it out of WITHOUT_UNIT_TEST`);
  }
  for (const [source, { coveredBy, why }] of Object.entries(without)) {
    if (!sources.includes(source)) problems.push(`WITHOUT_UNIT_TEST names src/core/${source}, which is gone`);
    if (coveredBy.length === 0 || why.trim() === "") problems.push(`WITHOUT_UNIT_TEST: src/core/${source} needs the tests that cover it and why`);
    for (const test of coveredBy) if (!tests.has(test)) problems.push(`WITHOUT_UNIT_TEST: src/core/${source} names test/${test}, which does not exist`);
  }
  return problems;
}

test("every src/core file has its unit test at test/core/<same path>.test.ts, or is listed with the tests that cover it", () => {
  const sources = filesUnder(path.join(ROOT, "src", "core"), ".ts").filter((file) => !file.endsWith(".d.ts"));
  const tests = new Set(filesUnder(path.join(ROOT, "test"), ".test.ts"));
  expect(sources.length).toBeGreaterThan(40);
  expect(unitTestProblems(sources, tests, WITHOUT_UNIT_TEST)).toEqual([]);
});

test("the check catches a new file with neither, a stale entry, and a covering test that does not exist", () => {
  const tests = new Set(["core/scan/a.test.ts", "contract/x.test.ts"]);
  const without = { "scan/b.ts": { coveredBy: ["contract/x.test.ts"], why: "types only" } };
  expect(unitTestProblems(["scan/a.ts", "scan/b.ts"], tests, without)).toEqual([]);
  expect(unitTestProblems(["scan/a.ts", "scan/b.ts", "input/zstd.ts"], tests, without))
    .toEqual(["src/core/input/zstd.ts has no test/core/input/zstd.test.ts and is not in WITHOUT_UNIT_TEST"]);
  expect(unitTestProblems(["scan/a.ts"], tests, without)).toEqual(["WITHOUT_UNIT_TEST names src/core/scan/b.ts, which is gone"]);
  expect(unitTestProblems(["scan/a.ts", "scan/b.ts"], new Set([...tests, "core/scan/b.test.ts"]), without))
    .toEqual(["src/core/scan/b.ts has test/core/scan/b.test.ts now: take it out of WITHOUT_UNIT_TEST"]);
  expect(unitTestProblems(["scan/a.ts", "scan/b.ts"], tests, { "scan/b.ts": { coveredBy: ["contract/y.test.ts"], why: "x" } }))
    .toEqual(["WITHOUT_UNIT_TEST: src/core/scan/b.ts names test/contract/y.test.ts, which does not exist"]);
});
