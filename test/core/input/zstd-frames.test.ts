// Where a zstd file may be cut (src/core/input/zstd-frames.ts): the places where a frame ends,
// found by walking frame and block headers from the file's start, exactly; skippable frames are
// walked over; a walk that meets bytes that begin no frame is damaged zstd data. And the join of
// zstd units (units.ts UnitJoin): they must tile the file, naming zstd.
import { BytesAccess } from "../../../src/core/input/access";
import { UnitJoin } from "../../../src/core/input/units";
import { FrameWalk, zstdStartIn } from "../../../src/core/input/zstd-frames";
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

test("a walk kept across questions reads each header once and answers every question as a fresh walk does", async () => {
  const frames = [zstdCompress(text(4000), ["-3", "-B16384"]), skippable(Buffer.alloc(300, 1)), zstdCompress(text(900), ["-1"]), zstdCompress(text(2500), ["-19", "-B8192"])];
  const file = Buffer.concat(frames);
  let reads = 0;
  const counted = new BytesAccess(file);
  const readAt = counted.readAt.bind(counted);
  counted.readAt = (offset, length) => { reads++; return readAt(offset, length); };
  const walk = new FrameWalk();
  // Questions in any order, as the units of a run and their next units ask them.
  const froms = [file.length - 1, 1, 7, frames[0].length, frames[0].length + 1, file.length, 2, file.length - 100];
  for (const from of froms) {
    for (const limit of [file.length, from + 5000]) {
      expect([from, limit, await zstdStartIn(counted, from, limit, file.length, "a.zst", scratch, walk)]).toEqual([from, limit, await startIn(file, from, limit)]);
    }
  }
  // One read of each frame's or skippable frame's head and of each block header, all in the first question.
  let fresh = 0;
  const once = new BytesAccess(file);
  const readOnce = once.readAt.bind(once);
  once.readAt = (offset, length) => { fresh++; return readOnce(offset, length); };
  await zstdStartIn(once, file.length, file.length, file.length, "a.zst", scratch);
  expect(reads).toBe(fresh);
  expect(walk.places).toEqual([0, frames[0].length, frames[0].length + frames[1].length + frames[2].length, file.length]);
});

test("a kept walk that meets damage fails again at each question, and answers before it as before", async () => {
  const a = zstdCompress(text(100), ["-3"]);
  const file = Buffer.concat([a, a, Buffer.from("not a frame at all"), a]);
  const walk = new FrameWalk();
  const ask = (from: number) => zstdStartIn(new BytesAccess(file), from, file.length, file.length, "a.zst", scratch, walk);
  await expect(ask(2 * a.length + 1)).rejects.toThrow("a.zst: damaged zstd data");
  expect(await ask(1)).toBe(a.length);
  expect(await ask(a.length + 1)).toBe(2 * a.length);
  await expect(ask(2 * a.length + 1)).rejects.toThrow("a.zst: damaged zstd data");
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
