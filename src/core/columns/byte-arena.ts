// Bytes appended back to back into one growing array: millions of small pieces (ids, lines)
// without an object each.

export class ByteArena {
  private buffer = new Uint8Array(4096);
  private used = 0;

  /** Appends source[from, to) and returns where it starts. */
  append(source: Uint8Array, from: number, to: number): number {
    const at = this.used;
    const length = to - from;
    if (at + length > this.buffer.length) {
      const grown = new Uint8Array(Math.max(at + length, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, at));
      this.buffer = grown;
    }
    // Most pieces are a few dozen bytes: a loop beats making a subarray for set().
    if (length < 64) for (let i = 0; i < length; i++) this.buffer[at + i] = source[from + i];
    else this.buffer.set(source.subarray(from, to), at);
    this.used = at + length;
    return at;
  }

  /** What was appended (a view of the arena's own buffer). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.used);
  }
}
