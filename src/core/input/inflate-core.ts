// The core's inflate (assembly/inflate.ts) as the input stage drives it: the exports it uses,
// and what its statuses and errors mean. Each participant instantiates the core module once for
// its gzip inputs (an instance of its own: the scan engine may be the js one, or be finished).
import { instantiateCoreAsync } from "../wasm/core-module";

/** The inflate's exports (assembly/index.ts). Addresses are u32 but arrive as signed i32: read them with `>>> 0`. */
export interface InflateExports {
  /** (Not WebAssembly.Memory: these declarations reach the package's types, which a Node project reads without the DOM's.) */
  memory: { readonly buffer: ArrayBuffer };
  inflateReserve(inputBytes: number, outputBytes: number): void;
  inflateReset(format: number): void;
  inflateInputAt(): number;
  inflateInputRoom(): number;
  inflatePush(bytes: number, final: number): void;
  inflateStops(flags: number): void;
  inflateStep(): number;
  inflateOutputStart(): number;
  inflateOutputEnd(): number;
  inflateBitOffset(): number;
  inflateTrailerCrc(): number;
  inflateTrailerSize(): number;
  inflateMemberCrc(): number;
  inflateStopAt(bit: number): void;
  inflateWindowAt(): number;
  inflateWindowFilled(): number;
  inflateResumeAt(byteOffset: number, skipBits: number, atHeader: number): void;
}

export const NEED_INPUT = 0;
export const OUTPUT_FULL = 1;
export const MEMBER_END = 3;
export const STREAM_END = 4;
/** A block starts where inflateStopAt asked (an index point). */
export const BLOCK_START = 6;
export const ERROR_TRUNCATED = -1;
/** inflateReset's format: gzip members, one after another. */
export const FORMAT_GZIP = 1;
/** inflateStops flag: stop at every member's end (its CRC and size checked). */
export const STOP_AT_MEMBER_END = 2;

/** Compressed bytes the inflate takes per read, and decoded bytes it gives per step at most. */
export const INFLATE_INPUT_BYTES = 1 << 20;
export const INFLATE_OUTPUT_BYTES = 4 << 20;

/** A fresh instance of the core for inflating, its regions reserved (asynchronous: a browser's main thread may not instantiate it synchronously). */
export async function instantiateInflate(module: object): Promise<InflateExports> {
  const core = (await instantiateCoreAsync(module as WebAssembly.Module)) as unknown as InflateExports;
  core.inflateReserve(INFLATE_INPUT_BYTES, INFLATE_OUTPUT_BYTES);
  return core;
}
