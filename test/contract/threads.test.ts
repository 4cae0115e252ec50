// Threaded runs (main thread + workers sharing segments of a file) give exactly the
// single-threaded answer: same winners, same ties, same first error line. Tiny segments
// put segment boundaries everywhere; the threshold is lowered so small files are threaded.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { HighestError } from "../../src/core/model/errors";
import { formatWinners } from "../../src/core/output/join";
import { highest } from "../../src/node/internal";
import { oracle } from "../helpers/oracle";
import { randomRecords, toBytes } from "../helpers/records";
import { runCli } from "../helpers/run-cli";
import { execFileSync } from "node:child_process";
import { whenExists } from "../helpers/pause";
import { startHighest } from "../helpers/spawn-highest";
import { onLinux, testUnless } from "../helpers/skip";

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "highest-threads-")); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

async function threaded(file: string, count: bigint, threads: number, segmentBytes: number, engine: "wasm" | "js", strict = false) {
  try {
    const winners = await highest(file, count, { threads, engine, strict, tuning: { minThreadedBytes: 0, segmentBytes } });
    return { ok: true as const, stdout: formatWinners(winners, false) };
  } catch (error) {
    if (!(error instanceof HighestError)) throw error;
    return { ok: false as const, code: error.exitCode, line: error.line };
  }
}

describe("threads: same answer as the oracle", () => {
  for (let seed = 101; seed <= 124; seed++) {
    test(`seed ${seed}`, async () => {
      const bytes = toBytes(randomRecords(seed, { lines: 300 + ((seed * 53) % 700), invalid: seed % 4 === 0 ? 0.01 : 0, pad: 300 }));
      const file = path.join(dir, `seed-${seed}.data`);
      fs.writeFileSync(file, bytes);
      const count = BigInt([1, 5, 50, 2000][seed % 4]);
      const strict = seed % 3 === 0;
      const expected = oracle(bytes, count, { strict });
      const want = expected.ok ? expected : { ok: false, code: 2, line: expected.line };
      const segmentBytes = [1, 7, 100, 4096][seed % 4];
      for (const threads of [2, 3]) {
        const engine = seed % 2 === 0 ? "wasm" : "js";
        expect({ seed, threads, ...(await threaded(file, count, threads, segmentBytes, engine, strict)) })
          .toEqual({ seed, threads, ...want });
      }
    });
  }
});

test("ties across segments: the earlier line still ranks higher", async () => {
  const file = path.join(dir, "ties.data");
  fs.writeFileSync(file, Array.from({ length: 200 }, (_, i) => `5:{"id":${i + 1}}\n`).join(""));
  const got = await threaded(file, 3n, 2, 16, "wasm");
  expect(got).toEqual({ ok: true, stdout: formatWinners([1, 2, 3].map((id) => ({ score: 5n, idJson: String(id), id, input: file, line: id, offset: 0 })), false) });
});

test("the CLI threads a file when told to, with the same output as one thread", () => {
  const file = path.join(dir, "cli.data");
  fs.writeFileSync(file, toBytes(randomRecords(7, { lines: 3000, pad: 300 })));
  const tuning = ["--min-threaded-bytes", "0", "--segment-bytes", "1000"];
  const one = runCli([file, "20", "--threads", "1"]);
  expect(one.code).toBe(0);
  for (const engine of ["wasm", "js"]) expect(runCli([file, "20", "--threads", "2", "--engine", engine, ...tuning])).toEqual(one);
});

testUnless(onLinux ? undefined : "pauses the run on a FIFO opened read-write (Linux)")(
  "a helper thread really takes units: it opens one of its own while the calling thread holds its first", async () => {
    // HIGHEST_TEST_PAUSE holds each thread once it has opened its first file and marks
    // <gate>.reached-<thread>. The calling thread (0) is held at its first unit, so the next
    // units can only be opened by a helper worker (thread 1): a broken worker path never marks.
    const file = path.join(dir, "shared.data");
    const bytes = toBytes(randomRecords(77, { lines: 20_000, pad: 200 }));
    fs.writeFileSync(file, bytes);
    const gate = path.join(dir, "gate");
    execFileSync("mkfifo", [gate]);
    const args = [file, "7", "--compact", "--threads", "2", "--min-threaded-bytes", "0", "--segment-bytes", String(64 * 1024)];
    const { done } = startHighest(args, { env: { HIGHEST_TEST_PAUSE: gate } });
    const ended = done.then((result) => `the run ended before a helper opened a unit: ${JSON.stringify(result)}`);
    let release: number | undefined;
    try {
      await whenExists(`${gate}.reached-0`, ended);
      await whenExists(`${gate}.reached-1`, ended);
    } finally {
      release = fs.openSync(gate, fs.constants.O_RDWR); // every thread goes on (also on a failure above)
    }
    const result = await done;
    fs.closeSync(release);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toBe(runCli([file, "7", "--compact", "--threads", "1"]).stdout);
  });
