// The core's zstd decoder (assembly/zstd/) as the input stage drives it: the exports it uses, and
// what its statuses and errors mean. It lives in the same instance as the inflate (access.inflater()):
// each has regions of its own, reserved at first use.
import type { InflateExports } from "./inflate-core";

/** The zstd decoder's exports (assembly/index.ts). Addresses are u32 but arrive as signed i32: read them with `>>> 0`. */
export interface ZstdExports {
  memory: { readonly buffer: ArrayBuffer };
  zstdReserve(inputBytes: number, outputBytes: number): void;
  zstdReset(): void;
  zstdInputAt(): number;
  zstdInputRoom(): number;
  zstdPush(bytes: number, final: number): void;
  zstdStops(flags: number): void;
  zstdStep(): number;
  zstdOutputStart(): number;
  zstdOutputEnd(): number;
  /** Bytes of input consumed since the reset (at a frame end: where the frame ended). */
  zstdInputOffset(): number;
  /** The checksum of the frame that ended last (0 for a frame without one). */
  zstdFrameChecksum(): number;
}

export const ZSTD_NEED_INPUT = 0;
export const ZSTD_OUTPUT_FULL = 1;
export const ZSTD_FRAME_END = 3;
export const ZSTD_STREAM_END = 4;
export const ZSTD_ERROR_TRUNCATED = -1;
/** A frame that needs a dictionary. */
export const ZSTD_ERROR_DICTIONARY = -4;
/** A frame whose window is over ZSTD_WINDOW_LIMIT. */
export const ZSTD_ERROR_WINDOW = -5;
/** zstdStops flag: stop at every frame's end (its checks made). */
export const ZSTD_STOP_AT_FRAME_END = 2;
/** The largest window a frame may ask for (assembly/zstd/codes.ts WINDOW_LIMIT): zstd --long=27. */
export const ZSTD_WINDOW_LIMIT = 128 << 20;

/** Compressed bytes taken per read, and decoded bytes a step gives at most past the window. */
export const ZSTD_INPUT_BYTES = 1 << 20;
export const ZSTD_OUTPUT_BYTES = 4 << 20;

const reserved = new WeakSet<object>();

/** The zstd side of a core instance, its regions reserved at the first use. */
export function zstdCore(instance: InflateExports): ZstdExports {
  const core = instance as unknown as ZstdExports;
  if (!reserved.has(core)) {
    core.zstdReserve(ZSTD_INPUT_BYTES, ZSTD_OUTPUT_BYTES);
    reserved.add(core);
  }
  return core;
}
