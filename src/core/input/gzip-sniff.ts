// gzip is told by its first two bytes (1f 8b), never by a name (compression.ts). For inputs
// read once in order (standard input, streams), the first bytes tell: plain bytes go on
// untouched, gzip is handed to the platform's decompressor, other compressed formats are refused.
import { MAGIC_BYTES, isGzipInput } from "./compression";
import { ByteSource, ChunkCounter, ChunkStreamSource } from "./source";

/** A platform's gzip decompressor (Node: zlib; browsers: DecompressionStream). All members; damage throws. */
export type Decompress = (compressed: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>;

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
  /** The first bytes, read into a buffer of its own (reads may be as short as 1 byte), not yet handed out; undefined until read. */
  private head: Uint8Array | undefined;
  constructor(private readonly raw: ByteSource, private readonly decompress: Decompress, private readonly name: string) {}

  async read(target: Uint8Array): Promise<number> {
    if (this.decompressed) return this.decompressed.read(target);
    if (!this.head) {
      const head = new Uint8Array(MAGIC_BYTES);
      let n = 0;
      while (n < head.length) {
        const more = await this.raw.read(head.subarray(n));
        if (more === 0) break;
        n += more;
      }
      this.head = head.subarray(0, n);
      if (isGzipInput(this.name, this.head)) {
        const counter = new ChunkCounter();
        this.decompressed = new ChunkStreamSource(this.decompress(counter.count(chunksOf(this.raw, this.head))), undefined, () => counter.bytes);
        return this.decompressed.read(target);
      }
    }
    if (this.head.length === 0) return this.raw.read(target);
    const n = Math.min(target.length, this.head.length);
    target.set(this.head.subarray(0, n));
    this.head = this.head.subarray(n);
    return n;
  }

  /** The raw bytes taken: what was read, or what the decompressor took. */
  consumed(): number | undefined {
    return this.decompressed?.consumed?.();
  }

  async close(): Promise<void> {
    await this.decompressed?.close();
    await this.raw.close?.();
  }
}
