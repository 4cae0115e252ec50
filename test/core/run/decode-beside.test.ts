// Where a run's threads go (src/core/run/decode-beside.ts): a whole compressed input with a path
// is decoded beside the scan when a thread is spare; a one-frame zstd file becomes one whole
// unit for it; a decoder whose thread never started leaves its input to this thread.
import { BytesAccess, InputAccess } from "../../../src/core/input/access";
import { BesideAccess, Decoders, placeThreads } from "../../../src/core/run/decode-beside";
import { PlannedInput, RunPlan, planUnits } from "../../../src/core/model/plan";
import { BytesSource } from "../../../src/core/input/source";
import { Decoder } from "../../../src/core/run/helper";
import { zstdCompress } from "../../helpers/zstd-core";

const text = (lines: number) => Buffer.from(Array.from({ length: lines }, (_, i) => `${i}: {"id":${i}}\n`).join(""));
const gzip = (size: number, extra: Partial<PlannedInput> = {}): PlannedInput => ({ name: "f.gz", size, segmentable: true, rereadable: false, compression: "gzip", path: "f.gz", ...extra });
const plain = (size: number): PlannedInput => ({ name: "p", size, segmentable: true, rereadable: true, path: "p" });
const planOf = (inputs: PlannedInput[], segment = 1000): RunPlan => ({ inputs, units: planUnits(inputs, segment) });
const noAccess = { openRandom: () => Promise.reject(new Error("not asked")) } as unknown as InputAccess;

test("one whole gzip input and a spare thread: decoded beside the scan, no scan helper", async () => {
  const placed = await placeThreads(planOf([gzip(5000)]), { threads: 2, minThreadedBytes: 1 }, 1, noAccess, true);
  expect(placed).toMatchObject({ helpers: 0, besides: [0] });
  // No decoders on this platform, one thread, too little work, or an index: inline, as before.
  expect(await placeThreads(planOf([gzip(5000)]), { threads: 2, minThreadedBytes: 1 }, 1, noAccess, false)).toMatchObject({ helpers: 0, besides: [] });
  expect(await placeThreads(planOf([gzip(5000)]), { threads: 1, minThreadedBytes: 1 }, 1, noAccess, true)).toMatchObject({ helpers: 0, besides: [] });
  expect(await placeThreads(planOf([gzip(5000)]), { threads: 2 }, 1 << 30, noAccess, true)).toMatchObject({ helpers: 0, besides: [] });
  const index = { name: "f.gz.gzidx", points: [{ bit: 800, out: 100, window: 0 }] };
  expect((await placeThreads(planOf([gzip(5000, { index })]), { threads: 2, minThreadedBytes: 1 }, 1, noAccess, true)).besides).toEqual([]);
});

test("as many units as threads: no thread is spare, every unit is shared as before", async () => {
  expect(await placeThreads(planOf([gzip(5000), gzip(5000)]), { threads: 2, minThreadedBytes: 1 }, 1, noAccess, true)).toMatchObject({ helpers: 1, besides: [] });
  expect(await placeThreads(planOf([gzip(5000), plain(500)]), { threads: 3, minThreadedBytes: 1 }, 1, noAccess, true)).toMatchObject({ helpers: 1, besides: [0] });
  // A stream (no path) is not decoded elsewhere.
  const stream: PlannedInput = { name: "-", size: 0, segmentable: false, rereadable: false, compression: "gzip" };
  expect((await placeThreads(planOf([stream, gzip(5000)]), { threads: 2, minThreadedBytes: 1 }, 1, noAccess, true)).besides).toEqual([1]);
});

test("a zstd file of one frame is one whole unit to decode beside; one of several frames stays cut", async () => {
  const one = zstdCompress(text(3000), ["-3"]);
  const input: PlannedInput = { name: "a.zst", size: one.length, segmentable: true, rereadable: false, compression: "zstd", path: "a.zst" };
  const access = { openRandom: async () => new BytesAccess(one) } as unknown as InputAccess;
  const placed = await placeThreads(planOf([input], 1000), { threads: 2, minThreadedBytes: 1 }, 1, access, true);
  expect(placed.plan.units).toEqual([{ input: 0, from: 0, to: one.length, whole: true }]);
  expect(placed).toMatchObject({ helpers: 0, besides: [0] });
  const two = Buffer.concat([zstdCompress(text(1500), ["-3"]), zstdCompress(text(1500), ["-3"])]);
  const cut = { ...input, size: two.length };
  const many = await placeThreads(planOf([cut], 1000), { threads: 2, minThreadedBytes: 1 }, 1, { openRandom: async () => new BytesAccess(two) } as unknown as InputAccess, true);
  expect(many.plan.units.length).toBeGreaterThan(1);
  expect(many).toMatchObject({ helpers: 1, besides: [] });
});

test("a decoder whose thread never started leaves its input to this thread's access", async () => {
  const closed: string[] = [];
  const decoder: Decoder = {
    opened: Promise.resolve(false), failure: async () => new Error(), closed: async () => undefined,
    published: async () => {}, close: async () => { closed.push("decoder"); },
  };
  const plan = planOf([gzip(5000)]);
  const decoders = new Decoders(plan, new Int32Array(8), [0], () => decoder);
  const inner = { openSequential: async () => new BytesSource(new Uint8Array([1, 2])) } as unknown as InputAccess;
  const source = await new BesideAccess(inner, decoders).openSequential(0);
  expect(source).toBeInstanceOf(BytesSource);
  await decoders.close();
  expect(closed).toEqual(["decoder"]);
});
