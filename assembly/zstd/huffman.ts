// Huffman-coded literals (RFC 8878 4.2): the table description (weights, FSE-compressed or 4 bits
// each, the last one implied), the decoding table (u16 entries: symbol | code length << 8, indexed
// by the next `hufLog` bits), the pair table made from it (two symbols a lookup where both codes
// fit in `hufLog` bits), and streams decoded with them, one or four.
import { backPos, beginBack, bitsBelow, readBack } from "./bits";
import { ERROR_BAD_HUFFMAN } from "./codes";
import { buildTable, countsLog, countsMaxSymbol, readCounts } from "./fse";

export const MAX_BITS: u32 = 11;
export const hufTable = memory.data(2048 * 2);
export let hufLog: u32 = 0;
/** Per `hufLog` bits: first symbol | second symbol << 8 | bits of both << 16 | symbols (1 or 2) << 24. */
const hufPairs = memory.data(2048 * 4);
/** A table was read in this frame (treeless literals reuse it). */
export let hufReady = false;

const weights = memory.data(256);
const weightTable = memory.data(64 * 4);
const rankStart = memory.data(16 * 4);

export function forgetHuffman(): void { hufReady = false; }

/** Weights coded with FSE: `size` bytes at p. Returns how many, or an error. */
function fseWeights(p: usize, size: usize): i32 {
  const r = readCounts(p, size, 255, 6);
  if (r < 0) return ERROR_BAD_HUFFMAN;
  const log = countsLog;
  if (!buildTable(weightTable, countsMaxSymbol, log)) return ERROR_BAD_HUFFMAN;
  if (!beginBack(p + <usize>r, size - <usize>r)) return ERROR_BAD_HUFFMAN;
  let s1 = <u32>readBack(log);
  let s2 = <u32>readBack(log);
  let n: u32 = 0;
  while (true) {
    if (n > 253) return ERROR_BAD_HUFFMAN; // room for two, and the implied last weight
    let e = load<u32>(weightTable + (s1 << 2));
    store<u8>(weights + n++, <u8>e);
    s1 = (e >> 16) + <u32>readBack((e >> 8) & 0xff);
    if (backPos < 0) {
      store<u8>(weights + n++, <u8>load<u32>(weightTable + (s2 << 2)));
      break;
    }
    if (n > 254) return ERROR_BAD_HUFFMAN;
    e = load<u32>(weightTable + (s2 << 2));
    store<u8>(weights + n++, <u8>e);
    s2 = (e >> 16) + <u32>readBack((e >> 8) & 0xff);
    if (backPos < 0) {
      if (n > 254) return ERROR_BAD_HUFFMAN;
      store<u8>(weights + n++, <u8>load<u32>(weightTable + (s1 << 2)));
      break;
    }
  }
  return <i32>n;
}

/** Reads a Huffman table description at p (at most `avail` bytes); returns its size, or an error. */
export function readHuffman(p: usize, avail: usize): i32 {
  if (avail < 1) return ERROR_BAD_HUFFMAN;
  const head = <u32>load<u8>(p);
  let n: u32;
  let size: usize;
  if (head >= 128) {
    n = head - 127;
    size = 1 + ((<usize>n + 1) >> 1);
    if (size > avail) return ERROR_BAD_HUFFMAN;
    for (let i: u32 = 0; i < n; i++) {
      const byte = <u32>load<u8>(p + 1 + (i >> 1));
      store<u8>(weights + i, <u8>((i & 1) != 0 ? byte & 15 : byte >> 4));
    }
  } else {
    size = 1 + <usize>head;
    if (head == 0 || size > avail) return ERROR_BAD_HUFFMAN;
    const r = fseWeights(p + 1, <usize>head);
    if (r < 0) return r;
    n = <u32>r;
  }
  return buildHuffman(n) ? <i32>size : ERROR_BAD_HUFFMAN;
}

/** Builds the decoding table from `n` weights, the last symbol's weight implied. */
function buildHuffman(n: u32): bool {
  let sum: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const w = <u32>load<u8>(weights + i);
    if (w > MAX_BITS) return false;
    if (w > 0) sum += (<u32>1 << (w - 1));
  }
  if (sum == 0) return false;
  const log: u32 = 32 - <u32>clz<u32>(sum);
  if (log > MAX_BITS) return false;
  const left = (<u32>1 << log) - sum;
  if (left == 0 || (left & (left - 1)) != 0) return false;
  store<u8>(weights + n, <u8>(32 - <u32>clz<u32>(left)));
  let start: u32 = 0;
  for (let w: u32 = 1; w <= log; w++) {
    store<u32>(rankStart + (w << 2), start);
    let count: u32 = 0;
    for (let i: u32 = 0; i <= n; i++) if (<u32>load<u8>(weights + i) == w) count++;
    start += count << (w - 1);
  }
  for (let s: u32 = 0; s <= n; s++) {
    const w = <u32>load<u8>(weights + s);
    if (w == 0) continue;
    const at = load<u32>(rankStart + (w << 2));
    const length: u32 = 1 << (w - 1);
    const entry = <u16>(s | ((log + 1 - w) << 8));
    for (let i: u32 = 0; i < length; i++) store<u16>(hufTable + ((at + i) << 1), entry);
    store<u32>(rankStart + (w << 2), at + length);
  }
  buildPairs(log);
  hufLog = log;
  hufReady = true;
  return true;
}

/**
 * The pair table: an entry at index i decodes i's first code and, when the bits left after it
 * (shifted up, zeros below) hold the whole next code, that one too: a code's table entries depend
 * only on its own bits, so the zeros cannot change it.
 */
function buildPairs(log: u32): void {
  const size: u32 = 1 << log;
  const mask = size - 1;
  for (let i: u32 = 0; i < size; i++) {
    const e1 = <u32>load<u16>(hufTable + (i << 1));
    const l1 = e1 >> 8;
    const e2 = <u32>load<u16>(hufTable + (((i << l1) & mask) << 1));
    const l2 = e2 >> 8;
    const pair = l1 + l2 <= log
      ? (e1 & 0xff) | ((e2 & 0xff) << 8) | ((l1 + l2) << 16) | (2 << 24)
      : (e1 & 0xff) | (l1 << 16) | (1 << 24);
    store<u32>(hufPairs + (i << 2), pair);
  }
}

/** Decodes one symbol of the stream at `start` whose next bit is below `pos` into dst; returns its code length. */
@inline function symbolAt(start: usize, pos: i64, dst: usize): i64 {
  const e = <u32>load<u16>(hufTable + (<usize>bitsBelow(start, pos, hufLog) << 1));
  store<u8>(dst, <u8>e);
  return <i64>(e >> 8);
}

/**
 * Four pair-table lookups of the stream at `start` from `pos` (>= 64) into dst (2 to 8 symbols,
 * each lookup storing two bytes, the second overwritten when it decoded one): from one container
 * load of the 57 to 64 bits below pos, as four lookups read at most 4 x 11 bits. Returns the
 * symbols written << 32 | the position after them. The four lookups are written out: each
 * depends on the one before (its position), and no loop counter joins that chain.
 */
@inline function fourPairs(start: usize, pos: i64, dst: usize, log: u32, mask: u64): u64 {
  const base = (((pos + 7) >> 3) - 8) << 3;
  const c = load<u64>(start + <usize>(base >> 3));
  let at = pos - base - <i64>log;
  let d = dst;
  let e = load<u32>(hufPairs + (<usize>((c >> <u64>at) & mask) << 2));
  store<u16>(d, <u16>e);
  d += <usize>(e >> 24);
  at -= <i64>((e >> 16) & 0xff);
  e = load<u32>(hufPairs + (<usize>((c >> <u64>at) & mask) << 2));
  store<u16>(d, <u16>e);
  d += <usize>(e >> 24);
  at -= <i64>((e >> 16) & 0xff);
  e = load<u32>(hufPairs + (<usize>((c >> <u64>at) & mask) << 2));
  store<u16>(d, <u16>e);
  d += <usize>(e >> 24);
  at -= <i64>((e >> 16) & 0xff);
  e = load<u32>(hufPairs + (<usize>((c >> <u64>at) & mask) << 2));
  store<u16>(d, <u16>e);
  d += <usize>(e >> 24);
  at -= <i64>((e >> 16) & 0xff);
  return (<u64>(d - dst) << 32) | <u64>(at + base + <i64>log);
}

/** Decodes symbols one at a time, with checked reads, into dst up to `end`; returns the position after them. */
@inline function symbolsTo(start: usize, pos: i64, dst: usize, end: usize): i64 {
  while (dst < end) {
    pos -= symbolAt(start, pos, dst);
    dst++;
  }
  return pos;
}

/** Decodes `count` symbols of the stream of `size` bytes at `start` into dst; false unless it ends exactly. */
export function decodeStream(start: usize, size: usize, dst: usize, count: usize): bool {
  if (!beginBack(start, size)) return false;
  let pos = backPos;
  const end = dst + count;
  const log = hufLog;
  const mask: u64 = (<u64>1 << <u64>log) - 1;
  // Up to 8 symbols a round while 8 bytes of room and 64 bits are left, then one at a time.
  while (pos >= 64 && dst + 8 <= end) {
    const r = fourPairs(start, pos, dst, log, mask);
    pos = <i64><u32>r;
    dst += <usize>(r >> 32);
  }
  return symbolsTo(start, pos, dst, end) == 0;
}

/** Four streams after a 6-byte jump table, `total` bytes at p, `count` symbols in all, decoded side by side. */
export function decodeFour(p: usize, total: usize, dst: usize, count: usize): bool {
  if (total < 10) return false;
  const n1 = <usize>load<u16>(p);
  const n2 = <usize>load<u16>(p + 2);
  const n3 = <usize>load<u16>(p + 4);
  if (n1 + n2 + n3 + 6 > total) return false;
  const n4 = total - 6 - n1 - n2 - n3;
  const segment = (count + 3) >> 2;
  if (segment * 3 > count) return false;
  const s1 = p + 6;
  const s2 = s1 + n1;
  const s3 = s2 + n2;
  const s4 = s3 + n3;
  if (!beginBack(s1, n1)) return false;
  let p1 = backPos;
  if (!beginBack(s2, n2)) return false;
  let p2 = backPos;
  if (!beginBack(s3, n3)) return false;
  let p3 = backPos;
  if (!beginBack(s4, n4)) return false;
  let p4 = backPos;
  const e1 = dst + segment;
  const e2 = e1 + segment;
  const e3 = e2 + segment;
  const e4 = dst + count;
  let d1 = dst, d2 = e1, d3 = e2, d4 = e3;
  // Up to 8 symbols a stream a round while every stream has 64 bits or more left and 8 bytes of
  // room in its segment (so no two-byte store reaches the next); each stream then ends one at a time.
  const log = hufLog;
  const mask: u64 = (<u64>1 << <u64>log) - 1;
  while (min(min(p1, p2), min(p3, p4)) >= 64 && d1 + 8 <= e1 && d2 + 8 <= e2 && d3 + 8 <= e3 && d4 + 8 <= e4) {
    let r = fourPairs(s1, p1, d1, log, mask);
    p1 = <i64><u32>r;
    d1 += <usize>(r >> 32);
    r = fourPairs(s2, p2, d2, log, mask);
    p2 = <i64><u32>r;
    d2 += <usize>(r >> 32);
    r = fourPairs(s3, p3, d3, log, mask);
    p3 = <i64><u32>r;
    d3 += <usize>(r >> 32);
    r = fourPairs(s4, p4, d4, log, mask);
    p4 = <i64><u32>r;
    d4 += <usize>(r >> 32);
  }
  p1 = symbolsTo(s1, p1, d1, e1);
  p2 = symbolsTo(s2, p2, d2, e2);
  p3 = symbolsTo(s3, p3, d3, e3);
  p4 = symbolsTo(s4, p4, d4, e4);
  return (p1 | p2 | p3 | p4) == 0;
}
