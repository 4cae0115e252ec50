// Index points (issue 27, indexed_gzip's GZIDX): a decode from the start stops at the first block
// start at or after a bit offset the host names, so that the host can note the point there (the
// bit offset, the output offset it counts, and the 32 KiB window before it); a decode can start
// at such a point, mid-member, with that window primed. A stop costs one compare per block (and
// per member header: a point may also be a member's first byte).
import { STATUS_BLOCK_START } from "./codes";
import { beginHeader } from "./gzip";
import { S_BLOCK, S_GZIP_HEADER, WINDOW, beginMember, beginPartialMember, bitPos, history, inOrigin, out, setInOrigin, setState } from "./stream";

/** Stop at the first block start at or after this bit offset (u64.MAX_VALUE: never). */
let stopBit: u64 = u64.MAX_VALUE;

export function setStopBit(bit: u64): void { stopBit = bit; }

/** Before a block header: STATUS_BLOCK_START once, where a stop was asked; 0 to go on. */
@inline export function blockStop(): i32 {
  if ((inOrigin << 3) + <u64>bitPos < stopBit) return 0;
  stopBit = u64.MAX_VALUE;
  return STATUS_BLOCK_START;
}

/** Where the window before the next output byte starts (the WINDOW bytes before it). */
export function windowAt(): usize { return out - WINDOW; }

/** How many of the WINDOW bytes before the next output byte this member's data filled. */
export function windowFilled(): usize { return min(out - history, WINDOW); }

/**
 * Resumes a gzip decode at a block start mid-member: the stream was reset, the host wrote the
 * window at windowAt() and will write input from the byte `byteOffset` holds the point in; the
 * first `skipBits` bits of it belong to the block before. The member's CRC-32 and size count from
 * here, so its trailer is not checked (the host joins the parts: see gzip-index units).
 */
export function resumeAt(byteOffset: u64, skipBits: u32, atHeader: bool): void {
  setInOrigin(byteOffset, skipBits);
  if (atHeader) {
    // A point at a member's header (a stream boundary): the member is read whole, as from a file's start.
    setState(S_GZIP_HEADER);
    beginHeader();
    beginMember();
    return;
  }
  setState(S_BLOCK);
  beginPartialMember(WINDOW);
}
