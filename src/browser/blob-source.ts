// Reads a Blob or File. The scan reads it once, in order, through Blob.stream(): in Chromium
// that ran about twice as fast as reading successive slices (bench/browser-speed.js measures
// both). Winners are re-read by slicing, which a Blob allows at any offset.
import { ChunkStreamSource } from "../core/source";
import { streamChunks } from "./stream-chunks";

/** A Blob (or File) as a ByteSource: streamed for the scan, sliced for re-reads. */
export class BlobSource extends ChunkStreamSource {
  constructor(private readonly blob: Blob) {
    super(streamChunks(blob.stream()), blob.size);
  }

  /** Reads one winner's line (or a block of neighbouring lines) again. */
  async readAt(offset: number, length: number): Promise<Uint8Array> {
    return new Uint8Array(await this.blob.slice(offset, offset + length).arrayBuffer());
  }
}
