// gzip framing (RFC 1952) around deflate data: each member's header, read as its bytes arrive
// (its name and comment may be any length), its trailer (CRC-32 and size, checked against the
// output), and what follows a member: another member, the end, or bytes that begin none.
import { crc32Update } from "./crc32";
import {
  ERROR_BAD_CRC, ERROR_BAD_HEADER, ERROR_BAD_HEADER_CRC, ERROR_BAD_SIZE, GO, SHORT, STATUS_MEMBER_END, STATUS_STREAM_END, STATUS_TRAILING,
  STOP_AT_MEMBER_END,
} from "./codes";
import {
  S_BLOCK, S_GZIP_HEADER, S_NEXT_MEMBER, beginMember, bitPos, checkMember, crc, inBase, inEnd, inFinal, lastBlock, memberSize,
  partialMember, state, stops,
} from "./stream";

// Parts of a gzip header, read as bytes arrive.
const H_FIXED = 0;
const H_EXTRA_LENGTH = 1;
const H_EXTRA = 2;
const H_NAME = 3;
const H_COMMENT = 4;

let headerPart: i32 = H_FIXED;
let headerFlags: u32 = 0;
let headerLeft: u32 = 0;
let headerCrc: u32 = 0;
export let trailerCrc: u32 = 0;
export let trailerSize: u32 = 0;

/** A member's header is next: read it from its first byte. */
export function beginHeader(): void {
  headerPart = H_FIXED;
}

/** No byte of the current member's header is read yet. */
export function atHeaderStart(): bool {
  return headerPart == H_FIXED;
}

/** Index of the first zero byte in [p, end), or end. */
function zeroAt(p: usize, end: usize): usize {
  while (p < end && load<u8>(p) != 0) p++;
  return p;
}

/** Reads a member header as its bytes arrive. */
export function gzipHeader(): i32 {
  const end = inEnd;
  let p = inBase + (bitPos >> 3);
  let result: i32 = GO;
  while (true) {
    if (headerPart == H_FIXED) {
      if (end - p < 10) { result = SHORT; break; }
      if (load<u8>(p) != 0x1f || load<u8>(p + 1) != 0x8b || load<u8>(p + 2) != 8 || (load<u8>(p + 3) & 0xe0) != 0) {
        result = ERROR_BAD_HEADER;
        break;
      }
      headerFlags = load<u8>(p + 3);
      headerCrc = crc32Update(0, p, 10);
      p += 10;
      headerPart = H_EXTRA_LENGTH;
    } else if (headerPart == H_EXTRA_LENGTH) {
      if ((headerFlags & 4) != 0) {
        if (end - p < 2) { result = SHORT; break; }
        headerLeft = load<u16>(p);
        headerCrc = crc32Update(headerCrc, p, 2);
        p += 2;
      } else {
        headerLeft = 0;
      }
      headerPart = H_EXTRA;
    } else if (headerPart == H_EXTRA) {
      const n = min(<usize>headerLeft, end - p);
      headerCrc = crc32Update(headerCrc, p, n);
      p += n;
      headerLeft -= <u32>n;
      if (headerLeft > 0) { result = SHORT; break; }
      headerPart = H_NAME;
    } else if (headerPart == H_NAME || headerPart == H_COMMENT) {
      if ((headerFlags & (headerPart == H_NAME ? 8 : 16)) != 0) {
        const zero = zeroAt(p, end);
        const n = zero < end ? zero + 1 - p : end - p;
        headerCrc = crc32Update(headerCrc, p, n);
        p += n;
        if (zero == end) { result = SHORT; break; }
      }
      headerPart++;
    } else {
      if ((headerFlags & 2) != 0) {
        if (end - p < 2) { result = SHORT; break; }
        if (<u32>load<u16>(p) != (headerCrc & 0xffff)) { result = ERROR_BAD_HEADER_CRC; break; }
        p += 2;
      }
      state = S_BLOCK;
      break;
    }
  }
  bitPos = (p - inBase) << 3;
  return result;
}

/** Reads a member's trailer and checks it against the output: its CRC-32, then its size. */
export function gzipTrailer(): i32 {
  const at = (bitPos + 7) >> 3;
  const left = inEnd - inBase - at;
  if (left < 8) {
    // Ended inside the trailer: truncated only if the bytes that are there agree with the data
    // (a byte deleted inside the data leaves a trailer that does not).
    if (inFinal && checkMember && !partialMember && !trailerPrefixAgrees(inBase + at, left)) return ERROR_BAD_CRC;
    return SHORT;
  }
  trailerCrc = load<u32>(inBase + at);
  trailerSize = load<u32>(inBase + at + 4);
  bitPos = (at + 8) << 3;
  state = S_NEXT_MEMBER;
  if (checkMember && !partialMember) {
    if (trailerCrc != crc) return ERROR_BAD_CRC;
    if (trailerSize != memberSize) return ERROR_BAD_SIZE;
  }
  return (stops & STOP_AT_MEMBER_END) != 0 ? STATUS_MEMBER_END : GO;
}

/** Do the first `n` (< 8) bytes of a trailer at p agree with the member's CRC-32 and size? */
function trailerPrefixAgrees(p: usize, n: usize): bool {
  for (let i: usize = 0; i < n; i++) {
    const expected = i < 4 ? (crc >>> (<u32>i << 3)) & 0xff : (memberSize >>> (<u32>(i - 4) << 3)) & 0xff;
    if (<u32>load<u8>(p + i) != expected) return false;
  }
  return true;
}

/** After a member: another member, the end, or bytes that are not a gzip header (trailing). */
export function nextMember(): i32 {
  const p = inBase + (bitPos >> 3);
  const left = inEnd - p;
  if (left == 0) return inFinal ? STATUS_STREAM_END : SHORT;
  if (load<u8>(p) != 0x1f) return STATUS_TRAILING;
  // A lone first byte of the magic number: more may come; at the end it begins no member (trailing).
  if (left == 1) return inFinal ? STATUS_TRAILING : SHORT;
  if (load<u8>(p + 1) != 0x8b) return STATUS_TRAILING;
  state = S_GZIP_HEADER;
  headerPart = H_FIXED;
  lastBlock = false;
  beginMember();
  return GO;
}
