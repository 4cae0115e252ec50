// gzip and zstd are told by their first bytes, never by a name (compression.ts). For inputs read
// once in order (standard input, streams), the first bytes tell: plain bytes go on untouched,
// gzip and zstd are decoded by the core (decoded.ts), other compressed formats are refused.
import { MAGIC_BYTES, readCompression } from "./compression";
import { decodedSource } from "./decoded";
import { InflateExports } from "./inflate-core";
import { ByteSource } from "./source";

/** A source read once in order that decompresses itself when it turns out to be gzip or zstd. */
export class SniffingSource implements ByteSource {
  private decompressed: ByteSource | undefined;
  /** The first bytes, read into a buffer of its own (reads may be as short as 1 byte), not yet handed out; undefined until read. */
  private head: Uint8Array | undefined;
  constructor(private readonly raw: ByteSource, private readonly inflater: () => Promise<InflateExports>, private readonly name: string) {}

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
      const format = readCompression(this.name, this.head);
      if (format) {
        this.decompressed = await decodedSource(format, this.inflater, this.raw, this.name, { head: this.head });
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

  async settle(): Promise<void> {
    await this.decompressed?.settle?.();
  }

  async close(): Promise<void> {
    await this.raw.close?.();
  }
}
