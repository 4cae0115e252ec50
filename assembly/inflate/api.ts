// The inflate as the host drives it (src/core/input/inflate-core.ts): inflateReserve() once,
// inflateReset(format), then repeatedly writes compressed bytes at inflateInputAt() (at most
// inflateInputRoom()), inflatePush(), and inflateStep(), taking the bytes between
// inflateOutputStart() and inflateOutputEnd() before the next step. Statuses: 0 need input,
// 1 output full, 3 member end, 4 stream end, 5 trailing bytes after the last member, 6 a block
// start where inflateStopAt asked (index points: points.ts); errors:
// -1 truncated, -2 bad gzip header, -3 header CRC, -4 block type, -5 stored length, -6 code
// lengths, -7 symbol, -8 distance too far, -9 CRC, -10 size (ISIZE).
import { BLOCK_DONE, ERROR_TRUNCATED, FORMAT_GZIP, GO, SHORT, STATUS_NEED_INPUT, STATUS_STREAM_END } from "./codes";
import { atHeaderStart, beginHeader, gzipHeader, gzipTrailer, nextMember, trailerCrc, trailerSize } from "./gzip";
import { decodeHuffman } from "./huffman";
import { blockStop, resumeAt, setStopBit, windowAt, windowFilled } from "./points";
import {
  S_BLOCK, S_DONE, S_ERROR, S_GZIP_HEADER, S_HUFFMAN, S_NEXT_MEMBER, S_STORED, S_TRAILER, bitPos, blockHeader, catchUpCrc, inFinal,
  copyStored, crc, failure, format, inOrigin, inputAt, inputRoom, lastBlock, out, outStart, prepareOutput, push,
  reserveRegions, resetStream, setStops, state,
} from "./stream";

/** Allocates the inflate's input and output regions (at least 4 KiB and 66 KiB) and resets. Memory may grow. */
export function inflateReserve(inputBytes: f64, outputBytes: f64): void {
  reserveRegions(<usize>inputBytes, <usize>outputBytes);
  beginHeader();
}
/** Starts a new stream: 0 raw deflate, 1 gzip (any number of members). Empties the input region. */
export function inflateReset(streamFormat: i32): void {
  resetStream(streamFormat);
  beginHeader();
  setStopBit(u64.MAX_VALUE);
}
/** Drops consumed input and returns where the next compressed bytes go. */
export function inflateInputAt(): usize { return inputAt(); }
/** Bytes that fit at inflateInputAt(). */
export function inflateInputRoom(): f64 { return <f64>inputRoom(); }
/** `bytes` were written at inflateInputAt(); `final` when no more input follows. */
export function inflatePush(bytes: f64, final: i32): void { push(<usize>bytes, final != 0); }
/** Stops to report: 2 every member end (status 3, after its CRC-32 and size are checked). */
export function inflateStops(flags: i32): void { setStops(flags); }
/** Address of this step's first output byte. */
export function inflateOutputStart(): usize { return outStart; }
/** Address past this step's last output byte. */
export function inflateOutputEnd(): usize { return out; }
/** Bits of input consumed since the reset (at a member end: where the next member starts). */
export function inflateBitOffset(): f64 { return <f64>((inOrigin << 3) + <u64>bitPos); }
/** The CRC-32 of the member trailer read last (status 3). */
export function inflateTrailerCrc(): u32 { return trailerCrc; }
/** The size (ISIZE) of the member trailer read last (status 3). */
export function inflateTrailerSize(): u32 { return trailerSize; }
/** The CRC-32 of the current member's output so far (from where it was entered: see inflateResumeAt). */
export function inflateMemberCrc(): u32 { return crc; }
/** Stop (status 6) at the first block start or member header at or after this bit offset; a reset clears it. */
export function inflateStopAt(bit: f64): void { setStopBit(<u64>bit); }
/** Address of the 32 KiB window before the next output byte (an index point's window). */
export function inflateWindowAt(): usize { return windowAt(); }
/** How many bytes of that window the current member's output filled (the rest is not data). */
export function inflateWindowFilled(): i32 { return <i32>windowFilled(); }
/**
 * After inflateReset(1) and the point's window written at inflateWindowAt(): resume at a block
 * start mid-member; input from byte `byteOffset`, whose first `skipBits` bits are skipped.
 * `atHeader`: the point is a member's first byte instead (its header is read).
 */
export function inflateResumeAt(byteOffset: f64, skipBits: i32, atHeader: i32): void { resumeAt(<u64>byteOffset, <u32>skipBits, atHeader != 0); }

/** Decodes until a status (>= 0) or an error (< 0); errors repeat until a reset. */
export function inflateStep(): i32 {
  if (state == S_ERROR) return failure;
  prepareOutput();
  let result = run();
  catchUpCrc();
  if (result == SHORT) result = inFinal ? ERROR_TRUNCATED : STATUS_NEED_INPUT;
  if (result < 0) {
    state = S_ERROR;
    failure = result;
  }
  return result;
}

function run(): i32 {
  while (true) {
    let r: i32 = GO;
    if (state == S_GZIP_HEADER) { r = atHeaderStart() ? blockStop() : 0; if (r == 0) r = gzipHeader(); }
    else if (state == S_BLOCK) { r = blockStop(); if (r == 0) r = blockHeader(); }
    else if (state == S_HUFFMAN) r = decodeHuffman();
    else if (state == S_STORED) r = copyStored();
    else if (state == S_TRAILER) r = gzipTrailer();
    else if (state == S_NEXT_MEMBER) r = nextMember();
    else return STATUS_STREAM_END;
    if (r == BLOCK_DONE) {
      catchUpCrc(); // while the block's output is still in cache
      state = !lastBlock ? S_BLOCK : format == FORMAT_GZIP ? S_TRAILER : S_DONE;
    } else if (r != GO) {
      return r;
    }
  }
}
