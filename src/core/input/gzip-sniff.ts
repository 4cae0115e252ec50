// gzip is told by its first two bytes (1f 8b), never by a name. For inputs read once in
// order (standard input, streams), the first read tells: plain bytes go on untouched (read
// straight into the engine), gzip is handed to the platform's decompressor.
import { ByteSource, ChunkStreamSource } from "./source";

/** A platform's gzip decompressor (Node: zlib; browsers: DecompressionStream). All members; damage throws. */
export type Decompress = (compressed: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>;

/** Does this start like gzip? */
export function isGzipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Reads a source's remaining bytes as fresh chunks (for a decompressor, which keeps them). */
export async function* chunksOf(source: ByteSource, first?: Uint8Array): AsyncGenerator<Uint8Array> {
  if (first && first.length > 0) yield first;
  for (;;) {
    const chunk = new Uint8Array(1 << 20);
    const n = await source.read(chunk);
    if (n === 0) return;
    yield chunk.subarray(0, n);
  }
}

/** A source read once in order that decompresses itself when it turns out to be gzip. */
export class SniffingSource implements ByteSource {
  private decompressed: ChunkStreamSource | undefined;
  private sniffed = false;
  constructor(private readonly raw: ByteSource, private readonly decompress: Decompress) {}

  async read(target: Uint8Array): Promise<number> {
    if (this.decompressed) return this.decompressed.read(target);
    if (this.sniffed || target.length < 2) return this.raw.read(target);
    this.sniffed = true;
    let n = await this.raw.read(target);
    while (n === 1) { // one byte is not enough to tell
      const more = await this.raw.read(target.subarray(1));
      if (more === 0) break;
      n += more;
    }
    if (!isGzipMagic(target.subarray(0, n))) return n;
    this.decompressed = new ChunkStreamSource(this.decompress(chunksOf(this.raw, target.slice(0, n))));
    return this.decompressed.read(target);
  }

  async close(): Promise<void> {
    await this.decompressed?.close();
    await this.raw.close?.();
  }
}
