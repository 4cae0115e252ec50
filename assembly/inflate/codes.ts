// The inflate's statuses and errors (the host reads them: src/core/input/inflate-core.ts), its
// stream formats, and the internal results its parts pass each other.

export const STATUS_NEED_INPUT: i32 = 0;
export const STATUS_OUTPUT_FULL: i32 = 1;
export const STATUS_MEMBER_END: i32 = 3;
export const STATUS_STREAM_END: i32 = 4;
export const STATUS_TRAILING: i32 = 5;
/** A block starts here, at or after the bit offset inflateStopAt named (index points). */
export const STATUS_BLOCK_START: i32 = 6;
export const ERROR_TRUNCATED: i32 = -1;
export const ERROR_BAD_HEADER: i32 = -2;
export const ERROR_BAD_HEADER_CRC: i32 = -3;
export const ERROR_BAD_BLOCK_TYPE: i32 = -4;
export const ERROR_BAD_STORED_LENGTH: i32 = -5;
export const ERROR_BAD_CODES: i32 = -6;
export const ERROR_BAD_SYMBOL: i32 = -7;
export const ERROR_BAD_DISTANCE: i32 = -8;
export const ERROR_BAD_CRC: i32 = -9;
export const ERROR_BAD_SIZE: i32 = -10;
/** Internal: the input ran out (need input, or truncated once the input is final). */
export const SHORT: i32 = -100;
/** Internal: go on to the next state. */
export const GO: i32 = 100;
/** Internal: the block's end-of-block code was read. */
export const BLOCK_DONE: i32 = 101;

export const FORMAT_RAW: i32 = 0;
export const FORMAT_GZIP: i32 = 1;

/** inflateStops flag: stop at every member's end (its CRC-32 and size checked), status 3. */
export const STOP_AT_MEMBER_END: i32 = 2;
