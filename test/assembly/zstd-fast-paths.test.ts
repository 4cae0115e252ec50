// The zstd decoder's fast paths at their edges (assembly/zstd/copy.ts, huffman.ts, sequences.ts):
// matches of every short offset (spread, then copied wide past their end) around the ends of
// blocks and of a small output region, long literal runs, a back-reference of exactly the window,
// files from many levels of varied data, and damage across files big enough that the unchecked
// reads of the sequences and of four-stream literals run: zstd -dc's exact output or an error.
import { seededUint32 } from "../helpers/prng";
import { randomRecords } from "../helpers/records";
import { Build, STATUS, decodeAll, loadZstd, zstdCompress, zstdDecompress } from "../helpers/zstd-core";

jest.setTimeout(180_000);
const BLOCK = 128 << 10;
const BUILDS: Build[] = ["simd", "scalar", "debug"];

const randomBytes = (seed: number, n: number, alphabet = 256) => {
  const next = seededUint32(seed);
  return Buffer.from(Uint8Array.from({ length: n }, () => next() % alphabet));
};
const records = (seed: number, lines: number) => Buffer.from(randomRecords(seed, { lines, pad: 100 }), "latin1");

/** Text with, ending at or near each block's end, a run of random bytes repeating every k bytes (k = 1..32). */
function shortOffsetRuns(seed: number): Buffer {
  const next = seededUint32(seed);
  const shifts = [-40, -17, -16, -1, 0, 0, 0, 1, 15, 16, 33];
  const data = Buffer.alloc(33 * BLOCK);
  const text = records(seed, 6000);
  for (let at = 0; at < data.length; at += text.length) text.copy(data, at);
  for (let k = 1; k <= 32; k++) {
    const end = k * BLOCK + shifts[k % shifts.length];
    const from = end - k - 20 - (next() % 320);
    randomBytes(next(), k).copy(data, from);
    for (let i = from + k; i < end; i++) data[i] = data[i - k];
  }
  return data;
}

/** Text with runs of random bytes (long literals) of 10 bytes to 40 KiB between its lines. */
function longLiterals(seed: number): Buffer {
  const next = seededUint32(seed);
  const text = records(seed, 3000);
  const parts: Buffer[] = [];
  for (let at = 0; at < text.length; at += 5000) {
    parts.push(text.subarray(at, at + 5000), randomBytes(next(), 10 + (next() % (40 << 10))));
  }
  return Buffer.concat(parts);
}

/** Text, random bytes, and patterns repeating every 1 to 300 bytes, mixed. */
function varied(seed: number): Buffer {
  const next = seededUint32(seed);
  const parts: Buffer[] = [];
  for (let i = 0; i < 40; i++) {
    const kind = next() % 3;
    if (kind === 0) parts.push(records(next(), 50 + (next() % 200)));
    else if (kind === 1) parts.push(randomBytes(next(), 100 + (next() % 20_000), 1 + (next() % 256)));
    else parts.push(Buffer.alloc(100 + (next() % 30_000), randomBytes(next(), 1 + (next() % 300))));
  }
  return Buffer.concat(parts);
}

describe.each(BUILDS)("zstd decoder fast paths (%s build)", (build) => {
  const core = loadZstd(build);
  // The output region as small as it gets: blocks end near its end and the window slides often.
  const small = loadZstd(build, 1 << 18, 1 << 18);

  test("text with runs repeating every 1 to 32 bytes at each block's end decodes to its bytes, in a large and a small output region", () => {
    const data = shortOffsetRuns(1);
    for (const args of [["-1"], ["-3"], ["-19"], ["-3", "--zstd=wlog=17"]]) {
      const compressed = zstdCompress(data, args);
      for (const region of [core, small]) {
        const decoded = decodeAll(region, compressed, 65536);
        expect({ args, status: decoded.status, same: decoded.output.equals(data) }).toEqual({ args, status: STATUS.streamEnd, same: true });
      }
    }
  });

  test("long literal runs (random bytes of up to 40 KiB between text) decode to their bytes", () => {
    const data = longLiterals(2);
    for (const args of [["-1"], ["-3"], ["-12"], ["-19"]]) {
      const decoded = decodeAll(small, zstdCompress(data, args));
      expect({ args, status: decoded.status, same: decoded.output.equals(data) }).toEqual({ args, status: STATUS.streamEnd, same: true });
    }
  });

  test("a match reaching back exactly the window (128 KiB) decodes to its bytes, the window sliding in a small region", () => {
    const window = 1 << 17;
    const head = randomBytes(3, 300);
    const data = Buffer.concat([head, randomBytes(4, window - head.length), head]);
    const compressed = zstdCompress(data, ["-19", "--zstd=wlog=17"]);
    // The second copy of `head` is a match (its 300 bytes are not in the file again), from exactly the window back.
    expect(compressed.length).toBeLessThan(window + 100);
    for (const region of [core, small]) {
      const decoded = decodeAll(region, compressed, 4096);
      expect(decoded.status).toBe(STATUS.streamEnd);
      expect(decoded.output.equals(data)).toBe(true);
    }
  });

  test("files from levels 1 to 22 of text, random bytes and repeated patterns decode to their bytes", () => {
    const data = varied(5);
    for (const level of ["-1", "-2", "-3", "-5", "-7", "-9", "-12", "-16", "-19"]) {
      const decoded = decodeAll(core, zstdCompress(data, [level]));
      expect({ level, status: decoded.status, same: decoded.output.equals(data) }).toEqual({ level, status: STATUS.streamEnd, same: true });
    }
    const ultra = decodeAll(small, zstdCompress(data, ["--ultra", "-22"]));
    expect(ultra.status).toBe(STATUS.streamEnd);
    expect(ultra.output.equals(data)).toBe(true);
  });

  test("damage across a records file's compressed blocks: zstd -dc's exact output or an error, never another answer", () => {
    const data = records(6, 400);
    const next = seededUint32(7);
    for (const args of [["-3", "--no-check"], ["-19", "--no-check"]]) {
      const compressed = zstdCompress(data, args);
      let errors = 0;
      for (let i = 0; i < 400; i++) {
        const at = 6 + (next() % (compressed.length - 6));
        const damaged = Buffer.from(compressed);
        damaged[at] ^= 1 << (next() % 8);
        if (i % 2 === 1) damaged[(at + 1 + (next() % 64)) % compressed.length] ^= 0xff;
        const decoded = decodeAll(core, damaged);
        if (decoded.status !== STATUS.streamEnd) {
          errors++;
          continue;
        }
        const oracle = zstdDecompress(damaged);
        expect({ args, at, same: oracle !== undefined && decoded.output.equals(oracle) }).toEqual({ args, at, same: true });
      }
      expect(errors).toBeGreaterThan(100);
    }
  });
});
