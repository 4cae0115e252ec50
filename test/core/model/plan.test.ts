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
