// Prefix codes (RFC 1951 3.2.2) as decode tables, as in libdeflate: one lookup of LIT_BITS bits
// gives a literal (or two, when both codes fit: pairLiterals), a length with its base and extra
// bits, or a pointer to a second-level table for longer codes; likewise for distances. The
// fixed code's tables are built once; a dynamic block's are rebuilt from its header (readDynamic).
import { ERROR_BAD_CODES, SHORT } from "./codes";
import { DIST_BITS, D_BAD, D_SUBTABLE, F_LITERAL, F_PAIR, LIT_BITS, L_BAD, L_END, L_LEADING, L_RESOLVED, L_SUBTABLE } from "./lookup";

const PRE_BITS: u32 = 7;
// The most entries a valid code needs with lookup.ts's first-level sizes (zlib's `enough` program).
const LIT_ENOUGH: u32 = 2342;
const DIST_ENOUGH: u32 = 402;
const KIND_LIT = 0;
const KIND_DIST = 1;
const KIND_PRE = 2;

export const dynLit = memory.data(LIT_ENOUGH * 4, 64);
export const dynDist = memory.data(DIST_ENOUGH * 4, 64);
export const fixedLit = memory.data(LIT_ENOUGH * 4, 64);
export const fixedDist = memory.data(DIST_ENOUGH * 4, 64);
const preTable = memory.data(128 * 4, 64);
const lengths = memory.data(320, 16);
const counts = memory.data(16 * 4, 16);
const offsets = memory.data(16 * 4, 16);
const sorted = memory.data(320 * 2, 16);

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

// ---- Building tables ----------------------------------------------------------------------

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
 * The resolved form of length entry e at first-level index j: the index's bits above the code
 * are the extra bits, so the entry holds base plus them (read by lengthValue).
 */
function resolveLength(e: u32, j: u32): u32 {
  const total = e & 0xff;
  const len = (e >>> 8) & 15;
  const extra = (j >>> len) & ((1 << (total - len)) - 1);
  return L_RESOLVED | (((e >>> 16) + extra) << 16) | (total << 8) | total;
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
        const resolved = kind == KIND_LIT && (e & (F_LITERAL | L_END | L_BAD)) == 0 && (e & 0xff) <= bits;
        for (let j = reverseBits(code, len); j < size; j += 1 << len) {
          store<u32>(table + (<usize>j << 2), resolved ? resolveLength(e, j) : e);
        }
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
 * Makes each first-level literal entry whose code leaves room for the next symbol's whole code
 * a pair (two literals) or, when that next symbol is a resolved length, a literal and a length
 * (ISA-L's multi-symbol lookup): the fast loop then writes the literal and starts the match with
 * no branch on how many literals came first. Goes down: the entry at index >> length, which the
 * second code's is, is still a single.
 */
function pairLiterals(table: usize): void {
  for (let i: i32 = (1 << LIT_BITS) - 1; i >= 0; i--) {
    const e = load<u32>(table + (<usize>i << 2));
    if (<i32>e >= 0) continue;
    const first = e & 0xff;
    const second = load<u32>(table + (<usize>(<u32>i >>> first) << 2));
    if (first + (second & 0xff) > LIT_BITS) continue;
    if (<i32>second < 0) {
      store<u32>(table + (<usize>i << 2), (e & ~<u32>0xff) | F_PAIR | ((second & 0xff00) << 8) | (first + (second & 0xff)));
    } else if ((second & (L_RESOLVED | L_LEADING)) == L_RESOLVED) {
      store<u32>(table + (<usize>i << 2), (second & ~<u32>0xffff) | L_LEADING | (e & 0xff00) | (first + (second & 0xff)));
    }
  }
}

export let fixedReady = false;

export function buildFixedTables(): void {
  memory.fill(lengths, 8, 144);
  memory.fill(lengths + 144, 9, 112);
  memory.fill(lengths + 256, 7, 24);
  memory.fill(lengths + 280, 8, 8);
  buildTable(fixedLit, LIT_BITS, lengths, 288, KIND_LIT, LIT_ENOUGH);
  memory.fill(lengths, 5, 32);
  buildTable(fixedDist, DIST_BITS, lengths, 32, KIND_DIST, DIST_ENOUGH);
  fixedReady = true;
}

/** Reads n <= 32 bits at bit p of the bytes at `base` (the caller checked they are there). */
@inline export function bitsAt(base: usize, p: usize, n: u32): u32 {
  return <u32>(load<u64>(base + (p >> 3)) >>> <u64>(p & 7)) & <u32>((<u64>1 << <u64>n) - 1);
}

/**
 * Reads a dynamic block's code lengths from bit p of `base` (after the block type) and makes
 * dynLit and dynDist from them. Returns the bit after the header, SHORT if `limit` comes first,
 * or ERROR_BAD_CODES.
 */
export function readDynamic(base: usize, p: usize, limit: usize): i64 {
  if (p + 14 > limit) return SHORT;
  const litCount = bitsAt(base, p, 5) + 257;
  const distCount = bitsAt(base, p + 5, 5) + 1;
  const preCount = bitsAt(base, p + 10, 4) + 4;
  p += 14;
  if (litCount > 286 || distCount > 30) return ERROR_BAD_CODES;
  if (p + preCount * 3 > limit) return SHORT;
  memory.fill(lengths, 0, 19);
  for (let i: u32 = 0; i < preCount; i++) {
    store<u8>(lengths + <usize>load<u8>(PRE_ORDER + i), <u8>bitsAt(base, p, 3));
    p += 3;
  }
  if (!buildTable(preTable, PRE_BITS, lengths, 19, KIND_PRE, 128)) return ERROR_BAD_CODES;
  const total = litCount + distCount;
  let i: u32 = 0;
  while (i < total) {
    const e = load<u32>(preTable + (<usize>bitsAt(base, p, PRE_BITS) << 2));
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
      repeat = 3 + bitsAt(base, p, 2);
      p += 2;
      value = load<u8>(lengths + i - 1);
    } else if (symbol == 17) {
      if (p + 3 > limit) return SHORT;
      repeat = 3 + bitsAt(base, p, 3);
      p += 3;
    } else {
      if (p + 7 > limit) return SHORT;
      repeat = 11 + bitsAt(base, p, 7);
      p += 7;
    }
    if (i + repeat > total) return ERROR_BAD_CODES;
    memory.fill(lengths + i, value, repeat);
    i += repeat;
  }
  if (load<u8>(lengths + 256) == 0) return ERROR_BAD_CODES;
  if (!buildTable(dynLit, LIT_BITS, lengths, litCount, KIND_LIT, LIT_ENOUGH)) return ERROR_BAD_CODES;
  pairLiterals(dynLit);
  if (!buildTable(dynDist, DIST_BITS, lengths + litCount, distCount, KIND_DIST, DIST_ENOUGH)) return ERROR_BAD_CODES;
  return <i64>p;
}

