// CRC-32 of long messages without a table lookup per byte. The CRC is the message's remainder
// modulo the polynomial P; any multiple Q of P leaves the same remainder after the one by P, so
// the message is first reduced modulo a sparse multiple, which costs only xors:
//   Q = y^300 + y^155 + y^117 + y^89 + 1, y = x^128 (SIMD build) or x^64 (scalar build),
// a multiple of P for both (found by search over the powers of x modulo P; Q(x^128) = Q(x^64)^2
// over GF(2)). In the bit order of gzip's CRC a unit of 16 (or 8) bytes k units further along
// the message is the same unit times y^-k, so removing the unit at the message's head, times
// y^300, adds it to the units 145, 183, 211 and 300 further along: four xors a unit into a ring
// of the 300 units ahead. The 300 units left at the end, with what reached them, have the
// message's remainder, which slicing finds (crc32-slices.ts). About 4 times the slicing's speed
// (docs/BENCHMARKS.md); the ring's fill and the final slicing cost a few microseconds a call.
import { crc32Slices } from "./crc32-slices";

const UNIT: usize = ASC_FEATURE_SIMD ? 16 : 8;
/** Q's degree in units, and the distances its other terms send a unit ahead (300 - 155, - 117, - 89). */
const SPAN: usize = 300;
const AHEAD_1: usize = 145;
const AHEAD_2: usize = 183;
const AHEAD_3: usize = 211;
/** Shorter messages are sliced: below four spans the ring's fill and the end's slicing outweigh the gain. */
export const MULTIPLE_MIN_BYTES: usize = 4 * SPAN * UNIT;

/** The units still to be added to the next SPAN units of the message, a ring. */
const ring: usize = memory.data(<i32>(SPAN * 16), 16);

/** The CRC-32 of `crc`'s message followed by the `length` (>= MULTIPLE_MIN_BYTES) bytes at `at`. */
export function crc32Multiple(crc: u32, at: usize, length: usize): u32 {
  const units = length / UNIT;
  memory.fill(ring, 0, SPAN * UNIT);
  // The running CRC enters as the first four bytes' xor (what slicing's first step does).
  store<u32>(ring, ~crc);
  let p0: usize = 0;
  let p1 = AHEAD_1;
  let p2 = AHEAD_2;
  let p3 = AHEAD_3;
  let from = at;
  // Reduce every unit that has SPAN units after it; runs of units between the ring's wraps.
  for (let left = units - SPAN; left > 0;) {
    const run = min(min(min(SPAN - p0, SPAN - p1), min(SPAN - p2, SPAN - p3)), left);
    const end = from + run * UNIT;
    let r0 = ring + p0 * UNIT;
    let r1 = ring + p1 * UNIT;
    let r2 = ring + p2 * UNIT;
    let r3 = ring + p3 * UNIT;
    if (ASC_FEATURE_SIMD) {
      while (from < end) {
        const t = v128.xor(v128.load(from), v128.load(r0));
        v128.store(r0, t);
        v128.store(r1, v128.xor(v128.load(r1), t));
        v128.store(r2, v128.xor(v128.load(r2), t));
        v128.store(r3, v128.xor(v128.load(r3), t));
        from += 16; r0 += 16; r1 += 16; r2 += 16; r3 += 16;
      }
    } else {
      while (from < end) {
        const t = load<u64>(from) ^ load<u64>(r0);
        store<u64>(r0, t);
        store<u64>(r1, load<u64>(r1) ^ t);
        store<u64>(r2, load<u64>(r2) ^ t);
        store<u64>(r3, load<u64>(r3) ^ t);
        from += 8; r0 += 8; r1 += 8; r2 += 8; r3 += 8;
      }
    }
    left -= run;
    p0 = (p0 + run) % SPAN;
    p1 = (p1 + run) % SPAN;
    p2 = (p2 + run) % SPAN;
    p3 = (p3 + run) % SPAN;
  }
  // The last SPAN units, with what reached them, in the ring from p0 on (wrapping).
  for (let k: usize = 0, r = p0; k < SPAN; k++, r = r + 1 == SPAN ? 0 : r + 1) {
    const slot = ring + r * UNIT;
    if (ASC_FEATURE_SIMD) v128.store(slot, v128.xor(v128.load(slot), v128.load(from)));
    else store<u64>(slot, load<u64>(slot) ^ load<u64>(from));
    from += UNIT;
  }
  // Their remainder from a zero state (crc32Slices takes and gives the state complemented).
  let c = crc32Slices(0xffffffff, ring + p0 * UNIT, (SPAN - p0) * UNIT);
  c = crc32Slices(c, ring, p0 * UNIT);
  return crc32Slices(c, from, at + length - from);
}
