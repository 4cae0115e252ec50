// The platform-neutral surface, re-exported by src/node/index.ts and src/browser/index.ts.
export { HighestError, type ErrorKind } from "./model/errors";
export { winnerRows, type OutputFormat, type OutputRows } from "./output/format";
export { formatWinners, outputBlocks } from "./output/join";
export { type DecimalWinner, type Winner } from "./model/winner";
export { type RankOptions, type Progress } from "./model/options";
export { type Shard } from "./model/plan";
export { type ByteSource, BytesSource, ChunkStreamSource } from "./input/source";
export { MAX_LINE_BYTES } from "./scan/engine";
/** Inputs under this many bytes (gzip counts four times its size) are ranked on one thread, whatever `threads` asks. */
export { MIN_THREADED_BYTES } from "./run/run";
