// gzip, for every input on every platform: the core's own inflate (assembly/inflate.ts) behind a
// ByteSource. Whole inputs read it from the first member to the end. A unit of a BGZF file
// (bgzf.ts) reads from one of its members and owns the lines that start in its members: it
// leaves the bytes through its first newline to the unit before, and at the first member end at
// or after its nominal end where the next unit starts, it gives only the rest of the line that
// straddles that end. Every member it decodes from its header has its CRC-32 and size checked.
// The first unit of a gzip file cut at deflate blocks (gzip-blocks.ts) ends the same way at the
// first block start at or after its nominal end that the next unit finds too (cut points).
import { damagedGzip, truncatedGzip } from "./compression";
import {
  BLOCK_END, ERROR_TRUNCATED, FORMAT_GZIP, InflateExports, MEMBER_END, NEED_INPUT, STOP_AT_BLOCK_END,
  STOP_AT_MEMBER_DATA, STOP_AT_MEMBER_END, STREAM_END, WINDOW_BYTES,
} from "./inflate-core";
import { CrcPiece, cutPointEnding } from "./cut-points";
import { ByteSource } from "./source";

export interface GzipOptions {
  /** Compressed offset of the first byte `compressed` gives (a member's start). */
  origin?: number;
  /** Bytes of the input read already (a sniffed head): they go before `compressed`'s. */
  head?: Uint8Array;
  /** A unit's nominal end: its own lines end at the first member end at or after it that `isUnitStart`. */
  end?: number;
  isUnitStart?: (offset: number) => boolean | Promise<boolean>;
  /** Leave the bytes through the first newline to the unit before (a unit that starts mid-file). */
  skipFirstLine?: boolean;
  /**
   * A first unit cut at deflate blocks: its own lines end at the first cut point at or after
   * this byte, where `onCut` gets the 32 KiB of output before it (the next unit's window).
   */
  cutAfter?: number;
  onCut?: (window: Uint8Array) => void;
}

/** skip: the unit before's line; own: the unit's lines; finish: the line across its end; done. */
type Phase = "skip" | "own" | "finish" | "done";

/** Decoded bytes of gzip members, read in order. Damaged or truncated data throws an input error. */
export class GzipSource implements ByteSource {
  private phase: Phase;
  /** Decoded bytes not yet given: [pos, limit) of the core's memory, valid until the next step. */
  private pos = 0;
  private limit = 0;
  private fed = 0;
  private head: Uint8Array | undefined;
  private streamEnded = false;
  /** All compressed bytes were pushed. */
  private inputEnded = false;
  /** Bytes decoded so far, and where the current member's output began (cut at blocks). */
  private decoded = 0;
  private memberFrom = 0;
  /** The unit's own lines end once the pending bytes are given (a member end past `end`). */
  private ownEndsNext = false;
  /** Where the unit's own members (or blocks: a bit / 8) end (a compressed offset), once reached. */
  ownedEnd: number | undefined;
  /** Cut at blocks: the output of the member the cut is in, before the cut (the rest is in the next units). */
  pieces: CrcPiece[] = [];

  constructor(
    private readonly core: InflateExports, private readonly compressed: ByteSource, private readonly name: string,
    private readonly options: GzipOptions = {},
  ) {
    core.inflateReset(FORMAT_GZIP);
    core.inflateStops(options.end !== undefined ? STOP_AT_MEMBER_END
      : options.cutAfter !== undefined ? STOP_AT_BLOCK_END | STOP_AT_MEMBER_DATA : 0);
    this.phase = options.skipFirstLine ? "skip" : "own";
    this.head = options.head;
  }

  /** Compressed bytes taken so far (progress counts these, against compressed sizes). */
  consumed(): number {
    return this.fed;
  }

  async read(target: Uint8Array): Promise<number> {
    for (;;) {
      if (this.pos === this.limit) {
        if (this.phase === "done") return 0;
        if (this.ownEndsNext) {
          this.ownEndsNext = false;
          this.phase = this.phase === "skip" ? "done" : "finish";
        } else if (this.streamEnded) {
          this.phase = "done";
          this.ownedEnd ??= (this.options.origin ?? 0) + this.fed;
        } else {
          await this.step();
        }
        continue;
      }
      const bytes = new Uint8Array(this.core.memory.buffer, this.pos, this.limit - this.pos);
      if (this.phase === "own") {
        const n = Math.min(target.length, bytes.length);
        target.set(bytes.subarray(0, n));
        this.pos += n;
        return n;
      }
      const newline = bytes.indexOf(10);
      if (this.phase === "skip") {
        this.pos = newline < 0 ? this.limit : this.pos + newline + 1;
        if (newline >= 0) this.phase = "own";
        continue;
      }
      const n = Math.min(target.length, newline < 0 ? bytes.length : newline + 1);
      target.set(bytes.subarray(0, n));
      this.pos += n;
      if (n === newline + 1) {
        this.phase = "done";
        this.pos = this.limit;
      }
      return n;
    }
  }

  async close(): Promise<void> {
    this.phase = "done";
    await this.compressed.close?.();
  }

  /** One step of the inflate: its output becomes the pending bytes. */
  private async step(): Promise<void> {
    const core = this.core;
    const status = core.inflateStep();
    this.pos = core.inflateOutputStart() >>> 0;
    this.limit = core.inflateOutputEnd() >>> 0;
    this.decoded += this.limit - this.pos;
    if (status === NEED_INPUT) return this.feed();
    if (status === BLOCK_END) return this.atBlockEnd();
    if (status === STREAM_END) {
      this.streamEnded = true;
      // Cut at blocks, but no cut point came: the units after own nothing, and wait for a window.
      if (this.options.cutAfter !== undefined && this.ownedEnd === undefined) this.options.onCut!(new Uint8Array(WINDOW_BYTES));
    }
    else if (status === MEMBER_END) {
      if (this.phase === "finish") return;
      const at = (this.options.origin ?? 0) + core.inflateBitOffset() / 8;
      if (at >= this.options.end! && (await this.options.isUnitStart!(at))) {
        this.ownEndsNext = true;
        this.ownedEnd = at;
      }
    } else if (status < 0 || status > MEMBER_END) {
      // Trailing bytes after the last member are damage, as every other error but running out.
      throw status === ERROR_TRUNCATED ? truncatedGzip(this.name) : damagedGzip(this.name);
    }
  }

  /** Cut at blocks: a block starts here; the first cut point at or after `cutAfter` ends the unit. */
  private async atBlockEnd(): Promise<void> {
    const core = this.core;
    if (this.phase === "finish" || this.ownEndsNext) return;
    if ((core.inflateMemberSize() >>> 0) === 0) this.memberFrom = this.decoded; // a member's data starts here
    const cut = await cutPointEnding(core, 0, this.options.cutAfter! * 8, async () => !this.inputEnded && (await this.feed(), true));
    if (cut === undefined) return;
    this.ownEndsNext = true;
    this.ownedEnd = cut / 8;
    this.pieces = [{ crc: core.inflateMemberCrc() >>> 0, size: core.inflateMemberSize() >>> 0 }];
    // The window: the member's last 32 KiB before the cut (the bytes before the member are never referred to).
    const window = new Uint8Array(WINDOW_BYTES);
    const held = Math.min(WINDOW_BYTES, this.decoded - this.memberFrom);
    window.set(new Uint8Array(core.memory.buffer, this.limit - held, held), WINDOW_BYTES - held);
    this.options.onCut!(window);
  }

  /** Compressed bytes straight into the inflate's input region; none left: the input is final. */
  private async feed(): Promise<void> {
    const core = this.core;
    const at = core.inflateInputAt() >>> 0;
    const room = new Uint8Array(core.memory.buffer, at, core.inflateInputRoom());
    let n: number;
    if (this.head && this.head.length > 0) {
      n = Math.min(room.length, this.head.length);
      room.set(this.head.subarray(0, n));
      this.head = this.head.subarray(n);
    } else {
      n = await this.compressed.read(room);
    }
    this.fed += n;
    this.inputEnded = n === 0;
    core.inflatePush(n, n === 0 ? 1 : 0);
  }
}
