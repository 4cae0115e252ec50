// The core's CRC-32 (assembly/inflate/crc32*.ts) against Node's zlib.crc32: long messages are
// reduced by a sparse multiple of the polynomial in units of 16 bytes (SIMD builds) or 8 (the
// scalar build), short ones and the ends sliced. Directly on the debug build, at every length
// around the switch and the ring's span, at every alignment, continuing any running CRC; and on
// every build through the inflate, whose members' trailers must match what it computes.
import * as zlib from "node:zlib";
import { seededUint32 } from "../helpers/prng";
import { randomRecords } from "../helpers/records";
import { Build, ERROR, GZIP, STATUS, inflateAll, loadInflate } from "../helpers/inflate-core";

jest.setTimeout(120_000);

interface CrcCore {
  memory: WebAssembly.Memory;
  reserveInput(bytes: number): number;
  crc32Of(crc: number, at: number, length: number): number;
}

const randomBytes = (seed: number, n: number) => {
  const next = seededUint32(seed);
  return Buffer.from(Uint8Array.from({ length: n }, () => next() & 0xff));
};

/** The reduction's span (units), and the shortest message it takes, in each build's units. */
const SPAN = 300;
const UNITS = [16, 8];

describe("CRC-32 of the core, against zlib.crc32", () => {
  let core: CrcCore;
  let at: number;
  const data = randomBytes(11, 1 << 21);
  beforeAll(async () => {
    core = (await loadInflate("debug")) as unknown as CrcCore;
    at = core.reserveInput(data.length + 64);
    new Uint8Array(core.memory.buffer, at, data.length).set(data);
  });
  const ours = (crc: number, from: number, length: number) => core.crc32Of(crc, at + from, length) >>> 0;

  test("every length around the switch to the reduction and around multiples of its span, at every alignment", () => {
    const lengths = new Set<number>([0, 1, 3, 4, 15, 16, 17, 31, 33]);
    for (const unit of UNITS) {
      for (const spans of [1, 2, 3, 4, 5, 8, 13]) {
        for (let d = -17; d <= 17; d++) lengths.add(spans * SPAN * unit + d);
      }
    }
    const wrong: string[] = [];
    for (const length of lengths) {
      for (const from of [0, 1, 7, 8, 13, 16, 31]) {
        const want = zlib.crc32(data.subarray(from, from + length)) >>> 0;
        if (ours(0, from, length) !== want) wrong.push(`${length}@${from}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test("a running CRC continued over long and short pieces gives the whole message's", () => {
    const next = seededUint32(5);
    for (let round = 0; round < 40; round++) {
      let crc = 0;
      let from = next() % 64;
      const start = from;
      while (from < data.length - 300_000) {
        const length = next() % 4 === 0 ? next() % 40 : next() % 250_000;
        crc = ours(crc, from, length);
        from += length;
      }
      expect(crc).toBe(zlib.crc32(data.subarray(start, from)) >>> 0);
    }
  });

  test("random offsets and lengths up to the whole buffer, with random running CRCs", () => {
    const next = seededUint32(9);
    for (let k = 0; k < 300; k++) {
      const from = next() % 4096;
      const length = next() % (data.length - from);
      const crc = next() >>> 0;
      expect([from, length, ours(crc, from, length)]).toEqual([from, length, zlib.crc32(data.subarray(from, from + length), crc) >>> 0]);
    }
  });

  test("one changed bit anywhere in a long message changes its CRC", () => {
    const length = 200_000;
    const whole = ours(0, 0, length);
    const view = new Uint8Array(core.memory.buffer, at, length);
    const next = seededUint32(3);
    for (let k = 0; k < 64; k++) {
      const i = next() % length;
      const bit = 1 << (next() % 8);
      view[i] ^= bit;
      const changed = ours(0, 0, length);
      view[i] ^= bit;
      expect(changed).not.toBe(whole);
      expect(changed).toBe(zlib.crc32(Buffer.from(data.subarray(0, length)).fill(data[i] ^ bit, i, i + 1)) >>> 0);
    }
  });
});

describe.each<Build>(["simd", "scalar", "debug"])("gzip members' CRC-32 through the inflate (%s build)", (build) => {
  const text = Buffer.from(randomRecords(4, { lines: 9000, pad: 100 }), "latin1");
  const members: Array<[string, Buffer]> = [
    ["random bytes, stored blocks", randomBytes(2, 700_001)],
    ["records, level 6", text],
    ["records, level 1", text.subarray(3, 1_000_003)],
  ];

  test.each(members)("%s: the trailer matches (output split by a small output region too)", async (_name, plain) => {
    for (const [level, outputBytes] of [[0, 1 << 18], [6, 1 << 18], [1, 70_000]] as const) {
      const core = await loadInflate(build, 1 << 16, outputBytes);
      const decoded = inflateAll(core, zlib.gzipSync(plain, { level }), GZIP);
      expect(decoded.status).toBe(STATUS.streamEnd);
      expect(decoded.output.equals(plain)).toBe(true);
    }
  });

  test.each(members)("%s: a trailer one bit off is the CRC error", async (_name, plain) => {
    const gz = zlib.gzipSync(plain, { level: 6 });
    const core = await loadInflate(build);
    for (const bit of [0, 13, 31]) {
      const damaged = Buffer.from(gz);
      damaged[gz.length - 8 + (bit >> 3)] ^= 1 << (bit & 7);
      expect(inflateAll(core, damaged, GZIP).status).toBe(ERROR.crc);
    }
  });
});
