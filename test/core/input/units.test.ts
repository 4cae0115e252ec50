// The checks across the units of one input (src/core/input/units.ts UnitJoin): BGZF units must
// tile the file, and both sides of a cut must have decoded the same member there.
import { UnitJoin } from "../../../src/core/input/units";

const bgzfInput = { name: "a.gz", size: 100, segmentable: true, rereadable: false, compression: "bgzf" as const };

test("both sides of a cut must have decoded the same member there (a file changed between their reads)", () => {
  const join = new UnitJoin(bgzfInput);
  join.add({ start: 0, end: 40, nextCrc: 7 });
  expect(() => join.add({ start: 40, end: 100, firstCrc: 8 })).toThrow("a.gz: the input changed while it was read");
  const same = new UnitJoin(bgzfInput);
  same.add({ start: 0, end: 40, nextCrc: 7 });
  expect(() => same.add({ start: 40, end: 70, firstCrc: 7 })).not.toThrow();
});

test("units must tile the file: a gap is a member no unit started (damaged), a unit that owns nothing joins nothing", () => {
  const join = new UnitJoin(bgzfInput);
  join.add({ start: 0, end: 40 });
  join.add({}); // owns nothing
  join.add({ start: 40, end: 70 });
  expect(() => join.add({ start: 71, end: 100 })).toThrow("a.gz: damaged gzip data");
});

test("plain files and whole inputs have nothing to join", () => {
  const plain = new UnitJoin({ ...bgzfInput, compression: undefined });
  plain.add({ start: 0 });
  expect(() => plain.add({ start: 999 })).not.toThrow();
});
