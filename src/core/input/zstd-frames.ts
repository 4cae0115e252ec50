// A zstd file's frames, for cutting it between threads and --shard parts as BGZF is cut at
// members: every frame and block header says how long it is, so the places where a zstd frame
// ends (or the file starts) are found exactly by walking the headers from the file's start, with
// no guess. A unit starts at the first such place at or after its nominal start and owns the
// frames from there to the next unit's start (zstd-source.ts: the line across the cut is finished
// from the next frame, which is decoded to its end and checked).
import { RandomAccess, RangeSource, changedError } from "./access";
import { damagedZstd, truncatedZstd } from "./compression";
import { ZstdSource } from "./zstd-source";
import { ZstdExports } from "./zstd-core";

const FCS_BYTES = [0, 2, 4, 8];
const DICT_BYTES = [0, 1, 2, 4];

/**
 * How far the walk of one file's headers has got: the places found (0 and each frame's end,
 * ascending) and where the next header is. Every unit of a file asks for its start and its next
 * unit's, each a walk from the file's start; a thread keeps one walk per input (units.ts), so
 * that it reads each header once (a one-frame file of 1 GiB has about 9,000 block headers).
 */
export class FrameWalk {
  readonly places: number[] = [0];
  next = 0;
}

/** The first place in [from, limit) where a zstd frame ends (or 0), walking the file's headers; undefined if none. */
export async function zstdStartIn(
  file: RandomAccess, from: number, limit: number, size: number, name: string, scratch: Uint8Array, walk = new FrameWalk(),
): Promise<number | undefined> {
  if (from <= 0) return 0;
  const read = async (at: number, length: number) => {
    const bytes = await file.readAt(at, length, scratch);
    if (bytes.length < length) throw at + length > size ? truncatedZstd(name) : changedError(name);
    return bytes;
  };
  const { places } = walk;
  while (places[places.length - 1] < from && walk.next < size) {
    // The walk moves on only past a whole frame: a failure leaves it where it was, to fail again.
    let position = walk.next;
    const head = await read(position, Math.min(14, size - position));
    if (head.length < 8) throw truncatedZstd(name);
    const magic = (head[0] | (head[1] << 8) | (head[2] << 16) | (head[3] << 24)) >>> 0;
    if (((magic & 0xfffffff0) >>> 0) === 0x184d2a50) {
      position += 8 + (head[4] | (head[5] << 8) | (head[6] << 16)) + head[7] * 2 ** 24;
      if (position > size) throw truncatedZstd(name); // a skippable frame cut short
      walk.next = position;
      continue;
    }
    if (magic !== 0xfd2fb528) throw damagedZstd(name);
    const descriptor = head[4];
    const single = (descriptor & 32) !== 0;
    const fcsFlag = descriptor >> 6;
    position += 5 + (single ? 0 : 1) + DICT_BYTES[descriptor & 3] + (fcsFlag === 0 && single ? 1 : FCS_BYTES[fcsFlag]);
    for (let last = false; !last;) {
      const block = await read(position, 3);
      const header = block[0] | (block[1] << 8) | (block[2] << 16);
      last = (header & 1) !== 0;
      const type = (header >> 1) & 3;
      if (type === 3) throw damagedZstd(name);
      position += 3 + (type === 1 ? 1 : header >>> 3);
    }
    if ((descriptor & 4) !== 0) position += 4;
    if (position > size) throw truncatedZstd(name);
    places.push(position);
    walk.next = position;
  }
  const found = firstAtOrAfter(places, from);
  return found !== undefined && found < limit && found < size ? found : undefined;
}

/** The first of ascending `values` at or after `from`. */
function firstAtOrAfter(values: number[], from: number): number | undefined {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return values[lo];
}

/** The decoded lines of the unit that starts at `start` and ends at `next`, the next unit's start (undefined: the file's end). */
export function zstdUnitSource(core: ZstdExports, file: RandomAccess, start: number, end: number, next: number | undefined, size: number, name: string): ZstdSource {
  return new ZstdSource(core, new RangeSource(file, start, size, name), name, undefined, { origin: start, end, next, skipFirstLine: start > 0 });
}
