// The gzip index (issue 27): CRC-32s joined without their data, the GZIDX layout read and
// written exactly as indexed_gzip's zran.c (a reference built field by field, versions 0 and 1),
// and, from every point of an index made while decoding (single- and multi-member files, every
// kind of block), a decode started there with the point's window gives zlib's bytes from there.
import * as zlib from "node:zlib";
import { crc32Combine } from "../../../src/core/input/crc32-combine";
import { DEFLATE_WINDOW, IndexFormatError, encodeIndex, indexHeadListBytes, parseIndex, usablePoints } from "../../../src/core/input/gzip-index";
import { GzipSource } from "../../../src/core/input/gzip-source";
import { IndexRecorder } from "../../../src/core/input/index-recorder";
import { InflateExports } from "../../../src/core/input/inflate-core";
import { BytesSource } from "../../../src/core/input/source";
import { gzidxLayout } from "../../helpers/gzidx-layout";
import { loadInflate } from "../../helpers/inflate-core";
import { seededUint32 } from "../../helpers/prng";
import { randomRecords } from "../../helpers/records";

jest.setTimeout(120_000);

const text = (seed: number, lines: number) => Buffer.from(randomRecords(seed, { lines, pad: 100 }), "latin1");
const randomBytes = (seed: number, n: number) => {
  const next = seededUint32(seed);
  return Buffer.from(Uint8Array.from({ length: n }, () => next() & 0xff));
};

async function inflater(): Promise<InflateExports> {
  return (await loadInflate("simd", 1 << 20, 4 << 20)) as unknown as InflateExports;
}

async function readAll(source: GzipSource): Promise<Buffer> {
  const parts: Buffer[] = [];
  const block = new Uint8Array(1 << 20);
  for (let n = await source.read(block); n > 0; n = await source.read(block)) parts.push(Buffer.from(block.subarray(0, n)));
  return Buffer.concat(parts);
}

/** The index our decode of `gz` makes (points every `spacing` compressed bytes), and what it decoded. */
async function indexOf(gz: Buffer, spacing: number): Promise<{ index: Uint8Array; decoded: Buffer }> {
  let index: Uint8Array | undefined;
  const recorder = new IndexRecorder((bytes) => { index = bytes; }, spacing);
  const decoded = await readAll(new GzipSource(await inflater(), new BytesSource(gz), "test", { recorder }));
  if (!index) throw new Error("no index was made");
  return { index, decoded };
}

/** From the point at `bit` (its window in `window`), a decode to the end. */
async function decodeFrom(gz: Buffer, bit: number, window: Uint8Array): Promise<Buffer> {
  const byte = Math.floor(bit / 8);
  return readAll(new GzipSource(await inflater(), new BytesSource(gz.subarray(byte)), "test", { resume: { bit: bit - byte * 8, window } }));
}

describe("crc32Combine", () => {
  test("joins the CRC-32s of two pieces as zlib's CRC-32 of the whole, any lengths", () => {
    const data = randomBytes(1, 300_000);
    for (const cut of [0, 1, 7, 8, 1000, 65536, 299_999, 300_000]) {
      const joined = crc32Combine(zlib.crc32(data.subarray(0, cut)), zlib.crc32(data.subarray(cut)), data.length - cut);
      expect({ cut, joined }).toEqual({ cut, joined: zlib.crc32(data) });
    }
  });
  test("a length past 2^32: the shift by n1 then by n2 is the shift by n1 + n2", () => {
    // combine(a, b, n) is a·x^(8n) + b modulo the polynomial: with b = 0 the shifts add up.
    const a = zlib.crc32(Buffer.from("abc"));
    const viaTwo = crc32Combine(crc32Combine(a, 0, 2 ** 32), 0, 2 ** 32 + 5);
    expect(crc32Combine(a, 0, 2 ** 33 + 5)).toBe(viaTwo);
    expect(crc32Combine(a, 0, 2 ** 33 + 5)).not.toBe(crc32Combine(a, 0, 2 ** 33 + 4));
  });
});

describe("the GZIDX layout", () => {
  const window = randomBytes(2, DEFLATE_WINDOW);
  const points = [
    { cmpOffset: 10, uncmpOffset: 0, bits: 0 },
    { cmpOffset: 70_001, uncmpOffset: 1_048_600, bits: 3, data: window },
    { cmpOffset: 2 ** 40 + 7, uncmpOffset: 2 ** 41 + 9, bits: 7, data: window },
  ];
  const layout = { compressedSize: 2 ** 40 + 100, uncompressedSize: 2 ** 42, spacing: 1 << 20, windowSize: DEFLATE_WINDOW, points };

  test("zran's version 1 layout is read: sizes, offsets, bits as a bit offset, windows", () => {
    const bytes = gzidxLayout(layout);
    expect(indexHeadListBytes(bytes)).toBe(35 + 3 * 18);
    const index = parseIndex(bytes);
    expect(index).toEqual({
      compressedSize: layout.compressedSize, uncompressedSize: layout.uncompressedSize, spacing: 1 << 20, windowSize: DEFLATE_WINDOW,
      length: bytes.length,
      points: [
        { bit: 80, out: 0, window: -1 },
        { bit: 70_001 * 8 - 3, out: 1_048_600, window: 35 + 3 * 18 },
        { bit: (2 ** 40 + 7) * 8 - 7, out: 2 ** 41 + 9, window: 35 + 3 * 18 + DEFLATE_WINDOW },
      ],
    });
    expect(Buffer.from(bytes.subarray(index.points[2].window, index.points[2].window + DEFLATE_WINDOW))).toEqual(window);
  });

  test("version 0 (no data flag: the first point has no window) and windows larger than 32 KiB", () => {
    const big = Buffer.concat([randomBytes(3, 1000), window]);
    const bytes = gzidxLayout({ ...layout, version: 0, windowSize: big.length, points: [points[0], { ...points[1], data: big }] });
    const index = parseIndex(bytes);
    // The last 32 KiB of a larger window are the ones a back-reference reaches.
    expect(index.points.map((p) => p.window)).toEqual([-1, 35 + 2 * 17 + 1000]);
    expect(Buffer.from(bytes.subarray(index.points[1].window, index.points[1].window + DEFLATE_WINDOW))).toEqual(window);
    expect(index.length).toBe(bytes.length);
  });

  test("what we write is zran's layout byte for byte", () => {
    const written = encodeIndex(layout.compressedSize, layout.uncompressedSize, layout.spacing, [
      { bit: 80, out: 0 },
      { bit: 70_001 * 8 - 3, out: 1_048_600, window },
      { bit: (2 ** 40 + 7) * 8 - 7, out: 2 ** 41 + 9, window },
    ]);
    expect(Buffer.from(written)).toEqual(gzidxLayout(layout));
  });

  test("what is not an index, a newer version, a small window, a wrong size or length: IndexFormatError", () => {
    const bytes = gzidxLayout(layout);
    const bad = (change: (b: Buffer) => void) => { const b = Buffer.from(bytes); change(b); return b; };
    expect(() => parseIndex(bad((b) => { b[0] = 0x48; }))).toThrow(IndexFormatError);
    expect(() => parseIndex(bad((b) => { b[5] = 2; }))).toThrow(/version 2/);
    expect(() => parseIndex(bad((b) => { b.writeUInt32LE(4096, 27); }))).toThrow(/window size/);
    expect(() => parseIndex(bytes.subarray(0, 60))).toThrow(/truncated/);
    const index = parseIndex(bytes);
    expect(() => usablePoints(index, 1000, bytes.length)).toThrow(/made for a file of/);
    expect(() => usablePoints(index, layout.compressedSize, bytes.length - 1)).toThrow(/truncated/);
    expect(() => usablePoints(index, layout.compressedSize, bytes.length + 1)).toThrow(/after its last window/);
  });
});

/** Files whose every point is resumed: one member, several members (stored, fixed, dynamic blocks), a level-1 file. */
const FILES: Array<[string, () => Buffer]> = [
  ["one member, level 6", () => zlib.gzipSync(text(5, 60_000), { level: 6 })],
  ["one member, level 1", () => zlib.gzipSync(text(6, 40_000), { level: 1 })],
  ["three members: records, random bytes (stored blocks), records with fixed codes", () => Buffer.concat([
    zlib.gzipSync(text(7, 20_000)),
    zlib.gzipSync(randomBytes(8, 400_000)),
    zlib.gzipSync(text(9, 20_000), { strategy: zlib.constants.Z_FIXED }),
  ])],
];

describe.each(FILES)("an index we make of %s", (_, make) => {
  const gz = make();
  const plain = zlib.gunzipSync(gz);
  let made: { index: Uint8Array; decoded: Buffer };
  beforeAll(async () => { made = await indexOf(gz, 32 * 1024); });

  test("the decode that makes it gives zlib's bytes, and its head says the file's sizes", () => {
    expect(made.decoded.equals(plain)).toBe(true);
    const index = parseIndex(made.index);
    expect({ compressed: index.compressedSize, uncompressed: index.uncompressedSize, length: index.length })
      .toEqual({ compressed: gz.length, uncompressed: plain.length, length: made.index.length });
    expect(index.points.length).toBeGreaterThan(8);
    expect(index.points[0]).toMatchObject({ out: 0, window: -1 });
  });

  test("from every point, a decode with the point's window gives zlib's bytes from its offset", async () => {
    const index = parseIndex(made.index);
    for (const [i, point] of index.points.entries()) {
      const window = point.window < 0 ? new Uint8Array(DEFLATE_WINDOW) : made.index.subarray(point.window, point.window + DEFLATE_WINDOW);
      const from = await decodeFrom(gz, point.bit, window);
      expect({ i, out: point.out, same: from.equals(plain.subarray(point.out)) }).toEqual({ i, out: point.out, same: true });
    }
  });

  test("a wrong window gives other bytes, not an error of the decode (the run's CRC-32 join must catch it)", async () => {
    const index = parseIndex(made.index);
    const point = index.points.find((p) => p.window >= 0)!;
    const from = await decodeFrom(gz, point.bit, new Uint8Array(DEFLATE_WINDOW).fill(0x41));
    expect(from.equals(plain.subarray(point.out))).toBe(false);
  });
});

test("a unit of an indexed file decodes past its end point only the block its last line ends in, not an output region's worth", async () => {
  const gz = zlib.gzipSync(text(12, 250_000), { level: 6 });
  const plain = zlib.gunzipSync(gz);
  const { index: bytes } = await indexOf(gz, 256 * 1024);
  const index = parseIndex(bytes);
  const start = index.points[2];
  const end = index.points.find((p) => p.out > start.out + (1 << 20))!;
  expect(plain.length - end.out).toBeGreaterThan(4 << 20);
  const core = await inflater();
  let decoded = 0;
  const counting: InflateExports = {
    ...core,
    inflateStep: () => {
      const status = core.inflateStep();
      decoded += (core.inflateOutputEnd() >>> 0) - (core.inflateOutputStart() >>> 0);
      return status;
    },
  };
  const byte = Math.floor(start.bit / 8);
  const source = new GzipSource(counting, new BytesSource(gz.subarray(byte)), "test", {
    resume: { bit: start.bit - byte * 8, window: bytes.subarray(start.window, start.window + DEFLATE_WINDOW) },
    endPoint: { bit: end.bit - byte * 8, out: end.out - start.out }, skipFirstLine: true,
  });
  const given = await readAll(source);
  const from = plain.indexOf(10, start.out) + 1;
  const to = plain.indexOf(10, end.out) + 1;
  expect(given.equals(plain.subarray(from, to))).toBe(true);
  // Level 6 blocks of these records hold well under 256 KiB; the output region is 4 MiB.
  expect(decoded - (end.out - start.out)).toBeLessThan(256 * 1024);
});
