// An index made during the decode of a whole gzip file from its start (--write-index): the
// inflate stops at the first block start after every INDEX_SPACING bytes of input, and the point
// there is noted with the 32 KiB of output before it. The first point is the first block of the
// file (no window), as indexed_gzip makes it; the GZIDX bytes are made once the file decoded whole.
import { DEFLATE_WINDOW, WrittenPoint, encodeIndex } from "./gzip-index";
import { InflateExports } from "./inflate-core";

/** Compressed bytes between the points an index is made with. */
export const INDEX_SPACING = 4 << 20;

/** Where a finished index goes (the platform writes it beside its input). */
export type IndexSink = (bytes: Uint8Array) => void | Promise<void>;

export class IndexRecorder {
  private readonly points: WrittenPoint[] = [];
  constructor(readonly sink: IndexSink, private readonly spacing = INDEX_SPACING) {}

  /** The bit offset of the first stop: the first block (past the first member's header, which starts at bit 0). */
  firstStop(): number {
    return 1;
  }

  /** Notes the point the inflate stopped at; returns the bit offset of the next stop. */
  note(core: InflateExports, bit: number, out: number): number {
    let window: Uint8Array | undefined;
    // A member's first block or header has no data before it in its member: no window (as zran's stream boundaries).
    if (out > 0 && core.inflateWindowFilled() > 0) {
      window = new Uint8Array(DEFLATE_WINDOW);
      const filled = core.inflateWindowFilled();
      // Bytes before the member's data are no data: zeros, so that the index is the same every time.
      window.set(new Uint8Array(core.memory.buffer, (core.inflateWindowAt() >>> 0) + DEFLATE_WINDOW - filled, filled), DEFLATE_WINDOW - filled);
    }
    this.points.push({ bit, out, window });
    return bit + this.spacing * 8;
  }

  /** The whole file decoded, every member checked: its index goes to the sink. */
  finish(compressedSize: number, uncompressedSize: number): void | Promise<void> {
    // indexed_gzip refuses a spacing below the window size (the field only informs).
    return this.sink(encodeIndex(compressedSize, uncompressedSize, Math.max(this.spacing, DEFLATE_WINDOW), this.points));
  }
}
