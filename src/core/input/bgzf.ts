// BGZF (bgzip, samtools, htslib): gzip members of at most 64 KiB, each with its own compressed
// size in a 'BC' extra field. Members decode on their own, so a BGZF file is cut into units as a
// plain file is: unit k owns the members that start in its nominal byte range, and a member
// start is told by its header alone (10 fixed bytes: a false match inside deflate data is
// beyond chance), confirmed by the next header where its size says (so header bytes inside a
// member's stored data are passed over). The run checks that the units' members tile the file (merge.ts).
import { RandomAccess, RangeSource, changedError } from "./access";
import { BGZF_HEADER_BYTES, isBgzfHeader } from "./compression";
import { GzipSource } from "./gzip-source";
import { InflateExports } from "./inflate-core";

/** The first BGZF member start in [from, to) of a file, or undefined (the unit owns nothing). */
export async function bgzfStartIn(file: RandomAccess, from: number, to: number, size: number, name: string, probe: Uint8Array): Promise<number | undefined> {
  if (from <= 0) return 0;
  const scratch = new Uint8Array(BGZF_HEADER_BYTES);
  for (let position = from; position < to;) {
    const n = await file.readInto(probe.subarray(0, Math.min(probe.length, size - position)), position);
    if (n === 0) throw changedError(name);
    const view = probe.subarray(0, n);
    for (let i = view.indexOf(0x1f); i >= 0 && position + i < to; i = view.indexOf(0x1f, i + 1)) {
      if (n - i < BGZF_HEADER_BYTES && position + n < size) break; // a header cut by the probe's end: read from it
      if (isBgzfHeader(view, i) && await nextIsStart(file, position + i, memberSize(view, i), size, scratch)) return position + i;
    }
    // Go on from the first byte a header that the probe cut short could start at.
    position += position + n >= size ? n : Math.max(1, n - BGZF_HEADER_BYTES + 1);
  }
  return undefined;
}

/**
 * Does a unit start at `offset`: the end of the file, or a BGZF header whose member size leads to
 * another one (or to the end)? The same test where a unit starts and where the unit before stops.
 */
export async function isBgzfStart(file: RandomAccess, offset: number, size: number, scratch: Uint8Array): Promise<boolean> {
  if (offset >= size) return true;
  const header = await file.readAt(offset, BGZF_HEADER_BYTES, scratch);
  return isBgzfHeader(header) && nextIsStart(file, offset, memberSize(header, 0), size, scratch);
}

/** A member's whole size from its BC field (BSIZE + 1). */
function memberSize(header: Uint8Array, i: number): number {
  return header[i + 16] + (header[i + 17] << 8) + 1;
}

/** Does the member at `offset` of `length` bytes end at the file's end or at another BGZF header? */
async function nextIsStart(file: RandomAccess, offset: number, length: number, size: number, scratch: Uint8Array): Promise<boolean> {
  const next = offset + length;
  if (next >= size) return next === size;
  return isBgzfHeader(await file.readAt(next, BGZF_HEADER_BYTES, scratch));
}

/** The decoded lines of the unit that starts at member `start` and ends at the first unit start at or after `end`. */
export function bgzfUnitSource(core: InflateExports, file: RandomAccess, start: number, end: number, size: number, name: string): GzipSource {
  const scratch = new Uint8Array(BGZF_HEADER_BYTES);
  return new GzipSource(core, new RangeSource(file, start, size, name), name, {
    origin: start, end, skipFirstLine: start > 0, isUnitStart: (offset) => isBgzfStart(file, offset, size, scratch),
  });
}

/** Lines before the unit that starts at member `start` (> 0): the newlines of the members before it, and the one it leaves. */
export async function bgzfLinesBefore(core: InflateExports, file: RandomAccess, start: number, name: string): Promise<number> {
  const source = new GzipSource(core, new RangeSource(file, 0, start, name), name);
  const block = new Uint8Array(1 << 20);
  let lines = 1;
  for (let n = await source.read(block); n > 0; n = await source.read(block)) {
    for (let i = block.indexOf(10); i >= 0 && i < n; i = block.indexOf(10, i + 1)) lines++;
  }
  return lines;
}
