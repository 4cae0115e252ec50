// The core's own inflate (assembly/inflate/) against Node's zlib: every kind of deflate block
// zlib makes, gzip framing (headers, members, trailers, trailing bytes), input in chunks from 1
// byte up, a small output region, damaged and truncated data.
import * as zlib from "node:zlib";
import { seededUint32 } from "../helpers/prng";
import { randomRecords } from "../helpers/records";
import {
  Build, ERROR, GZIP, InflateCore, RAW, STATUS, STOP_AT_MEMBER_END, inflateAll, loadInflate,
} from "../helpers/inflate-core";

const text = (seed: number, lines: number) => Buffer.from(randomRecords(seed, { lines, pad: 100 }), "latin1");
const randomBytes = (seed: number, n: number) => {
  const next = seededUint32(seed);
  return Buffer.from(Uint8Array.from({ length: n }, () => next() & 0xff));
};
/** Text of a few MB: lines with ids and words, as the benchmark's. */
const bigText = text(7, 40_000);
const smallText = text(3, 2_000);

/** A gzip header with every optional field (FEXTRA, FNAME, FCOMMENT, FHCRC), then raw deflate and the trailer. */
function fancyMember(data: Buffer, level = 6): Buffer {
  const extra = Buffer.from([0x42, 0x43, 2, 0, 0x34, 0x12]); // a BGZF-like "BC" subfield
  const header = Buffer.concat([
    Buffer.from([0x1f, 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3]),
    Buffer.from([extra.length, 0]), extra,
    Buffer.from("name.data\0", "latin1"), Buffer.from("a comment\0", "latin1"),
  ]);
  const headerCrc = Buffer.alloc(2);
  headerCrc.writeUInt16LE(zlib.crc32(header) & 0xffff);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32(data), 0);
  trailer.writeUInt32LE(data.length >>> 0, 4);
  return Buffer.concat([header, headerCrc, zlib.deflateRawSync(data, { level }), trailer]);
}

/** A raw deflate writer for hand-made streams: fixed Huffman codes, stored blocks. */
class BitWriter {
  private bytes: number[] = [];
  private acc = 0;
  private used = 0;
  bits(value: number, count: number): void {
    for (let i = 0; i < count; i++) {
      this.acc |= ((value >> i) & 1) << this.used;
      if (++this.used === 8) { this.bytes.push(this.acc); this.acc = 0; this.used = 0; }
    }
  }
  /** A Huffman code, most significant bit first. */
  code(code: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.bits((code >> i) & 1, 1);
  }
  /** A literal/length symbol in the fixed code. */
  symbol(s: number): void {
    if (s < 144) this.code(0x30 + s, 8);
    else if (s < 256) this.code(0x190 + s - 144, 9);
    else if (s < 280) this.code(s - 256, 7);
    else this.code(0xc0 + s - 280, 8);
  }
  match(length: number, distance: number): void {
    let i = LENGTH_BASE.length - 1;
    while (LENGTH_BASE[i] > length) i--;
    this.symbol(257 + i);
    this.bits(length - LENGTH_BASE[i], LENGTH_EXTRA[i]);
    let j = DIST_BASE.length - 1;
    while (DIST_BASE[j] > distance) j--;
    this.code(j, 5);
    this.bits(distance - DIST_BASE[j], DIST_EXTRA[j]);
  }
  stored(data: Uint8Array, final: boolean): void {
    this.bits(final ? 1 : 0, 1);
    this.bits(0, 2);
    this.align();
    this.bits(data.length, 16);
    this.bits(~data.length & 0xffff, 16);
    for (const b of data) this.bits(b, 8);
  }
  align(): void { if (this.used > 0) this.bits(0, 8 - this.used); }
  done(): Buffer { this.align(); return Buffer.from(this.bytes); }
}
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
  6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

/** Bytes with a skewed distribution (byte k about 1.5^-k as often): Huffman codes up to 15 bits long. */
function skewed(seed: number, n: number): Buffer {
  const next = seededUint32(seed);
  return Buffer.from(Uint8Array.from({ length: n }, () => {
    let k = 0;
    while (k < 255 && next() % 3 !== 0) k++;
    return k;
  }));
}

/** Random bytes and copies whose distance codes are skewed (code k about 1.5^-k as often): long distance codes. */
function skewedCopies(seed: number, n: number): Buffer {
  const next = seededUint32(seed);
  const out = Array.from({ length: 32768 }, () => next() & 0xff);
  while (out.length < n) {
    for (let i = 0; i < 4; i++) out.push(next() & 0xff);
    let k = 0;
    while (k < 29 && next() % 3 !== 0) k++;
    const distance = DIST_BASE[k] + (next() % (1 << DIST_EXTRA[k]));
    for (let i = 4 + (next() % 8); i > 0; i--) out.push(out[out.length - distance]);
  }
  return Buffer.from(out);
}

/** Wraps raw deflate data as a gzip member of `data`. */
function gzipMember(raw: Buffer, data: Buffer): Buffer {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32(data), 0);
  trailer.writeUInt32LE(data.length >>> 0, 4);
  return Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), raw, trailer]);
}

describe.each<Build>(["debug", "simd", "scalar"])("the core's inflate, %s build", (build) => {
  let core: InflateCore;
  beforeAll(async () => { core = await loadInflate(build); });

  const kinds: [string, zlib.ZlibOptions][] = [
    ["level 1", { level: 1 }], ["level 6", { level: 6 }], ["level 9", { level: 9 }],
    ["level 0 (stored blocks)", { level: 0 }], ["Z_FIXED (fixed Huffman)", { strategy: zlib.constants.Z_FIXED }],
    ["Z_HUFFMAN_ONLY", { strategy: zlib.constants.Z_HUFFMAN_ONLY }], ["Z_RLE", { strategy: zlib.constants.Z_RLE }],
  ];
  const inputs: [string, Buffer][] = [
    ["empty", Buffer.alloc(0)], ["one byte", Buffer.from("x")], ["text", smallText],
    ["random bytes", randomBytes(1, 100_000)], ["skewed bytes (long codes)", skewed(4, 200_000)],
    ["skewed distances (long codes)", skewedCopies(6, 300_000)], ["runs", Buffer.from("a".repeat(70_000) + "ab".repeat(5_000) + "abc\n".repeat(9_000))],
  ];

  test.each(kinds)("gives zlib's output for %s", (_, options) => {
    for (const [name, data] of inputs) {
      const gz = zlib.gzipSync(data, options);
      const got = inflateAll(core, gz);
      expect([name, got.status]).toEqual([name, STATUS.streamEnd]);
      expect(got.output.equals(zlib.gunzipSync(gz))).toBe(true);
    }
  });

  test("gives zlib's output for a few MB at levels 1, 6 and 9, and raw deflate", () => {
    for (const level of [1, 6, 9]) {
      const gz = zlib.gzipSync(bigText, { level });
      const got = inflateAll(core, gz, GZIP, { chunk: 1 << 20 });
      expect(got.status).toBe(STATUS.streamEnd);
      expect(got.output.equals(zlib.gunzipSync(gz))).toBe(true);
    }
    const raw = zlib.deflateRawSync(bigText);
    const got = inflateAll(core, raw, RAW);
    expect(got.status).toBe(STATUS.streamEnd);
    expect(got.output.equals(zlib.inflateRawSync(raw))).toBe(true);
    expect(core.inflateBitOffset()).toBeLessThanOrEqual(raw.length * 8);
    expect(core.inflateBitOffset()).toBeGreaterThan(raw.length * 8 - 8);
  });

  test("takes input in chunks of any size, from 1 byte", () => {
    const gz = zlib.gzipSync(smallText);
    const mixed = Buffer.concat([zlib.gzipSync(smallText.subarray(0, 30_000), { level: 0 }), fancyMember(smallText), gz]);
    const expected = zlib.gunzipSync(mixed);
    for (const chunk of [1, 2, 3, 7, 100, 4097, 65536]) {
      const got = inflateAll(core, mixed, GZIP, { chunk });
      expect([chunk, got.status]).toEqual([chunk, STATUS.streamEnd]);
      expect(got.output.equals(expected)).toBe(true);
    }
  });

  test("returns output-full many times with the smallest output region, the window kept across", async () => {
    const small = await loadInflate(build, 1 << 20, 0);
    const gz = zlib.gzipSync(bigText);
    const got = inflateAll(small, gz, GZIP, { chunk: 1 << 20 });
    expect(got.status).toBe(STATUS.streamEnd);
    expect(got.outputFull).toBeGreaterThan(50);
    expect(got.output.equals(bigText)).toBe(true);
  });

  test("holds a bounded amount whatever the ratio: 1000:1 data decodes in the regions it reserved, memory never grows", async () => {
    const small = await loadInflate(build, 1 << 16, 1 << 17);
    const before = small.memory.buffer.byteLength;
    const data = Buffer.alloc(48 << 20, "\n");
    const gz = zlib.gzipSync(data, { level: 9 });
    expect(data.length / gz.length).toBeGreaterThan(1000);
    small.inflateReset(GZIP);
    let at = 0;
    let produced = 0;
    let status: number;
    do {
      if (at < gz.length && small.inflateInputRoom() > 0) {
        const n = Math.min(small.inflateInputRoom(), gz.length - at);
        new Uint8Array(small.memory.buffer, small.inflateInputAt() >>> 0, n).set(gz.subarray(at, at + n));
        at += n;
        small.inflatePush(n, at === gz.length ? 1 : 0);
      }
      status = small.inflateStep();
      produced += (small.inflateOutputEnd() >>> 0) - (small.inflateOutputStart() >>> 0);
    } while (status === STATUS.needInput || status === STATUS.outputFull);
    expect([status, produced, small.memory.buffer.byteLength]).toEqual([STATUS.streamEnd, data.length, before]);
  });

  test("follows references exactly 32 KiB back, across output slides; one byte further is an error", async () => {
    const small = await loadInflate(build, 1 << 16, 0);
    const w = new BitWriter();
    w.bits(1, 1); // final
    w.bits(1, 2); // fixed Huffman
    const expected: number[] = [];
    const next = seededUint32(17);
    for (let i = 0; i < 40_000; i++) { const b = next() & 0xff; w.symbol(b); expected.push(b); }
    const copy = (length: number, distance: number) => {
      w.match(length, distance);
      for (let i = 0; i < length; i++) expected.push(expected[expected.length - distance]);
    };
    for (let i = 0; i < 2000; i++) {
      copy(258, 32768);
      copy(3 + (next() % 256), 1 + (next() % 32768));
      copy(3 + (next() % 20), 1 + (next() % 7)); // overlapping copies
    }
    w.symbol(256);
    const raw = w.done();
    expect(zlib.inflateRawSync(raw).equals(Buffer.from(expected))).toBe(true);
    const got = inflateAll(small, raw, RAW, { chunk: 1 << 16 });
    expect(got.status).toBe(STATUS.streamEnd);
    expect(got.outputFull).toBeGreaterThan(10);
    expect(got.output.equals(Buffer.from(expected))).toBe(true);

    const far = new BitWriter();
    far.bits(1, 1);
    far.bits(1, 2);
    for (let i = 0; i < 100; i++) far.symbol(65);
    far.match(3, 100);
    far.match(3, 104);
    far.symbol(256);
    expect(() => zlib.inflateRawSync(far.done())).toThrow();
    expect(inflateAll(small, far.done(), RAW).status).toBe(ERROR.distance);
  });

  test("a literal and a match decoded by one lookup: the match may reach the literal just written, one byte further is an error", () => {
    // A dynamic block whose codes are 'x' = 0, end = 10, length 3 = 11 (literal/length) and
    // distance 1 = 0, distance 2 = 1: 'x' and a length make 3 bits, one first-level entry. The
    // first pair starts the stream, so its distance reaches only the literal of the same lookup.
    const stream = (firstDistance: number, pairs: number) => {
      const w = new BitWriter();
      w.bits(1, 1); // final
      w.bits(2, 2); // dynamic
      w.bits(258 - 257, 5); // HLIT: symbols 0-257
      w.bits(2 - 1, 5); // HDIST: distances 1 and 2
      w.bits(18 - 4, 4); // HCLEN: code length codes up to symbol 1 in the RFC's order
      const order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1];
      const clLength: Record<number, number> = { 18: 1, 1: 2, 2: 2 };
      for (const sym of order) w.bits(clLength[sym] ?? 0, 3);
      const cl = { 18: () => w.code(0, 1), 1: () => w.code(2, 2), 2: () => w.code(3, 2) };
      cl[18](); w.bits(120 - 11, 7); // 0-119: no code
      cl[1](); // 'x': length 1
      cl[18](); w.bits(135 - 11, 7); // 121-255: no code
      cl[2](); cl[2](); // end and length 3: length 2
      cl[1](); cl[1](); // distances 1 and 2: length 1
      for (let i = 0; i < pairs; i++) {
        w.code(0, 1); // 'x'
        w.code(3, 2); // length 3
        w.code(i === 0 && firstDistance === 2 ? 1 : 0, 1);
      }
      w.code(2, 2); // end of block
      return w.done();
    };
    for (const pairs of [1, 300]) { // 300: long enough for the fast loop
      const good = stream(1, pairs);
      expect(zlib.inflateRawSync(good).equals(Buffer.from("x".repeat(4 * pairs)))).toBe(true);
      for (const chunk of [1, 1 << 16]) {
        const got = inflateAll(core, good, RAW, { chunk });
        expect([pairs, chunk, got.status]).toEqual([pairs, chunk, STATUS.streamEnd]);
        expect(got.output.toString("latin1")).toBe("x".repeat(4 * pairs));
        const bad = stream(2, pairs);
        expect(() => zlib.inflateRawSync(bad)).toThrow();
        expect([pairs, chunk, inflateAll(core, bad, RAW, { chunk }).status]).toEqual([pairs, chunk, ERROR.distance]);
      }
    }
  });

  test("decodes empty and plain stored blocks between Huffman blocks", () => {
    const data = Buffer.concat([smallText.subarray(0, 500), smallText.subarray(0, 40_000)]);
    const w = new BitWriter();
    w.stored(Buffer.alloc(0), false);
    w.stored(data.subarray(0, 500), false);
    w.stored(Buffer.alloc(0), false);
    const raw = Buffer.concat([w.done(), zlib.deflateRawSync(data.subarray(500))]);
    const member = gzipMember(raw, data);
    expect(zlib.gunzipSync(member).equals(data)).toBe(true);
    for (const chunk of [1, 5, 1 << 16]) {
      const got = inflateAll(core, member, GZIP, { chunk });
      expect(got.status).toBe(STATUS.streamEnd);
      expect(got.output.equals(data)).toBe(true);
    }
  });

  test("decodes every member, and every header field", () => {
    const members = [
      zlib.gzipSync(smallText.subarray(0, 10_000)), zlib.gzipSync(Buffer.alloc(0)), fancyMember(smallText, 9),
      zlib.gzipSync(randomBytes(2, 5000), { level: 0 }), fancyMember(Buffer.alloc(0)), zlib.gzipSync(Buffer.from("z")),
    ];
    const file = Buffer.concat(members);
    const got = inflateAll(core, file, GZIP, { stops: 2 });
    expect(got.status).toBe(STATUS.streamEnd);
    expect(got.output.equals(zlib.gunzipSync(file))).toBe(true);
    expect(got.members.length).toBe(members.length);
  });

  test("stops at every member end when asked (flag 2), after checking its trailer, and reports it", () => {
    const parts = [smallText.subarray(0, 7000), Buffer.alloc(0), smallText.subarray(7000)];
    const file = Buffer.concat([zlib.gzipSync(parts[0]), fancyMember(parts[1]), zlib.gzipSync(parts[2], { level: 1 })]);
    const got = inflateAll(core, file, GZIP, { stops: STOP_AT_MEMBER_END });
    expect(got.status).toBe(STATUS.streamEnd);
    expect(got.output.equals(smallText)).toBe(true);
    let at = 0;
    expect(got.members.map((m) => { const from = at; at = m.out; return [m.crc, m.out - from, zlib.crc32(got.output.subarray(from, m.out))]; }))
      .toEqual(parts.map((p) => [zlib.crc32(p), p.length, zlib.crc32(p)]));
    // Without the flag no member end stops the inflate; a damaged CRC field is an error either way.
    expect(inflateAll(core, file).members).toEqual([]);
    const damaged = Buffer.from(file);
    damaged[zlib.gzipSync(parts[0]).length - 8] ^= 1;
    expect(inflateAll(core, damaged, GZIP, { stops: STOP_AT_MEMBER_END }).status).toBe(ERROR.crc);
    expect(inflateAll(core, damaged).status).toBe(ERROR.crc);
  });

  test("reports bytes after the last member that are not a gzip header (zero bytes too)", () => {
    const gz = zlib.gzipSync(smallText);
    for (const tail of [[0], [0, 0, 0, 0], [...Buffer.from("garbage")], [0x1f, 0x8c, 8, 0]]) {
      const got = inflateAll(core, Buffer.concat([gz, Buffer.from(tail)]));
      expect([tail, got.status]).toEqual([tail, STATUS.trailing]);
      expect(got.output.equals(smallText)).toBe(true);
      expect(core.inflateBitOffset()).toBe(gz.length * 8);
    }
    // A lone 0x1f begins no member: trailing (damage). The start of another member cut short is truncated.
    expect(inflateAll(core, Buffer.concat([gz, Buffer.from([0x1f])])).status).toBe(STATUS.trailing);
    for (const tail of [[0x1f, 0x8b], [0x1f, 0x8b, 8]]) {
      expect(inflateAll(core, Buffer.concat([gz, Buffer.from(tail)])).status).toBe(ERROR.truncated);
    }
  });

  test("names truncated input apart from damaged input, wherever it is cut", () => {
    const gz = Buffer.concat([fancyMember(smallText.subarray(0, 3000)), zlib.gzipSync(smallText.subarray(0, 3000), { level: 0 })]);
    const firstEnd = fancyMember(smallText.subarray(0, 3000)).length;
    for (let cut = 0; cut < gz.length; cut++) {
      const status = inflateAll(core, gz.subarray(0, cut), GZIP, { chunk: 997 }).status;
      // One byte past a member end is a lone 0x1f: it begins no member (trailing).
      expect([cut, status]).toEqual([cut, cut === firstEnd ? STATUS.streamEnd : cut === firstEnd + 1 ? STATUS.trailing : ERROR.truncated]);
    }
  });

  test("a trailer cut short is truncated only if its bytes agree with the data; a byte deleted inside stored data is damage", () => {
    const gz = zlib.gzipSync(smallText.subarray(0, 3000), { level: 0 });
    for (let cut = gz.length - 7; cut < gz.length; cut++) {
      expect([cut, inflateAll(core, gz.subarray(0, cut)).status]).toEqual([cut, ERROR.truncated]);
    }
    // A byte deleted inside the one stored block: the block takes a trailer byte, the trailer is one short.
    for (const at of [100, 1500, gz.length - 9]) {
      const deleted = Buffer.concat([gz.subarray(0, at), gz.subarray(at + 1)]);
      expect([at, inflateAll(core, deleted).status]).toEqual([at, ERROR.crc]);
    }
  });

  test("never succeeds with wrong output when a byte is damaged (200 random places)", () => {
    const data = Buffer.concat([smallText.subarray(0, 20_000), randomBytes(5, 3000), smallText.subarray(20_000, 40_000)]);
    const files = [
      zlib.gzipSync(data), zlib.gzipSync(data, { level: 0 }), zlib.gzipSync(data, { strategy: zlib.constants.Z_FIXED }),
      Buffer.concat([zlib.gzipSync(data.subarray(0, 9000), { level: 1 }), fancyMember(data.subarray(9000))]),
    ];
    const next = seededUint32(99);
    const outcomes = new Map<number, number>();
    for (let i = 0; i < 200; i++) {
      const gz = Buffer.from(files[i % files.length]);
      const at = next() % gz.length;
      gz[at] ^= 1 + (next() % 255);
      const got = inflateAll(core, gz, GZIP, { chunk: 1 + (next() % 5000) });
      outcomes.set(got.status, (outcomes.get(got.status) ?? 0) + 1);
      if (got.status === STATUS.streamEnd) {
        // A success only with exactly what zlib decodes from the same bytes.
        let expected: Buffer | undefined;
        try { expected = zlib.gunzipSync(gz); } catch { expected = undefined; }
        expect([at, got.status, expected !== undefined && got.output.equals(expected)]).toEqual([at, got.status, true]);
      }
    }
    // Nearly every damaged byte is caught as damage (CRC and ISIZE included).
    const errors = [...outcomes].filter(([s]) => s < 0).reduce((n, [, c]) => n + c, 0);
    expect(errors).toBeGreaterThan(180);
    expect(outcomes.get(ERROR.crc)).toBeGreaterThan(0);
  });

  test("gives each kind of damage its error", () => {
    const gz = zlib.gzipSync(smallText);
    const damaged = (at: number, value: number, base: Buffer = gz) => { const b = Buffer.from(base); b[at] = value; return b; };
    expect(inflateAll(core, damaged(0, 0x1e)).status).toBe(ERROR.header);
    expect(inflateAll(core, damaged(2, 7)).status).toBe(ERROR.header);
    expect(inflateAll(core, damaged(3, 0x20)).status).toBe(ERROR.header);
    const fancy = fancyMember(smallText);
    expect(inflateAll(core, damaged(30, fancy[30] ^ 1, fancy)).status).toBe(ERROR.headerCrc);
    expect(inflateAll(core, damaged(gz.length - 8, gz[gz.length - 8] ^ 1)).status).toBe(ERROR.crc);
    expect(inflateAll(core, damaged(gz.length - 4, gz[gz.length - 4] ^ 1)).status).toBe(ERROR.size);
    expect(inflateAll(core, Buffer.from([7, 0]), RAW).status).toBe(ERROR.blockType);
    expect(inflateAll(core, Buffer.from([1, 5, 0, 0xfa, 0xfe, 1, 2, 3, 4, 5]), RAW).status).toBe(ERROR.storedLength);
    // A dynamic header whose code-length code is incomplete (all 19 of length 7).
    expect(inflateAll(core, Buffer.from([0x05, 0xe0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), RAW).status).toBe(ERROR.codes);
    // Distances into a preset dictionary reach before the start of the stream.
    const dictionary = smallText.subarray(0, 30_000);
    const withDictionary = zlib.deflateRawSync(smallText.subarray(0, 20_000), { dictionary });
    expect(inflateAll(core, withDictionary, RAW).status).toBe(ERROR.distance);
    // Fixed Huffman's literal/length codes 286 and 287 (11000110, 11000111) are invalid.
    expect(inflateAll(core, Buffer.from([0x1b, 0x03, 0x00]), RAW).status).toBe(ERROR.symbol);
    // An error stays until a reset.
    expect(core.inflateStep()).toBe(ERROR.symbol);
  });
});
