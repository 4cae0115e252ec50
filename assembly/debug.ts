// The debug build's entry: the core's exports (index.ts) and accessors only tests use, to hold
// the host's reads through the entry layout (src/core/scan/core-abi.ts) against the core's own.
// The shipped builds (simd, scalar) are built from index.ts alone.
import { ENTRY_SIZE, entryAt, entryClass, entryLine, entryOffset, entryValue } from "./heap";
import { crc32Update } from "./inflate/crc32";

export * from "./index";

/** Byte offset of winner i's line. */
export function winnerOffset(i: i32): f64 { return <f64>entryOffset(entryAt(i)); }
/** Line number of winner i within its unit. */
export function winnerLine(i: i32): f64 { return <f64>entryLine(entryAt(i)); }
/** Score class of winner i: 0 big negative, 1 fits i64 (winnerValue), 2 big positive. */
export function winnerClass(i: i32): i32 { return entryClass(entryAt(i)); }
/** Exact score of winner i when its class is 1. */
export function winnerValue(i: i32): i64 { return entryValue(entryAt(i)); }
/** Size of one heap entry. */
export function entrySize(): i32 { return <i32>ENTRY_SIZE; }
/** The CRC-32 of `crc`'s message followed by `length` bytes at `at` (gzip's; inflate/crc32.ts). */
export function crc32Of(crc: u32, at: usize, length: f64): u32 { return crc32Update(crc, at, <usize>length); }
