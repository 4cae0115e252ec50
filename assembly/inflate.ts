// A streaming inflate (RFC 1951) with gzip framing (RFC 1952), over regions the core owns.
// The host writes compressed bytes at inflateInputAt(), calls inflateStep(), and takes the
// decoded elements between outputStart and outputEnd; every step returns a status (need input,
// output full, block end, member end, stream end, trailing bytes) or an error (< 0).
//
// It can also start at a block in the middle of a stream without its window (the rapidgzip and
// pugz method): the output is then 16-bit elements, a byte below 256 or a marker 0x8000 + i for
// byte i of the unknown 32 KiB before the start, until the last 32 KiB hold no marker; markers
// are replaced by resolveMarkers() once that window is known.
//
// Decoding is table driven (as in libdeflate): one lookup of LIT_BITS bits gives a literal,
// a length with its base and extra bits, or a pointer to a second-level table for longer codes;
// a 64-bit bit buffer is refilled by one unaligned load, and a fast loop runs while the input
// and output have room for a whole symbol, a careful one (checking every bit and byte) near ends.
import { crc32Update } from "./crc32";

export const STATUS_NEED_INPUT: i32 = 0;
export const STATUS_OUTPUT_FULL: i32 = 1;
export const STATUS_BLOCK_END: i32 = 2;
export const STATUS_MEMBER_END: i32 = 3;
export const STATUS_STREAM_END: i32 = 4;
export const STATUS_TRAILING: i32 = 5;
export const ERROR_TRUNCATED: i32 = -1;
export const ERROR_BAD_HEADER: i32 = -2;
export const ERROR_BAD_HEADER_CRC: i32 = -3;
export const ERROR_BAD_BLOCK_TYPE: i32 = -4;
export const ERROR_BAD_STORED_LENGTH: i32 = -5;
export const ERROR_BAD_CODES: i32 = -6;
export const ERROR_BAD_SYMBOL: i32 = -7;
export const ERROR_BAD_DISTANCE: i32 = -8;
export const ERROR_BAD_CRC: i32 = -9;
export const ERROR_BAD_SIZE: i32 = -10;
/** Internal: the input ran out (need input, or truncated once the input is final). */
const SHORT: i32 = -100;
/** Internal: go on to the next state. */
const GO: i32 = 100;
/** Internal: the block's end-of-block code was read. */
const BLOCK_DONE: i32 = 101;

export const FORMAT_RAW: i32 = 0;
export const FORMAT_GZIP: i32 = 1;

const WINDOW: usize = 32768;
const MARKER: u32 = 0x8000;
/** Room a careful step needs: the longest match plus what a match copy writes past its end. */
const MATCH_ROOM: usize = 258 + 32;
/** Slack after each region: 64-bit loads past the input's end, match copies past the output's. */
const SLACK: usize = 64;

// Decode table entries (u32): bits 0-7 the bits to consume (code length plus extra bits), 8-11
// the code length, then the value (length or distance base, or a subtable's start; for a
// subtable pointer bits 8-11 are its index bits). Literal/length entries: a literal (or a pair
// of literals whose codes fit in one first-level index: one lookup gives two bytes) is bit 31,
// the first literal in bits 8-15, the second in 16-23 (one 16-bit store writes both in order);
// other entries have their value in bits 16-27.
const F_LITERAL: u32 = 1 << 31;
const F_PAIR: u32 = 1 << 30;
const L_SUBTABLE: u32 = 1 << 30; // without F_LITERAL
const L_END: u32 = 1 << 29;
const L_BAD: u32 = 1 << 28;
// Distance entries: the base in bits 16-30.
const D_SUBTABLE: u32 = 1 << 12;
const D_BAD: u32 = 1 << 14;

const LIT_BITS: u32 = 11;
const DIST_BITS: u32 = 8;
const PRE_BITS: u32 = 7;
// The most entries a valid code needs with those first-level sizes (zlib's `enough` program).
const LIT_ENOUGH: u32 = 2342;
const DIST_ENOUGH: u32 = 402;
const KIND_LIT = 0;
const KIND_DIST = 1;
const KIND_PRE = 2;

const dynLit = memory.data(LIT_ENOUGH * 4, 64);
const dynDist = memory.data(DIST_ENOUGH * 4, 64);
const fixedLit = memory.data(LIT_ENOUGH * 4, 64);
const fixedDist = memory.data(DIST_ENOUGH * 4, 64);
const preTable = memory.data(128 * 4, 64);
const lengths = memory.data(320, 16);
const counts = memory.data(16 * 4, 16);
const offsets = memory.data(16 * 4, 16);
const sorted = memory.data(320 * 2, 16);
const windowRegion = memory.data(<i32>WINDOW, 64);

const LENGTH_BASE = memory.data<u16>([
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
]);
const LENGTH_EXTRA = memory.data<u8>([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]);
const DIST_BASE = memory.data<u16>([
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
  4097, 6145, 8193, 12289, 16385, 24577,
]);
const DIST_EXTRA = memory.data<u8>([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]);
const PRE_ORDER = memory.data<u8>([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);

// ---- Prefix codes --------------------------------------------------------------------------

let incomplete = false;

/** Reverses the low n bits of x (n <= 16): deflate sends codes most significant bit first. */
@inline function reverseBits(x: u32, n: u32): u32 {
  x = ((x & 0x5555) << 1) | ((x >>> 1) & 0x5555);
  x = ((x & 0x3333) << 2) | ((x >>> 2) & 0x3333);
  x = ((x & 0x0f0f) << 4) | ((x >>> 4) & 0x0f0f);
  x = ((x & 0x00ff) << 8) | ((x >>> 8) & 0x00ff);
  return x >>> (16 - n);
}

/**
 * Counts the n code lengths at `at` and checks that they make a usable prefix code: never
 * over-subscribed, and complete except (as zlib allows) one code of length 1, or none at all
 * for distances. Returns the longest length, or -1.
 */
function countLengths(at: usize, n: u32, kind: i32): i32 {
  memory.fill(counts, 0, 64);
  for (let i: u32 = 0; i < n; i++) {
    const c = counts + (<usize>load<u8>(at + i) << 2);
    store<u32>(c, load<u32>(c) + 1);
  }
  let left: i32 = 1;
  let longest: i32 = 0;
  for (let len = 1; len <= 15; len++) {
    const c = <i32>load<u32>(counts + (<usize>len << 2));
    left = (left << 1) - c;
    if (left < 0) return -1;
    if (c != 0) longest = len;
  }
  incomplete = left > 0;
  if (incomplete && (kind == KIND_PRE || longest > 1)) return -1;
  return longest;
}

function entryFor(kind: i32, symbol: u32, len: u32): u32 {
  if (kind == KIND_LIT) {
    if (symbol < 256) return F_LITERAL | (symbol << 8) | len;
    if (symbol == 256) return L_END | (len << 8) | len;
    if (symbol > 285) return L_BAD | (len << 8) | len;
    const s = <usize>(symbol - 257);
    return (<u32>load<u16>(LENGTH_BASE + (s << 1)) << 16) | (len << 8) | (len + <u32>load<u8>(LENGTH_EXTRA + s));
  }
  if (kind == KIND_DIST) {
    if (symbol >= 30) return D_BAD | (len << 8) | len;
    const s = <usize>symbol;
    return (<u32>load<u16>(DIST_BASE + (s << 1)) << 16) | (len << 8) | (len + <u32>load<u8>(DIST_EXTRA + s));
  }
  return (symbol << 16) | len;
}

/**
 * Builds the decode table of the n code lengths at `at`: entries of codes up to `bits` long
 * repeat over the first level; a longer code's first `bits` bits point to a subtable sized for
 * the codes sharing them (zlib's method). Returns false if the lengths are not a usable code.
 */
function buildTable(table: usize, bits: u32, at: usize, n: u32, kind: i32, enough: u32): bool {
  const longest = countLengths(at, n, kind);
  if (longest < 0) return false;
  const size: u32 = 1 << bits;
  if (incomplete || longest == 0) {
    const bad = (kind == KIND_LIT ? L_BAD : D_BAD) | (1 << 8) | 1;
    for (let j: u32 = 0; j < size; j++) store<u32>(table + (<usize>j << 2), bad);
  }
  // Symbols sorted by code length (stable): canonical codes are assigned in that order.
  store<u32>(offsets + 4, 0);
  for (let len = 1; len < 15; len++) {
    store<u32>(offsets + (<usize>(len + 1) << 2), load<u32>(offsets + (<usize>len << 2)) + load<u32>(counts + (<usize>len << 2)));
  }
  for (let s: u32 = 0; s < n; s++) {
    const len = <usize>load<u8>(at + s);
    if (len == 0) continue;
    const o = offsets + (len << 2);
    const k = load<u32>(o);
    store<u16>(sorted + (<usize>k << 1), <u16>s);
    store<u32>(o, k + 1);
  }
  let code: u32 = 0;
  let k: usize = 0;
  let prefix: u32 = 0xffffffff;
  let next: u32 = size;
  let subStart: u32 = 0;
  let subSize: u32 = 0;
  for (let len: u32 = 1; len <= <u32>longest; len++) {
    const count = load<u32>(counts + (<usize>len << 2));
    for (let c: u32 = 0; c < count; c++) {
      const e = entryFor(kind, <u32>load<u16>(sorted + (k++ << 1)), len);
      if (len <= bits) {
        for (let j = reverseBits(code, len); j < size; j += 1 << len) store<u32>(table + (<usize>j << 2), e);
      } else {
        const p = code >>> (len - bits);
        if (p != prefix) {
          // A new subtable: as many index bits as the codes from here with this prefix need.
          prefix = p;
          let sub = len - bits;
          let left = <i32>(1 << sub) - <i32>(count - c);
          while (left > 0 && sub + bits < <u32>longest) {
            sub++;
            left = (left << 1) - <i32>load<u32>(counts + (<usize>(sub + bits) << 2));
          }
          subStart = next;
          subSize = 1 << sub;
          next += subSize;
          if (next > enough) return false;
          // The subtable's start is stored past the first level (12 bits suffice).
          const pointer = (kind == KIND_LIT ? L_SUBTABLE : D_SUBTABLE) | ((subStart - size) << 16) | (sub << 8) | bits;
          store<u32>(table + (<usize>reverseBits(p, bits) << 2), pointer);
        }
        const rest = len - bits;
        for (let j = reverseBits(code & ((1 << rest) - 1), rest); j < subSize; j += 1 << rest) {
          store<u32>(table + (<usize>(subStart + j) << 2), e);
        }
      }
      code++;
    }
    code <<= 1;
  }
  return true;
}

/**
 * Makes each first-level literal entry whose code leaves room for a second literal's whole
 * code a pair. Goes down: the second code's entry, at index >> length, is still a single.
 */
function pairLiterals(table: usize): void {
  for (let i: i32 = (1 << LIT_BITS) - 1; i >= 0; i--) {
    const e = load<u32>(table + (<usize>i << 2));
    if (<i32>e >= 0) continue;
    const first = e & 0xff;
    const second = load<u32>(table + (<usize>(<u32>i >>> first) << 2));
    if (<i32>second >= 0 || first + (second & 0xff) > LIT_BITS) continue;
    store<u32>(table + (<usize>i << 2), (e & ~<u32>0xff) | F_PAIR | ((second & 0xff00) << 8) | (first + (second & 0xff)));
  }
}

/** The literal/length entry for the code at the bottom of `bits` (following a subtable pointer). */
@inline function litLookup(table: usize, bits: u64): u32 {
  let e = load<u32>(table + (<usize>(<u32>bits & ((1 << LIT_BITS) - 1)) << 2));
  if ((e >>> 30) == 1) {
    const index = (1 << LIT_BITS) + ((e >>> 16) & 0xfff) + (<u32>(bits >>> <u64>LIT_BITS) & ((1 << ((e >>> 8) & 15)) - 1));
    e = load<u32>(table + (<usize>index << 2));
  }
  return e;
}

/** The distance entry for the code at the bottom of `bits`. */
@inline function distLookup(table: usize, bits: u64): u32 {
  let e = load<u32>(table + (<usize>(<u32>bits & ((1 << DIST_BITS) - 1)) << 2));
  if ((e & D_SUBTABLE) != 0) {
    const index = (1 << DIST_BITS) + (e >>> 16) + (<u32>(bits >>> <u64>DIST_BITS) & ((1 << ((e >>> 8) & 15)) - 1));
    e = load<u32>(table + (<usize>index << 2));
  }
  return e;
}

/** The value of a length or distance entry: its base plus the extra bits after its code. */
@inline function entryValue(e: u32, bits: u64): usize {
  const total = <u64>(e & 0xff);
  return <usize>(e >>> 16) + <usize>((bits & ((<u64>1 << total) - 1)) >>> <u64>((e >>> 8) & 15));
}

let fixedReady = false;

function buildFixedTables(): void {
  memory.fill(lengths, 8, 144);
  memory.fill(lengths + 144, 9, 112);
  memory.fill(lengths + 256, 7, 24);
  memory.fill(lengths + 280, 8, 8);
  buildTable(fixedLit, LIT_BITS, lengths, 288, KIND_LIT, LIT_ENOUGH);
  memory.fill(lengths, 5, 32);
  buildTable(fixedDist, DIST_BITS, lengths, 32, KIND_DIST, DIST_ENOUGH);
  fixedReady = true;
}

// ---- State ---------------------------------------------------------------------------------

const S_GZIP_HEADER = 0;
const S_BLOCK = 1;
const S_HUFFMAN = 2;
const S_STORED = 3;
const S_TRAILER = 4;
const S_NEXT_MEMBER = 5;
const S_DONE = 6;
const S_ERROR = 7;

// Parts of a gzip header, read as bytes arrive.
const H_FIXED = 0;
const H_EXTRA_LENGTH = 1;
const H_EXTRA = 2;
const H_NAME = 3;
const H_COMMENT = 4;
const H_CRC = 5;

let inRaw: usize = 0;
let inBase: usize = 0;
let inCapacity: usize = 0;
let inEnd: usize = 0;
let inFinal = false;
/** Absolute stream offset of the byte at inBase (bytes dropped by compaction). */
let inOrigin: u64 = 0;
/** The next bit to read, from inBase. */
let bitPos: usize = 0;

let outRaw: usize = 0;
let outBase: usize = 0;
let outCapacity: usize = 0;
let outEnd: usize = 0;
/** Where the next element goes. */
let out: usize = 0;
/** The oldest element a back-reference may reach. */
let history: usize = 0;
/** This step's output starts here. */
let outStart: usize = 0;
/** 0 for bytes, 1 for 16-bit elements (markers possible). */
let shift: usize = 0;

let format: i32 = FORMAT_RAW;
let state: i32 = S_BLOCK;
let failure: i32 = 0;
let lastBlock = false;
let stops: i32 = 0;
let litTable: usize = 0;
let distTable: usize = 0;
let storedLeft: u32 = 0;

let headerPart: i32 = H_FIXED;
let headerFlags: u32 = 0;
let headerLeft: u32 = 0;
let headerCrc: u32 = 0;
/** The member's CRC and size are checked (it was decoded from its start, and verify is on). */
let checkMember = false;
/** Members' CRC and size are checked here (else only reported, for the host to check). */
let verify = true;
let crc: u32 = 0;
let memberSize: u32 = 0;
/** Output not yet in crc. */
let crcFrom: usize = 0;
let trailerCrc: u32 = 0;
let trailerSize: u32 = 0;
let searchEnd: f64 = 0;
/**
 * Hold: the output of a chunk decoded from the middle stays in the region, 16-bit, until the
 * host resolves its markers (the window comes from the chunk before, decoded elsewhere): no
 * slide, no narrowing to bytes; the region grows instead.
 */
let hold = false;

/** Allocates the regions (once; larger sizes replace them). */
export function inflateReserve(inputBytes: usize, outputBytes: usize): void {
  if (!fixedReady) buildFixedTables();
  if (inputBytes < 4096) inputBytes = 4096;
  const outMin = (WINDOW << 1) + 2048;
  if (outputBytes < outMin) outputBytes = outMin;
  if (inputBytes > inCapacity) {
    if (inRaw != 0) heap.free(inRaw);
    inRaw = heap.alloc(inputBytes + SLACK + 64);
    inBase = (inRaw + 63) & ~<usize>63;
    inCapacity = inputBytes;
  }
  if (outputBytes > outCapacity) {
    if (outRaw != 0) heap.free(outRaw);
    outRaw = heap.alloc(outputBytes + SLACK + 64);
    outBase = (outRaw + 63) & ~<usize>63;
    outCapacity = outputBytes;
    outEnd = outBase + outCapacity;
  }
  inflateReset(format);
}

/** Starts a new stream (gzip members, or one raw deflate stream); the input region empties. */
export function inflateReset(streamFormat: i32): void {
  format = streamFormat;
  inEnd = inBase;
  inFinal = false;
  inOrigin = 0;
  bitPos = 0;
  state = format == FORMAT_GZIP ? S_GZIP_HEADER : S_BLOCK;
  headerPart = H_FIXED;
  failure = 0;
  lastBlock = false;
  stops = 0;
  verify = true;
  hold = false;
  beginOutput(false);
  checkMember = format == FORMAT_GZIP;
}

/**
 * Whether members' CRC-32 and size are checked here (the default). Off, every member end is
 * reported (STATUS_MEMBER_END, with its trailer) for the host to check, by a CRC computed
 * elsewhere: the decoding thread then does no CRC work.
 */
export function inflateVerify(on: bool): void {
  verify = on;
  if (!on) checkMember = false;
}

/** Hold the output of a start mid-stream (after inflateBeginAt with markers) until the host takes it. */
export function inflateHold(on: bool): void {
  hold = on;
  if (on) inflateVerify(false);
}

/** Address of the first held element (the output after inflateBeginAt with markers). */
export function inflateHeld(): usize { return outBase + (WINDOW << 1); }

/** The running CRC-32 and size of the current member's output so far (checked members only). */
export function inflateMemberCrc(): u32 { return crc; }
export function inflateMemberSize(): u32 { return memberSize; }

/** Doubles the output region while holding (its elements move with it): held output never slides. */
function growOutput(): void {
  const used = out - outBase;
  const capacity = outCapacity << 1;
  const raw = heap.alloc(capacity + SLACK + 64);
  const base = (raw + 63) & ~<usize>63;
  memory.copy(base, outBase, used);
  heap.free(outRaw);
  const moved = base - outBase; // wraps when the region moves down: sums below come out right
  out += moved;
  history += moved;
  outStart += moved;
  crcFrom += moved;
  outRaw = raw;
  outBase = base;
  outCapacity = capacity;
  outEnd = base + capacity;
}

function beginOutput(markers: bool): void {
  crc = 0;
  memberSize = 0;
  if (markers) {
    shift = 1;
    for (let i: u32 = 0; i < <u32>WINDOW; i++) store<u16>(outBase + (<usize>i << 1), <u16>(MARKER + i));
    history = outBase;
    out = outBase + (WINDOW << 1);
  } else {
    shift = 0;
    out = outBase + WINDOW;
    history = out;
  }
  outStart = out;
  crcFrom = out;
}

/**
 * Starts decoding at bit `bit` (absolute, as inflateBitOffset counts) of the pushed input, as a
 * block start in the middle of a stream: with `markers`, back-references before it give markers;
 * without, they are an error. Its member's CRC and size are not checked (the trailer is reported).
 */
export function inflateBeginAt(bit: u64, markers: bool): void {
  if (bit < inOrigin << 3 || bit - (inOrigin << 3) > <u64>((inEnd - inBase) << 3)) unreachable(); // not in the input
  bitPos = <usize>(bit - (inOrigin << 3));
  state = S_BLOCK;
  lastBlock = false;
  failure = 0;
  checkMember = false;
  beginOutput(markers);
}

/**
 * Makes room at the end of the input region (dropping consumed bytes) and returns where to
 * write: 64-byte aligned when it can be (reads from the page cache into a target a few bytes
 * past a page start run ~3x slower), by keeping the unread bytes just before that place.
 */
export function inflateInputAt(): usize {
  const drop = bitPos >> 3;
  if (drop > 0) {
    const keep = inEnd - inBase - drop;
    let pad = (64 - (keep & 63)) & 63;
    if (<u64>pad > inOrigin + <u64>drop) pad = 0; // inOrigin counts the bytes before inBase: never below 0
    memory.copy(inBase + pad, inBase + drop, keep);
    inEnd = inBase + pad + keep;
    bitPos = (pad << 3) + (bitPos & 7);
    inOrigin = inOrigin + <u64>drop - <u64>pad;
  }
  return inEnd;
}

export function inflateInputRoom(): usize { return inBase + inCapacity - inEnd; }

export function inflatePush(bytes: usize, final: bool): void {
  if (bytes > inflateInputRoom()) unreachable(); // more than was room for
  inEnd += bytes;
  inFinal = final;
}

export function inflateStops(flags: i32): void { stops = flags; }
export function inflateBitOffset(): u64 { return (inOrigin << 3) + <u64>bitPos; }
export function inflateOutputStart(): usize { return outStart; }
export function inflateOutputEnd(): usize { return out; }
export function inflateOutputWidth(): i32 { return 1 << <i32>shift; }
export function inflateLastBlock(): bool { return lastBlock; }
export function inflateTrailerCrc(): u32 { return trailerCrc; }
export function inflateTrailerSize(): u32 { return trailerSize; }
export function inflateWindow(): usize { return windowRegion; }
export function inflateSearchEnd(): f64 { return searchEnd; }

// ---- Steps ---------------------------------------------------------------------------------

/** Decodes until the input runs out, the output fills, a stop, the end, or an error. */
export function inflateStep(): i32 {
  if (state == S_ERROR) return failure;
  prepareOutput();
  let result = run();
  catchUpCrc();
  if (result == SHORT) result = inFinal ? ERROR_TRUNCATED : STATUS_NEED_INPUT;
  if (result < 0) {
    state = S_ERROR;
    failure = result;
  }
  return result;
}

function run(): i32 {
  while (true) {
    let r: i32 = GO;
    if (state == S_GZIP_HEADER) {
      r = gzipHeader();
      // A member's header read: its first block starts here (a place to cut the stream).
      if (r == GO && (stops & 4) != 0) return STATUS_BLOCK_END;
    } else if (state == S_BLOCK) r = blockHeader();
    else if (state == S_HUFFMAN) r = shift == 0 ? decodeHuffman<u8>() : decodeHuffman<u16>();
    else if (state == S_STORED) r = copyStored();
    else if (state == S_TRAILER) r = gzipTrailer();
    else if (state == S_NEXT_MEMBER) r = nextMember();
    else return STATUS_STREAM_END;
    if (r == BLOCK_DONE) {
      catchUpCrc(); // while the block's output is still in cache
      if (lastBlock) {
        state = format == FORMAT_GZIP ? S_TRAILER : S_DONE;
      } else {
        state = S_BLOCK;
      }
      if ((stops & 1) != 0) return STATUS_BLOCK_END;
      // Markers gone: end the step, so that the next one goes on in bytes.
      if (shift == 1 && !hold && !lastBlock && !markersInWindow()) return STATUS_OUTPUT_FULL;
    } else if (r != GO) {
      return r;
    }
  }
}

/** The host took the last step's output: slide the window down when the region is half used. */
function prepareOutput(): void {
  if (hold) {
    // Room for one more step of at least a quarter of the region.
    if (outEnd - out < (outCapacity >> 2) + (MATCH_ROOM << 1)) growOutput();
    outStart = out;
    crcFrom = out;
    return;
  }
  if (shift == 1) {
    if (state == S_NEXT_MEMBER || state == S_DONE) {
      beginOutput(false); // a new member has a new window: bytes again
    } else if (!markersInWindow()) {
      leaveMarkers();
    }
  }
  const windowBytes = WINDOW << shift;
  if (outEnd - out < (outCapacity - windowBytes) >> 1) {
    const keep = min(out - history, windowBytes);
    memory.copy(outBase + windowBytes - keep, out - keep, keep);
    out = outBase + windowBytes;
    history = out - keep;
  }
  outStart = out;
  crcFrom = out;
}

/** Whether the last 32 KiB of 16-bit output hold a marker (the only ones a reference can reach). */
function markersInWindow(): bool {
  let any: u64 = 0;
  for (let p = out - (WINDOW << 1); p < out; p += 8) any |= load<u64>(p);
  return (any & 0x8000800080008000) != 0;
}

/** Once no marker can be referred to, narrows the window to bytes and goes on in bytes. */
function leaveMarkers(): void {
  const from = out - (WINDOW << 1);
  for (let i: usize = 0; i < WINDOW; i++) store<u8>(outBase + i, load<u8>(from + (i << 1)));
  shift = 0;
  history = outBase;
  out = outBase + WINDOW;
}

function catchUpCrc(): void {
  if (checkMember && shift == 0 && out > crcFrom) {
    crc = crc32Update(crc, crcFrom, out - crcFrom);
    memberSize += <u32>(out - crcFrom);
  }
  crcFrom = out;
}

/** Reads n <= 32 bits at bit p of the input region (the caller checked they are there). */
@inline function bitsAt(p: usize, n: u32): u32 {
  return <u32>(load<u64>(inBase + (p >> 3)) >>> <u64>(p & 7)) & <u32>((<u64>1 << <u64>n) - 1);
}

function blockHeader(): i32 {
  const limit = (inEnd - inBase) << 3;
  const p = bitPos;
  if (p + 3 > limit) return SHORT;
  const header = bitsAt(p, 3);
  const type = header >>> 1;
  if (type == 0) {
    const q = (p + 3 + 7) & ~<usize>7;
    if (q + 32 > limit) return SHORT;
    const length = bitsAt(q, 16);
    if ((length ^ bitsAt(q + 16, 16)) != 0xffff) return ERROR_BAD_STORED_LENGTH;
    storedLeft = length;
    bitPos = q + 32;
    state = S_STORED;
  } else if (type == 1) {
    litTable = fixedLit;
    distTable = fixedDist;
    bitPos = p + 3;
    state = S_HUFFMAN;
  } else if (type == 2) {
    const r = readDynamic(p + 3, limit, true);
    if (r < 0) return <i32>r;
    litTable = dynLit;
    distTable = dynDist;
    bitPos = <usize>r;
    state = S_HUFFMAN;
  } else {
    return ERROR_BAD_BLOCK_TYPE;
  }
  lastBlock = (header & 1) != 0;
  return GO;
}

/**
 * Reads a dynamic block's code lengths from bit p (after the block type); with `build`, makes
 * dynLit and dynDist from them, else only checks them. Returns the bit after the header, SHORT
 * if `limit` comes first, or ERROR_BAD_CODES.
 */
function readDynamic(p: usize, limit: usize, build: bool): i64 {
  if (p + 14 > limit) return SHORT;
  const litCount = bitsAt(p, 5) + 257;
  const distCount = bitsAt(p + 5, 5) + 1;
  const preCount = bitsAt(p + 10, 4) + 4;
  p += 14;
  if (litCount > 286 || distCount > 30) return ERROR_BAD_CODES;
  if (p + preCount * 3 > limit) return SHORT;
  memory.fill(lengths, 0, 19);
  for (let i: u32 = 0; i < preCount; i++) {
    store<u8>(lengths + <usize>load<u8>(PRE_ORDER + i), <u8>bitsAt(p, 3));
    p += 3;
  }
  if (!buildTable(preTable, PRE_BITS, lengths, 19, KIND_PRE, 128)) return ERROR_BAD_CODES;
  const total = litCount + distCount;
  let i: u32 = 0;
  while (i < total) {
    const e = load<u32>(preTable + (<usize>bitsAt(p, PRE_BITS) << 2));
    const len = <usize>(e & 0xff);
    if (p + len > limit) return SHORT;
    p += len;
    const symbol = e >>> 16;
    if (symbol < 16) {
      store<u8>(lengths + i++, <u8>symbol);
      continue;
    }
    let repeat: u32 = 0;
    let value: u8 = 0;
    if (symbol == 16) {
      if (i == 0) return ERROR_BAD_CODES;
      if (p + 2 > limit) return SHORT;
      repeat = 3 + bitsAt(p, 2);
      p += 2;
      value = load<u8>(lengths + i - 1);
    } else if (symbol == 17) {
      if (p + 3 > limit) return SHORT;
      repeat = 3 + bitsAt(p, 3);
      p += 3;
    } else {
      if (p + 7 > limit) return SHORT;
      repeat = 11 + bitsAt(p, 7);
      p += 7;
    }
    if (i + repeat > total) return ERROR_BAD_CODES;
    memory.fill(lengths + i, value, repeat);
    i += repeat;
  }
  if (load<u8>(lengths + 256) == 0) return ERROR_BAD_CODES;
  if (build) {
    if (!buildTable(dynLit, LIT_BITS, lengths, litCount, KIND_LIT, LIT_ENOUGH)) return ERROR_BAD_CODES;
    pairLiterals(dynLit);
    if (!buildTable(dynDist, DIST_BITS, lengths + litCount, distCount, KIND_DIST, DIST_ENOUGH)) return ERROR_BAD_CODES;
  } else {
    if (countLengths(lengths, litCount, KIND_LIT) < 0) return ERROR_BAD_CODES;
    if (countLengths(lengths + litCount, distCount, KIND_DIST) < 0) return ERROR_BAD_CODES;
  }
  return <i64>p;
}

/** Copies a match of `length` elements from `distance` back; may write 32 bytes past its end. */
@inline function copyMatch<T>(to: usize, distance: usize, length: usize): void {
  const bytes = distance << (sizeof<T>() == 1 ? 0 : 1);
  const end = to + (length << (sizeof<T>() == 1 ? 0 : 1));
  let from = to - bytes;
  if (ASC_FEATURE_SIMD) {
    if (bytes >= 16) {
      // 32 bytes whatever the length (most matches are shorter), then the rest.
      v128.store(to, v128.load(from));
      v128.store(to, v128.load(from, 16), 16);
      to += 32;
      from += 32;
      while (to < end) {
        v128.store(to, v128.load(from));
        from += 16;
        to += 16;
      }
      return;
    }
  }
  if (bytes >= 8) {
    // Each load reads only bytes already written: the source is at least 8 bytes behind.
    do {
      store<u64>(to, load<u64>(from));
      store<u64>(to, load<u64>(from, 8), 8);
      from += 16;
      to += 16;
    } while (to < end);
  } else if (bytes == sizeof<T>()) {
    const pattern = sizeof<T>() == 1 ? <u64>load<u8>(from) * 0x0101010101010101 : <u64>load<u16>(from) * 0x0001000100010001;
    do {
      store<u64>(to, pattern);
      store<u64>(to, pattern, 8);
      to += 16;
    } while (to < end);
  } else {
    do {
      store<T>(to, load<T>(from));
      from += sizeof<T>();
      to += sizeof<T>();
    } while (to < end);
  }
}

@inline function refill(bits: u64, count: u64, at: usize): u64 {
  return bits | (load<u64>(at) << count);
}

/** Writes a literal entry's one or two bytes (always two: a single's second is overwritten next). */
@inline function putLiterals<T>(o: usize, e: u32): usize {
  if (sizeof<T>() == 1) store<u16>(o, <u16>(e >>> 8));
  else store<u32>(o, ((e >>> 8) & 0xff) | (e & 0xff0000));
  // Bits 31-30 are 2 for one literal, 3 for two.
  return o + ((<usize>(e >>> 30) - 1) << (sizeof<T>() == 1 ? 0 : 1));
}

/**
 * Decodes the current Huffman block into `out` until its end (BLOCK_DONE), the input runs out
 * (SHORT), the output has no room for a match (STATUS_OUTPUT_FULL), or an error. The state
 * between calls is only bitPos: a symbol is consumed whole or not at all.
 */
function decodeHuffman<T>(): i32 {
  const step: usize = sizeof<T>();
  const lit = litTable;
  const dist = distTable;
  const oldest = history;
  const end = inEnd;
  // The fast loop reads at most 3 refills (21 bytes) past its check: loads stay inside the input.
  const fastIn: usize = end - inBase > 40 ? end - 40 : inBase;
  const fastOut: usize = outEnd - MATCH_ROOM * step;
  let at = inBase + (bitPos >> 3);
  let bits: u64 = 0;
  let count: u64 = 0;
  while (count < 56 && at < end) { bits |= <u64>load<u8>(at++) << count; count += 8; }
  const skip = <u64>(bitPos & 7);
  bits >>>= skip;
  count -= skip;
  let o = out;
  let result: i32 = 0;
  while (true) {
    if (at < fastIn && o < fastOut) {
      // The fast loop. The next literal/length entry is looked up before the refill that goes
      // with it (from bits already held: after a refill all 64 are input bits, and a lookup
      // needs at most 15 more than were consumed), so the refill's load is off the critical
      // path. `count` only means its low byte: whole entries are subtracted from it.
      bits = refill(bits, count, at);
      at += 7 - <usize>((count >>> 3) & 7);
      count |= 56;
      let e = litLookup(lit, bits);
      do {
        let saved = bits;
        bits >>>= <u64>e;
        count -= <u64>e;
        if (<i32>e < 0) {
          // Up to two more literal lookups before a refill: 45 bits at most, then 15 looked at.
          let literal = e;
          e = litLookup(lit, bits);
          saved = bits;
          bits >>>= <u64>e;
          count -= <u64>e;
          o = putLiterals<T>(o, literal);
          if (<i32>e < 0) {
            literal = e;
            e = litLookup(lit, bits);
            saved = bits;
            bits >>>= <u64>e;
            count -= <u64>e;
            o = putLiterals<T>(o, literal);
            if (<i32>e < 0) {
              literal = e;
              e = litLookup(lit, bits);
              bits = refill(bits, count, at);
              at += 7 - <usize>((count >>> 3) & 7);
              count |= 56;
              o = putLiterals<T>(o, literal);
              continue;
            }
          }
        }
        // A length (or the end, or a bad code), consumed: 50 bits at most since the refill.
        if ((e & (L_END | L_BAD)) != 0) {
          result = (e & L_END) != 0 ? BLOCK_DONE : ERROR_BAD_SYMBOL;
          break;
        }
        const length = entryValue(e, saved);
        // Its distance: the first level from the 14 input bits still held, then a refill for
        // the rest (a subtable, up to 28 bits with the extra bits, and the next lookup).
        let d = load<u32>(dist + (<usize>(<u32>bits & ((1 << DIST_BITS) - 1)) << 2));
        bits = refill(bits, count, at);
        at += 7 - <usize>((count >>> 3) & 7);
        count |= 56;
        if ((d & D_SUBTABLE) != 0) {
          d = load<u32>(dist + (<usize>((1 << DIST_BITS) + (d >>> 16) + (<u32>(bits >>> <u64>DIST_BITS) & ((1 << ((d >>> 8) & 15)) - 1))) << 2));
        }
        saved = bits;
        bits >>>= <u64>d;
        count -= <u64>d;
        const distance = entryValue(d, saved);
        if ((d & D_BAD) != 0 || distance > (o - oldest) / step) {
          result = (d & D_BAD) != 0 ? ERROR_BAD_SYMBOL : ERROR_BAD_DISTANCE;
          break;
        }
        // The next entry and the refill before the copy, so that they overlap it.
        e = litLookup(lit, bits);
        bits = refill(bits, count, at);
        at += 7 - <usize>((count >>> 3) & 7);
        count |= 56;
        copyMatch<T>(o, distance, length);
        o += length * step;
      } while (at < fastIn && o < fastOut);
      // The lookahead entry is dropped (nothing consumed it); only the low byte of count is real.
      count &= 0xff;
    }
    if (result != 0) break;

    // Near the end of the input or output: one symbol, checking every bit and the room.
    if (o + MATCH_ROOM * step > outEnd) { result = STATUS_OUTPUT_FULL; break; }
    while (count < 56 && at < end) { bits |= <u64>load<u8>(at++) << count; count += 8; }
    const e = litLookup(lit, bits);
    const n = <u64>(e & 0xff);
    if (n > count) { result = SHORT; break; }
    if (<i32>e < 0) {
      bits >>>= n;
      count -= n;
      o = putLiterals<T>(o, e);
      continue;
    }
    if ((e & L_END) != 0) {
      bits >>>= n;
      count -= n;
      result = BLOCK_DONE;
      break;
    }
    if ((e & L_BAD) != 0) { result = ERROR_BAD_SYMBOL; break; }
    const d = distLookup(dist, bits >>> n);
    const n2 = <u64>(d & 0xff);
    if (n + n2 > count) { result = SHORT; break; }
    if ((d & D_BAD) != 0) { result = ERROR_BAD_SYMBOL; break; }
    const length = entryValue(e, bits);
    const distance = entryValue(d, bits >>> n);
    bits >>>= n + n2;
    count -= n + n2;
    if (distance > (o - oldest) / step) { result = ERROR_BAD_DISTANCE; break; }
    copyMatch<T>(o, distance, length);
    o += length * step;
  }
  out = o;
  bitPos = ((at - inBase) << 3) - <usize>count;
  return result;
}

function copyStored(): i32 {
  while (storedLeft > 0) {
    const from = inBase + (bitPos >> 3);
    const room = (outEnd - out) >> shift;
    const n = min(min(<usize>storedLeft, inEnd - from), room);
    if (n == 0) return room == 0 ? STATUS_OUTPUT_FULL : SHORT;
    if (shift == 0) {
      memory.copy(out, from, n);
    } else {
      for (let i: usize = 0; i < n; i++) store<u16>(out + (i << 1), <u16>load<u8>(from + i));
    }
    out += n << shift;
    bitPos += n << 3;
    storedLeft -= <u32>n;
  }
  return BLOCK_DONE;
}

// ---- Gzip framing --------------------------------------------------------------------------

/** Index of the first zero byte in [p, end), or end. */
function zeroAt(p: usize, end: usize): usize {
  while (p < end && load<u8>(p) != 0) p++;
  return p;
}

/** Reads a member header as its bytes arrive (its name and comment may be any length). */
function gzipHeader(): i32 {
  const end = inEnd;
  let p = inBase + (bitPos >> 3);
  let result: i32 = GO;
  while (true) {
    if (headerPart == H_FIXED) {
      if (end - p < 10) { result = SHORT; break; }
      if (load<u8>(p) != 0x1f || load<u8>(p + 1) != 0x8b || load<u8>(p + 2) != 8 || (load<u8>(p + 3) & 0xe0) != 0) {
        result = ERROR_BAD_HEADER;
        break;
      }
      headerFlags = load<u8>(p + 3);
      headerCrc = crc32Update(0, p, 10);
      p += 10;
      headerPart = H_EXTRA_LENGTH;
    } else if (headerPart == H_EXTRA_LENGTH) {
      if ((headerFlags & 4) != 0) {
        if (end - p < 2) { result = SHORT; break; }
        headerLeft = load<u16>(p);
        headerCrc = crc32Update(headerCrc, p, 2);
        p += 2;
      } else {
        headerLeft = 0;
      }
      headerPart = H_EXTRA;
    } else if (headerPart == H_EXTRA) {
      const n = min(<usize>headerLeft, end - p);
      headerCrc = crc32Update(headerCrc, p, n);
      p += n;
      headerLeft -= <u32>n;
      if (headerLeft > 0) { result = SHORT; break; }
      headerPart = H_NAME;
    } else if (headerPart == H_NAME || headerPart == H_COMMENT) {
      if ((headerFlags & (headerPart == H_NAME ? 8 : 16)) != 0) {
        const zero = zeroAt(p, end);
        const n = zero < end ? zero + 1 - p : end - p;
        headerCrc = crc32Update(headerCrc, p, n);
        p += n;
        if (zero == end) { result = SHORT; break; }
      }
      headerPart++;
    } else {
      if ((headerFlags & 2) != 0) {
        if (end - p < 2) { result = SHORT; break; }
        if (<u32>load<u16>(p) != (headerCrc & 0xffff)) { result = ERROR_BAD_HEADER_CRC; break; }
        p += 2;
      }
      state = S_BLOCK;
      break;
    }
  }
  bitPos = (p - inBase) << 3;
  return result;
}

function gzipTrailer(): i32 {
  const at = (bitPos + 7) >> 3;
  const left = inEnd - inBase - at;
  if (left < 8) {
    // Ended inside the trailer: truncated only if the bytes that are there agree with the data
    // (a byte deleted inside the data leaves a trailer that does not).
    if (inFinal && checkMember && !trailerPrefixAgrees(inBase + at, left)) return ERROR_BAD_CRC;
    return SHORT;
  }
  trailerCrc = load<u32>(inBase + at);
  trailerSize = load<u32>(inBase + at + 4);
  bitPos = (at + 8) << 3;
  state = S_NEXT_MEMBER;
  if (checkMember) {
    if (trailerCrc != crc) return ERROR_BAD_CRC;
    if (trailerSize != memberSize) return ERROR_BAD_SIZE;
    if ((stops & 2) == 0) return GO;
  }
  return STATUS_MEMBER_END;
}

/** Do the first `n` (< 8) bytes of a trailer at p agree with the member's CRC-32 and size? */
function trailerPrefixAgrees(p: usize, n: usize): bool {
  for (let i: usize = 0; i < n; i++) {
    const expected = i < 4 ? (crc >>> (<u32>i << 3)) & 0xff : (memberSize >>> (<u32>(i - 4) << 3)) & 0xff;
    if (<u32>load<u8>(p + i) != expected) return false;
  }
  return true;
}

/** After a member: another member, the end, or bytes that are not a gzip header (trailing). */
function nextMember(): i32 {
  const p = inBase + (bitPos >> 3);
  const left = inEnd - p;
  if (left == 0) return inFinal ? STATUS_STREAM_END : SHORT;
  if (load<u8>(p) != 0x1f) return STATUS_TRAILING;
  // A lone first byte of the magic number: more may come; at the end it begins no member (trailing).
  if (left == 1) return inFinal ? STATUS_TRAILING : SHORT;
  if (load<u8>(p + 1) != 0x8b) return STATUS_TRAILING;
  state = S_GZIP_HEADER;
  headerPart = H_FIXED;
  lastBlock = false;
  crc = 0;
  memberSize = 0;
  checkMember = verify;
  history = out;
  crcFrom = out;
  return GO;
}

// ---- Starting mid-stream -------------------------------------------------------------------

/** For a stored block's header at bit p: the bit where its data ends, 0 if the header is not valid, or SHORT. */
function storedEnd(p: usize, limit: usize): i64 {
  const q = (p + 3 + 7) & ~<usize>7;
  if (q + 32 > limit) return SHORT;
  // zlib pads a stored block's header with zero bits.
  if (q > p + 3 && bitsAt(p + 3, <u32>(q - p - 3)) != 0) return 0;
  const length = bitsAt(q, 16);
  if ((length ^ bitsAt(q + 16, 16)) != 0xffff) return 0;
  return <i64>(q + 32 + (<usize>length << 3));
}

/** 2 if a dynamic block's header is valid at bit p (its type included), 0 if not, or SHORT. */
function dynamicAt(p: usize, limit: usize): i32 {
  // Most candidates fail already here: the counts in range, the code-length code complete.
  if (p + 17 > limit) return SHORT;
  const sizes = bitsAt(p + 3, 14);
  if ((sizes & 31) > 29 || ((sizes >>> 5) & 31) > 29) return 0;
  const preCount = (sizes >>> 10) + 4;
  const q = p + 17;
  if (q + preCount * 3 > limit) return SHORT;
  let fields = load<u64>(inBase + (q >> 3)) >>> <u64>(q & 7);
  let kraft: u32 = 0;
  for (let i: u32 = 0; i < preCount; i++) {
    const len = <u32>fields & 7;
    fields >>>= 3;
    if (len != 0) kraft += 128 >>> len;
  }
  if (kraft != 128) return 0;
  const r = readDynamic(p + 3, limit, false);
  if (r == SHORT) return SHORT;
  return r >= 0 ? 2 : 0;
}

/**
 * 1 if a (non-final) stored block starts at bit p, 2 a dynamic block; 0 if not; SHORT. A stored
 * header is a weak check (16 bits), so the block after it must pass one too: a stored or a
 * dynamic header where its data ends.
 */
function tryBlockAt(p: usize, limit: usize): i32 {
  if (p + 3 > limit) return SHORT;
  const header = bitsAt(p, 3);
  if (header == 4 || header == 5) return dynamicAt(p, limit);
  if (header != 0) return 0;
  const next = storedEnd(p, limit);
  if (next <= 0) return <i32>next;
  const n = <usize>next;
  if (n + 3 > limit) return SHORT;
  const type = bitsAt(n, 3) >>> 1;
  if (type == 2) {
    const r = dynamicAt(n, limit);
    return r == 2 ? 1 : r;
  }
  if (type != 0) return 0;
  const after = storedEnd(n, limit);
  return after == SHORT ? SHORT : after > 0 ? 1 : 0;
}

/** Whether a block header is valid at absolute bit `bit` of the input: 1 stored, 2 dynamic, 0 not, -1 past the data. */
export function inflateTryBlock(bit: u64): i32 {
  if (bit < inOrigin << 3) return 0;
  const r = tryBlockAt(<usize>(bit - (inOrigin << 3)), (inEnd - inBase) << 3);
  return r == SHORT ? -1 : r;
}

/**
 * The first absolute bit in [from, to) where a stored or dynamic block header is valid, or -1.
 * inflateSearchEnd() then says where the search stopped (before `to` if the data ran out).
 */
export function inflateFindBlock(from: u64, to: u64): f64 {
  const origin = inOrigin << 3;
  const limit = (inEnd - inBase) << 3;
  if (from < origin) from = origin;
  for (let p = from; p < to; p++) {
    const r = tryBlockAt(<usize>(p - origin), limit);
    if (r == SHORT) { searchEnd = <f64>p; return -1; }
    if (r > 0) { searchEnd = <f64>p; return <f64>p; }
  }
  searchEnd = <f64>to;
  return -1;
}

/** Writes `count` bytes at `to` for the 16-bit elements at `from` (may be the same place), markers from the window region. */
export function resolveMarkers(from: usize, count: usize, to: usize): void {
  let i: usize = 0;
  if (ASC_FEATURE_SIMD) {
    // Sixteen elements at a time where none is a marker (most of them, once markers thin out).
    const high = i16x8.splat(<i16>0x8000);
    for (; i + 16 <= count; i += 16) {
      const a = v128.load(from + (i << 1));
      const b = v128.load(from + (i << 1), 16);
      if (v128.any_true(v128.and(v128.or(a, b), high))) {
        for (let j = i; j < i + 16; j++) resolveOne(from, to, j);
      } else {
        v128.store(to + i, i8x16.narrow_i16x8_u(a, b));
      }
    }
  }
  for (; i < count; i++) resolveOne(from, to, i);
}

@inline function resolveOne(from: usize, to: usize, i: usize): void {
  const v = <u32>load<u16>(from + (i << 1));
  store<u8>(to + i, v < 256 ? <u8>v : load<u8>(windowRegion + <usize>(v & 0x7fff)));
}
