// The plan (src/core/model/plan.ts): how inputs are cut into units.
import { PlannedInput, planUnits } from "../../../src/core/model/plan";

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
