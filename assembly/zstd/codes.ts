// The zstd decoder's statuses and errors (the host reads them: src/core/input/zstd-core.ts) and
// the internal results its parts pass each other.

export const STATUS_NEED_INPUT: i32 = 0;
export const STATUS_OUTPUT_FULL: i32 = 1;
export const STATUS_FRAME_END: i32 = 3;
export const STATUS_STREAM_END: i32 = 4;
export const ERROR_TRUNCATED: i32 = -1;
/** Bytes that begin neither a zstd frame nor a skippable frame. */
export const ERROR_BAD_MAGIC: i32 = -2;
/** A frame header with its reserved bit set. */
export const ERROR_BAD_HEADER: i32 = -3;
/** A frame that needs a dictionary (a nonzero dictionary ID). */
export const ERROR_DICTIONARY: i32 = -4;
/** A frame whose window is larger than WINDOW_LIMIT. */
export const ERROR_WINDOW_TOO_LARGE: i32 = -5;
/** A reserved block type, or a block larger than the frame allows. */
export const ERROR_BAD_BLOCK: i32 = -6;
export const ERROR_BAD_LITERALS: i32 = -7;
export const ERROR_BAD_HUFFMAN: i32 = -8;
export const ERROR_BAD_FSE: i32 = -9;
export const ERROR_BAD_SEQUENCES: i32 = -10;
export const ERROR_BAD_CHECKSUM: i32 = -11;
/** The frame's content differs in size from the size its header declares. */
export const ERROR_BAD_SIZE: i32 = -12;

/** Internal: the input ran out (need input, or truncated once the input is final). */
export const SHORT: i32 = -100;
/** Internal: go on to the next state. */
export const GO: i32 = 100;

/** zstdStops flag: stop at every frame's end (its checks made), status 3. */
export const STOP_AT_FRAME_END: i32 = 2;

/** The largest window a frame may ask for: 128 MiB (zstd --long=27). */
export const WINDOW_LIMIT: u64 = 1 << 27;
/** The largest block, decoded or not. */
export const BLOCK_MAX: usize = 128 << 10;
/** Room past the end of a copy that wide copies may write. */
export const COPY_SLACK: usize = 64;
