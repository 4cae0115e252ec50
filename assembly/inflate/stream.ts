// The inflate's regions and the state of one stream between steps. The input region holds
// compressed bytes not yet consumed (the host writes more at inflateInputAt); the output region
// holds the 32 KiB window a back-reference may reach, then this step's output. Every part of the
// inflate reads and advances this state (AssemblyScript shares module globals by import).
import { crc32Update } from "./crc32";
import { BLOCK_DONE, ERROR_BAD_BLOCK_TYPE, ERROR_BAD_STORED_LENGTH, FORMAT_GZIP, FORMAT_RAW, GO, SHORT, STATUS_OUTPUT_FULL } from "./codes";
import { bitsAt, buildFixedTables, dynDist, dynLit, fixedDist, fixedLit, fixedReady, readDynamic } from "./tables";

export const WINDOW: usize = 32768;
/** Room a careful step needs: the longest match plus what a match copy writes past its end. */
export const MATCH_ROOM: usize = 258 + 32;
/** Slack after each region: 64-bit loads past the input's end, match copies past the output's. */
const SLACK: usize = 64;

export const S_GZIP_HEADER = 0;
export const S_BLOCK = 1;
export const S_HUFFMAN = 2;
export const S_STORED = 3;
export const S_TRAILER = 4;
export const S_NEXT_MEMBER = 5;
export const S_DONE = 6;
export const S_ERROR = 7;

let inRaw: usize = 0;
export let inBase: usize = 0;
let inCapacity: usize = 0;
export let inEnd: usize = 0;
export let inFinal = false;
/** Absolute stream offset of the byte at inBase (bytes dropped by compaction). */
export let inOrigin: u64 = 0;
/** The next bit to read, from inBase. */
export let bitPos: usize = 0;

let outRaw: usize = 0;
let outBase: usize = 0;
let outCapacity: usize = 0;
export let outEnd: usize = 0;
/** Where the next byte goes. */
export let out: usize = 0;
/** The oldest byte a back-reference may reach. */
export let history: usize = 0;
/** This step's output starts here. */
export let outStart: usize = 0;

export let format: i32 = FORMAT_RAW;
export let state: i32 = S_BLOCK;
export let failure: i32 = 0;
export let lastBlock = false;
export let stops: i32 = 0;
export let litTable: usize = 0;
export let distTable: usize = 0;
export let storedLeft: u32 = 0;

/** The current member's CRC-32 and size are checked (gzip). */
export let checkMember = false;
export let crc: u32 = 0;
export let memberSize: u32 = 0;
/** The current member was entered mid-way (an index point): its trailer is not checked here. */
export let partialMember = false;
/** Output not yet in crc. */
let crcFrom: usize = 0;

/** Allocates the regions (once; larger sizes replace them). */
export function reserveRegions(inputBytes: usize, outputBytes: usize): void {
  if (!fixedReady) buildFixedTables();
  if (inputBytes < 4096) inputBytes = 4096;
  const outMin = (WINDOW << 1) + 2048;
  if (outputBytes < outMin) outputBytes = outMin;
  if (inputBytes > inCapacity) {
    if (inRaw != 0) heap.free(inRaw);
    inRaw = heap.alloc(inputBytes + SLACK + 64);
    inBase = (inRaw + 63) & ~<usize>63;
    inCapacity = inputBytes;
  }
  if (outputBytes > outCapacity) {
    if (outRaw != 0) heap.free(outRaw);
    outRaw = heap.alloc(outputBytes + SLACK + 64);
    outBase = (outRaw + 63) & ~<usize>63;
    outCapacity = outputBytes;
    outEnd = outBase + outCapacity;
  }
  resetStream(format);
}

/** Starts a new stream (gzip members, or one raw deflate stream); the input region empties. */
export function resetStream(streamFormat: i32): void {
  format = streamFormat;
  inEnd = inBase;
  inFinal = false;
  inOrigin = 0;
  bitPos = 0;
  state = format == FORMAT_GZIP ? S_GZIP_HEADER : S_BLOCK;
  failure = 0;
  lastBlock = false;
  stops = 0;
  checkMember = format == FORMAT_GZIP;
  out = outBase + WINDOW;
  outStart = out;
  beginMember();
}

/** A new member: its CRC-32 and size start over, and its window is empty. */
export function beginMember(): void {
  crc = 0;
  memberSize = 0;
  history = out;
  crcFrom = out;
  partialMember = false;
}

/** A member entered mid-way, the `window` bytes before `out` primed by the host. */
export function beginPartialMember(window: usize): void {
  beginMember();
  history = out - window;
  partialMember = true;
}

/** The input region starts at byte `origin` of the stream, its first `skipBits` bits already read. */
export function setInOrigin(origin: u64, skipBits: u32): void {
  inOrigin = origin;
  bitPos = <usize>skipBits;
}

export function setState(next: i32): void { state = next; }

/**
 * Makes room at the end of the input region (dropping consumed bytes) and returns where to
 * write: 64-byte aligned when it can be (reads from the page cache into a target a few bytes
 * past a page start run ~3x slower), by keeping the unread bytes just before that place.
 */
export function inputAt(): usize {
  const drop = bitPos >> 3;
  if (drop > 0) {
    const keep = inEnd - inBase - drop;
    let pad: usize = (<usize>64 - (keep & 63)) & 63;
    if (<u64>pad > inOrigin + <u64>drop) pad = 0; // inOrigin counts the bytes before inBase: never below 0
    memory.copy(inBase + pad, inBase + drop, keep);
    inEnd = inBase + pad + keep;
    bitPos = (pad << 3) + (bitPos & 7);
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

/** The host took the last step's output: slide the window down when the region is half used. */
export function prepareOutput(): void {
  if (outEnd - out < (outCapacity - WINDOW) >> 1) {
    const keep = min(out - history, WINDOW);
    memory.copy(outBase + WINDOW - keep, out - keep, keep);
    out = outBase + WINDOW;
    history = out - keep;
  }
  outStart = out;
  crcFrom = out;
}

/** Adds the output since the last call to the member's CRC-32 and size (checked members). */
export function catchUpCrc(): void {
  if (checkMember && out > crcFrom) {
    crc = crc32Update(crc, crcFrom, out - crcFrom);
    memberSize += <u32>(out - crcFrom);
  }
  crcFrom = out;
}

/** Reads a block's header: its type, and for a stored block its length, for a dynamic one its codes. */
export function blockHeader(): i32 {
  const limit = (inEnd - inBase) << 3;
  const p = bitPos;
  if (p + 3 > limit) return SHORT;
  const header = bitsAt(inBase, p, 3);
  const type = header >>> 1;
  if (type == 0) {
    const q = (p + 3 + 7) & ~<usize>7;
    if (q + 32 > limit) return SHORT;
    const length = bitsAt(inBase, q, 16);
    if ((length ^ bitsAt(inBase, q + 16, 16)) != 0xffff) return ERROR_BAD_STORED_LENGTH;
    storedLeft = length;
    bitPos = q + 32;
    state = S_STORED;
  } else if (type == 1) {
    litTable = fixedLit;
    distTable = fixedDist;
    bitPos = p + 3;
    state = S_HUFFMAN;
  } else if (type == 2) {
    const r = readDynamic(inBase, p + 3, limit);
    if (r < 0) return <i32>r;
    litTable = dynLit;
    distTable = dynDist;
    bitPos = <usize>r;
    state = S_HUFFMAN;
  } else {
    return ERROR_BAD_BLOCK_TYPE;
  }
  lastBlock = (header & 1) != 0;
  return GO;
}

/** Copies the current stored block's bytes to the output. */
export function copyStored(): i32 {
  while (storedLeft > 0) {
    const from = inBase + (bitPos >> 3);
    const room = outEnd - out;
    const n = min(min(<usize>storedLeft, inEnd - from), room);
    if (n == 0) return room == 0 ? STATUS_OUTPUT_FULL : SHORT;
    memory.copy(out, from, n);
    out += n;
    bitPos += n << 3;
    storedLeft -= <u32>n;
  }
  return BLOCK_DONE;
}
