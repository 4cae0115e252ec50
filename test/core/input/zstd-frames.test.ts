// Where a zstd file may be cut (src/core/input/zstd-frames.ts): the places where a frame ends,
// found by walking frame and block headers from the file's start, exactly; skippable frames are
// walked over; a walk that meets bytes that begin no frame is damaged zstd data. And the join of
// zstd units (units.ts UnitJoin): they must tile the file, naming zstd.
import { BytesAccess } from "../../../src/core/input/access";
import { UnitJoin } from "../../../src/core/input/units";
import { zstdStartIn } from "../../../src/core/input/zstd-frames";
import { frameHeader, rawBlock, rleBlock, skippable, zstdCompress } from "../../helpers/zstd-core";

const text = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => `${i}: {"id":${i}}\n`).join(""));
const scratch = new Uint8Array(16);
const startIn = (bytes: Buffer, from: number, limit = bytes.length) => zstdStartIn(new BytesAccess(bytes), from, limit, bytes.length, "a.zst", scratch);

test("frame ends, exactly, whatever lies between: skippable frames, frames with and without checksums, raw and RLE blocks", async () => {
  const a = zstdCompress(text(3000), ["-3"]);
  const b = Buffer.concat([frameHeader({ windowByte: 0 }), rawBlock(text(5), false), rleBlock(0x0a, 100, false), rawBlock(text(2), true)]);
  const c = zstdCompress(text(500), ["-19", "--no-check"]);
  const skip = skippable(Buffer.alloc(1000, 0x28));
  const file = Buffer.concat([skip, a, b, skip, c]);
  const ends = [skip.length + a.length, skip.length + a.length + b.length];
  expect(await startIn(file, 0)).toBe(0);
  expect(await startIn(file, 1)).toBe(ends[0]);
  expect(await startIn(file, ends[0])).toBe(ends[0]);
  expect(await startIn(file, ends[0] + 1)).toBe(ends[1]);
  // The limit: none before it; the file's end is no start.
  expect(await startIn(file, 1, ends[0])).toBeUndefined();
  expect(await startIn(file, ends[1] + 1)).toBeUndefined();
  // One frame: no place to cut after its start.
  expect(await startIn(a, 1)).toBeUndefined();
});

test("a walk that meets bytes beginning no frame or a reserved block type is damaged zstd data; a frame cut short, truncated", async () => {
  const a = zstdCompress(text(100), ["-3"]);
  const reserved = Buffer.concat([frameHeader({ windowByte: 0 }), Buffer.from([7, 0, 0])]);
  for (const file of [Buffer.concat([a, Buffer.from("not a frame at all")]), Buffer.concat([reserved, a])]) {
    await expect(startIn(file, a.length + 1)).rejects.toThrow("a.zst: damaged zstd data");
  }
  for (const cut of [20, a.length - 1, 3]) {
    await expect(startIn(Buffer.concat([a, a.subarray(0, cut)]), a.length + 1)).rejects.toThrow("a.zst: truncated zstd data");
  }
  await expect(startIn(Buffer.concat([a, skippable(Buffer.alloc(50)).subarray(0, 30)]), a.length + 1)).rejects.toThrow("a.zst: truncated zstd data");
});

test("zstd units must tile the file, and agree on the frame at each cut", () => {
  const input = { name: "a.zst", size: 100, segmentable: true, rereadable: false, compression: "zstd" as const };
  const join = new UnitJoin(input);
  join.add({ start: 0, end: 40, nextCrc: 5 });
  expect(() => join.add({ start: 41, end: 100 })).toThrow("a.zst: damaged zstd data");
  const changed = new UnitJoin(input);
  changed.add({ start: 0, end: 40, nextCrc: 5 });
  expect(() => changed.add({ start: 40, end: 100, firstCrc: 6 })).toThrow("a.zst: the input changed while it was read");
});
