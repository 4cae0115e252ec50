// The zstd decoder as the host drives it (src/core/input/zstd-core.ts): zstdReserve() once,
// zstdReset(), then repeatedly writes compressed bytes at zstdInputAt() (at most zstdInputRoom()),
// zstdPush(), and zstdStep(), taking the bytes between zstdOutputStart() and zstdOutputEnd()
// before the next step. Statuses: 0 need input, 1 output full, 3 frame end, 4 stream end; errors
// (codes.ts): -1 truncated, -2 not a frame, -3 bad frame header, -4 dictionary needed, -5 window
// too large, -6 bad block, -7 literals, -8 Huffman table, -9 FSE table, -10 sequences,
// -11 checksum, -12 content size. Memory may grow at any step (a frame's window).
import { ERROR_TRUNCATED, GO, SHORT, STATUS_NEED_INPUT, STATUS_STREAM_END } from "./codes";
import { block, checksum, frameHeader, lastChecksum, skipFrame } from "./frame";
import {
  S_BLOCK, S_CHECKSUM, S_ERROR, S_FRAME, S_SKIP, failure, inFinal, inputAt, inputOffset, inputRoom, out, outStart, prepareOutput,
  push, reserveRegions, resetStream, setFailure, setStops, state,
} from "./state";
import { buildPredefined } from "./tables";

/** Allocates the input region (at least 256 KiB) and notes the output a step may give; resets. */
export function zstdReserve(inputBytes: f64, outputBytes: f64): void {
  buildPredefined();
  reserveRegions(<usize>inputBytes, <usize>outputBytes);
}
/** Starts a new stream of frames. Empties the input region. */
export function zstdReset(): void { resetStream(); }
/** Drops consumed input and returns where the next compressed bytes go. */
export function zstdInputAt(): usize { return inputAt(); }
/** Bytes that fit at zstdInputAt(). */
export function zstdInputRoom(): f64 { return <f64>inputRoom(); }
/** `bytes` were written at zstdInputAt(); `final` when no more input follows. */
export function zstdPush(bytes: f64, final: i32): void { push(<usize>bytes, final != 0); }
/** Stops to report: 2 every frame end (status 3, after its checks). */
export function zstdStops(flags: i32): void { setStops(flags); }
/** Address of this step's first output byte. */
export function zstdOutputStart(): usize { return outStart; }
/** Address past this step's last output byte. */
export function zstdOutputEnd(): usize { return out; }
/** Bytes of input consumed since the reset (at a frame end: where the next frame starts). */
export function zstdInputOffset(): f64 { return <f64>inputOffset(); }
/** The checksum of the frame that ended last (status 3; 0 for frames without one). */
export function zstdFrameChecksum(): u32 { return lastChecksum; }

/** Decodes until a status (>= 0) or an error (< 0); errors repeat until a reset. */
export function zstdStep(): i32 {
  if (state == S_ERROR) return failure;
  prepareOutput();
  let result = run();
  if (result == SHORT) result = inFinal ? ERROR_TRUNCATED : STATUS_NEED_INPUT;
  if (result < 0) setFailure(result);
  return result;
}

function run(): i32 {
  while (true) {
    let r: i32;
    if (state == S_FRAME) r = frameHeader();
    else if (state == S_BLOCK) r = block();
    else if (state == S_SKIP) r = skipFrame();
    else if (state == S_CHECKSUM) r = checksum();
    else return STATUS_STREAM_END;
    if (r != GO) return r;
  }
}
