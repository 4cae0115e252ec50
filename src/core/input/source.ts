// Where bytes come from. Platform files (node/, browser/) implement this; the core reads through it.

/** A readable input. */
export interface ByteSource {
  /** Reads up to target.length bytes into target; 0 means the end. */
  read(target: Uint8Array): number | Promise<number>;
  /**
   * Reads `length` bytes at absolute `offset` (fewer if the input is shorter now).
   * Absent when the input cannot be re-read (a pipe, a stream): the engine then keeps
   * the bytes of the lines in its heap.
   */
  readAt?(offset: number, length: number): Uint8Array | Promise<Uint8Array>;
  /** Total size in bytes when known (for progress). */
  readonly size?: number;
  /**
   * Bytes of the input itself taken so far, where they are not the bytes read (compressed
   * input: progress counts the compressed bytes, against the compressed size); undefined: the bytes read.
   */
  consumed?(): number | undefined;
  /**
   * Confirms the bytes given so far are intact before a data error in them is reported
   * (compressed input: the member they end in decodes to its end, its checks passing); throws
   * the input error if not. Absent: plain bytes, nothing to confirm.
   */
  settle?(): Promise<void>;
  /** Releases the input. */
  close?(): void | Promise<void>;
}

/** Bytes already in memory. */
export class BytesSource implements ByteSource {
  private position = 0;
  readonly size: number;
  constructor(private readonly bytes: Uint8Array) {
    this.size = bytes.length;
  }
  read(target: Uint8Array): number {
    const n = Math.min(target.length, this.bytes.length - this.position);
    target.set(this.bytes.subarray(this.position, this.position + n));
    this.position += n;
    return n;
  }
  readAt(offset: number, length: number): Uint8Array {
    return this.bytes.subarray(offset, Math.min(offset + length, this.bytes.length));
  }
}

/** Counts the bytes of chunks as they are taken (by a decompressor: see ByteSource.consumed). */
export class ChunkCounter {
  bytes = 0;
  async *count(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      this.bytes += chunk.length;
      yield chunk;
    }
  }
}

/** Any async iterable of byte chunks (a Node stream, a WHATWG ReadableStream): read once, in order. */
export class ChunkStreamSource implements ByteSource {
  private pending: Uint8Array = new Uint8Array(0);
  private readonly iterator: AsyncIterator<Uint8Array>;
  private done = false;
  /** `consumed`: the input's own bytes taken so far, when the chunks are made from them (decompressed). */
  constructor(chunks: AsyncIterable<Uint8Array>, readonly size?: number, readonly consumed?: () => number) {
    this.iterator = chunks[Symbol.asyncIterator]();
  }
  /** Fills `target` unless the input ends: fewer, larger scans cost less per byte. */
  async read(target: Uint8Array): Promise<number> {
    let filled = 0;
    while (filled < target.length) {
      if (this.pending.length === 0) {
        if (this.done) break;
        const next = await this.iterator.next();
        if (next.done) { this.done = true; break; }
        this.pending = next.value instanceof Uint8Array ? next.value : new Uint8Array(next.value as ArrayBuffer);
        continue;
      }
      const n = Math.min(target.length - filled, this.pending.length);
      target.set(this.pending.subarray(0, n), filled);
      this.pending = this.pending.subarray(n);
      filled += n;
    }
    return filled;
  }
  async close(): Promise<void> {
    if (!this.done) await this.iterator.return?.();
  }
}

/**
 * Releases an input a caller handed over, whether the run read it, stopped in it or never
 * reached it: a ByteSource is closed, a ReadableStream cancelled (nothing happens to one that
 * ended). Failures are dropped: releasing must not replace the run's outcome.
 */
export async function releaseGiven(item: unknown): Promise<void> {
  try {
    if (typeof ReadableStream !== "undefined" && item instanceof ReadableStream) {
      if (!item.locked) await item.cancel();
    } else if (typeof item === "object" && item !== null && typeof (item as ByteSource).read === "function") {
      await (item as ByteSource).close?.();
    }
  } catch { /* it failed already, or its owner released it */ }
}
