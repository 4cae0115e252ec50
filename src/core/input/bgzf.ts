// BGZF (bgzip, samtools, htslib): gzip members of at most 64 KiB, each with its own compressed
// size in a 'BC' extra field. Members decode on their own, so a BGZF file is cut into units as a
// plain file is: a unit starts at the first member start at or after its nominal start and owns
// the members from there to the next unit's start. A member start found by a scan is a guess:
// it must be a BGZF header whose size leads to another one (or to the end) and a member that
// decodes on its own, CRC-32 and size included, so header bytes held as data are passed over.
// Both sides of a cut ask the same function of the file (startAtOrAfter), so they agree; the unit
// before, decoding from a true start, confirms it (gzip-source.ts), and the run checks that the
// units' members tile the file and that both sides saw the same member there (units.ts).
import { RandomAccess, RangeSource, changedError } from "./access";
import { BGZF_HEADER_BYTES, isBgzfHeader } from "./compression";
import { GzipSource } from "./gzip-source";
import { FORMAT_GZIP, InflateExports, MEMBER_END, OUTPUT_FULL, STOP_AT_MEMBER_END } from "./inflate-core";

/**
 * The first member start in [from, limit) of a BGZF file, or undefined: a header whose size
 * leads to another header (or to the end), whose member decodes on its own. Uses `core` (reset).
 */
export async function bgzfStartIn(
  core: InflateExports, file: RandomAccess, from: number, limit: number, size: number, name: string, probe: Uint8Array,
): Promise<number | undefined> {
  if (from <= 0) return 0;
  const scratch = new Uint8Array(BGZF_HEADER_BYTES);
  for (let position = from; position < limit;) {
    const n = await file.readInto(probe.subarray(0, Math.min(probe.length, size - position)), position);
    if (n === 0) throw changedError(name);
    const view = probe.subarray(0, n);
    for (let i = view.indexOf(0x1f); i >= 0 && position + i < limit; i = view.indexOf(0x1f, i + 1)) {
      if (n - i < BGZF_HEADER_BYTES && position + n < size) break; // a header cut by the probe's end: read from it
      if (!isBgzfHeader(view, i)) continue;
      const at = position + i;
      const length = memberSize(view, i);
      if (await nextIsStart(file, at, length, size, scratch) && await memberDecodes(core, file, at, length)) return at;
    }
    // Go on from the first byte a header that the probe cut short could start at.
    position += position + n >= size ? n : Math.max(1, n - BGZF_HEADER_BYTES + 1);
  }
  return undefined;
}

/** Does the `length` bytes at `at` hold one whole gzip member, its CRC-32 and size right? */
async function memberDecodes(core: InflateExports, file: RandomAccess, at: number, length: number): Promise<boolean> {
  core.inflateReset(FORMAT_GZIP);
  core.inflateStops(STOP_AT_MEMBER_END);
  const room = new Uint8Array(core.memory.buffer, core.inflateInputAt() >>> 0, length);
  if (await file.readInto(room, at) !== length) return false;
  core.inflatePush(length, 1);
  for (;;) {
    const status = core.inflateStep();
    if (status === MEMBER_END) return core.inflateBitOffset() === length * 8;
    if (status !== OUTPUT_FULL) return false;
  }
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

/** The decoded lines of the unit that starts at member `start` and ends at `next`, the next unit's start (undefined: the file's end). */
export function bgzfUnitSource(core: InflateExports, file: RandomAccess, start: number, end: number, next: number | undefined, size: number, name: string): GzipSource {
  return new GzipSource(core, new RangeSource(file, start, size, name), name, { origin: start, end, next, skipFirstLine: start > 0 });
}
