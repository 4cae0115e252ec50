// The hot loop: a Huffman block decoded into the output region (libdeflate's method). A 64-bit
// bit buffer is refilled by one unaligned load; a fast loop runs while the input and the output
// have room for a whole symbol (no bound checks inside), a careful one near their ends.
import { BLOCK_DONE, ERROR_BAD_DISTANCE, ERROR_BAD_SYMBOL, SHORT, STATUS_OUTPUT_FULL } from "./codes";
import { DIST_BITS, D_BAD, D_SUBTABLE, L_BAD, L_END, distLookup, entryValue, lengthValue, litLookup } from "./lookup";
import { MATCH_ROOM, bitPos, distTable, history, inBase, inEnd, litTable, out, outEnd } from "./stream";

/** Copies a match of `length` bytes from `distance` back; may write 16 bytes past its end. */
@inline function copyMatch(to: usize, distance: usize, length: usize): void {
  const end = to + length;
  let from = to - distance;
  if (ASC_FEATURE_SIMD) {
    if (distance >= 16) {
      // One 16-byte copy covers most matches (they are short); a second copy in the same step
      // would load bytes just stored, which stalls until those stores complete.
      v128.store(to, v128.load(from));
      to += 16;
      while (to < end) {
        from += 16;
        v128.store(to, v128.load(from));
        to += 16;
      }
      return;
    }
  }
  if (distance >= 8) {
    // Each load reads only bytes already written: the source is at least 8 bytes behind.
    store<u64>(to, load<u64>(from));
    to += 8;
    while (to < end) {
      from += 8;
      store<u64>(to, load<u64>(from));
      to += 8;
    }
  } else if (distance == 1) {
    const pattern = <u64>load<u8>(from) * 0x0101010101010101;
    do {
      store<u64>(to, pattern);
      store<u64>(to, pattern, 8);
      to += 16;
    } while (to < end);
  } else {
    do {
      store<u8>(to, load<u8>(from));
      from++;
      to++;
    } while (to < end);
  }
}

@inline function refill(bits: u64, count: u64, at: usize): u64 {
  return bits | (load<u64>(at) << count);
}

/** Writes a literal entry's one or two bytes (always two: a single's second is overwritten next). */
@inline function putLiterals(o: usize, e: u32): usize {
  store<u16>(o, <u16>(e >>> 8));
  // Bits 31-30 are 2 for one literal, 3 for two.
  return o + (<usize>(e >>> 30) - 1);
}

/**
 * Decodes the current Huffman block into `out` until its end (BLOCK_DONE), the input runs out
 * (SHORT), the output has no room for a match (STATUS_OUTPUT_FULL), or an error. The state
 * between calls is only bitPos: a symbol is consumed whole or not at all.
 */
export function decodeHuffman(): i32 {
  const lit = litTable;
  const dist = distTable;
  const oldest = history;
  const end = inEnd;
  // The fast loop reads at most 3 refills (21 bytes) past its check: loads stay inside the input.
  const fastIn: usize = end - inBase > 40 ? end - 40 : inBase;
  const fastOut: usize = outEnd - MATCH_ROOM;
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
          o = putLiterals(o, literal);
          if (<i32>e < 0) {
            literal = e;
            e = litLookup(lit, bits);
            saved = bits;
            bits >>>= <u64>e;
            count -= <u64>e;
            o = putLiterals(o, literal);
            if (<i32>e < 0) {
              literal = e;
              e = litLookup(lit, bits);
              bits = refill(bits, count, at);
              at += 7 - <usize>((count >>> 3) & 7);
              count |= 56;
              o = putLiterals(o, literal);
              continue;
            }
          }
        }
        // A length (or the end, or a bad code), consumed: 50 bits at most since the refill.
        if ((e & (L_END | L_BAD)) != 0) {
          result = (e & L_END) != 0 ? BLOCK_DONE : ERROR_BAD_SYMBOL;
          break;
        }
        // A literal before the length (L_LEADING) is written; with none, the byte is the
        // match's first, written over by the copy.
        store<u8>(o, <u8>(e >>> 8));
        o += <usize>((e >>> 25) & 1);
        const length = lengthValue(e, saved);
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
        if ((d & D_BAD) != 0 || distance > o - oldest) {
          result = (d & D_BAD) != 0 ? ERROR_BAD_SYMBOL : ERROR_BAD_DISTANCE;
          break;
        }
        // The next entry and the refill before the copy, so that they overlap it.
        e = litLookup(lit, bits);
        bits = refill(bits, count, at);
        at += 7 - <usize>((count >>> 3) & 7);
        count |= 56;
        copyMatch(o, distance, length);
        o += length;
      } while (at < fastIn && o < fastOut);
      // The lookahead entry is dropped (nothing consumed it); only the low byte of count is real.
      count &= 0xff;
    }
    if (result != 0) break;

    // Near the end of the input or output: one symbol, checking every bit and the room.
    if (o + MATCH_ROOM > outEnd) { result = STATUS_OUTPUT_FULL; break; }
    while (count < 56 && at < end) { bits |= <u64>load<u8>(at++) << count; count += 8; }
    const e = litLookup(lit, bits);
    const n = <u64>(e & 0xff);
    if (n > count) { result = SHORT; break; }
    if (<i32>e < 0) {
      bits >>>= n;
      count -= n;
      o = putLiterals(o, e);
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
    const length = lengthValue(e, bits);
    const distance = entryValue(d, bits >>> n);
    const lead = <usize>((e >>> 25) & 1);
    bits >>>= n + n2;
    count -= n + n2;
    if (distance > o + lead - oldest) { result = ERROR_BAD_DISTANCE; break; }
    store<u8>(o, <u8>(e >>> 8));
    o += lead;
    copyMatch(o, distance, length);
    o += length;
  }
  out = o;
  bitPos = ((at - inBase) << 3) - <usize>count;
  return result;
}
