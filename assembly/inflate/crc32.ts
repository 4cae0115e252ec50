// The CRC-32 of gzip members: long messages by reduction with a sparse multiple of the
// polynomial (crc32-multiple.ts), short ones and what is left by slicing (crc32-slices.ts).
import { MULTIPLE_MIN_BYTES, crc32Multiple } from "./crc32-multiple";
import { crc32Slices } from "./crc32-slices";

/** The CRC-32 of `crc`'s message followed by the `length` bytes at `at` (0 starts a message). */
export function crc32Update(crc: u32, at: usize, length: usize): u32 {
  return length >= MULTIPLE_MIN_BYTES ? crc32Multiple(crc, at, length) : crc32Slices(crc, at, length);
}
