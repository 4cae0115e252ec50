// input/source.ts: bytes in memory and async chunk streams as ByteSources, and releasing what a caller handed over.
import fc from "fast-check";
import { ByteSource, BytesSource, ChunkStreamSource, releaseGiven } from "../../../src/core/input/source";

/** Everything a source gives, read with targets of the given sizes in turn (cycled). */
async function readAll(source: ByteSource, sizes: number[]): Promise<{ bytes: number[]; reads: number[] }> {
  const bytes: number[] = [];
  const reads: number[] = [];
  for (let k = 0; ; k++) {
    const target = new Uint8Array(sizes[k % sizes.length]);
    const n = await source.read(target);
    reads.push(n);
    if (n === 0 && target.length > 0) return { bytes, reads };
    bytes.push(...target.subarray(0, n));
    if (k > 100000) throw new Error("no end");
  }
}

async function* chunksOf(pieces: Uint8Array[], log?: string[]): AsyncGenerator<Uint8Array> {
  try {
    for (const piece of pieces) yield piece;
    log?.push("ended");
  } finally {
    log?.push("finally");
  }
}

const sizes = fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 5 });

test("property: BytesSource gives its bytes in order, whatever the read sizes, then 0 for good", async () => {
  await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 100 }), sizes, async (data, readSizes) => {
    const source = new BytesSource(data);
    expect(source.size).toBe(data.length);
    const { bytes, reads } = await readAll(source, readSizes);
    expect(bytes).toEqual([...data]);
    expect(reads.slice(0, -1).every((n, k) => n === Math.min(readSizes[k % readSizes.length], data.length - reads.slice(0, k).reduce((a, b) => a + b, 0)))).toBe(true);
    expect(source.read(new Uint8Array(4))).toBe(0);
  }));
});

test("BytesSource.readAt gives the bytes at an offset, fewer at the end, none past it", () => {
  const source = new BytesSource(Uint8Array.of(1, 2, 3, 4, 5));
  expect([...source.readAt(1, 3)]).toEqual([2, 3, 4]);
  expect([...source.readAt(3, 10)]).toEqual([4, 5]);
  expect([...source.readAt(5, 1)]).toEqual([]);
  source.read(new Uint8Array(5)); // reading in order does not move readAt
  expect([...source.readAt(0, 2)]).toEqual([1, 2]);
});

test("property: ChunkStreamSource fills each target unless the input ends, whatever the chunks (empty ones too)", async () => {
  await fc.assert(fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 12 }), { maxLength: 12 }), sizes, async (pieces, readSizes) => {
    const all = pieces.flatMap((piece) => [...piece]);
    const { bytes, reads } = await readAll(new ChunkStreamSource(chunksOf(pieces)), readSizes);
    expect(bytes).toEqual(all);
    let given = 0;
    reads.forEach((n, k) => {
      expect(n).toBe(Math.min(readSizes[k % readSizes.length], all.length - given)); // full reads until the end
      given += n;
    });
  }));
});

test("ChunkStreamSource takes ArrayBuffer chunks too, and passes on its size and what was consumed", async () => {
  let consumed = 0;
  async function* buffers() { yield Uint8Array.of(1, 2).buffer; consumed = 7; yield Uint8Array.of(3).buffer; }
  const source = new ChunkStreamSource(buffers() as AsyncIterable<Uint8Array>, 3, () => consumed);
  expect((await readAll(source, [8])).bytes).toEqual([1, 2, 3]);
  expect([source.size, source.consumed?.()]).toEqual([3, 7]);
  expect(new ChunkStreamSource(chunksOf([])).consumed).toBeUndefined();
});

test("close() ends a stream read part way (its iterator's return runs), and leaves one that ended alone", async () => {
  const log: string[] = [];
  const partway = new ChunkStreamSource(chunksOf([Uint8Array.of(1, 2), Uint8Array.of(3)], log));
  expect(await partway.read(new Uint8Array(1))).toBe(1);
  await partway.close();
  expect(log).toEqual(["finally"]);

  const ended: string[] = [];
  const whole = new ChunkStreamSource(chunksOf([Uint8Array.of(1)], ended));
  await readAll(whole, [4]);
  await whole.close();
  expect(ended).toEqual(["ended", "finally"]);
});

test("a failing stream's error reaches the read", async () => {
  async function* failing() { yield Uint8Array.of(1); throw new Error("disk gone"); }
  const source = new ChunkStreamSource(failing());
  await expect(source.read(new Uint8Array(4))).rejects.toThrow("disk gone");
});

describe("releaseGiven", () => {
  test("closes a ByteSource, cancels an unlocked ReadableStream, leaves a locked one and anything else", async () => {
    const closed: string[] = [];
    await releaseGiven({ read: () => 0, close: () => { closed.push("source"); } });
    await releaseGiven({ read: () => 0 }); // nothing to close
    let cancelled = false;
    await releaseGiven(new ReadableStream({ cancel: () => { cancelled = true; } }));
    const locked = new ReadableStream({ cancel: () => { closed.push("locked cancelled"); } });
    locked.getReader();
    await releaseGiven(locked);
    await releaseGiven("a path");
    await releaseGiven(null);
    expect([closed, cancelled]).toEqual([["source"], true]);
  });

  test("a failure to release is dropped: it must not replace the run's outcome", async () => {
    await expect(releaseGiven({ read: () => 0, close: () => { throw new Error("x"); } })).resolves.toBeUndefined();
    await expect(releaseGiven({ read: () => 0, close: () => Promise.reject(new Error("y")) })).resolves.toBeUndefined();
  });
});
