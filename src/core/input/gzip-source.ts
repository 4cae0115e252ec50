// gzip, for every input on every platform: the core's own inflate (assembly/inflate.ts) behind a
// ByteSource. Whole inputs read it from the first member to the end. A unit of a BGZF file
// (bgzf.ts) reads from one of its members and owns the lines that start in its members: it
// leaves the bytes through its first newline to the unit before, and at the first member end at
// or after its nominal end where the next unit starts, it gives only the rest of the line that
// straddles that end. Every member it decodes from its header has its CRC-32 and size checked.
import { damagedGzip, truncatedGzip } from "./compression";
import {
  ERROR_TRUNCATED, FORMAT_GZIP, InflateExports, MEMBER_END, NEED_INPUT, STOP_AT_MEMBER_END, STREAM_END,
} from "./inflate-core";
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
  /** The unit's own lines end once the pending bytes are given (a member end past `end`). */
  private ownEndsNext = false;
  /** Where the unit's own members end (a compressed offset), once reached. */
  ownedEnd: number | undefined;

  constructor(
    private readonly core: InflateExports, private readonly compressed: ByteSource, private readonly name: string,
    private readonly options: GzipOptions = {},
  ) {
    core.inflateReset(FORMAT_GZIP);
    core.inflateStops(options.end === undefined ? 0 : STOP_AT_MEMBER_END);
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
    if (status === NEED_INPUT) return this.feed();
    if (status === STREAM_END) this.streamEnded = true;
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
    core.inflatePush(n, n === 0 ? 1 : 0);
  }
}
