// Copies of a sequence: its literals, then its match (`length` bytes from `offset` back, the source
// possibly overlapping what is written: a short offset repeats its bytes). Both write in 16-byte
// steps, up to 31 bytes past their end (the output region and the literals have COPY_SLACK, 64,
// after them); a later copy or the next block overwrites those bytes.

/**
 * Copies `length` bytes from `from` to `to`, 16 at a time in order (a source that overlaps the
 * destination 16 or more bytes back reads bytes already written). The SIMD build stores the first
 * 32 whatever the length, so most literal runs and matches take no loop branch.
 */
@inline export function copyWide(to: usize, from: usize, length: usize): void {
  const end = to + length;
  if (ASC_FEATURE_SIMD) {
    v128.store(to, v128.load(from));
    v128.store(to, v128.load(from, 16), 16);
    if (length > 32) {
      to += 32;
      from += 32;
      do {
        v128.store(to, v128.load(from));
        to += 16;
        from += 16;
      } while (to < end);
    }
  } else {
    // Four 8-byte stores up front measured slower than two here.
    store<u64>(to, load<u64>(from));
    store<u64>(to, load<u64>(from, 8), 8);
    while (to + 16 < end) {
      to += 16;
      from += 16;
      store<u64>(to, load<u64>(from));
      store<u64>(to, load<u64>(from, 8), 8);
    }
  }
}

/** Per offset 1..15, the byte indices (i % offset) that spread its bytes over 16 (SIMD build). */
const SPREAD = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1,
  0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0,
  0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
  0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0,
  0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3,
  0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1,
  0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5, 6,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 1, 2, 3, 4,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0, 1, 2,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 0, 1,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0,
]);
/** Per offset 1..15, the smallest multiple of it that is at least 16 (SIMD) / at least 8 (scalar, offsets 1..7). */
const PERIOD16 = memory.data<u8>([0, 16, 16, 18, 16, 20, 18, 21, 16, 18, 20, 22, 24, 26, 28, 30]);
const PERIOD8 = memory.data<u8>([0, 8, 8, 9, 8, 10, 12, 14]);

/**
 * Copies a match to `to` from `offset` (>= 1) bytes before it. From `to - offset` on, the bytes
 * repeat every `offset`, so they repeat every multiple of it too: a short offset's first bytes
 * are spread from its `offset` bytes, and the rest copied wide from a multiple of it that is at
 * least the copy's width, whose source is then always written already.
 */
@inline export function copyMatch(to: usize, offset: usize, length: usize): void {
  const from = to - offset;
  if (offset >= 16) {
    copyWide(to, from, length);
  } else if (ASC_FEATURE_SIMD) {
    // The load reads past `to` (bytes not written yet), but the spread takes only the first `offset`.
    v128.store(to, i8x16.swizzle(v128.load(from), v128.load(SPREAD + (offset << 4))));
    if (length > 16) {
      const period = <usize>load<u8>(PERIOD16 + offset);
      copyWide(to + 16, to + 16 - period, length - 16);
    }
  } else if (offset >= 8) {
    const end = to + length;
    let f = from;
    let t = to;
    while (t < end) {
      store<u64>(t, load<u64>(f));
      t += 8;
      f += 8;
    }
  } else {
    for (let i: usize = 0; i < 8; i++) store<u8>(to + i, load<u8>(from + i));
    const period = <usize>load<u8>(PERIOD8 + offset);
    const end = to + length;
    let t = to + 8;
    let f = t - period;
    while (t < end) {
      store<u64>(t, load<u64>(f));
      t += 8;
      f += 8;
    }
  }
}
