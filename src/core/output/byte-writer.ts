// Output built as bytes in blocks: no string per record, and no output too large for one
// string (V8 caps strings near 512 MiB). Full blocks are taken by the caller as it goes.

/** "00" to "99": two digits per step, a quarter of the divisions. */
const PAIRS = Uint8Array.from({ length: 200 }, (_, i) => 0x30 + (i & 1 ? (i >> 1) % 10 : Math.floor((i >> 1) / 10)));

/** Decimal digits of `value` (an integer below 10^8). */
function digitCount(value: number): number {
  if (value < 10000) return value < 100 ? (value < 10 ? 1 : 2) : value < 1000 ? 3 : 4;
  return value < 1000000 ? (value < 100000 ? 5 : 6) : value < 10000000 ? 7 : 8;
}

/** Writes `value` (an integer below 10^8) at `at` in decimal, padded with zeros to `width` digits; returns the end. */
function writeDigits(block: Uint8Array, at: number, value: number, width: number): number {
  const end = at + Math.max(digitCount(value), width);
  let i = end;
  while (i - at >= 2) {
    const next = (value / 100) | 0;
    const pair = (value - next * 100) << 1;
    block[--i] = PAIRS[pair + 1];
    block[--i] = PAIRS[pair];
    value = next;
  }
  if (i > at) block[--i] = 0x30 + value;
  return end;
}

export class ByteWriter {
  private block: Uint8Array;
  private used = 0;
  /** Bytes in blocks before the current one. */
  private before = 0;
  private done: Uint8Array[] = [];

  constructor(private readonly blockBytes = 1 << 18) {
    this.block = new Uint8Array(blockBytes);
  }

  /** Room for `bytes` more in the current block (a new block when it would not fit). */
  private room(bytes: number): void {
    if (this.used + bytes <= this.block.length) return;
    if (this.used > 0) this.done.push(this.block.subarray(0, this.used));
    this.before += this.used;
    this.block = new Uint8Array(Math.max(this.blockBytes, bytes));
    this.used = 0;
  }

  /** Appends all of `piece`. */
  piece(piece: Uint8Array): void {
    this.room(piece.length);
    this.block.set(piece, this.used);
    this.used += piece.length;
  }

  /** Appends source[from, to). */
  bytes(source: Uint8Array, from: number, to: number): void {
    const length = to - from;
    this.room(length);
    if (length > 64 || to > 0x7fffffff) {
      this.block.set(source.subarray(from, to), this.used);
      this.used += length;
      return;
    }
    // Short pieces (ids, millions of them): a loop makes no view object for set() each time.
    const block = this.block;
    let at = this.used;
    for (let i = from | 0; i < to; i++) block[at++] = source[i];
    this.used = at;
  }

  /** Appends text whose characters are all below U+0100 (ASCII here), one byte each. */
  latin1(text: string): void {
    this.room(text.length);
    const block = this.block;
    let at = this.used;
    for (let i = 0; i < text.length; i++) block[at++] = text.charCodeAt(i);
    this.used = at;
  }

  /** Appends a non-negative integer below 2^53 in decimal, in two halves of small-integer arithmetic. */
  integer(value: number): void {
    this.room(17);
    if (value < 1e8) {
      this.used = writeDigits(this.block, this.used, value | 0, 0);
      return;
    }
    const high = Math.floor(value / 1e8);
    this.used = writeDigits(this.block, writeDigits(this.block, this.used, high, 0), value - high * 1e8, 8);
  }

  /** Appends an integer of at most 2^53 in magnitude in decimal. */
  signedInteger(value: number): void {
    if (value < 0) {
      this.room(1);
      this.block[this.used++] = 0x2d;
      value = -value;
    }
    this.integer(value);
  }

  /** Bytes written so far, taken or not. */
  get length(): number {
    return this.before + this.used;
  }

  /** Are there full blocks to take? */
  get full(): boolean {
    return this.done.length > 0;
  }

  /** Takes back the last `bytes` written, all of them within the last piece written (pieces never straddle blocks). */
  drop(bytes: number): void {
    this.used -= bytes;
  }

  /** The full blocks so far (then forgets them); with `all`, the current one too. */
  take(all = false): Uint8Array[] {
    if (all && this.used > 0) {
      this.done.push(this.block.subarray(0, this.used));
      this.before += this.used;
      this.block = new Uint8Array(this.blockBytes);
      this.used = 0;
    }
    const taken = this.done;
    this.done = [];
    return taken;
  }
}
