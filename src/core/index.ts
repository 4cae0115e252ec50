// The platform-neutral surface, re-exported by src/node/index.ts and src/browser/index.ts.
export { HighestError, type ErrorKind } from "./errors";
export { formatWinners, outputBlocks, winnerRows, type OutputFormat, type OutputRows } from "./format";
export { type Winner } from "./winner";
export { type RankOptions, type Progress } from "./run";
export { type Shard } from "./plan";
export { type ByteSource, BytesSource, ChunkStreamSource } from "./source";
export { MAX_LINE_BYTES } from "./engine";
