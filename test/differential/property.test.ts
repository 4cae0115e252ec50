// Property tests (issue 5): random files of valid and malformed lines, random counts (0 to
// 10^40), random chunk sizes (1 byte up), every engine and wasm build, bytes / stream / file
// inputs, threads 1 and 2, --strict or not; the result must be exactly what the oracle
// (test/helpers/oracle.ts, written from SPEC alone) predicts: the same output text, or the
// same exit code and line number.
//
// On failure fast-check prints the counterexample and `{ seed, path }`. Replay with
//   HIGHEST_FUZZ_SEED=<seed> HIGHEST_FUZZ_PATH=<path> npx jest test/differential/property.test.ts
// Longer runs: HIGHEST_FUZZ_RUNS=5000 npx jest test/differential/property.test.ts (the CLI share is a thirtieth).
import fc from "fast-check";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Readable } from "node:stream";
import { HighestError } from "../../src/core/model/errors";
import { formatWinners } from "../../src/core/output/join";
import { BytesSource, ChunkStreamSource } from "../../src/core/input/source";
import { highest } from "../../src/node/internal";
import { chunkArb, countArb, fileArb, toBytes } from "../helpers/records";
import { oracle, OracleResult } from "../helpers/oracle";
import { runCli } from "../helpers/run-cli";

const RUNS = Number(process.env.HIGHEST_FUZZ_RUNS ?? 2000);
const CLI_RUNS = Math.max(20, Math.round(RUNS / 30));
const replay = process.env.HIGHEST_FUZZ_SEED === undefined ? {} : {
  seed: Number(process.env.HIGHEST_FUZZ_SEED), path: process.env.HIGHEST_FUZZ_PATH, endOnFailure: true,
};
// Long runs need more than jest's default 60 s.
jest.setTimeout(Math.max(60_000, RUNS * 200));

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "highest-prop-")); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });
let fileNumber = 0;
function tempFile(bytes: Uint8Array): string {
  const file = path.join(dir, `case-${fileNumber++}.data`);
  fs.writeFileSync(file, bytes);
  return file;
}

const lineCount = (file: string) => file.split("\n").length;

/** A library run: which engine (and wasm build), which kind of input, which options. */
const libraryCase = fileArb.chain((file) => fc.record({
  file: fc.constant(file),
  count: countArb(lineCount(file)),
  engine: fc.constantFrom("wasm", "js", "wasm-scalar", "wasm-debug"),
  input: fc.constantFrom("bytes", "stream", "file"),
  threads: fc.constantFrom(1, 2),
  // Threads split files of any size here, into segments of a few bytes (each widened to lines).
  segmentBytes: fc.integer({ min: 1, max: 80 }),
  chunkSize: chunkArb,
  streamPiece: fc.integer({ min: 1, max: 64 }),
  strict: fc.boolean(),
  compact: fc.boolean(),
}));
type LibraryCase = typeof libraryCase extends fc.Arbitrary<infer T> ? T : never;

async function* pieces(bytes: Uint8Array, piece: number) {
  for (let i = 0; i < bytes.length; i += piece) yield bytes.slice(i, i + piece);
}

/** Runs one case through the library and returns what the CLI would show. */
async function runLibrary(c: LibraryCase): Promise<OracleResult> {
  const bytes = toBytes(c.file);
  try {
    let winners;
    if (c.engine === "wasm-scalar" || c.engine === "wasm-debug") {
      // The other .wasm builds, through the same host code.
      const build = c.engine === "wasm-scalar" ? "scalar" : "debug";
      const source = c.input === "stream" ? new ChunkStreamSource(pieces(bytes, c.streamPiece)) : new BytesSource(bytes);
      winners = await highest(source, c.count, { engine: "wasm", chunkSize: c.chunkSize, strict: c.strict, tuning: { build } });
    } else {
      const input = c.input === "bytes" ? bytes
        : c.input === "stream" ? Readable.from(pieces(bytes, c.streamPiece))
          : tempFile(bytes);
      winners = await highest(input, c.count, {
        engine: c.engine as "wasm" | "js", chunkSize: c.chunkSize, strict: c.strict, threads: c.threads,
        tuning: { minThreadedBytes: 0, segmentBytes: c.segmentBytes },
      });
    }
    return { ok: true, stdout: formatWinners(winners, c.compact) };
  } catch (error) {
    if (!(error instanceof HighestError)) throw error;
    // Invalid data must name its line in the message, exactly as the CLI prints it.
    expect(error.message).toMatch(new RegExp(`^line ${error.line}: \\S`));
    return { ok: false, code: error.exitCode as 2, line: error.line! };
  }
}

test("library: every engine, input kind, chunk size and count agrees with the oracle", async () => {
  await fc.assert(fc.asyncProperty(libraryCase, async (c) => {
    const expected = oracle(toBytes(c.file), c.count, { strict: c.strict, compact: c.compact });
    expect(await runLibrary(c)).toEqual(expected);
  }), { numRuns: RUNS, ...replay });
});

/** A CLI run: a path or standard input, options in random order. */
const cliCase = fileArb.chain((file) => fc.record({
  file: fc.constant(file),
  count: countArb(lineCount(file)),
  engine: fc.constantFrom("wasm", "js"),
  build: fc.constantFrom("simd", "scalar"),
  stdin: fc.boolean(),
  threads: fc.constantFrom(1, 2),
  segmentBytes: fc.integer({ min: 1, max: 80 }),
  chunkSize: fc.option(chunkArb.filter((n) => n !== undefined), { nil: undefined }),
  strict: fc.boolean(),
  compact: fc.boolean(),
  optionsFirst: fc.boolean(),
}));

test("CLI: output, exit code and the one stderr line agree with the oracle", async () => {
  await fc.assert(fc.asyncProperty(cliCase, async (c) => {
    const bytes = toBytes(c.file);
    const options = ["--engine", c.engine, "--threads", String(c.threads), "--core-build", c.build,
      "--min-threaded-bytes", "0", "--segment-bytes", String(c.segmentBytes)];
    if (c.chunkSize !== undefined) options.push("--chunk-size", String(c.chunkSize));
    if (c.strict) options.push("--strict");
    if (c.compact) options.push("--compact");
    const operands = [c.stdin ? "-" : tempFile(bytes), String(c.count)];
    const run = runCli(c.optionsFirst ? [...options, ...operands] : [...operands, ...options],
      c.stdin ? bytes : undefined);
    const expected = oracle(bytes, c.count, { strict: c.strict, compact: c.compact });
    if (expected.ok) {
      expect({ code: run.code, stderr: run.stderr, stdout: run.stdout }).toEqual({ code: 0, stderr: "", stdout: expected.stdout });
    } else {
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
      expect(run.stderr).toMatch(new RegExp(`^highest: line ${expected.line}: [^\\n]+\\n$`));
    }
  }), { numRuns: CLI_RUNS, ...replay });
});

test("the generators reach every outcome (so the properties above are not vacuous)", () => {
  // Sample the same arbitraries: enough successes, framing errors and record errors, and
  // outputs with several winners, ties and big scores.
  const outcomes = { ok: 0, many: 0, framing: 0, record: 0 };
  for (const c of fc.sample(libraryCase, { numRuns: 400, seed: 42 })) {
    const result = oracle(toBytes(c.file), c.count, { strict: c.strict });
    if (result.ok) {
      outcomes.ok++;
      if ((result.stdout.match(/"score"/g) ?? []).length >= 3) outcomes.many++;
    } else if (oracle(toBytes(c.file), 0n).ok) outcomes.record++;
    else outcomes.framing++;
  }
  expect(outcomes.ok).toBeGreaterThan(100);
  expect(outcomes.many).toBeGreaterThan(40);
  expect(outcomes.framing).toBeGreaterThan(20);
  expect(outcomes.record).toBeGreaterThan(20);
});
