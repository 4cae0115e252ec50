// Where a gzip file that is not BGZF is cut (gzip-blocks.ts): at block starts a search from the
// middle can find, and the pieces of output a unit reports so that every member's CRC-32 and
// size are checked across units (merge.ts joins them in order).
import { InflateExports } from "./inflate-core";

/**
 * Output of one member inside a unit: from the unit's start or a member's start, to a member's
 * end (its trailer, read there) or to the unit's end.
 */
export interface CrcPiece {
  crc: number;
  /** Bytes, mod 2^32 (as ISIZE). */
  size: number;
  /** The member ends here: its trailer's CRC-32 and ISIZE. */
  trailer?: { crc: number; size: number };
}

/**
 * The cut point where a block starts at absolute bit `bit` of the input pushed so far, if it is
 * one: a block a search from the middle takes for one (a dynamic block, or a non-final stored
 * block followed by a valid one; not a fixed-code block). undefined: more input is needed to
 * tell; -1: not a cut point. A stored block is named by where its length field starts: the same
 * block is found from any of the zero bits before its header that the padding after it leaves
 * valid (a search from the middle may find an earlier one), and every such start decodes alike.
 */
function cutPointAt(core: InflateExports, bit: number): number | undefined {
  const kind = core.inflateTryBlock(bit);
  if (kind < 0) return undefined;
  return kind === 0 ? -1 : cutPoint(bit, kind);
}

/** The cut point of a block found at `bit` by inflateTryBlock or inflateFindBlock (kind 1 stored, 2 dynamic). */
export function cutPoint(bit: number, kind: number): number {
  return kind === STORED ? Math.ceil((bit + 3) / 8) * 8 : bit;
}

const STORED = 1;
/** A stored block found this many bits before a cut point may still be named by it (3 header bits, up to 7 of padding). */
export const STORED_LEAD_BITS = 10;

/**
 * At a block end (a BLOCK_END stop): the cut point there, absolute, if it is at or after
 * `endBit` (a unit's nominal end, absolute), else undefined. `base` is the absolute bit of
 * the inflate's bit 0; `more` pushes more input where it takes more to tell (false: none is left).
 * A final block's end is none (its member's trailer follows), and neither is a block end the
 * data ends at. The one test where a unit ends, for the first unit and for those decoded from the middle.
 */
export async function cutPointEnding(
  core: InflateExports, base: number, endBit: number, more: () => Promise<boolean>,
): Promise<number | undefined> {
  const bit = core.inflateBitOffset();
  // (A stored block's cut point is after its header: the header may start before endBit.)
  if (core.inflateLastBlock() || base + bit + STORED_LEAD_BITS < endBit) return undefined;
  let cut = cutPointAt(core, bit);
  while (cut === undefined) {
    if (!(await more())) return undefined;
    cut = cutPointAt(core, bit);
  }
  return cut >= 0 && base + cut >= endBit ? base + cut : undefined;
}

/** The run of CRC pieces of one gzip file, joined unit by unit: false at the first mismatch. */
export class CrcChain {
  private crc = 0;
  private size = 0;

  constructor(private readonly combine: (crcA: number, crcB: number, lengthB: number) => number) {}

  add(pieces: CrcPiece[]): boolean {
    for (const piece of pieces) {
      this.crc = this.combine(this.crc, piece.crc, piece.size) >>> 0;
      this.size = (this.size + piece.size) % 2 ** 32;
      if (piece.trailer) {
        if (piece.trailer.crc >>> 0 !== this.crc || piece.trailer.size >>> 0 !== this.size) return false;
        this.crc = 0;
        this.size = 0;
      }
    }
    return true;
  }
}
