// The plan (src/core/model/plan.ts): how inputs are cut into units.
import fc from "fast-check";
import { MAX_SHARDS, PlannedInput, isShard, messageName, parseShard, planUnits } from "../../../src/core/model/plan";

const MiB = 1024 * 1024;
const plain = (size: number): PlannedInput => ({ name: "a", size, segmentable: true, rereadable: true });
const gzip = (size: number): PlannedInput => ({ name: "b.gz", size, segmentable: true, rereadable: false, compression: "gzip" });
const bgzf = (size: number): PlannedInput => ({ name: "c.gz", size, segmentable: true, rereadable: false, compression: "bgzf" });

test("a gzip file that is not BGZF is one whole unit, whatever the unit size; BGZF and plain files are cut into segments", () => {
  expect(planUnits([gzip(100 * MiB)])).toEqual([{ input: 0, from: 0, to: 100 * MiB, whole: true }]);
  expect(planUnits([gzip(10)], 3)).toEqual([{ input: 0, from: 0, to: 10, whole: true }]);
  expect(planUnits([gzip(0)], 3)).toEqual([{ input: 0, from: 0, to: 0, whole: true }]);
  expect(planUnits([bgzf(10), plain(10)], 5).map((unit) => [unit.input, unit.from, unit.to, unit.whole]))
    .toEqual([[0, 0, 5, false], [0, 5, 10, false], [1, 0, 5, false], [1, 5, 10, false]]);
});

test("--shard never splits a gzip file that is not BGZF: it goes whole to the part that holds its first byte", () => {
  const inputs = [plain(60), gzip(100), plain(40)];
  const parts = [0, 1, 2, 3].map((index) => planUnits(inputs, 10, { index, count: 4 }));
  const gzipUnits = parts.map((units) => units.filter((unit) => unit.input === 1).length);
  expect(gzipUnits).toEqual([0, 1, 0, 0]); // its first byte, 60, is in part 1 ([50, 100))
  // Every byte of the plain files is in exactly one part.
  for (const input of [0, 2]) {
    const ranges = parts.flat().filter((unit) => unit.input === input).map((unit) => [unit.from, unit.to]).sort((a, b) => a[0] - b[0]);
    expect(ranges[0][0]).toBe(0);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1]);
    expect(ranges[ranges.length - 1][1]).toBe(inputs[input].size);
  }
});

// The shard rules: every byte in exactly one part, each part a byte-balanced range of the inputs' global positions.

const stream = (size: number): PlannedInput => ({ name: "-", size, segmentable: false, rereadable: false });

test("property: the K parts of --shard tile every input: each plain byte in one part, each whole input in one, within the part's range", () => {
  const input = fc.oneof(
    fc.integer({ min: 0, max: 60 }).map(plain), fc.integer({ min: 0, max: 60 }).map(gzip),
    fc.integer({ min: 0, max: 60 }).map(bgzf), fc.integer({ min: 0, max: 60 }).map(stream),
  );
  fc.assert(fc.property(fc.array(input, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 25 }), (inputs, count, segment) => {
    const total = inputs.reduce((sum, i) => sum + i.size, 0);
    const starts = inputs.map((_, k) => inputs.slice(0, k).reduce((sum, i) => sum + i.size, 0));
    const owner = inputs.map((i) => new Int32Array(i.size).fill(-1));
    const wholeIn = inputs.map(() => [] as number[]);
    for (let index = 0; index < count; index++) {
      const units = planUnits(inputs, segment, { index, count });
      // The last part runs to the end: an empty input there is still in it.
      const lo = Math.floor((index * total) / count), hi = index + 1 === count ? Infinity : Math.floor(((index + 1) * total) / count);
      units.forEach((unit, u) => {
        if (u > 0) expect(units[u - 1].input < unit.input || (units[u - 1].input === unit.input && units[u - 1].to <= unit.from)).toBe(true);
        const planned = inputs[unit.input];
        if (unit.whole) {
          expect(!planned.segmentable || planned.compression === "gzip").toBe(true);
          expect([unit.from, unit.to]).toEqual([0, planned.size]);
          expect(starts[unit.input] >= lo && starts[unit.input] < hi).toBe(true); // its first byte is in the part
          wholeIn[unit.input].push(index);
          return;
        }
        expect(unit.to - unit.from).toBeLessThanOrEqual(segment);
        expect(unit.from).toBeLessThan(unit.to);
        for (let at = unit.from; at < unit.to; at++) {
          expect(starts[unit.input] + at >= lo && starts[unit.input] + at < hi).toBe(true);
          expect(owner[unit.input][at]).toBe(-1);
          owner[unit.input][at] = index;
        }
      });
    }
    inputs.forEach((planned, k) => {
      if (!planned.segmentable || planned.compression === "gzip") {
        expect(wholeIn[k].length).toBe(1);
      } else expect(owner[k].every((part) => part >= 0)).toBe(true);
    });
  }));
});

test("one part of one (or no shard) is the whole plan; segment sizes are clamped to a whole number of at least 1 byte", () => {
  const inputs = [plain(10), gzip(7), stream(3)];
  expect(planUnits(inputs, 4, { index: 0, count: 1 })).toEqual(planUnits(inputs, 4));
  expect(planUnits([plain(3)], 0).map((u) => [u.from, u.to])).toEqual([[0, 1], [1, 2], [2, 3]]);
  expect(planUnits([plain(5)], 2.9).map((u) => [u.from, u.to])).toEqual([[0, 2], [2, 4], [4, 5]]);
  expect(planUnits([plain(3 * 2 ** 30)], 2 ** 40).map((u) => u.to - u.from)).toEqual([2 ** 30, 2 ** 30, 2 ** 30]);
  expect(planUnits([plain(0)])).toEqual([]);
});

test("parseShard and isShard: I/K with 0 <= I < K <= MAX_SHARDS, integers only", () => {
  expect(parseShard("0/1")).toEqual({ index: 0, count: 1 });
  expect(parseShard("3/4")).toEqual({ index: 3, count: 4 });
  expect(parseShard(`0/${MAX_SHARDS}`)).toEqual({ index: 0, count: MAX_SHARDS });
  for (const bad of ["4/4", "1/0", "0/0", `0/${MAX_SHARDS + 1}`, "-1/2", "1/2/3", " 1/2", "1/2 ", "a/2", "1.0/2", "", "1/"]) {
    expect([bad, parseShard(bad)]).toEqual([bad, undefined]);
  }
  expect(isShard({ index: 0, count: 2 })).toBe(true);
  for (const bad of [undefined, null, "0/2", { index: 0 }, { index: 0.5, count: 2 }, { index: "0", count: 2 }, { index: 2, count: 2 }]) {
    expect(isShard(bad)).toBe(false);
  }
});

test("messageName: standard input is named 'standard input' in messages, unless it is a path", () => {
  expect(messageName(stream(1))).toBe("standard input");
  expect(messageName({ ...stream(1), path: "-" })).toBe("-");
  expect(messageName(plain(1))).toBe("a");
});

describe("a gzip file with an index is cut at its points", () => {
  // Points every ~1,000 bytes of a 100,000-byte file, one at bit 7 of byte 5,000 exactly.
  const points = Array.from({ length: 99 }, (_, i) => ({ bit: (i + 1) * 8_000 + ((i * 3) % 8), out: (i + 1) * 3_000, window: 35 + 99 * 18 + i * 32768 }));
  const indexed: PlannedInput = {
    name: "x.gz", size: 100_000, segmentable: true, rereadable: false, compression: "gzip", index: { name: "x.gz.gzidx", points },
  };
  const starts = (units: ReturnType<typeof planUnits>) => units.map((unit) => unit.point);

  test("units start at the first point at or after each nominal start and end at the next unit's point", () => {
    const units = planUnits([indexed], 10_000);
    expect(starts(units)).toEqual([-1, 9, 19, 29, 39, 49, 59, 69, 79, 89]);
    units.forEach((unit, i) => expect(unit.endPoint).toBe(units[i + 1]?.point));
    expect(units.map((unit) => [unit.from, unit.to])[1]).toEqual([10_000, 20_000]);
    expect(units[units.length - 1].to).toBe(100_000);
  });

  test("units smaller than the points' spacing: one unit a point, none twice", () => {
    expect(starts(planUnits([indexed], 1))).toEqual([-1, ...points.map((_, i) => i)]);
  });

  test.each([[2], [3], [7], [64]])("--shard parts of %s tile the plan of the whole file, for any unit size", (count) => {
    for (const segment of [1, 777, 10_000, 1 << 25]) {
      const parts = Array.from({ length: count }, (_, index) => planUnits([indexed], segment, { index, count }));
      const tiled = parts.flat();
      // Each point starts at most one unit, in order; every unit ends where the next one starts.
      expect(new Set(starts(tiled)).size).toBe(tiled.length);
      tiled.forEach((unit, i) => expect({ segment, i, end: unit.endPoint }).toEqual({ segment, i, end: tiled[i + 1]?.point }));
      expect(tiled[0].point).toBe(-1);
    }
  });
});
