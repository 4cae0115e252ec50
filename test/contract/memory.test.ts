// Memory (issue 5): a count far larger than the records (10^12, 10^30, a 40-digit count)
// allocates nothing up front: memory grows with the records kept, never with the count asked
// for. Checked on the wasm core's linear memory (exact, whatever the machine's load), not on
// peak RSS: RSS is the benchmark's (bench/) and `npm run test:large`'s (flat from 1 to 8 GiB).
import { runRanking } from "../../src/core/run/run";
import { BytesSource, ChunkStreamSource } from "../../src/core/input/source";
import { WasmEngine } from "../../src/core/scan/wasm-engine";
import { NodeAccess } from "../../src/node/access";
import { coreModule } from "../../src/node/core-file";
import { oracle } from "../helpers/oracle";
import { spawnHighest } from "../helpers/spawn-highest";
import { tempFolder } from "../helpers/temp-folder";

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
  expect(winners.size).toBe(Number(count < BigInt(RECORDS) ? count : BigInt(RECORDS)));
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

describe("configure() with a huge count reserves nothing", () => {
  // The heap grows with the records kept: configure() alone must not grow memory for any
  // count (a count of 10^30 would not fit in any memory if it did).
  const fresh = () => {
    const engine = WasmEngine.create(coreModule());
    return { engine, memory: { get buffer() { return { byteLength: engine.memoryBytes() }; } } };
  };
  for (const keepLines of [false, true]) {
    test(`wasm core, keepLines ${keepLines}: configure(10^30, 10^40, Infinity) takes what configure(5) takes`, () => {
      const small = fresh();
      const before = small.memory.buffer.byteLength; // the core's static data (tables of the scan and inflate)
      small.engine.configure(5);
      small.engine.beginUnit(0, keepLines);
      // configure() takes at most one page more, for its scratch entry.
      expect(small.memory.buffer.byteLength).toBeLessThanOrEqual(before + 64 * 1024);
      for (const count of [1e30, Number(10n ** 40n - 1n), Infinity]) {
        const huge = fresh();
        huge.engine.configure(count);
        huge.engine.beginUnit(0, keepLines);
        expect(huge.memory.buffer.byteLength).toBe(small.memory.buffer.byteLength);
      }
    });
  }
});

describe("the CLI with a huge count on a small file: the same output as count = the records", () => {
  // Peak RSS is not compared here (it depends on the machine's load); the benchmark reports it
  // and `npm run test:large` checks it stays flat from 1 to 8 GiB. A count that allocated
  // anything per counted record could not run at all with 10^30 or 10^40 - 1.
  let file: string;
  beforeAll(() => { file = temp.file(bytes, "small.data"); });
  const expected = oracle(bytes, BigInt(RECORDS), { compact: true });

  for (const engine of ["wasm", "js"]) {
    for (const stdin of [false, true]) {
      test(`${engine}, ${stdin ? "standard input" : "file"}`, async () => {
        expect(expected.ok).toBe(true);
        const run = (count: bigint) => stdin
          ? spawnHighest(["--engine", engine, "--compact", "-", String(count)], { stdinFile: file })
          : spawnHighest(["--engine", engine, "--compact", file, String(count)]);
        const all = await run(BigInt(RECORDS));
        expect([all.code, all.stderr]).toEqual([0, ""]);
        expect(all.stdout).toBe((expected as { stdout: string }).stdout);
        for (const count of [10n ** 30n, ...HUGE_COUNTS]) {
          const huge = await run(count);
          expect([huge.code, huge.stdout, huge.stderr]).toEqual([0, all.stdout, ""]);
        }
      });
    }
  }
});
