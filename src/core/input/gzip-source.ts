// gzip, for every input on every platform: the core's own inflate (assembly/inflate.ts) behind a
// ByteSource. Whole inputs read it from the first member to the end. A unit of a BGZF file
// (bgzf.ts) reads from one of its members and owns the lines whose newline before them is in its
// members: it leaves the bytes through its first newline to the unit before, and at `next`, the
// next unit's first member, it gives only the rest of its last line, through the first newline
// after it. Every member it decodes from its header has its CRC-32 and size checked, the one the
// line across its end runs into as well (integrity comes before content: see settle()). A unit
// of an indexed file (gzip-index-unit.ts) resumes at an index point and ends at the next unit's,
// giving back the pieces of members whose CRC-32 is checked across units; a whole-file decode
// may note index points as it goes (index-recorder.ts, --write-index).
import { HighestError } from "../model/errors";
import { damagedGzip, truncatedGzip } from "./compression";
import { BLOCK_START, ERROR_TRUNCATED, FORMAT_GZIP, InflateExports, MEMBER_END, NEED_INPUT, STOP_AT_MEMBER_END, STREAM_END } from "./inflate-core";
import { IndexRecorder } from "./index-recorder";
import { DEFLATE_WINDOW } from "./gzip-index";
import { ByteSource } from "./source";

/** Where a unit of an indexed file starts: a block start mid-member (gzip-index-unit.ts). */
export interface ResumePoint {
  /** Its bit offset in the file (`compressed` gives bytes from its byte). */
  bit: number;
  /** The DEFLATE_WINDOW bytes before it. */
  window: Uint8Array;
  /** The point is a member's first byte (its header), not a block start: the member is read whole. */
  atHeader?: boolean;
}

/** The end of a unit of an indexed file: the next unit's point (its bit offset, and the decoded bytes from the unit's start to it). */
export interface EndPoint {
  bit: number;
  out: number;
}

/** A piece of a member's data one unit decoded, checked across units (gzip-index-unit.ts). */
export interface MemberPiece {
  crc: number;
  length: number;
  /** The member's trailer, when the piece ends at it: its CRC-32 and size. */
  trailer?: { crc: number; size: number };
}

export interface GzipOptions {
  /** Compressed offset of the first byte `compressed` gives (a member's start). */
  origin?: number;
  /** Bytes of the input read already (a sniffed head): they go before `compressed`'s. */
  head?: Uint8Array;
  /** A unit's nominal end: its own lines end at `next`, the first member end at or after it where the next unit starts. */
  end?: number;
  /** Where the next unit starts (undefined: no unit after this one: decode to the end). */
  next?: number;
  /** Leave the bytes through the first newline to the unit before (a unit that starts mid-file). */
  skipFirstLine?: boolean;
  /** Start at an index point instead of the first member (`origin` is then unused). */
  resume?: ResumePoint;
  /** A unit of an indexed file: its own lines end at this point (checked to be a block start there). */
  endPoint?: EndPoint;
  /** Note index points while decoding the whole file (--write-index). */
  recorder?: IndexRecorder;
  /** A wrong index point: the error to throw. */
  wrongIndex?: () => Error;
}

/**
 * skip: the unit before's line; own: the unit's lines; finish: the line across its end; drain:
 * the rest of the member that line ends in, decoded only to check it; done.
 */
type Phase = "skip" | "own" | "finish" | "drain" | "done";

/** Decoded bytes of gzip members, read in order. Damaged or truncated data throws an input error. */
export class GzipSource implements ByteSource {
  private phase: Phase;
  /** Decoded bytes not yet given: [pos, limit) of the core's memory, valid until the next step. */
  private pos = 0;
  private limit = 0;
  private fed = 0;
  private head: Uint8Array | undefined;
  private streamEnded = false;
  /** The last step ended a member: every byte decoded so far was checked. */
  private atMemberEnd = false;
  /** The unit's own lines end once the pending bytes are given (the member end at `next`). */
  private ownEndsNext = false;
  /** Where the unit's own members end (a compressed offset), once reached. */
  ownedEnd: number | undefined;
  /** The CRC-32 of the first member this source decoded, and of the next unit's first member (changed-input check). */
  firstCrc: number | undefined;
  nextCrc: number | undefined;
  /** Decoded bytes so far, and where the current member's (or the resumed piece's) data began. */
  private out = 0;
  private memberFrom = 0;
  /** A resumed unit: the piece of the member it starts in, and the member open at its end (entered at a header). */
  firstPiece: MemberPiece | undefined;
  openPiece: MemberPiece | undefined;

  constructor(
    private readonly core: InflateExports, private readonly compressed: ByteSource, private readonly name: string,
    private readonly options: GzipOptions = {},
  ) {
    core.inflateReset(FORMAT_GZIP);
    // Every member end stops the inflate: a unit ends at one, and settle() finds the current one.
    core.inflateStops(STOP_AT_MEMBER_END);
    this.phase = options.skipFirstLine ? "skip" : "own";
    this.head = options.head;
    const resume = options.resume;
    if (resume) {
      new Uint8Array(core.memory.buffer, core.inflateWindowAt() >>> 0, DEFLATE_WINDOW).set(resume.window);
      core.inflateResumeAt(Math.floor(resume.bit / 8), resume.bit % 8, resume.atHeader ? 1 : 0);
    }
    if (options.endPoint) core.inflateStopAt(options.endPoint.bit);
    else if (options.recorder) core.inflateStopAt(options.recorder.firstStop());
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
          // A unit of an indexed file that never met its end point: the index names a block start that is not there.
          if (this.options.endPoint && this.ownedEnd === undefined) throw this.options.wrongIndex?.() ?? damagedGzip(this.name);
          this.phase = "done";
          this.ownedEnd ??= (this.options.origin ?? 0) + this.fed;
          await this.options.recorder?.finish(this.fed, this.out);
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
        if (this.atMemberEnd) this.phase = "done";
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
        // The line across the end is whole: decode the rest of its member only to check it (a
        // resumed unit's member is checked across units instead).
        this.phase = this.atMemberEnd || this.options.endPoint ? "done" : "drain";
        this.pos = this.limit;
      }
      return n;
    }
  }

  /**
   * Checks the bytes given so far before a data error in them is reported: the member they end
   * in is decoded to its end, and its CRC-32 and size must match (else the damage is the error).
   */
  async settle(): Promise<void> {
    // A unit of an indexed file stops at its end point: the member it is in is checked across units.
    const checkedAcross = () => this.options.endPoint !== undefined && this.ownedEnd !== undefined;
    while (!this.atMemberEnd && !this.streamEnded && !checkedAcross()) await this.step();
    this.pos = this.limit;
    this.phase = "done";
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
    this.out += this.limit - this.pos;
    this.atMemberEnd = status === MEMBER_END;
    if (status === NEED_INPUT) return this.feed();
    if (status === STREAM_END) {
      this.streamEnded = true;
    } else if (status === MEMBER_END) {
      this.piecesAtMemberEnd();
      this.memberEnded();
    } else if (status === BLOCK_START) {
      this.atBlockStart();
    } else if (status < 0 || status > MEMBER_END) {
      // Trailing bytes after the last member are damage, as every other error but running out.
      throw status === ERROR_TRUNCATED ? truncatedGzip(this.name) : damagedGzip(this.name);
    }
  }

  /** Resumed inside a member (a block start), not at a member's header. */
  private midMember(): boolean {
    return this.options.resume !== undefined && this.options.resume.atHeader !== true;
  }

  /** A resumed unit's first member ended: its piece, with the trailer to check it against across units. */
  private piecesAtMemberEnd(): void {
    const core = this.core;
    if (this.midMember() && this.firstPiece === undefined && this.ownedEnd === undefined) {
      this.firstPiece = {
        crc: core.inflateMemberCrc() >>> 0, length: this.out - this.memberFrom,
        trailer: { crc: core.inflateTrailerCrc() >>> 0, size: core.inflateTrailerSize() >>> 0 },
      };
    }
    this.memberFrom = this.out;
  }

  /** The inflate stopped at a block start where it was asked: an index point to note, or the unit's end. */
  private atBlockStart(): void {
    const core = this.core;
    const bit = core.inflateBitOffset();
    const { recorder, endPoint: end } = this.options;
    if (recorder) {
      core.inflateStopAt(recorder.note(core, bit, this.out));
      return;
    }
    // Past the unit's end only its last line is wanted: a block a step, not a whole output region.
    core.inflateStopAt(bit + 1);
    if (this.ownedEnd !== undefined) return;
    if (!end || bit !== end.bit || this.out !== end.out) throw this.options.wrongIndex?.() ?? damagedGzip(this.name);
    const piece = { crc: core.inflateMemberCrc() >>> 0, length: this.out - this.memberFrom };
    if (this.midMember() && this.firstPiece === undefined) this.firstPiece = piece;
    else this.openPiece = piece;
    this.ownEndsNext = true;
    this.ownedEnd = bit;
  }

  /** A member ended (checked): the unit's own members may end here, at the next unit's start. */
  private memberEnded(): void {
    const core = this.core;
    const crc = core.inflateTrailerCrc() >>> 0;
    this.firstCrc ??= crc;
    const at = (this.options.origin ?? 0) + core.inflateBitOffset() / 8;
    const { end, next } = this.options;
    if (this.ownedEnd !== undefined) {
      // Past the unit's end: the first member after it is the next unit's first.
      if (this.nextCrc === undefined && at > this.ownedEnd) this.nextCrc = crc;
      return;
    }
    if (end === undefined || next === undefined || at < end || at < next) return;
    if (at > next) {
      // `next` passed the next unit's test of a member start (a header, and a member that
      // decodes on its own), yet the decode from a true start went past it: a whole gzip
      // member is held inside another's data there. The units would disagree; never guess.
      throw new HighestError("input", `${this.name}: a gzip member is held inside the data of another at byte ${next}: `
        + "this file cannot be shared between threads or --shard parts (run it with --threads 1 and without --shard)");
    }
    this.ownEndsNext = true;
    this.ownedEnd = at;
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
