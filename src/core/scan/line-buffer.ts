// The reader: fills the engine's input region chunk by chunk and hands the engine whole
// lines only. Invariant per round: the unfinished line (the carry) sits just before a
// 64-byte aligned read target, so [target - carry, target + bytesRead) is contiguous.
// Reads from page cache into an unaligned target run ~3x slower, hence the alignment.
import { MAX_LINE_BYTES, ScanEngine, framingMessage } from "./engine";
import { abortError, dataError, HighestError } from "../model/errors";
import { withLineStart } from "../model/line-start";
import { ByteSource } from "../input/source";

/** Default bytes per read. */
const DEFAULT_CHUNK_SIZE = 1 << 20;
const ALIGN = 64;

/** Sees every run of whole lines before the engine does (used by --strict). */
export type LineVisitor = (view: Uint8Array, start: number, end: number, firstLine: number) => void;

/** Sees every run of whole lines after the engine scanned it: view[start, end), `offset` that of view[start]. */
export type ScannedVisitor = (view: Uint8Array, start: number, end: number, offset: number) => void;

export interface ReadOptions {
  chunkSize?: number;
  /** Absolute offset of the source's first byte (for byte ranges of a file). */
  startOffset?: number;
  visitor?: LineVisitor;
  afterScan?: ScannedVisitor;
  onProgress?: (bytesRead: number) => void;
  /** Asked before each read: true stops the run (abort, or another participant failed). */
  shouldStop?: () => boolean;
}

const alignUp = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/** Reads the whole source through the engine. Throws HighestError on a framing error. */
export async function scanSource(engine: ScanEngine, source: ByteSource, options: ReadOptions = {}): Promise<void> {
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  let offset = options.startOffset ?? 0; // absolute offset of the next byte read
  let carryStart = 0;
  let carry = 0;
  let bytesRead = 0;
  for (;;) {
    if (options.shouldStop?.()) throw abortError();
    // A line longer than a chunk stays where it is and grows in place (reads go unaligned).
    const target = carry > chunkSize ? carryStart + carry : alignUp(carry);
    const view = engine.reserve(target + chunkSize);
    if (carry > 0 && carryStart !== target - carry) view.copyWithin(target - carry, carryStart, carryStart + carry);
    const dataStart = target - carry;
    const n = await source.read(view.subarray(target, target + chunkSize));
    bytesRead += n;
    options.onProgress?.(source.consumed?.() ?? bytesRead);
    if (n === 0) {
      if (carry > 0) scanRun(engine, view, dataStart, target, offset - carry, options);
      return;
    }
    const dataEnd = target + n;
    // Search only the bytes just read: searching back through a long carry is quadratic.
    const newlineInRead = view.subarray(target, dataEnd).lastIndexOf(10);
    const lastNewline = newlineInRead < 0 ? -1 : target + newlineInRead;
    if (lastNewline < target) {
      carryStart = dataStart;
      carry += n;
      // Past MAX_LINE_BYTES + 1 (a final '\r' does not count) the line is too long whatever follows;
      // the scan itself checks lines that end within a read.
      if (carry > MAX_LINE_BYTES + 1) throw lineTooLong(engine, view, dataStart, target + n);
    } else {
      scanRun(engine, view, dataStart, lastNewline + 1, offset - carry, options);
      carryStart = lastNewline + 1;
      carry = dataEnd - carryStart;
    }
    offset += n;
  }
}

function scanRun(engine: ScanEngine, view: Uint8Array, start: number, end: number, offset: number, options: ReadOptions): void {
  options.visitor?.(view, start, end, engine.linesSeen() + 1);
  const fault = engine.scan(start, end, offset);
  // The scan may have grown the engine's memory (views of it detach): a fresh view of the same bytes.
  if (fault) {
    const fresh = engine.reserve(0);
    // The input's last line, without a newline: a final '\r' is its ending (earlier lines end at their '\n').
    const lineEnd = fresh[end - 1] === 13 ? end - 1 : end;
    throw dataError(fault.line, withLineStart(framingMessage(fault.kind), fresh, fault.start, lineEnd));
  }
  options.afterScan?.(engine.reserve(0), start, end, offset);
}

/** The line that starts at view[start] and runs past `end` without a newline is too long. */
function lineTooLong(engine: ScanEngine, view: Uint8Array, start: number, end: number): HighestError {
  return dataError(engine.linesSeen() + 1, withLineStart(framingMessage("long"), view, start, end));
}

