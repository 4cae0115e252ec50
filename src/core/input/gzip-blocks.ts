// A unit of a gzip file that is not BGZF, decoded from the middle (the rapidgzip and pugz
// method): it finds the first deflate block start in its nominal byte range by trial (a block
// header is checkable, cut-points.ts), decodes from there without the 32 KiB window before it,
// bytes it refers back to held as markers (assembly/inflate.ts: hold), and once the unit before
// hands on that window, replaces the markers, hands on its own last 32 KiB and gives its lines.
// It owns the lines that start in its output, as a plain segment does: it leaves the bytes
// through its first newline to the unit before, and decodes past its end (the first cut point
// at or after its nominal end, where the next unit starts) to the end of the line across it.
// Member ends inside it are reported as CRC pieces; the run joins them across units (merge.ts).
import { RandomAccess, RangeSource } from "./access";
import { damagedGzip, truncatedGzip } from "./compression";
import { CrcPiece, STORED_LEAD_BITS, cutPoint, cutPointEnding } from "./cut-points";
import {
  BLOCK_END, ERROR_TRUNCATED, FORMAT_GZIP, InflateExports, MEMBER_END, NEED_INPUT, OUTPUT_FULL, STOP_AT_BLOCK_END,
  STOP_AT_MEMBER_DATA, STOP_AT_MEMBER_END, STREAM_END, WINDOW_BYTES,
} from "./inflate-core";
import { GzipSource } from "./gzip-source";
import { ByteSource } from "./source";
import { HighestError } from "../model/errors";

/** How the unit gets the window before its start, and hands on the one before its end. */
export interface WindowBoard {
  /** The 32 KiB before the unit's start, once the unit before knows them (undefined: the run stopped or failed before). */
  windowBefore(): Promise<Uint8Array | undefined>;
  /** The 32 KiB before the next unit's start. */
  publishWindow(window: Uint8Array): void;
}

/**
 * A start found by trial that fails within this many compressed bits is taken for a false one
 * (block-like bits inside a block's data: they decode as garbage that dies within a few KiB):
 * the search goes on after it. Damage further in is an input error. Damage so soon after a
 * true start is found all the same: the units then no longer tile the file.
 */
const FALSE_START_BITS = 8 * 256 * 1024;
/**
 * The most output one unit holds (16-bit elements, 2 bytes each: 384 MiB, in a region that may
 * have doubled to 1 GiB by then). Beyond it (data compressed beyond ~48:1 in a 4 MiB unit) the
 * unit is an input error that says what to do, rather than a run out of memory.
 */
const MAX_HELD_ELEMENTS = 192 * 1024 * 1024;

/** Elements resolved (and their CRC-32 taken) at a time: in cache between the two. */
const RESOLVE_CHUNK = 64 * 1024;

/** A unit would hold more than MAX_HELD_ELEMENTS: an input error that says what to do, never a run out of memory. */
function tooCompressible(name: string): HighestError {
  return new HighestError("input", `${name}: gzip data compressed beyond about 48:1 cannot be shared between threads: use fewer than 3`);
}

/** A unit found no block start in its range: the unit before's lines run through it. */
const NONE = -1;

/** The decoded lines a unit owns. start/end/pieces are known once it has been read to its end. */
export class GzipBlockUnit implements ByteSource {
  /** Where the unit starts and ends (compressed, bit / 8); undefined: it owns nothing. */
  start: number | undefined;
  end: number | undefined;
  pieces: CrcPiece[] = [];
  /** Owned output [pos, limit) of the held elements, as bytes once resolved. */
  private pos = 0;
  private limit = 0;
  private held = 0;
  private fed = 0;
  private ready = false;
  private closed = false;
  /** The element where the unit ends, and the member ends before it (with their trailers). */
  private endAt = 0;
  private memberEnds: Array<{ at: number; crc: number; size: number }> = [];

  constructor(
    private readonly core: InflateExports, private readonly file: RandomAccess,
    private readonly range: { from: number; to: number; size: number }, private readonly name: string,
    private readonly board: WindowBoard,
  ) {}

  consumed(): number {
    return this.fed;
  }

  async read(target: Uint8Array): Promise<number> {
    if (!this.ready) {
      this.ready = true;
      await this.decode();
    }
    const n = Math.min(target.length, this.limit - this.pos);
    if (n <= 0 || this.closed) return 0;
    target.set(new Uint8Array(this.core.memory.buffer, this.held + this.pos, n));
    this.pos += n;
    return n;
  }

  close(): void {
    this.closed = true;
  }

  /** Finds the start, decodes the unit with markers, then resolves it with the window before. */
  private async decode(): Promise<void> {
    const { from, to } = this.range;
    let bit = Math.max(0, from * 8 - STORED_LEAD_BITS);
    for (;;) {
      const found = await this.findStart(bit, from * 8, to * 8);
      if (found === NONE) return this.ownNothing();
      if (await this.decodeFrom(found.bit, found.cut)) break;
      bit = found.bit + 1; // a false start
    }
    const window = await this.board.windowBefore();
    if (!window) throw new Error("internal error: a gzip unit's window never came");
    this.resolve(window);
  }

  /** The unit before's lines run through this unit: its window is the next unit's too. */
  private async ownNothing(): Promise<void> {
    const window = await this.board.windowBefore();
    if (window) this.board.publishWindow(window);
  }

  /** Reset and fill the inflate's input from byte `byte`: a fresh stream whose bit 0 is there. */
  private async refill(byte: number): Promise<{ source: RangeSource; base: number }> {
    const core = this.core;
    core.inflateReset(FORMAT_GZIP);
    const source = new RangeSource(this.file, byte, this.range.size, this.name);
    await this.feed(source);
    return { source, base: byte * 8 };
  }

  /** Compressed bytes into the input region (all its room); none left: the input is final. */
  private async feed(source: RangeSource): Promise<boolean> {
    const core = this.core;
    let total = 0;
    for (;;) {
      const at = core.inflateInputAt() >>> 0;
      const room = core.inflateInputRoom();
      if (room === 0) return false;
      const n = await source.read(new Uint8Array(core.memory.buffer, at, room));
      this.fed += n;
      core.inflatePush(n, n === 0 ? 1 : 0);
      if (n === 0) return total === 0;
      total += n;
    }
  }

  /**
   * The first block start at or after `searchFrom` whose cut point is in [from, to) (absolute
   * bits): where to decode from, and that cut point (the unit's start); NONE if there is none.
   */
  private async findStart(searchFrom: number, from: number, to: number): Promise<{ bit: number; cut: number } | typeof NONE> {
    const core = this.core;
    for (let bit = searchFrom; bit < to;) {
      const { base } = await this.refill(Math.floor(bit / 8));
      const found = core.inflateFindBlock(bit - base, to - base);
      if (found >= 0) {
        const cut = base + cutPoint(found, core.inflateTryBlock(found));
        if (cut >= from && cut < to) return { bit: base + found, cut };
        bit = base + found + 1; // a stored block whose cut point is the unit before's, or the next one's
        continue;
      }
      const stopped = base + core.inflateSearchEnd();
      if (stopped >= to || stopped === bit) return NONE; // searched to the end, or the data ended
      bit = stopped; // the data ran out first: go on from there with the input refilled
    }
    return NONE;
  }

  /**
   * Decodes from the block start at absolute bit `start` (16-bit, held) to the end of the line
   * across the unit's end. false: a false start (an error soon after it).
   */
  private async decodeFrom(start: number, cut: number): Promise<boolean> {
    const core = this.core;
    const endBit = this.range.to * 8;
    const { source, base } = await this.refill(Math.floor(start / 8));
    core.inflateBeginAt(start - base, 1);
    core.inflateHold(1);
    core.inflateStops(STOP_AT_BLOCK_END | STOP_AT_MEMBER_END | STOP_AT_MEMBER_DATA);
    const memberEnds: Array<{ at: number; crc: number; size: number }> = [];
    let endAt = -1; // the element where the unit's end is, once found
    let lineEnd = -1; // past the newline that ends the line across it
    let searched = 0;
    let inputEnded = false;
    // Elements held so far (the region moves as it grows: its start is asked each time).
    const count = () => ((core.inflateOutputEnd() >>> 0) - (core.inflateHeld() >>> 0)) >>> 1;
    while (lineEnd < 0) {
      const status = core.inflateStep();
      if (status === NEED_INPUT) {
        inputEnded = (await this.feed(source)) || inputEnded;
      } else if (status === BLOCK_END) {
        const cut = endAt < 0
          ? await cutPointEnding(core, base, endBit, async () => !inputEnded && ((inputEnded = await this.feed(source)), true))
          : undefined;
        if (cut !== undefined) {
          endAt = count();
          this.end = cut / 8;
        }
      } else if (status === MEMBER_END) {
        if (endAt < 0) memberEnds.push({ at: count(), crc: core.inflateTrailerCrc() >>> 0, size: core.inflateTrailerSize() >>> 0 });
      } else if (status === STREAM_END) {
        if (endAt < 0) {
          endAt = count();
          this.end = this.range.size;
        }
        lineEnd = count();
      } else if (status !== OUTPUT_FULL) {
        // A false start fails soon after it (running into the file's end too): search on after
        // it. Later, the data is damaged (or the file truncated).
        if (endAt < 0 && base + core.inflateBitOffset() - start < FALSE_START_BITS) return false;
        throw status === ERROR_TRUNCATED ? truncatedGzip(this.name) : damagedGzip(this.name);
      }
      const n = count();
      if (n > MAX_HELD_ELEMENTS) throw tooCompressible(this.name);
      if (endAt >= 0 && lineEnd < 0 && n > Math.max(searched, endAt)) {
        // A literal newline at or after the end (a marker may be an earlier one: resolve() looks again).
        const elements = new Uint16Array(core.memory.buffer, core.inflateHeld() >>> 0, n);
        const newline = elements.indexOf(10, Math.max(searched, endAt));
        searched = n;
        if (newline >= 0) lineEnd = newline + 1;
      }
    }
    this.held = core.inflateHeld() >>> 0;
    this.start = cut / 8;
    this.limit = lineEnd;
    this.endAt = endAt;
    this.memberEnds = memberEnds;
    return true;
  }

  /** Replaces the markers with the window's bytes, hands on the next window, reports the pieces, and finds the owned lines. */
  private resolve(window: Uint8Array): void {
    const core = this.core;
    const held = this.held;
    const endAt = this.endAt;
    // First the next unit's window (the 32 KiB before this one's end, with this window's tail
    // when the unit is shorter), resolved here: the next unit waits for nothing else.
    const elements = new Uint16Array(core.memory.buffer, held, this.limit);
    const next = new Uint8Array(WINDOW_BYTES);
    const own = Math.min(endAt, WINDOW_BYTES);
    next.set(window.subarray(own), 0);
    for (let i = 0, at = endAt - own; i < own; i++, at++) {
      const v = elements[at];
      next[WINDOW_BYTES - own + i] = v < 256 ? v : window[v & 0x7fff];
    }
    this.board.publishWindow(next);
    // Then all of it in place, a cache-sized chunk at a time, each chunk's CRC-32 taken while
    // it is in cache: a piece for each member end, and one to the unit's end.
    new Uint8Array(core.memory.buffer, core.inflateWindow() >>> 0, WINDOW_BYTES).set(window);
    const ends = [...this.memberEnds.map((member) => member.at), endAt];
    let piece = 0;
    let crc = 0;
    let pieceFrom = 0;
    const endPiece = () => {
      const member = this.memberEnds[piece];
      this.pieces.push({ crc, size: (ends[piece] - pieceFrom) % 2 ** 32, trailer: member && { crc: member.crc, size: member.size } });
      crc = 0;
      pieceFrom = ends[piece++];
    };
    for (let at = 0; at < this.limit; at += RESOLVE_CHUNK) {
      const n = Math.min(RESOLVE_CHUNK, this.limit - at);
      core.inflateResolve(held + 2 * at, n, held + at);
      let from = at;
      for (; piece < ends.length && ends[piece] <= at + n; endPiece()) {
        crc = core.crc32(crc, held + from, ends[piece] - from) >>> 0;
        from = ends[piece];
      }
      if (piece < ends.length) crc = core.crc32(crc, held + from, at + n - from) >>> 0;
    }
    while (piece < ends.length) endPiece(); // no output at all
    const bytes = new Uint8Array(core.memory.buffer, held, this.limit);
    // Its own lines: from after its first newline to the end of the line across its end (a
    // marker may have been that newline: the literal one the decoding stopped at may be later).
    const after = bytes.indexOf(10, endAt);
    if (after >= 0) this.limit = after + 1;
    const first = bytes.indexOf(10);
    this.pos = first < 0 ? this.limit : Math.min(first + 1, this.limit);
  }

}

/** A unit of a gzip file cut at blocks, and where it turned out to start and end. */
export interface GzipUnit {
  source: ByteSource;
  /** After the scan: start and end (compressed, bit / 8; undefined: it owns nothing) and its CRC pieces. */
  bounds(): { start?: number; end?: number; pieces: CrcPiece[] };
}

/** The unit [from, to) of a gzip file of `size` bytes cut at blocks: the first one decodes from the file's start. */
export function gzipUnit(
  core: InflateExports, file: RandomAccess, range: { from: number; to: number; size: number }, name: string, board: WindowBoard,
): GzipUnit {
  if (range.from > 0) {
    const unit = new GzipBlockUnit(core, file, range, name, board);
    return { source: unit, bounds: () => ({ start: unit.start, end: unit.end, pieces: unit.pieces }) };
  }
  const first = new GzipSource(core, new RangeSource(file, 0, range.size, name), name, {
    cutAfter: range.to, onCut: (window) => board.publishWindow(window),
  });
  return { source: first, bounds: () => ({ start: 0, end: first.ownedEnd, pieces: first.pieces }) };
}
