// zstd, for every input on every platform: the core's own decoder (assembly/zstd/) behind a
// ByteSource, reading a whole input from its first frame to the end: every frame's blocks, its
// checksum and declared size checked at its end, skippable frames passed over.
import { damagedZstd, truncatedZstd, zstdDictionary, zstdWindow } from "./compression";
import { ByteSource } from "./source";
import {
  ZSTD_ERROR_DICTIONARY, ZSTD_ERROR_TRUNCATED, ZSTD_ERROR_WINDOW, ZSTD_FRAME_END, ZSTD_NEED_INPUT, ZSTD_STOP_AT_FRAME_END,
  ZSTD_STREAM_END, ZstdExports,
} from "./zstd-core";

/** Decoded bytes of zstd frames, read in order. Damaged or truncated data throws an input error. */
export class ZstdSource implements ByteSource {
  /** Decoded bytes not yet given: [pos, limit) of the core's memory, valid until the next step. */
  private pos = 0;
  private limit = 0;
  private fed = 0;
  private head: Uint8Array | undefined;
  private ended = false;
  /** The last step ended a frame: every byte decoded so far was checked. */
  private atFrameEnd = false;

  constructor(private readonly core: ZstdExports, private readonly compressed: ByteSource, private readonly name: string, head?: Uint8Array) {
    core.zstdReset();
    // Every frame end stops the decoder: settle() finds the current one.
    core.zstdStops(ZSTD_STOP_AT_FRAME_END);
    this.head = head;
  }

  /** Compressed bytes taken so far (progress counts these, against compressed sizes). */
  consumed(): number {
    return this.fed;
  }

  async read(target: Uint8Array): Promise<number> {
    while (this.pos === this.limit) {
      if (this.ended) return 0;
      await this.step();
    }
    const n = Math.min(target.length, this.limit - this.pos);
    target.set(new Uint8Array(this.core.memory.buffer, this.pos, n));
    this.pos += n;
    return n;
  }

  /**
   * Checks the bytes given so far before a data error in them is reported: the frame they end in
   * is decoded to its end, and its checksum and size must match (else the damage is the error).
   */
  async settle(): Promise<void> {
    while (!this.atFrameEnd && !this.ended) await this.step();
    this.pos = this.limit;
    this.ended = true;
  }

  async close(): Promise<void> {
    this.ended = true;
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
    else if (status === ZSTD_ERROR_TRUNCATED) throw truncatedZstd(this.name);
    else if (status === ZSTD_ERROR_DICTIONARY) throw zstdDictionary(this.name);
    else if (status === ZSTD_ERROR_WINDOW) throw zstdWindow(this.name);
    else if (status < 0) throw damagedZstd(this.name);
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
