// BGZF files made here (as bgzip makes them): gzip members with a 'BC' extra field holding the
// member's size, each from a slice of the data, and bgzip's empty end-of-file member. Slices may
// be any size (bgzip's are at most 64 KiB), so lines can straddle members anywhere.
import * as zlib from "node:zlib";

/** One BGZF member of `data` (deflated at `level`; 0 gives stored blocks). */
export function bgzfMember(data: Uint8Array, level = 6): Buffer {
  const deflated = zlib.deflateRawSync(data, { level });
  const header = Buffer.from([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 6, 0, 0x42, 0x43, 2, 0, 0, 0]);
  const size = header.length + deflated.length + 8 - 1;
  if (size > 0xffff) throw new Error("a BGZF member holds at most 64 KiB");
  header.writeUInt16LE(size, 16);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32 ? zlib.crc32(data) >>> 0 : crc32(data), 0);
  trailer.writeUInt32LE(data.length >>> 0, 4);
  return Buffer.concat([header, deflated, trailer]);
}

/** bgzip's end-of-file marker: an empty member. */
export const BGZF_EOF = bgzfMember(new Uint8Array(0));

/** `data` as BGZF, cut into slices of the given sizes (cycled), with the end-of-file member. */
export function bgzf(data: Uint8Array, sliceSizes: number[] = [60000], level = 6): Buffer {
  const members: Buffer[] = [];
  for (let at = 0, i = 0; at < data.length; i++) {
    const size = Math.max(1, sliceSizes[i % sliceSizes.length]);
    members.push(bgzfMember(data.subarray(at, at + size), level));
    at += size;
  }
  members.push(BGZF_EOF);
  return Buffer.concat(members);
}

/** CRC-32 (for Node versions without zlib.crc32). */
function crc32(data: Uint8Array): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
