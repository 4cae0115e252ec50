// The decode of a whole gzip or zstd file beside the scan (src/core/run/decode-beside.ts) as a
// caller sees it: taken when a thread is spare (a decoder worker started, no scan helper), not
// with one thread; an abort mid-run stops the decoder, which closes its file (no descriptor
// left); a failing output fails as on one thread; --write-index writes the same index bytes.
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { HighestError } from "../../src/core/model/errors";
import { highest } from "../../src/node/internal";
import { spawnSync } from "node:child_process";
import { CLI } from "../helpers/run-cli";
import { randomRecords, toBytes } from "../helpers/records";
import { onLinux, testUnless } from "../helpers/skip";
import { tempFolder } from "../helpers/temp-folder";
import { zstdCompress } from "../helpers/zstd-core";

// The real workers, counted, and each decoder's close seen.
jest.mock("../../src/node/workers", () => {
  const actual = jest.requireActual<typeof import("../../src/node/workers")>("../../src/node/workers");
  const closes = { count: 0 };
  return {
    ...actual, closes,
    startWorker: jest.fn(actual.startWorker),
    startDecoderWorker: jest.fn((job: Parameters<typeof actual.startDecoderWorker>[0]) => {
      const decoder = actual.startDecoderWorker(job);
      return { ...decoder, close: async () => { await decoder.close(); closes.count++; } };
    }),
  };
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const workers = require("../../src/node/workers") as { startWorker: jest.Mock; startDecoderWorker: jest.Mock; closes: { count: number } };

jest.setTimeout(120_000);
const temp = tempFolder("highest-decode-beside-contract-");
const TEXT = Buffer.from(toBytes(randomRecords(3201, { lines: 60_000, pad: 600 })));
const beside = { threads: 2, tuning: { minThreadedBytes: 1 } };
let gz: string;
let zst: string;
beforeAll(() => {
  gz = temp.file(zlib.gzipSync(TEXT, { level: 1 }), "data.gz");
  zst = temp.file(zstdCompress(TEXT, ["-1"]), "data.zst");
});
beforeEach(() => {
  workers.startWorker.mockClear();
  workers.startDecoderWorker.mockClear();
  workers.closes.count = 0;
});

test("a whole gzip or one-frame zstd file with a thread to spare: one decoder, no scan helper, the answer of one thread", async () => {
  for (const file of [gz, zst]) {
    workers.startDecoderWorker.mockClear();
    const one = await highest(file, 50, { threads: 1 });
    expect(workers.startDecoderWorker).not.toHaveBeenCalled();
    expect(await highest(file, 50, beside)).toEqual(one);
    expect(workers.startDecoderWorker).toHaveBeenCalledTimes(1);
    expect(workers.startWorker).not.toHaveBeenCalled();
  }
  expect(workers.closes.count).toBe(2);
});

testUnless(onLinux ? undefined : "counts descriptors in /proc/self/fd (Linux)")(
  "an abort mid-run stops the decoder: it closes its file, its thread ends, the run rejects as aborted", async () => {
    const open = () => fs.readdirSync("/proc/self/fd").length;
    for (const file of [gz, zst]) {
      const before = open();
      const controller = new AbortController();
      let reads = 0;
      const run = highest(file, 3, { ...beside, chunkSize: 4096, signal: controller.signal, onProgress: () => { if (++reads === 50) controller.abort(); } });
      const thrown = await run.then(() => undefined, (error: unknown) => error);
      expect(thrown).toBeInstanceOf(HighestError);
      expect((thrown as HighestError).kind).toBe("aborted");
      expect(reads).toBeGreaterThanOrEqual(50);
      expect(open()).toBe(before);
    }
    expect(workers.startDecoderWorker).toHaveBeenCalledTimes(2);
    expect(workers.closes.count).toBe(2);
  });

testUnless(fs.existsSync("/dev/full") ? undefined : "writes to /dev/full")(
  "an output that fails (/dev/full): the same message and exit code beside the scan as on one thread", () => {
    const out = fs.openSync("/dev/full", "w");
    const runs = [["--threads", "1"], ["--threads", "2", "--min-threaded-bytes", "1"]].map((threads) => {
      const result = spawnSync(process.execPath, [CLI, gz, "100000", "--lines", ...threads], { stdio: ["ignore", out, "pipe"] });
      return { code: result.status, stderr: result.stderr.toString() };
    });
    fs.closeSync(out);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0].code).toBe(1);
    expect(runs[0].stderr).toMatch(/^highest: [^\n]*\n$/);
  });

test("--write-index beside the scan writes the same index bytes as on one thread, and no temporary file stays", async () => {
  const indexes: Buffer[] = [];
  for (const threads of [1, 2]) {
    const copy = path.join(temp.path, `indexed-${threads}.gz`);
    fs.copyFileSync(gz, copy);
    await highest(copy, 5, { threads, writeIndex: true, tuning: { minThreadedBytes: 1, indexSpacing: 65536 } });
    expect(fs.readdirSync(temp.path).filter((name) => name.includes(".tmp"))).toEqual([]);
    indexes.push(fs.readFileSync(`${copy}.gzidx`));
  }
  expect(workers.startDecoderWorker).toHaveBeenCalledTimes(1);
  expect(indexes[0].length).toBeGreaterThan(1000);
  expect(indexes[1].equals(indexes[0])).toBe(true);
});
