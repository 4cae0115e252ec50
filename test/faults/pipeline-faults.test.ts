// The faults issue 8 (point 2) found in the old threaded path and the old reader, one test
// each; every one of them failed before the pipeline was rebuilt (issue 8 names each case):
// threads that ignored `signal`, a read error in a threaded run (stack trace, descriptors
// closed under running workers), a descriptor leaked per directory call, a stream of strings
// ranked as [], a missing file behind a stream rejected with a plain Error, the 64 MiB limit
// checked only on lines carried across reads, a `\r` counted in a 64 MiB line, a file
// truncated while it is read (exit 2 or a wrong answer), a mistyped option on two lines, and
// a worker that dies before it reports (a promise pending forever).
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { HighestError } from "../../src/core/model/errors";
import { highest } from "../../src/node/internal";
import { startWorker } from "../../src/node/workers";
import { Claims } from "../../src/core/run/claims";
import { expectCleanFailure, spawnHighest } from "../helpers/spawn-highest";
import { runPaused } from "../helpers/pause";
import { onLinux, testUnless } from "../helpers/skip";
import { tempFolder } from "../helpers/temp-folder";

jest.setTimeout(120_000);
const ENGINES = ["wasm", "js"] as const;
const MiB = 1024 * 1024;
const temp = tempFolder("highest-pipeline-faults-");

/** What a run rejected with (fails the test if it resolved or threw something else). */
async function rejection(run: Promise<unknown>): Promise<HighestError> {
  const outcome = await run.then((value) => ({ resolved: value }), (thrown: unknown) => ({ thrown }));
  if (!("thrown" in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.resolved, (_, v) => (typeof v === "bigint" ? String(v) : v))}`);
  expect(outcome.thrown).toBeInstanceOf(HighestError);
  return outcome.thrown as HighestError;
}

/** A file of `lines` records (ids = scores = line numbers - 1), written in blocks. */
function recordsFile(name: string, bytes: number): string {
  const file = path.join(temp.path, name);
  const block = Buffer.from(Array.from({ length: 40_000 }, (_, i) => `${i}:{"id":${i}}\n`).join(""));
  const fd = fs.openSync(file, "w");
  for (let size = 0; size < bytes; size += block.length) fs.writeSync(fd, block);
  fs.closeSync(fd);
  return file;
}

describe("threads honour the abort signal", () => {
  let file: string;
  beforeAll(() => { file = temp.file(Array.from({ length: 5000 }, (_, i) => `${i}:{"id":${i}}\n`).join("")); });

  for (const engine of ENGINES) {
    test(`an already aborted signal, threads 2 (${engine}): kind "aborted", no winners`, async () => {
      const error = await rejection(highest(file, 3, { engine, threads: 2, signal: AbortSignal.abort(), tuning: { minThreadedBytes: 0 } }));
      expect([error.kind, error.exitCode]).toEqual(["aborted", 130]);
    });

    test(`an abort in the middle of a threaded run (${engine})`, async () => {
      // 1-byte reads over 32 segments: seconds of work, aborted once the scan has begun.
      const big = recordsFile(`abort-${engine}.data`, 4 * MiB);
      const controller = new AbortController();
      let reads = 0;
      const run = highest(big, 3, {
        engine, threads: 2, chunkSize: 1, signal: controller.signal,
        onProgress: () => { if (++reads === 1000) controller.abort(); },
        tuning: { minThreadedBytes: 0, segmentBytes: 128 * 1024 },
      });
      const error = await rejection(run);
      expect(error.kind).toBe("aborted");
      expect(reads).toBeGreaterThanOrEqual(1000);
    });
  }
});

describe("the file replaced during a threaded run: one line naming the input, exit 1", () => {
  for (const engine of ENGINES) {
    testUnless(onLinux ? undefined : "pauses the run on a FIFO opened read-write (Linux)")(
      `the file becomes a directory while the threads read it (${engine})`, async () => {
        // Each unit opens the path itself. The run pauses once a thread has opened its first
        // unit (the test knob HIGHEST_TEST_PAUSE); the path then becomes a directory, so the
        // units not yet opened (at least 14 of the 16: one per thread may be open) find another
        // file there than the one planned (its stamp: device, inode, size, times): it changed.
        const file = recordsFile(`becomes-dir-${engine}.data`, 16 * MiB);
        const run = await runPaused(["--engine", engine, "--threads", "2", "--min-threaded-bytes", "0",
          "--segment-bytes", String(MiB), file, "5"], () => {
          fs.rmSync(file);
          fs.mkdirSync(file);
        });
        expectCleanFailure(run, 1, new RegExp(`^highest: ${file}: the input changed while it was read\\n$`));
      });
  }
});

testUnless(onLinux ? undefined : "counts descriptors in /proc/self/fd (Linux)")(
  "a directory (and failing inputs) from the library: no descriptor leaked per call", async () => {
    const folder = path.join(temp.path, "leak");
    fs.mkdirSync(path.join(folder, "sub"), { recursive: true });
    fs.writeFileSync(path.join(folder, "a.data"), '1:{"id":1}\n2:{"id":2}\n');
    fs.writeFileSync(path.join(folder, "sub", "b.gz"), zlib.gzipSync('3:{"id":3}\n'));
    const bad = path.join(temp.path, "leak-bad");
    fs.mkdirSync(bad);
    fs.writeFileSync(path.join(bad, "a.data"), '1:{"id":1}\nnot a record\n');
    fs.writeFileSync(path.join(bad, "b.gz"), zlib.gzipSync('3:{"id":3}\n').subarray(0, 12));
    const open = () => fs.readdirSync("/proc/self/fd").length;
    await highest(folder, 1); // anything loaded once (the wasm core) is loaded now
    const before = open();
    for (let i = 0; i < 20; i++) {
      expect((await highest(folder, 1)).map((w) => w.idJson)).toEqual(["3"]);
      await highest(folder, 1, { threads: 2, tuning: { minThreadedBytes: 0, segmentBytes: 4 } });
      await expect(highest(bad, 1)).rejects.toBeInstanceOf(HighestError);
      await expect(highest(path.join(bad, "b.gz"), 1)).rejects.toBeInstanceOf(HighestError);
      await expect(highest(path.join(temp.path, "missing"), 1)).rejects.toBeInstanceOf(HighestError);
    }
    expect(open()).toBe(before);
  });

describe("streams given to the library", () => {
  test("a stream of strings (an encoding was given): usage error, not []", async () => {
    const file = temp.file('5:{"id":5}\n');
    const error = await rejection(highest(fs.createReadStream(file, "utf8"), 3));
    expect([error.kind, error.exitCode]).toEqual(["usage", 1]);
    expect(error.message).toMatch(/text, not bytes/);
  });

  test("a missing file behind a stream: HighestError of kind input", async () => {
    const error = await rejection(highest(fs.createReadStream(path.join(temp.path, "missing.data")), 3));
    expect([error.kind, error.exitCode]).toEqual(["input", 1]);
    expect(error.message).toMatch(/No such file or directory$/);
  });
});

describe("the 64 MiB line limit holds whatever the read size", () => {
  const LIMIT = 64 * MiB;
  /** A valid record line of exactly `length` bytes, without its ending. */
  const recordLine = (length: number) => {
    const head = '7:{"id":"long","x":"';
    return Buffer.concat([Buffer.from(head), Buffer.alloc(length - head.length - 2, "y"), Buffer.from('"}')]);
  };
  /** How a message shows the start of such a line: 40 characters, cut. */
  const LONG_START = `"7:{\\"id\\":\\"long\\",\\"x\\":\\"${"y".repeat(20)}"…`;
  let exact: Buffer;
  beforeAll(() => { exact = recordLine(LIMIT); });
  const small = Buffer.from('1:{"id":"small"}\n');

  for (const engine of ENGINES) {
    test(`a 100 MiB line read 256 MiB at a time is rejected (${engine})`, async () => {
      const file = temp.file(Buffer.concat([small, recordLine(100 * MiB), Buffer.from("\n"), small]), `long-100-${engine}.data`);
      const error = await rejection(highest(file, 1, { engine, chunkSize: 256 * MiB }));
      expect([error.kind, error.line, error.message]).toEqual(["data", 2, `line 2: line is longer than 64 MiB: ${LONG_START}`]);
      fs.rmSync(file);
    });

    for (const [name, ending] of [["\\r\\n", "\r\n"], ["a final \\r", "\r"], ["\\n", "\n"], ["nothing", ""]] as const) {
      // The \r cases at both read sizes (carried across reads, and within one read).
      for (const chunkSize of ending.includes("\r") ? [MiB, 256 * MiB] : [MiB]) {
        test(`a line of exactly 64 MiB ending in ${name} is accepted, chunk ${chunkSize / MiB} MiB (${engine})`, async () => {
          const file = temp.file(Buffer.concat([small, exact, Buffer.from(ending)]), `exact-${engine}.data`);
          const winners = await highest(file, 1, { engine, chunkSize });
          expect(winners.map((w) => [w.score, w.idJson, w.line])).toEqual([[7n, '"long"', 2]]);
          fs.rmSync(file);
        });
      }
    }

    for (const chunkSize of [MiB, 256 * MiB]) {
      test(`64 MiB + 1 bytes without a \\r is rejected, chunk ${chunkSize / MiB} MiB (${engine})`, async () => {
        const over = Buffer.concat([recordLine(LIMIT + 1), Buffer.from("\n")]);
        for (const content of [Buffer.concat([small, over]), Buffer.concat([small, over.subarray(0, over.length - 1)])]) {
          const file = temp.file(content, `over-${engine}.data`);
          const error = await rejection(highest(file, 1, { engine, chunkSize }));
          expect(error.message).toBe(`line 2: line is longer than 64 MiB: ${LONG_START}`);
          fs.rmSync(file);
        }
      });
    }
  }
});

describe("a file truncated while it is read: exit 1 'changed while it was read', never 0 or 2", () => {
  const cases = [
    ["one thread", ["--threads", "1"]],
    ["two threads", ["--threads", "2", "--min-threaded-bytes", "0", "--segment-bytes", String(4 * MiB)]],
  ] as const;
  for (const engine of ENGINES) {
    for (const [threads, flags] of cases) {
      for (const cut of ["mid-line", "at a line boundary"] as const) {
        testUnless(onLinux ? undefined : "pauses the run on a FIFO opened read-write (Linux)")(
          `cut ${cut}, ${threads} (${engine})`, async () => {
            const file = recordsFile(`truncated-${engine}.data`, 32 * MiB);
            const bytes = fs.readFileSync(file);
            // Cut at 60%, once the run has opened the file (it pauses there, before it reads).
            let size = Math.floor(bytes.length * 0.6);
            if (cut === "mid-line") { while (bytes[size - 1] === 10) size++; } else { size = bytes.indexOf(10, size) + 1; }
            const run = await runPaused(["--engine", engine, ...flags, file, "5"], () => fs.truncateSync(file, size));
            expectCleanFailure(run, 1, new RegExp(`^highest: ${file}: the input changed while it was read`));
            fs.rmSync(file);
          });
      }
    }
  }
});

test("a mistyped option: exactly one line on standard error", async () => {
  const file = temp.file('1:{"id":1}\n');
  const run = await spawnHighest(["--compat", file, "1"]);
  expectCleanFailure(run, 1, /^highest: unknown option '--compat' \(did you mean --compact\?\)\n$/);
});

describe("a worker that dies before it reports", () => {
  // A run starts its workers through startWorker (src/node/workers.ts), which rejects the
  // helper's promises on the worker's 'exit'; a worker that dies at start must not leave
  // the run waiting forever.
  test("startWorker with a job the worker cannot start on: its result rejects (internal), close() ends", async () => {
    const claims = new Claims(1);
    const helper = startWorker({
      plan: undefined as never, // the worker throws before its first message
      claims: claims.cells, id: 2, limit: 1, engine: "wasm", strict: false,
    });
    const error = await rejection(helper.result);
    expect([error.kind, error.exitCode]).toEqual(["internal", 3]);
    expect(error.message).toMatch(/^internal error: a worker thread exited before it reported/);
    await expect(helper.check([], false)).rejects.toBeInstanceOf(HighestError);
    await helper.close(true);
  });
});
