// Constants of exact integer arithmetic on doubles, named once.

/** 2^32: a 64-bit score is high·2^32 + low. */
export const TWO_32 = 4294967296;

/**
 * From this many rows a result is large: from this count on, lines are checked as they are kept
 * (check/precheck.ts: below, the waste when the count is reached is not worth it), and a result of
 * this many rows is formatted by the threads that found them (output/fragments.ts: below, one
 * thread prints faster than it can hand out work).
 */
export const LARGE_RESULT_ROWS = 1 << 16;
