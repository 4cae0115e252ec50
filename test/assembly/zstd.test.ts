// The core's zstd decoder (assembly/zstd/) against the zstd command: every level's kinds of block
// (raw, RLE, compressed with every literals and sequences mode the levels use), windows up to
// 128 MiB, checksums, frames one after another with skippable and empty frames between them,
// input in chunks from 1 byte up, a small output region, hand-made frames for what zstd does not
// make (declared sizes that lie, dictionaries, windows over the limit), damaged and truncated data.
import { seededUint32 } from "../helpers/prng";
import { randomRecords } from "../helpers/records";
import {
  Build, ERROR, STATUS, decodeAll, frameHeader, loadZstd, rawBlock, rleBlock, skippable, zstdCompress, zstdDecompress,
} from "../helpers/zstd-core";

jest.setTimeout(120_000);
const text = (seed: number, lines: number) => Buffer.from(randomRecords(seed, { lines, pad: 100 }), "latin1");
const randomBytes = (seed: number, n: number) => {
  const next = seededUint32(seed);
  return Buffer.from(Uint8Array.from({ length: n }, () => next() & 0xff));
};
const bigText = text(28, 30_000);
const smallText = text(29, 300);
const BUILDS: Build[] = ["simd", "scalar", "debug"];

describe.each(BUILDS)("zstd decoder (%s build)", (build) => {
  const core = loadZstd(build);

  test.each([["-1"], ["-3"], ["-19"], ["--ultra", "-22"], ["--long=27", "-3"], ["--no-check", "-3"], ["-3", "--format=zstd", "-B4096"]])(
    "a file made by zstd %s decodes to its bytes", (...args) => {
      const compressed = zstdCompress(bigText, args);
      const decoded = decodeAll(core, compressed);
      expect(decoded.status).toBe(STATUS.streamEnd);
      expect(decoded.output.equals(bigText)).toBe(true);
    });

  test("raw blocks (incompressible bytes), RLE blocks (long runs) and a mix of both with text, in chunks of 1 to 4096 bytes", () => {
    const data = Buffer.concat([randomBytes(1, 300_000), Buffer.alloc(500_000, 0x61), smallText, Buffer.alloc(70_000, 0x0a)]);
    const compressed = zstdCompress(data, ["-1"]);
    for (const chunk of [1, 7, 4096, 1 << 20]) {
      const decoded = decodeAll(core, chunk === 1 ? compressed.subarray(0, 20_000) : compressed, chunk);
      if (chunk === 1) expect(decoded.status).toBe(ERROR.truncated);
      else expect({ chunk, status: decoded.status, same: decoded.output.equals(data) }).toEqual({ chunk, status: STATUS.streamEnd, same: true });
    }
  });

  test("frames one after another, skippable frames before, between and after, empty frames; frame ends reported when asked", () => {
    const empty = zstdCompress(Buffer.alloc(0), ["-3"]);
    const a = zstdCompress(smallText, ["-3"]);
    const b = zstdCompress(bigText, ["-19", "--no-check"]);
    const input = Buffer.concat([skippable(Buffer.from("x")), a, empty, skippable(Buffer.alloc(0), 15), b, skippable(randomBytes(2, 1000), 3), empty]);
    const decoded = decodeAll(core, input, 1000, true);
    expect(decoded.status).toBe(STATUS.streamEnd);
    expect(decoded.frameEnds).toBe(4);
    expect(decoded.output.equals(Buffer.concat([smallText, bigText]))).toBe(true);
    expect(decodeAll(core, skippable(Buffer.from("only"))).status).toBe(STATUS.streamEnd);
  });

  test("a small output region: steps stop with output full and the window slides, the output exact", () => {
    // Level 1 from a pipe: a 512 KiB window, and the content far larger than the region.
    const small = loadZstd(build, 1 << 18, 1 << 18);
    const data = Buffer.concat([bigText, text(30, 30_000)]);
    const compressed = zstdCompress(data, ["-1"]);
    const decoded = decodeAll(small, compressed, 65536);
    expect(decoded.status).toBe(STATUS.streamEnd);
    expect(decoded.outputFull).toBeGreaterThan(3);
    expect(decoded.output.equals(data)).toBe(true);
  });

  test("a 128 MiB window is read (memory grows to hold it), a larger one refused; a dictionary refused, a dictionary ID of 0 read", () => {
    const data = Buffer.from("5: {\"id\":1}\n");
    const fresh = loadZstd(build);
    const before = fresh.memory.buffer.byteLength;
    // Window descriptor: exponent 17 (2^27), mantissa 0; then 2^27 + 2^24 (mantissa 1).
    const big = decodeAll(fresh, Buffer.concat([frameHeader({ windowByte: 17 << 3 }), rawBlock(data, true)]));
    expect(big.status).toBe(STATUS.streamEnd);
    expect(big.output.equals(data)).toBe(true);
    expect(big.memoryBytes).toBeGreaterThan(before + (128 << 20));
    expect(decodeAll(core, Buffer.concat([frameHeader({ windowByte: (17 << 3) | 1 }), rawBlock(data, true)])).status).toBe(ERROR.window);
    expect(decodeAll(core, Buffer.concat([frameHeader({ size: 2 ** 27 + 1, sizeBytes: 4 }), rawBlock(data, true)])).status).toBe(ERROR.window);
    for (const dictionaryBytes of [1, 2, 4] as const) {
      const frame = (dictionary: number) => Buffer.concat([frameHeader({ windowByte: 0, dictionary, dictionaryBytes }), rawBlock(data, true)]);
      expect(decodeAll(core, frame(7)).status).toBe(ERROR.dictionary);
      expect(decodeAll(core, frame(0)).output.equals(data)).toBe(true);
    }
  });

  test("hand-made frames: declared sizes of every field width, raw and RLE blocks; a size that lies, a reserved bit, a block over the frame's limit", () => {
    const data = Buffer.concat([Buffer.from("7: {\"id\":2}\n"), Buffer.alloc(300, 0x20), Buffer.from("\n")]);
    const blocks = (last = true) => Buffer.concat([rawBlock(data.subarray(0, 12), false), rleBlock(0x20, 300, false), rawBlock(data.subarray(312), last)]);
    for (const sizeBytes of [2, 4, 8] as const) {
      expect(decodeAll(core, Buffer.concat([frameHeader({ windowByte: 0, size: data.length, sizeBytes }), blocks()])).output.equals(data)).toBe(true);
      expect(decodeAll(core, Buffer.concat([frameHeader({ windowByte: 0, size: data.length + 1, sizeBytes }), blocks()])).status).toBe(ERROR.size);
      expect(decodeAll(core, Buffer.concat([frameHeader({ windowByte: 0, size: data.length - 1, sizeBytes }), blocks()])).status).toBe(ERROR.size);
    }
    expect(decodeAll(core, Buffer.concat([frameHeader({ size: data.length, sizeBytes: 2 }), blocks()])).output.equals(data)).toBe(true);
    expect(decodeAll(core, Buffer.concat([frameHeader({ windowByte: 0, reservedBit: true }), blocks()])).status).toBe(ERROR.header);
    // A single-segment frame of 20 bytes: its blocks may not be larger.
    expect(decodeAll(core, Buffer.concat([frameHeader({ size: 20, sizeBytes: 1 }), rleBlock(0x41, 21, true)])).status).toBe(ERROR.block);
    // Reserved block type 3.
    expect(decodeAll(core, Buffer.concat([frameHeader({ windowByte: 0 }), Buffer.from([7, 0, 0])])).status).toBe(ERROR.block);
    // The stream ends inside a frame: truncated (a frame not ended by a last block, too).
    expect(decodeAll(core, Buffer.concat([frameHeader({ windowByte: 0 }), blocks(false)])).status).toBe(ERROR.truncated);
  });

  test("a damaged checksum, bytes after the last frame, a truncated frame, a byte of damage in a compressed block", () => {
    const compressed = zstdCompress(bigText, ["-3"]);
    const badSum = Buffer.from(compressed);
    badSum[badSum.length - 1] ^= 1;
    expect(decodeAll(core, badSum).status).toBe(ERROR.checksum);
    expect(decodeAll(core, Buffer.concat([compressed, Buffer.from([0])])).status).toBe(ERROR.truncated);
    expect(decodeAll(core, Buffer.concat([compressed, Buffer.from("garbage!")])).status).toBe(ERROR.magic);
    expect(decodeAll(core, compressed.subarray(0, compressed.length - 1)).status).toBe(ERROR.truncated);
    const hit = Buffer.from(compressed);
    hit[compressed.length >> 1] ^= 0x10;
    expect(decodeAll(core, hit).status).toBeLessThan(0);
  });

  test("damage at every offset of a small file, one bit and a whole byte: zstd -dc's exact output or an error, never another answer", () => {
    const data = smallText.subarray(0, 1500);
    for (const args of [["-3", "--no-check"], ["-19"]]) {
      const compressed = zstdCompress(data, args);
      let errors = 0;
      for (let at = 0; at < compressed.length; at++) {
        for (const flip of [0x01, 0x80, 0xff]) {
          const damaged = Buffer.from(compressed);
          damaged[at] ^= flip;
          const decoded = decodeAll(core, damaged);
          if (decoded.status !== STATUS.streamEnd) {
            errors++;
            continue;
          }
          const oracle = zstdDecompress(damaged);
          expect({ args, at, flip, same: oracle !== undefined && decoded.output.equals(oracle) }).toEqual({ args, at, flip, same: true });
        }
      }
      expect(errors).toBeGreaterThan(compressed.length);
    }
  });
});
