// zstd's backward bit streams (RFC 8878 4.1.2): written forward, read from the end. The last
// byte's highest set bit marks where the stream ends; bits are then read from the highest down.
// A read past the start gives zeros and leaves `backPos` negative (overflow): the callers check.

/** The stream's first byte, and how many of its bits are not read yet. */
export let backStart: usize = 0;
export let backPos: i64 = 0;

/** Bits valid in a stream of `size` bytes at `start` (0 or less: no end mark, damaged). */
export function streamBits(start: usize, size: usize): i64 {
  if (size == 0) return 0;
  const last = <u32>load<u8>(start + size - 1);
  if (last == 0) return 0;
  return <i64>((size - 1) << 3) + <i64>(31 - clz<u32>(last));
}

/** Starts reading the stream of `size` bytes at `start`; false when it has no end mark. */
export function beginBack(start: usize, size: usize): bool {
  backStart = start;
  backPos = streamBits(start, size);
  return size > 0 && load<u8>(start + size - 1) != 0;
}

/** The `n` (<= 56) bits below `pos` of the stream at `start`, zeros for bits below its start. */
@inline export function bitsBelow(start: usize, pos: i64, n: u32): u64 {
  const from = pos - <i64>n;
  if (from >= 0) {
    const at = <usize>from;
    return (load<u64>(start + (at >> 3)) >> <u64>(at & 7)) & ((<u64>1 << <u64>n) - 1);
  }
  if (pos <= 0) return 0;
  return (load<u64>(start) & ((<u64>1 << <u64>pos) - 1)) << <u64>(-from);
}

/** Reads `n` bits of the current stream. */
@inline export function readBack(n: u32): u64 {
  const value = bitsBelow(backStart, backPos, n);
  backPos -= <i64>n;
  return value;
}
