// The zstd decoder's regions and the state of one stream between steps. The input region holds
// compressed bytes not yet consumed (the host writes more at zstdInputAt); a block is decoded once
// all of it is there. The output region holds the frame's window (the bytes a match may reach)
// then this step's output; it grows when a frame's window needs more.
import { BLOCK_MAX, COPY_SLACK } from "./codes";

export const S_FRAME = 0;
export const S_SKIP = 1;
export const S_BLOCK = 2;
export const S_CHECKSUM = 3;
export const S_ERROR = 4;

const SLACK: usize = 64;
/** The input region is never smaller: a whole block and its header fit. */
const INPUT_MIN: usize = 256 << 10;
/** Output a step may give at least (past the window). */
let stepBytes: usize = 4 << 20;

let inRaw: usize = 0;
export let inBase: usize = 0;
let inCapacity: usize = 0;
export let inEnd: usize = 0;
export let inFinal = false;
/** Absolute stream offset of the byte at inBase. */
export let inOrigin: u64 = 0;
/** The next byte to read. */
export let inPos: usize = 0;

let outRaw: usize = 0;
export let outBase: usize = 0;
let outCapacity: usize = 0;
export let outEnd: usize = 0;
/** Where the next byte goes. */
export let out: usize = 0;
/** This step's output starts here. */
export let outStart: usize = 0;
/** The oldest byte of the current frame still in the region. */
export let frameFloor: usize = 0;

export let state: i32 = S_FRAME;
export let failure: i32 = 0;
export let stops: i32 = 0;

/** The current frame: its window, whether it has a checksum, its declared size (-1: none), what it produced. */
export let windowSize: u64 = 0;
export let hasChecksum = false;
export let contentSize: i64 = -1;
export let produced: u64 = 0;
export let blockMax: usize = BLOCK_MAX;
/** Bytes of a skippable frame still to pass over. */
export let skipLeft: u64 = 0;

/** Allocates the input region and notes the output a step may give; the output region is sized per frame. */
export function reserveRegions(inputBytes: usize, outputBytes: usize): void {
  if (inputBytes < INPUT_MIN) inputBytes = INPUT_MIN;
  if (outputBytes < BLOCK_MAX * 2) outputBytes = BLOCK_MAX * 2;
  stepBytes = outputBytes;
  if (inputBytes > inCapacity) {
    if (inRaw != 0) heap.free(inRaw);
    inRaw = heap.alloc(inputBytes + SLACK + 64);
    inBase = (inRaw + 63) & ~<usize>63;
    inCapacity = inputBytes;
  }
  if (outRaw == 0) growOutput(0);
  resetStream();
}

/** Starts a new stream; the input region empties. */
export function resetStream(): void {
  inEnd = inBase;
  inFinal = false;
  inOrigin = 0;
  inPos = inBase;
  state = S_FRAME;
  failure = 0;
  stops = 0;
  out = outBase;
  outStart = out;
  frameFloor = out;
}

/** Output room a frame with this window needs: its window, then at least a step's output. */
function roomFor(window: u64): usize {
  const w = <usize>window;
  return w + max(w, stepBytes) + BLOCK_MAX;
}

/** Is the output region large enough for a frame with this window? */
export function outputFits(window: u64): bool {
  return roomFor(window) <= outCapacity;
}

/** Replaces the output region by one large enough for `window` (its contents are not kept). */
export function growOutput(window: u64): void {
  const bytes = roomFor(window);
  if (outRaw != 0) heap.free(outRaw);
  outRaw = heap.alloc(bytes + COPY_SLACK + 64);
  outBase = (outRaw + 63) & ~<usize>63;
  outCapacity = bytes;
  outEnd = outBase + bytes;
  out = outBase;
  outStart = out;
  frameFloor = out;
}

/** A new frame: its window, checksum flag and declared size. */
export function beginFrame(window: u64, checksum: bool, size: i64): void {
  windowSize = window;
  hasChecksum = checksum;
  contentSize = size;
  produced = 0;
  blockMax = <usize>min(window, <u64>BLOCK_MAX);
  frameFloor = out;
}

export function setSkip(bytes: u64): void { skipLeft = bytes; }
export function setState(next: i32): void { state = next; }
export function setFailure(error: i32): void { failure = error; state = S_ERROR; }
export function advanceInput(bytes: usize): void { inPos += bytes; }
export function setOut(at: usize): void { out = at; }
export function addProduced(bytes: u64): void { produced += bytes; }

/** Drops consumed input (64-byte aligning the unread bytes' end) and returns where to write. */
export function inputAt(): usize {
  const drop = inPos - inBase;
  if (drop > 0) {
    const keep = inEnd - inPos;
    let pad: usize = (<usize>64 - (keep & 63)) & 63;
    if (<u64>pad > inOrigin + <u64>drop) pad = 0;
    memory.copy(inBase + pad, inPos, keep);
    inEnd = inBase + pad + keep;
    inPos = inBase + pad;
    inOrigin = inOrigin + <u64>drop - <u64>pad;
  }
  return inEnd;
}

export function inputRoom(): usize { return inBase + inCapacity - inEnd; }

export function push(bytes: usize, final: bool): void {
  if (bytes > inputRoom()) unreachable(); // more than was room for
  inEnd += bytes;
  inFinal = final;
}

export function setStops(flags: i32): void { stops = flags; }

/** Room left for a block's output. */
export function outputRoom(): usize { return outEnd - out; }

/** The host took the last step's output: slide the window down when a block may not fit. */
export function prepareOutput(): void {
  if (outEnd - out < BLOCK_MAX) {
    const keep = <usize>min(<u64>(out - frameFloor), windowSize);
    memory.copy(outBase, out - keep, keep);
    out = outBase + keep;
    frameFloor = outBase;
  }
  outStart = out;
}

/** Absolute offset of the next input byte. */
export function inputOffset(): u64 { return inOrigin + <u64>(inPos - inBase); }
