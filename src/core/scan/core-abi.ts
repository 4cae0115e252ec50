// The layout of the core's heap entries (assembly/heap.ts), for the host, which reads many entries
// through the core's page table rather than one call each. Fields as 32-bit word indices within an
// entry; test/core/scan/core-abi.test.ts holds them against heap.ts and the core's own exports.
// Also the core's score policy, which the js engine follows too (so both give the same columns).

/** Scores of at most this many significant digits are CLASS_FIT, an exact 64-bit value (bigscore.ts FIT_DIGITS). */
export const FIT_DIGITS = 18;

/** Bytes per entry (heap.ts ENTRY_SIZE). */
export const ENTRY_BYTES = 48;
/** Entries per page of the page table: 2^PAGE_SHIFT (heap.ts PAGE_SHIFT). */
export const PAGE_SHIFT = 16;
/** The exact score when it fits 64 bits (heap.ts VALUE): low word, then high word. */
export const VALUE_WORD = 0;
/** The 1-based line number within its unit (heap.ts LINE), an i64: low, then high. */
export const LINE_WORD = 2;
/** The line's byte offset (heap.ts OFFSET), an i64: low, then high. */
export const OFFSET_WORD = 4;
/** The line's length without its line ending (heap.ts LENGTH). */
export const LENGTH_WORD = 6;
/** The score class (heap.ts CLASS; columns/score-class.ts). */
export const CLASS_WORD = 7;
/** The unit the line is in (heap.ts UNIT). */
export const UNIT_WORD = 11;
