// Reads a Blob or File. The scan reads it once, in order, through Blob.stream(): in Chromium
// that ran about twice as fast as reading successive slices (bench/browser-speed.js measures
// both). Winners are re-read by slicing, which a Blob allows at any offset.
import { ByteSource } from "../core/source";

/** A Blob (or File) as a ByteSource: streamed for the scan, sliced for re-reads. */
export class BlobSource implements ByteSource {
  readonly size: number;
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private pending: Uint8Array = new Uint8Array(0);
  private done = false;

  constructor(private readonly blob: Blob) {
    this.size = blob.size;
  }

  /** Fills `target` completely unless the blob ends: fewer, larger scans cost less per byte. */
  async read(target: Uint8Array): Promise<number> {
    this.reader ??= this.blob.stream().getReader();
    let filled = 0;
    while (filled < target.length) {
      if (this.pending.length === 0) {
        if (this.done) break;
        const next = await this.reader.read();
        if (next.done) { this.done = true; break; }
        this.pending = next.value;
        continue;
      }
      const n = Math.min(target.length - filled, this.pending.length);
      target.set(this.pending.subarray(0, n), filled);
      this.pending = this.pending.subarray(n);
      filled += n;
    }
    return filled;
  }

  /** Reads one winner's line again. */
  async readAt(offset: number, length: number): Promise<Uint8Array> {
    return new Uint8Array(await this.blob.slice(offset, offset + length).arrayBuffer());
  }

  async close(): Promise<void> {
    if (this.reader && !this.done) await this.reader.cancel();
  }
}
