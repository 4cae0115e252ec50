// Huffman-coded literals (RFC 8878 4.2): the table description (weights, FSE-compressed or 4 bits
// each, the last one implied), the decoding table (u16 entries: symbol | code length << 8, indexed
// by the next `hufLog` bits), and streams decoded with it, one or four.
import { backPos, beginBack, bitsBelow, readBack } from "./bits";
import { ERROR_BAD_HUFFMAN } from "./codes";
import { buildTable, countsLog, countsMaxSymbol, readCounts } from "./fse";

export const MAX_BITS: u32 = 11;
export const hufTable = memory.data(2048 * 2);
export let hufLog: u32 = 0;
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
  hufLog = log;
  hufReady = true;
  return true;
}

/** Decodes one symbol of the stream at `start` whose next bit is below `pos` into dst; returns its code length. */
@inline function symbolAt(start: usize, pos: i64, dst: usize): i64 {
  const e = <u32>load<u16>(hufTable + (<usize>bitsBelow(start, pos, hufLog) << 1));
  store<u8>(dst, <u8>e);
  return <i64>(e >> 8);
}

/** Decodes four symbols of the stream at `start` from `pos` (>= 64) into dst; returns the position after them. */
@inline function fourSymbols(start: usize, pos: i64, dst: usize, log: u32, mask: u64): i64 {
  const base = (((pos + 7) >> 3) - 8) << 3;
  const c = load<u64>(start + <usize>(base >> 3));
  let at = pos - base - <i64>log;
  let e = <u32>load<u16>(hufTable + (<usize>((c >> <u64>at) & mask) << 1));
  store<u8>(dst, <u8>e);
  at -= <i64>(e >> 8);
  e = <u32>load<u16>(hufTable + (<usize>((c >> <u64>at) & mask) << 1));
  store<u8>(dst, <u8>e, 1);
  at -= <i64>(e >> 8);
  e = <u32>load<u16>(hufTable + (<usize>((c >> <u64>at) & mask) << 1));
  store<u8>(dst, <u8>e, 2);
  at -= <i64>(e >> 8);
  e = <u32>load<u16>(hufTable + (<usize>((c >> <u64>at) & mask) << 1));
  store<u8>(dst, <u8>e, 3);
  at -= <i64>(e >> 8);
  return at + base + <i64>log;
}

/** Decodes `count` symbols of the stream of `size` bytes at `start` into dst; false unless it ends exactly. */
export function decodeStream(start: usize, size: usize, dst: usize, count: usize): bool {
  if (!beginBack(start, size)) return false;
  let pos = backPos;
  const end = dst + count;
  while (dst < end) {
    pos -= symbolAt(start, pos, dst);
    dst++;
  }
  return pos == 0;
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
  const last = count - segment * 3;
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
  const d2 = dst + segment;
  const d3 = d2 + segment;
  const d4 = d3 + segment;
  let k: usize = 0;
  // Four symbols a stream from one container load while every stream has 64 bits or more left:
  // the 57 to 64 bits below its position hold four codes (4 x 11 bits) and the next's lookup.
  const log = hufLog;
  const mask: u64 = (<u64>1 << <u64>log) - 1;
  while (k + 4 <= last && min(min(p1, p2), min(p3, p4)) >= 64) {
    p1 = fourSymbols(s1, p1, dst + k, log, mask);
    p2 = fourSymbols(s2, p2, d2 + k, log, mask);
    p3 = fourSymbols(s3, p3, d3 + k, log, mask);
    p4 = fourSymbols(s4, p4, d4 + k, log, mask);
    k += 4;
  }
  for (; k < last; k++) {
    p1 -= symbolAt(s1, p1, dst + k);
    p2 -= symbolAt(s2, p2, d2 + k);
    p3 -= symbolAt(s3, p3, d3 + k);
    p4 -= symbolAt(s4, p4, d4 + k);
  }
  for (; k < segment; k++) {
    p1 -= symbolAt(s1, p1, dst + k);
    p2 -= symbolAt(s2, p2, d2 + k);
    p3 -= symbolAt(s3, p3, d3 + k);
  }
  return (p1 | p2 | p3 | p4) == 0;
}
