// How the decode tables' entries are laid out and read: tables.ts builds them, huffman.ts reads
// them in its fast and its careful loop.

// Decode table entries (u32): bits 0-7 the bits to consume (code length plus extra bits), 8-11
// the code length, then the value (length or distance base, or a subtable's start; for a
// subtable pointer bits 8-11 are its index bits). Literal/length entries: a literal (or a pair
// of literals whose codes fit in one first-level index: one lookup gives two bytes) is bit 31,
// the first literal in bits 8-15, the second in 16-23 (one 16-bit store writes both in order);
// other entries have their value in bits 16-27.
export const F_LITERAL: u32 = 1 << 31;
export const F_PAIR: u32 = 1 << 30;
export const L_SUBTABLE: u32 = 1 << 30; // without F_LITERAL
export const L_END: u32 = 1 << 29;
export const L_BAD: u32 = 1 << 28;
// A first-level length entry whose extra bits fit in the index is resolved: it holds the length
// itself in bits 16-24 (one entry for each value of its extra bits, as ISA-L does), so the fast
// loop reads it with no arithmetic. A resolved entry may also start with a literal (bits 8-15),
// written before the match: one lookup then decodes a literal and a length.
export const L_RESOLVED: u32 = 1 << 26;
export const L_LEADING: u32 = 1 << 25;

/** The length of a length entry, and the bits after its code (a resolved one needs none). */
@inline export function lengthValue(e: u32, bits: u64): usize {
  return (e & L_RESOLVED) != 0 ? <usize>((e >>> 16) & 0x1ff) : entryValue(e, bits);
}

// Distance entries: the base in bits 16-30.
export const D_SUBTABLE: u32 = 1 << 12;
export const D_BAD: u32 = 1 << 14;

export const LIT_BITS: u32 = 11;
export const DIST_BITS: u32 = 8;

/** The literal/length entry for the code at the bottom of `bits` (following a subtable pointer). */
@inline export function litLookup(table: usize, bits: u64): u32 {
  let e = load<u32>(table + (<usize>(<u32>bits & ((1 << LIT_BITS) - 1)) << 2));
  if ((e >>> 30) == 1) {
    const index = (1 << LIT_BITS) + ((e >>> 16) & 0xfff) + (<u32>(bits >>> <u64>LIT_BITS) & ((1 << ((e >>> 8) & 15)) - 1));
    e = load<u32>(table + (<usize>index << 2));
  }
  return e;
}

/** The distance entry for the code at the bottom of `bits`. */
@inline export function distLookup(table: usize, bits: u64): u32 {
  let e = load<u32>(table + (<usize>(<u32>bits & ((1 << DIST_BITS) - 1)) << 2));
  if ((e & D_SUBTABLE) != 0) {
    const index = (1 << DIST_BITS) + (e >>> 16) + (<u32>(bits >>> <u64>DIST_BITS) & ((1 << ((e >>> 8) & 15)) - 1));
    e = load<u32>(table + (<usize>index << 2));
  }
  return e;
}

/** The value of a length or distance entry: its base plus the extra bits after its code. */
@inline export function entryValue(e: u32, bits: u64): usize {
  const total = <u64>(e & 0xff);
  return <usize>(e >>> 16) + <usize>((bits & ((<u64>1 << total) - 1)) >>> <u64>((e >>> 8) & 15));
}
