// The plan (src/core/model/plan.ts): how gzip files are cut into units.
import { GZIP_SEGMENT_BYTES, PlannedInput, planUnits } from "../../../src/core/model/plan";

const MiB = 1024 * 1024;
const plain = (size: number): PlannedInput => ({ name: "a", size, segmentable: true, rereadable: true });
const gzip = (size: number): PlannedInput => ({ name: "b.gz", size, segmentable: true, rereadable: false, compression: "gzip" });
const bgzf = (size: number): PlannedInput => ({ name: "c.gz", size, segmentable: true, rereadable: false, compression: "bgzf" });

test("a gzip file that is not BGZF is one unit unless the run cuts it, then units of at most GZIP_SEGMENT_BYTES", () => {
  expect(planUnits([gzip(100 * MiB)])).toEqual([{ input: 0, from: 0, to: 100 * MiB, whole: true }]);
  const cut = planUnits([gzip(100 * MiB)], undefined, undefined, true);
  expect(cut.length).toBe(Math.ceil((100 * MiB) / GZIP_SEGMENT_BYTES));
  expect(cut.every((unit, k) => !unit.whole && unit.from === k * GZIP_SEGMENT_BYTES && unit.to - unit.from <= GZIP_SEGMENT_BYTES)).toBe(true);
  expect(cut[cut.length - 1].to).toBe(100 * MiB);
  // Smaller units when asked (tests), the same for BGZF and plain files whether cut or not.
  expect(planUnits([gzip(10)], 3, undefined, true).map((unit) => [unit.from, unit.to])).toEqual([[0, 3], [3, 6], [6, 9], [9, 10]]);
  expect(planUnits([bgzf(10), plain(10)], 5)).toEqual(planUnits([bgzf(10), plain(10)], 5, undefined, true));
  // Bytes of gzip (no positional reads) and empty files stay whole.
  expect(planUnits([{ ...gzip(10), segmentable: false }], 3, undefined, true)).toEqual([{ input: 0, from: 0, to: 10, whole: true }]);
  expect(planUnits([gzip(0)], 3, undefined, true)).toEqual([{ input: 0, from: 0, to: 0, whole: true }]);
});

test("--shard never splits a gzip file that is not BGZF: all its units go to the part that holds its first byte", () => {
  const inputs = [plain(60), gzip(100), plain(40)];
  const parts = [0, 1, 2, 3].map((index) => planUnits(inputs, 10, { index, count: 4 }, true));
  const gzipUnits = parts.map((units) => units.filter((unit) => unit.input === 1).length);
  expect(gzipUnits).toEqual([0, 10, 0, 0]); // its first byte, 60, is in part 1 ([50, 100))
  // Every byte of the plain files is in exactly one part.
  for (const input of [0, 2]) {
    const ranges = parts.flat().filter((unit) => unit.input === input).map((unit) => [unit.from, unit.to]).sort((a, b) => a[0] - b[0]);
    expect(ranges[0][0]).toBe(0);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1]);
    expect(ranges[ranges.length - 1][1]).toBe(inputs[input].size);
  }
});
