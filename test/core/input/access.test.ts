// input/access.ts: where a segment really starts (lineStartAtOrAfter), a byte range read in order
// (RangeSource), and positional reads of bytes in memory (BytesAccess) or of a caller's source (ReadAtAccess).
import fc from "fast-check";
import { BytesAccess, RandomAccess, RangeSource, ReadAtAccess, changedError, lineStartAtOrAfter, newProbe } from "../../../src/core/input/access";
import { BytesSource } from "../../../src/core/input/source";
import { HighestError } from "../../../src/core/model/errors";

const bytes = (text: string) => new TextEncoder().encode(text);

/** Positional reads that give at most `most` bytes each (a file read may be short), counting the reads. */
class ShortReads implements RandomAccess {
  reads = 0;
  constructor(private readonly data: Uint8Array, private readonly most: number) {}
  readInto(target: Uint8Array, position: number): number {
    this.reads++;
    const n = Math.max(0, Math.min(target.length, this.most, this.data.length - position));
    target.set(this.data.subarray(position, position + n));
    return n;
  }
  readAt(offset: number, length: number): Uint8Array { return this.data.subarray(offset, offset + length); }
  close(): void {}
}

/** The oracle: the first position p >= at with p == 0 or data[p - 1] == '\n', else the size. */
function naiveLineStart(data: Uint8Array, at: number): number {
  for (let p = Math.max(0, at); p < data.length; p++) if (p === 0 || data[p - 1] === 10) return p;
  return data.length;
}

test("lineStartAtOrAfter: a position right after a newline is a line start; else the next one; the end if none", async () => {
  const file = new BytesAccess(bytes("ab\ncd\n\nef"));
  const at = (position: number) => lineStartAtOrAfter(file, position, 9, "f", newProbe());
  expect(await Promise.all([-5, 0, 1, 2, 3, 4, 6, 7, 8, 9, 20].map(at))).toEqual([0, 0, 3, 3, 3, 6, 6, 7, 9, 9, 9]);
});

// (A RandomAccess reads fewer bytes only at the end: RangeSource below takes short reads too.)
test("property: lineStartAtOrAfter is the naive search, for any probe size", async () => {
  const data = fc.array(fc.constantFrom(10, 97), { maxLength: 80 }).map((b) => Uint8Array.from(b));
  await fc.assert(fc.asyncProperty(data, fc.nat(90), fc.integer({ min: 1, max: 9 }), async (file, at, probeSize) => {
    const found = await lineStartAtOrAfter(new BytesAccess(file), at, file.length, "f", new Uint8Array(probeSize));
    expect(found).toBe(naiveLineStart(file, at));
  }));
});

test("lineStartAtOrAfter in a file that now ends before the position asked is a changed input, not a hang or a wrong start", async () => {
  const file = new BytesAccess(bytes("aaaa"));
  await expect(lineStartAtOrAfter(file, 10, 100, "data.txt", newProbe())).rejects.toThrow("data.txt: the input changed while it was read");
});

test("changedError: an input error that names the input, and the line when known", () => {
  const error = changedError("x.txt", 12);
  expect([error.kind, error.message, error.exitCode]).toEqual(["input", "x.txt: the input changed while it was read (line 12)", 1]);
});

test("property: RangeSource gives exactly the bytes [start, end) in order, whatever the read and file read sizes", async () => {
  await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 60 }), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 7 }),
    async (data, a, b, readSize, most) => {
      const start = Math.min(a, b) % (data.length + 1), end = Math.max(start, Math.max(a, b) % (data.length + 1));
      const source = new RangeSource(new ShortReads(data, most), start, end, "f");
      expect(source.size).toBe(end - start);
      const got: number[] = [];
      const target = new Uint8Array(readSize);
      for (let n = await source.read(target); n > 0; n = await source.read(target)) got.push(...target.subarray(0, n));
      expect(got).toEqual([...data.subarray(start, end)]);
      expect(await source.read(target)).toBe(0);
    }));
});

test("RangeSource over a file that got shorter than the plan is a changed input", async () => {
  const source = new RangeSource(new BytesAccess(bytes("abc")), 1, 10, "short.txt");
  const target = new Uint8Array(20);
  expect(await source.read(target)).toBe(2);
  await expect(source.read(target)).rejects.toThrow(new HighestError("input", "short.txt: the input changed while it was read"));
});

test("BytesAccess reads by position, fewer at the end, none past it", () => {
  const access = new BytesAccess(bytes("hello"));
  const target = new Uint8Array(3);
  expect([access.readInto(target, 1), Buffer.from(target).toString()]).toEqual([3, "ell"]);
  expect(access.readInto(target, 4)).toBe(1);
  expect(access.readInto(target, 9)).toBe(0);
  expect(Buffer.from(access.readAt(3, 9)).toString()).toBe("lo");
});

test("ReadAtAccess re-reads a caller's source by offset and refuses reads in order (it was scanned as a stream)", async () => {
  const access = new ReadAtAccess(new BytesSource(bytes("0123456789")));
  expect(Buffer.from(await access.readAt(4, 3)).toString()).toBe("456");
  expect(() => access.readInto()).toThrow("a caller's source is read in order");
});
