// Memory (issue 5): a count far larger than the records (10^12, a 40-digit count) allocates
// nothing up front: memory grows with the records kept, never with the count asked for.
// (Peak RSS flat from 1 GiB to 8 GiB of input is checked by `npm run test:large`.)
import * as fs from "node:fs";
import * as path from "node:path";
import { BytesSource, ChunkStreamSource } from "../src/core/source";
import { WasmEngine } from "../src/core/wasm-engine";
import { NodeAccess } from "../src/node/access";
import { coreModule } from "../src/node/core-file";
import { runRanking } from "../src/core/run";
import { spawnHighest } from "./helpers/spawn-highest";
import { tempFolder } from "./helpers/temp-folder";

const temp = tempFolder("highest-memory-");

jest.setTimeout(120_000);
const HUGE_COUNTS = [10n ** 12n, 10n ** 40n - 1n];
const RECORDS = 3000;
const text = Array.from({ length: RECORDS }, (_, i) => `${(i * 7919) % 100_003}:{"id":${i},"pad":"${"p".repeat(i % 50)}"}\n`).join("");
const bytes = new TextEncoder().encode(text);

/** Runs the wasm engine and returns its linear memory size afterwards (bytes). */
async function wasmMemoryAfter(count: bigint, stream: boolean): Promise<number> {
  let engine: WasmEngine | undefined;
  async function* once() { yield bytes; }
  const source = stream ? new ChunkStreamSource(once()) : new BytesSource(bytes);
  const inputs = [{ name: "-", size: bytes.length, segmentable: false, rereadable: !stream }];
  const winners = await runRanking(inputs, count, { engine: "wasm" }, {}, {
    createEngine: async () => (engine = WasmEngine.create(coreModule())),
    access: new NodeAccess(inputs, [{ kind: "custom", source }]),
  });
  expect(winners.length).toBe(Number(count < BigInt(RECORDS) ? count : BigInt(RECORDS)));
  return engine!.memoryBytes();
}

describe("the wasm core's memory does not depend on the count", () => {
  for (const stream of [false, true]) {
    test(`count 10^12 and 10^40 use what count = records uses, ${stream ? "stream (lines kept)" : "bytes"}`, async () => {
      const forAll = await wasmMemoryAfter(BigInt(RECORDS), stream);
      const forFive = await wasmMemoryAfter(5n, stream);
      for (const count of HUGE_COUNTS) {
        const forHuge = await wasmMemoryAfter(count, stream);
        expect(forHuge).toBe(forAll);
        // 3000 entries (48 bytes each; for streams also their lines) take ~0.3 MB, but the
        // allocator grows memory by doubling it: at most one doubling more than for count 5.
        expect(forHuge).toBeLessThanOrEqual(2 * forFive);
      }
    });
  }
});

describe("peak RSS of the CLI does not depend on the count", () => {
  let file: string;
  beforeAll(() => { file = temp.file(bytes, "small.data"); });

  /** The smallest peak RSS (KiB) of a few runs: the least noisy measure. */
  async function peakRss(args: string[], stdin: boolean): Promise<number> {
    const peaks: number[] = [];
    for (let i = 0; i < 3; i++) {
      const run = stdin
        ? await spawnHighest(["-", ...args], { stdinFile: file, measureRss: true })
        : await spawnHighest([file, ...args], { measureRss: true });
      expect([run.code, run.stderr]).toEqual([0, ""]);
      expect(run.maxRssKiB).toBeGreaterThan(10_000);
      peaks.push(run.maxRssKiB!);
    }
    return Math.min(...peaks);
  }

  for (const engine of ["wasm", "js"]) {
    for (const stdin of [false, true]) {
      test(`${engine}, ${stdin ? "standard input" : "file"}: count 10^12 and a 40-digit count peak like count 5`, async () => {
        const base = await peakRss(["--engine", engine, "--compact", "5"], stdin);
        for (const count of HUGE_COUNTS) {
          const huge = await peakRss(["--engine", engine, "--compact", String(count)], stdin);
          // The output of 3000 records is ~60 KB; allow 10% or 8 MiB of noise, whichever is larger.
          expect(huge - base).toBeLessThan(Math.max(base * 0.1, 8 * 1024));
        }
      });
    }
  }
});

describe("peak RSS of a threaded run does not grow with the number of segments", () => {
  let file: string;
  beforeAll(() => {
    file = path.join(temp.path, "threaded.data");
    const block = Buffer.from(Array.from({ length: 50_000 }, (_, i) => `${(i * 7919) % 100_003}:{"id":${i}}\n`).join(""));
    const fd = fs.openSync(file, "w");
    for (let size = 0; size < 128 * 1024 * 1024; size += block.length) fs.writeSync(fd, block);
    fs.closeSync(fd);
  });

  test("128 MiB in 4 segments or in 1024: the same peak within 15% (a file 256 times larger has that many)", async () => {
    // Segments are 32 MiB by default, so 1024 segments is what a 32 GiB file gets. Any
    // per-segment allocation that outlives its segment shows here.
    const peak = async (segmentBytes: number) => {
      const peaks: number[] = [];
      for (let i = 0; i < 2; i++) {
        const run = await spawnHighest(["--threads", "2", "--min-threaded-bytes", "0", "--segment-bytes", String(segmentBytes), "--compact", file, "10"], {
          measureRss: true,
        });
        expect([run.code, run.stderr]).toEqual([0, ""]);
        peaks.push(run.maxRssKiB!);
      }
      return Math.min(...peaks);
    };
    const few = await peak(32 * 1024 * 1024);
    const many = await peak(128 * 1024);
    expect(many).toBeLessThan(few * 1.15);
  });
});

