// indexed_gzip's GZIDX layout written field by field from zran.c's zran_export_index (not with
// the code under test): the reference an index we read or write is held to.
export interface LayoutPoint {
  /** zran's cmp_offset: the first whole byte after the point. */
  cmpOffset: number;
  uncmpOffset: number;
  /** Bits of the byte before cmpOffset that belong to the point's data. */
  bits: number;
  /** Its window (windowSize bytes), or undefined: none (a stream's start). */
  data?: Uint8Array;
}

export interface Layout {
  version?: 0 | 1;
  compressedSize: number;
  uncompressedSize: number;
  spacing: number;
  windowSize: number;
  points: LayoutPoint[];
}

export function gzidxLayout(layout: Layout): Buffer {
  const version = layout.version ?? 1;
  const parts: Buffer[] = [Buffer.from("GZIDX", "latin1"), Buffer.from([version, 0])];
  const u64 = (value: number) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(value)); return b; };
  const u32 = (value: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(value); return b; };
  parts.push(u64(layout.compressedSize), u64(layout.uncompressedSize), u32(layout.spacing), u32(layout.windowSize), u32(layout.points.length));
  for (const point of layout.points) {
    parts.push(u64(point.cmpOffset), u64(point.uncmpOffset), Buffer.from([point.bits]));
    if (version >= 1) parts.push(Buffer.from([point.data ? 1 : 0]));
  }
  for (const point of layout.points) if (point.data) parts.push(Buffer.from(point.data));
  return Buffer.concat(parts);
}
