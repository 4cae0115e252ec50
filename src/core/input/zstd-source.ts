// zstd, for every input on every platform: the core's own decoder (assembly/zstd/) behind a
// ByteSource. Whole inputs read it from the first frame to the end. A unit of a file cut at frame
// ends (zstd-frames.ts) reads from one and owns the lines whose newline before them is in its
// frames: it leaves the bytes through its first newline to the unit before, and at `next`, the
// next unit's start, it gives only the rest of its last line, through the first newline after it.
// Every frame it decodes has its checksum and declared size checked, the one the line across its
// end runs into as well (integrity comes before content: see settle()).
import { damagedZstd, truncatedZstd, zstdDictionary, zstdWindow } from "./compression";
import { ByteSource } from "./source";
import {
  ZSTD_ERROR_DICTIONARY, ZSTD_ERROR_TRUNCATED, ZSTD_ERROR_WINDOW, ZSTD_FRAME_END, ZSTD_NEED_INPUT, ZSTD_STOP_AT_FRAME_END,
  ZSTD_STREAM_END, ZstdExports,
} from "./zstd-core";

export interface ZstdUnitOptions {
  /** Compressed offset of the first byte the source gives (a frame's start). */
  origin: number;
  /** The unit's nominal end: its own lines end at `next`. */
  end: number;
  /** Where the next unit starts (undefined: decode to the end). */
  next?: number;
  /** Leave the bytes through the first newline to the unit before. */
  skipFirstLine: boolean;
}

/** skip: the unit before's line; own: the unit's lines; finish: the line across its end; drain: the rest of its frame, checked; done. */
type Phase = "skip" | "own" | "finish" | "drain" | "done";

/** Decoded bytes of zstd frames, read in order. Damaged or truncated data throws an input error. */
export class ZstdSource implements ByteSource {
  private phase: Phase;
  /** Decoded bytes not yet given: [pos, limit) of the core's memory, valid until the next step. */
  private pos = 0;
  private limit = 0;
  private fed = 0;
  private ended = false;
  /** The last step ended a frame: every byte decoded so far was checked. */
  private atFrameEnd = false;
  private ownEndsNext = false;
  /** Where the unit's own frames end (a compressed offset), once reached. */
  ownedEnd: number | undefined;
  /** The checksum of the first frame this source decoded, and of the next unit's first frame (changed-input check). */
  firstSum: number | undefined;
  nextSum: number | undefined;

  constructor(
    private readonly core: ZstdExports, private readonly compressed: ByteSource, private readonly name: string,
    private head?: Uint8Array, private readonly unit?: ZstdUnitOptions,
  ) {
    core.zstdReset();
    // Every frame end stops the decoder: a unit ends at one, and settle() finds the current one.
    core.zstdStops(ZSTD_STOP_AT_FRAME_END);
    this.phase = unit?.skipFirstLine ? "skip" : "own";
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
        } else if (this.ended) {
          this.phase = "done";
          this.ownedEnd ??= (this.unit?.origin ?? 0) + this.fed;
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
      if (this.phase === "drain") {
        this.pos = this.limit;
        if (this.atFrameEnd) this.phase = "done";
        continue;
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
        // The line across the end is whole: decode the rest of its frame only to check it.
        this.phase = this.atFrameEnd ? "done" : "drain";
        this.pos = this.limit;
      }
      return n;
    }
  }

  /**
   * Checks the bytes given so far before a data error in them is reported: the frame they end in
   * is decoded to its end, and its checksum and size must match (else the damage is the error).
   */
  async settle(): Promise<void> {
    while (!this.atFrameEnd && !this.ended) await this.step();
    this.pos = this.limit;
    this.phase = "done";
  }

  async close(): Promise<void> {
    this.phase = "done";
    await this.compressed.close?.();
  }

  /** One step of the decoder: its output becomes the pending bytes. */
  private async step(): Promise<void> {
    const core = this.core;
    const status = core.zstdStep();
    this.pos = core.zstdOutputStart() >>> 0;
    this.limit = core.zstdOutputEnd() >>> 0;
    this.atFrameEnd = status === ZSTD_FRAME_END;
    if (status === ZSTD_NEED_INPUT) return this.feed();
    if (status === ZSTD_STREAM_END) this.ended = true;
    else if (status === ZSTD_FRAME_END) this.frameEnded();
    else if (status === ZSTD_ERROR_TRUNCATED) throw truncatedZstd(this.name);
    else if (status === ZSTD_ERROR_DICTIONARY) throw zstdDictionary(this.name);
    else if (status === ZSTD_ERROR_WINDOW) throw zstdWindow(this.name);
    else if (status < 0) throw damagedZstd(this.name);
  }

  /** A frame ended (checked): the unit's own frames may end here, at the next unit's start. */
  private frameEnded(): void {
    const core = this.core;
    const sum = core.zstdFrameChecksum() >>> 0;
    this.firstSum ??= sum;
    const unit = this.unit;
    if (!unit) return;
    const at = unit.origin + core.zstdInputOffset();
    if (this.ownedEnd !== undefined) {
      if (this.nextSum === undefined && at > this.ownedEnd) this.nextSum = sum;
      return;
    }
    if (unit.next === undefined || at < unit.end || at < unit.next) return;
    // Frame ends are found by walking headers (zstd-frames.ts): one past `next` means the file is not what the walk read.
    if (at > unit.next) throw damagedZstd(this.name);
    this.ownEndsNext = true;
    this.ownedEnd = at;
  }

  /** Compressed bytes straight into the decoder's input region; none left: the input is final. */
  private async feed(): Promise<void> {
    const core = this.core;
    const at = core.zstdInputAt() >>> 0;
    const room = new Uint8Array(core.memory.buffer, at, core.zstdInputRoom());
    let n: number;
    if (this.head && this.head.length > 0) {
      n = Math.min(room.length, this.head.length);
      room.set(this.head.subarray(0, n));
      this.head = this.head.subarray(n);
    } else {
      n = await this.compressed.read(room);
    }
    this.fed += n;
    core.zstdPush(n, n === 0 ? 1 : 0);
  }
}
