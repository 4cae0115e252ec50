// indexed_gzip's index format, GZIDX (zran.c's zran_export_index and zran_import_index; rapidgzip
// --export-index writes it too), read and written byte for byte, little-endian:
//   "GZIDX", version (1), flags (0), compressed size (u64), uncompressed size (u64), spacing
//   (u32), window size (u32), number of points (u32); then per point its compressed offset (u64:
//   the first whole byte of the data after it), uncompressed offset (u64), bits (u8: the point is
//   that many bits before the compressed offset) and a data flag (u8, version 1: a window
//   follows); then each flagged point's window, in order, window-size bytes (the data before it).
// A point is a deflate block start; a point without a window is a member's first block.

const MAGIC = [0x47, 0x5a, 0x49, 0x44, 0x58]; // "GZIDX"
const VERSION = 1;
export const INDEX_HEAD_BYTES = 35;
export const INDEX_POINT_BYTES = 18;
/** The window a deflate back-reference may reach: every window holds at least this much. */
export const DEFLATE_WINDOW = 32768;

/** One point as the index holds it. */
export interface IndexPoint {
  /** Bit offset in the compressed file (compressed offset × 8 − bits). */
  bit: number;
  /** Offset of the decoded byte that follows it. */
  out: number;
  /** Offset in the index file of its window's last DEFLATE_WINDOW bytes; -1: none (a member's first block). */
  window: number;
}

/** An index's head and points (the windows stay in the file: each unit reads its own). */
export interface GzipIndex {
  compressedSize: number;
  uncompressedSize: number;
  spacing: number;
  windowSize: number;
  points: IndexPoint[];
  /** Bytes the whole index file must have. */
  length: number;
}

/** Why an index cannot be used (said in the warning). */
export class IndexFormatError extends Error {}

/** Bytes of the head and the point list of an index with `points` points (version 0's points have no data flag byte). */
export function indexListBytes(points: number, version = VERSION): number {
  return INDEX_HEAD_BYTES + points * (version >= 1 ? INDEX_POINT_BYTES : INDEX_POINT_BYTES - 1);
}

/** The bytes of the head and points the head (INDEX_HEAD_BYTES) announces; throws IndexFormatError for what is not a GZIDX head. */
export function indexHeadListBytes(head: Uint8Array): number {
  if (head.length < INDEX_HEAD_BYTES || MAGIC.some((byte, i) => head[i] !== byte)) throw new IndexFormatError("it is not a GZIDX index");
  if (head[5] > VERSION) throw new IndexFormatError(`GZIDX version ${head[5]} is newer than this reader`);
  return indexListBytes(new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(31, true), head[5]);
}

/** Reads the head and points (`list`: the first indexListBytes(count) bytes); throws IndexFormatError. */
export function parseIndex(list: Uint8Array): GzipIndex {
  if (list.length < indexHeadListBytes(list)) throw new IndexFormatError("it is truncated");
  const view = new DataView(list.buffer, list.byteOffset, list.byteLength);
  const count = view.getUint32(31, true);
  const u64 = (at: number) => {
    const value = view.getBigUint64(at, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new IndexFormatError("an offset is out of range");
    return Number(value);
  };
  const version = list[5];
  const windowSize = view.getUint32(27, true);
  if (windowSize < DEFLATE_WINDOW) throw new IndexFormatError(`its window size ${windowSize} is below 32768`);
  const points: IndexPoint[] = [];
  const stride = version >= 1 ? INDEX_POINT_BYTES : INDEX_POINT_BYTES - 1;
  let windowAt = indexListBytes(count, version);
  for (let i = 0; i < count; i++) {
    const at = INDEX_HEAD_BYTES + i * stride;
    const bits = list[at + 16];
    // Version 0 has no data flag: its first point has no window, every other one has.
    const flag = version >= 1 ? list[at + 17] : i === 0 ? 0 : 1;
    if (bits > 7 || flag > 1) throw new IndexFormatError(`point ${i} is not valid`);
    points.push({ bit: u64(at) * 8 - bits, out: u64(at + 8), window: flag ? windowAt + windowSize - DEFLATE_WINDOW : -1 });
    if (flag) windowAt += windowSize;
  }
  return { compressedSize: u64(7), uncompressedSize: u64(15), spacing: view.getUint32(23, true), windowSize, points, length: windowAt };
}

/** A point to write: where it is, and the DEFLATE_WINDOW bytes before it (absent: a member's first block). */
export interface WrittenPoint {
  bit: number;
  out: number;
  window?: Uint8Array;
}

/** The GZIDX bytes of an index (window size DEFLATE_WINDOW). */
export function encodeIndex(compressedSize: number, uncompressedSize: number, spacing: number, points: WrittenPoint[]): Uint8Array {
  const windows = points.filter((point) => point.window).length;
  const bytes = new Uint8Array(indexListBytes(points.length) + windows * DEFLATE_WINDOW);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC);
  bytes[5] = VERSION;
  bytes[6] = 0;
  view.setBigUint64(7, BigInt(compressedSize), true);
  view.setBigUint64(15, BigInt(uncompressedSize), true);
  view.setUint32(23, spacing, true);
  view.setUint32(27, DEFLATE_WINDOW, true);
  view.setUint32(31, points.length, true);
  let windowAt = indexListBytes(points.length);
  points.forEach((point, i) => {
    const at = INDEX_HEAD_BYTES + i * INDEX_POINT_BYTES;
    const bits = (8 - (point.bit % 8)) % 8;
    view.setBigUint64(at, BigInt((point.bit + bits) / 8), true);
    view.setBigUint64(at + 8, BigInt(point.out), true);
    bytes[at + 16] = bits;
    bytes[at + 17] = point.window ? 1 : 0;
    if (point.window) {
      bytes.set(point.window, windowAt);
      windowAt += DEFLATE_WINDOW;
    }
  });
  return bytes;
}

/**
 * The points of `index` a file of `size` bytes can be cut at, once the index is known to be
 * whole (`length` bytes) and made for a file of that size; throws IndexFormatError else. A point
 * must be past the start and before the end, both offsets increasing (the rest are left out).
 */
export function usablePoints(index: GzipIndex, size: number, length: number): IndexPoint[] {
  if (index.compressedSize !== size) throw new IndexFormatError(`it was made for a file of ${index.compressedSize} bytes, not ${size}`);
  if (length < index.length) throw new IndexFormatError("it is truncated");
  if (length > index.length) throw new IndexFormatError("it has bytes after its last window");
  const points: IndexPoint[] = [];
  for (const point of index.points) {
    const last = points[points.length - 1];
    if (point.out <= 0 || point.bit >= size * 8 || (index.uncompressedSize > 0 && point.out >= index.uncompressedSize)) continue;
    if (last && (point.bit <= last.bit || point.out <= last.out)) continue;
    points.push(point);
  }
  return points;
}
