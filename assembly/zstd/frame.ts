// zstd frames (RFC 8878 3.1): each frame's header (its window, checksum flag, dictionary and
// declared size), skippable frames passed over, block headers, raw and RLE blocks, and the end of
// a frame: its checksum (XXH64's low 32 bits) and its declared size checked against the content.
import {
  BLOCK_MAX, ERROR_BAD_BLOCK, ERROR_BAD_CHECKSUM, ERROR_BAD_HEADER, ERROR_BAD_MAGIC, ERROR_BAD_SIZE, ERROR_DICTIONARY,
  ERROR_WINDOW_TOO_LARGE, GO, SHORT, STATUS_FRAME_END, STATUS_OUTPUT_FULL, STATUS_STREAM_END, STOP_AT_FRAME_END, WINDOW_LIMIT,
} from "./codes";
import { forgetHuffman } from "./huffman";
import { readLiterals } from "./literals";
import { forgetSequences, readSequences } from "./sequences";
import {
  S_BLOCK, S_CHECKSUM, S_FRAME, S_SKIP, advanceInput, addProduced, beginFrame, blockMax, contentSize, growOutput, hasChecksum,
  inEnd, inFinal, inPos, out, outStart, outputFits, outputRoom, produced, setOut, setSkip, setState, skipLeft, stops,
} from "./state";
import { xxhDigest, xxhReset, xxhUpdate } from "./xxh64";

const MAGIC: u32 = 0xfd2fb528;
const FCS_BYTES = memory.data<u8>([0, 2, 4, 8]);
const DICT_BYTES = memory.data<u8>([0, 1, 2, 4]);
/** The checksum of the frame read last (status 3), for the host's changed-input check. */
export let lastChecksum: u32 = 0;

/** At a frame's start: a frame header, a skippable frame, the end of the stream, or damage. */
export function frameHeader(): i32 {
  const p = inPos;
  const left = inEnd - p;
  if (left == 0 && inFinal) return STATUS_STREAM_END;
  if (left < 5) return SHORT;
  const magic = load<u32>(p);
  if ((magic & 0xfffffff0) == 0x184d2a50) {
    if (left < 8) return SHORT;
    setSkip(<u64>load<u32>(p + 4));
    advanceInput(8);
    setState(S_SKIP);
    return GO;
  }
  if (magic != MAGIC) return ERROR_BAD_MAGIC;
  const descriptor = <u32>load<u8>(p + 4);
  if ((descriptor & 8) != 0) return ERROR_BAD_HEADER;
  const single = (descriptor & 32) != 0;
  const dictBytes = <usize>load<u8>(DICT_BYTES + (descriptor & 3));
  const fcsFlag = descriptor >> 6;
  const fcsBytes: usize = fcsFlag == 0 && single ? 1 : <usize>load<u8>(FCS_BYTES + fcsFlag);
  const size: usize = 5 + (single ? 0 : 1) + dictBytes + fcsBytes;
  if (left < size) return SHORT;
  let q = p + 5;
  let window: u64 = 0;
  if (!single) {
    const w = <u64>load<u8>(q++);
    const base: u64 = <u64>1 << (10 + (w >> 3));
    window = base + (base >> 3) * (w & 7);
  }
  let dict: u32 = 0;
  if (dictBytes == 1) dict = load<u8>(q);
  else if (dictBytes == 2) dict = load<u16>(q);
  else if (dictBytes == 4) dict = load<u32>(q);
  q += dictBytes;
  if (dict != 0) return ERROR_DICTIONARY;
  let declared: i64 = -1;
  if (fcsBytes == 1) declared = <i64>load<u8>(q);
  else if (fcsBytes == 2) declared = <i64>load<u16>(q) + 256;
  else if (fcsBytes == 4) declared = <i64>load<u32>(q);
  else if (fcsBytes == 8) declared = load<i64>(q);
  if (single) window = <u64>declared;
  if (window > WINDOW_LIMIT || (single && declared < 0)) return ERROR_WINDOW_TOO_LARGE;
  if (!outputFits(window)) {
    // The region is replaced: the step's output must be taken first.
    if (out > outStart) return STATUS_OUTPUT_FULL;
    growOutput(window);
  }
  advanceInput(size);
  lastChecksum = 0;
  beginFrame(window, (descriptor & 4) != 0, declared);
  forgetHuffman();
  forgetSequences();
  xxhReset();
  setState(S_BLOCK);
  return GO;
}

/** Passes over a skippable frame's data as it arrives. */
export function skipFrame(): i32 {
  const n = <usize>min(skipLeft, <u64>(inEnd - inPos));
  advanceInput(n);
  setSkip(skipLeft - <u64>n);
  if (skipLeft > 0) return SHORT;
  setState(S_FRAME);
  return GO;
}

/** Decodes the next block once all of it is in the input. */
export function block(): i32 {
  const p = inPos;
  const left = inEnd - p;
  if (left < 3) return SHORT;
  const header = <u32>load<u16>(p) | (<u32>load<u8>(p + 2) << 16);
  const last = (header & 1) != 0;
  const type = (header >> 1) & 3;
  const size = <usize>(header >> 3);
  if (type == 3 || size > blockMax) return ERROR_BAD_BLOCK;
  const body: usize = type == 1 ? 1 : size;
  if (left < 3 + body) return SHORT;
  if (outputRoom() < BLOCK_MAX) return STATUS_OUTPUT_FULL;
  const from = out;
  const q = p + 3;
  if (type == 0) {
    memory.copy(from, q, size);
    setOut(from + size);
  } else if (type == 1) {
    memory.fill(from, load<u8>(q), size);
    setOut(from + size);
  } else {
    if (size < 1) return ERROR_BAD_BLOCK;
    const r = readLiterals(q, size, blockMax);
    if (r < 0) return r;
    const s = readSequences(q + <usize>r, size - <usize>r, blockMax);
    if (s < 0) return s;
  }
  advanceInput(3 + body);
  const made = out - from;
  if (hasChecksum) xxhUpdate(from, made);
  addProduced(<u64>made);
  if (contentSize >= 0 && produced > <u64>contentSize) return ERROR_BAD_SIZE;
  if (!last) return GO;
  if (hasChecksum) {
    setState(S_CHECKSUM);
    return GO;
  }
  return frameEnd();
}

/** Reads the frame's checksum and checks it. */
export function checksum(): i32 {
  if (inEnd - inPos < 4) return SHORT;
  const expected = load<u32>(inPos);
  if (expected != <u32>xxhDigest()) return ERROR_BAD_CHECKSUM;
  advanceInput(4);
  lastChecksum = expected;
  return frameEnd();
}

function frameEnd(): i32 {
  if (contentSize >= 0 && produced != <u64>contentSize) return ERROR_BAD_SIZE;
  setState(S_FRAME);
  return (stops & STOP_AT_FRAME_END) != 0 ? STATUS_FRAME_END : GO;
}
