// Huffman-coded literals at the edges of the decoder's pair table (assembly/zstd/huffman.ts: two
// symbols a lookup when both codes fit the table's bits, up to 8 symbols a round per stream while
// 8 bytes of room are left, one at a time after): literals-only blocks made here with a code of
// each maximum length 1..11 (a chain of lengths 1..L, and random complete codes), in one stream
// and in four, at the limits of each literals size format, with the table given and then reused
// (treeless); each file also checked against `zstd -dc`, which must agree that it is valid.
import { seededUint32 } from "../helpers/prng";
import { Build, STATUS, decodeAll, frameHeader, loadZstd, zstdDecompress } from "../helpers/zstd-core";

jest.setTimeout(180_000);
const BUILDS: Build[] = ["simd", "scalar", "debug"];

/** A complete prefix code: each symbol's length (0: absent), the longest exactly `log`. */
interface Code { log: number; lengths: number[] }

/** Symbols 0..log with lengths 1, 2, ..., log, log. */
function chainCode(log: number): Code {
  const lengths = Array.from({ length: log + 1 }, (_, s) => Math.min(s + 1, log));
  return { log, lengths };
}

/** A random complete code with at most 100 symbols below 128, one chain down to `log`, then leaves split at random. */
function randomCode(log: number, seed: number): Code {
  const next = seededUint32(seed);
  const leaves = [...chainCode(log).lengths];
  for (let tries = 0; tries < 200 && leaves.length < 100; tries++) {
    const i = next() % leaves.length;
    if (leaves[i] < log) leaves.splice(i, 1, leaves[i] + 1, leaves[i] + 1);
  }
  const symbols = Array.from({ length: 128 }, (_, s) => s);
  for (let i = symbols.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [symbols[i], symbols[j]] = [symbols[j], symbols[i]];
  }
  const lengths = new Array<number>(Math.max(...symbols.slice(0, leaves.length)) + 1).fill(0);
  leaves.forEach((length, i) => { lengths[symbols[i]] = length; });
  return { log, lengths };
}

/** The decoder's canonical codes: by weight (log + 1 - length) ascending, then symbol, consecutive index ranges. */
function codeValues(code: Code): { values: number[]; table: number[] } {
  const values = new Array<number>(code.lengths.length).fill(0);
  const table: number[] = [];
  for (let w = 1; w <= code.log; w++) {
    code.lengths.forEach((length, s) => {
      if (length === 0 || code.log + 1 - length !== w) return;
      values[s] = table.length >> (w - 1);
      for (let i = 0; i < 1 << (w - 1); i++) table.push(s);
    });
  }
  return { values, table };
}

/** `count` symbols drawn as the code's own statistics (each symbol with chance 2^-length); `short`: codes of at most half the log only. */
function sample(code: Code, count: number, seed: number, short = false): number[] {
  const next = seededUint32(seed);
  const { table } = codeValues(code);
  const shortest = Math.min(...code.lengths.filter((l) => l > 0));
  const allowed = table.filter((s) => code.lengths[s] <= Math.max(shortest, code.log >> 1));
  return Array.from({ length: count }, () => (short ? allowed : table)[next() % (short ? allowed.length : table.length)]);
}

/** One backward bit stream of `symbols`: codes written last symbol first, then the end mark. */
function stream(code: Code, symbols: number[]): Buffer {
  const { values } = codeValues(code);
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  const put = (value: number, n: number) => {
    acc |= value << bits;
    bits += n;
    while (bits >= 8) {
      bytes.push(acc & 0xff);
      acc >>>= 8;
      bits -= 8;
    }
  };
  for (let i = symbols.length - 1; i >= 0; i--) put(values[symbols[i]], code.lengths[symbols[i]]);
  put(1, 1);
  if (bits > 0) bytes.push(acc & 0xff);
  return Buffer.from(bytes);
}

/** The table description, weights 4 bits each (the last symbol's implied). */
function description(code: Code): Buffer {
  const weights = code.lengths.slice(0, -1).map((l) => (l === 0 ? 0 : code.log + 1 - l));
  const bytes = [127 + weights.length];
  for (let i = 0; i < weights.length; i += 2) bytes.push((weights[i] << 4) | (weights[i + 1] ?? 0));
  return Buffer.from(bytes);
}

/** A compressed block of literals only (no sequences): one stream or four, with the table or treeless. */
function literalsBlock(code: Code, symbols: number[], four: boolean, withTable: boolean, last: boolean): Buffer {
  let body: Buffer;
  if (four) {
    const segment = Math.ceil(symbols.length / 4);
    const streams = [0, 1, 2, 3].map((k) => stream(code, symbols.slice(k * segment, k === 3 ? undefined : (k + 1) * segment)));
    const jump = Buffer.alloc(6);
    for (let k = 0; k < 3; k++) jump.writeUInt16LE(streams[k].length, 2 * k);
    body = Buffer.concat([jump, ...streams]);
  } else {
    body = stream(code, symbols);
  }
  if (withTable) body = Buffer.concat([description(code), body]);
  const size = symbols.length;
  const format = !four ? 0 : Math.max(size, body.length) < 1024 ? 1 : Math.max(size, body.length) < 16384 ? 2 : 3;
  const sizeBits = format < 2 ? 10 : format === 2 ? 14 : 18;
  const headerBytes = format < 2 ? 3 : format + 2;
  if (size >= 2 ** sizeBits || body.length >= 2 ** sizeBits) throw new Error(`literals of ${size} (${body.length} bytes) do not fit format ${format}`);
  let value = BigInt((withTable ? 2 : 3) | (format << 2)) | (BigInt(size) << 4n) | (BigInt(body.length) << BigInt(4 + sizeBits));
  const header = Buffer.alloc(headerBytes);
  for (let i = 0; i < headerBytes; i++, value >>= 8n) header[i] = Number(value & 0xffn);
  const content = Buffer.concat([header, body, Buffer.from([0])]);
  const blockHeader = (content.length << 3) | 4 | (last ? 1 : 0);
  return Buffer.concat([Buffer.from([blockHeader & 0xff, (blockHeader >> 8) & 0xff, blockHeader >> 16]), content]);
}

interface Case { frame: Buffer; literals: Buffer; name: string }

/** A frame (128 KiB window) of two blocks: `count` literals with the table, then `count` more reusing it. */
function literalsFrame(code: Code, count: number, four: boolean, seed: number, short: boolean): Case {
  const first = sample(code, count, seed, short);
  const second = sample(code, count, seed + 1, short);
  const frame = Buffer.concat([
    frameHeader({ windowByte: 0x38 }),
    literalsBlock(code, first, four, true, false),
    literalsBlock(code, second, four, false, true),
  ]);
  return { frame, literals: Buffer.from([...first, ...second]), name: `log ${code.log}, ${four ? 4 : 1} stream(s), ${count}${short ? ", pairs only" : ""}` };
}

const ONE_STREAM_COUNTS = [1, 2, 7, 8, 9, 15, 16, 17, 63, 64, 65, 500, 1023];
const FOUR_STREAM_COUNTS = [8, 9, 10, 11, 31, 32, 33, 35, 100, 1023, 1024, 5000, 16383, 16384, 100_000, 128 << 10];

function cases(log: number, seed: number): Case[] {
  const all: Case[] = [];
  for (const code of [chainCode(log), randomCode(log, seed)]) {
    for (const short of [false, true]) {
      for (const count of ONE_STREAM_COUNTS) all.push(literalsFrame(code, count, false, seed + count, short));
      for (const count of FOUR_STREAM_COUNTS) all.push(literalsFrame(code, count, true, seed + count, short));
    }
  }
  return all;
}

const LOGS = Array.from({ length: 11 }, (_, i) => i + 1);
const byLog = new Map(LOGS.map((log) => [log, cases(log, 1000 * log)]));

test.each(LOGS)("literals coded with a longest code of %i bits are a valid file: zstd -dc gives exactly them", (log) => {
  const all = byLog.get(log)!;
  const oracle = zstdDecompress(Buffer.concat(all.map((c) => c.frame)));
  expect(oracle?.equals(Buffer.concat(all.map((c) => c.literals)))).toBe(true);
});

describe.each(BUILDS)("Huffman literals through the pair table (%s build)", (build) => {
  const core = loadZstd(build);

  test.each(LOGS)("a longest code of %i bits, one stream and four, every size format's limits, table given then reused: the literals exactly", (log) => {
    for (const c of byLog.get(log)!) {
      const decoded = decodeAll(core, c.frame);
      expect({ name: c.name, status: decoded.status, same: decoded.output.equals(c.literals) })
        .toEqual({ name: c.name, status: STATUS.streamEnd, same: true });
    }
  });

  test("damaged literal blocks (bit flips in the table, the jump table and the streams): zstd -dc's exact output or an error", () => {
    const next = seededUint32(11);
    let errors = 0;
    for (const log of [3, 8, 11]) {
      for (const c of [literalsFrame(randomCode(log, log), 3000, true, 5, false), literalsFrame(chainCode(log), 900, false, 6, false)]) {
        for (let i = 0; i < 150; i++) {
          const damaged = Buffer.from(c.frame);
          const at = 6 + (next() % (damaged.length - 6));
          damaged[at] ^= 1 << (next() % 8);
          const decoded = decodeAll(core, damaged);
          if (decoded.status !== STATUS.streamEnd) {
            errors++;
            continue;
          }
          const oracle = zstdDecompress(damaged);
          expect({ name: c.name, at, same: oracle !== undefined && decoded.output.equals(oracle) }).toEqual({ name: c.name, at, same: true });
        }
      }
    }
    expect(errors).toBeGreaterThan(300);
  });
});
